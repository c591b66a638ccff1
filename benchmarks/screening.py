"""Screening throughput end to end: N generated declarations through party matching and every rule.

Loads the control lists and the lists the generator draws listed parties from (the US CSL), the
declarations and their ownership statements into a throwaway Neo4j, then times `screen_parties` and
`screen(mode="all")`, printing declarations per second, the time split by rule, and the ratio against a
baseline measured in the same run: one indexed pass that reads every declaration with its items and
parties (the least any screening must do).

Then a list update, twice over: a watch list gains `--update-entries` entries (half of them names of
consignees in the world) and `screen --lists-changed`'s path (re-match against the changed entries,
screen what they reach) is timed against the full path a second, same-sized update takes without it
(re-match every party against every entry, screen everything).

Then a rule-version change: `--changed-rule` gets a new version and `screen(mode="rules-changed")` re-runs
only that rule over every declaration.

Every phase prints its wall-clock rate and a CPU-based rate (client + Neo4j server CPU-seconds, read from
getrusage and the JVM's /proc stat; the rate two idle cores would give is work / (CPU-seconds / 2)), the
load average, the peak RSS of the client, of its worker processes (the Cypher worker of a large run) and of the server,
so runs on a busy machine stay comparable.
The server's heap and page cache are sized by `ecgraph db tune` for the volume (graph/sizing.py).

    python -m benchmarks.screening --declarations 100000 --repeat 3    # each run printed, then the medians
    python -m benchmarks.screening --declarations 100000 --repeat 3 --bulk --skip list-update,rule-change
    python -m benchmarks.screening --declarations 1000000 --bulk --skip full-rematch   # neo4j-admin import world
    python -m benchmarks.screening --declarations 1000000 --bulk --world DIR --repeat 0 --skip full-rematch
        # on a world kept in DIR and screened by an earlier run: only the list update and the rule change
    python -m benchmarks.screening --declarations 20000 --bulk --online-baseline   # + bulk vs online ratio
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from benchmarks._server import free_port, stop_on_signals, throwaway_server
from ecgraph.demo.declarations import GENERATOR, generate
from ecgraph.graph import Graph, LocalServer, apply_schema, load_settings
from ecgraph.graph.connection import connect
from ecgraph.graph.local import generate_password
from ecgraph.graph.maven import resolve_jars
from ecgraph.graph.ownership import write_ownership
from ecgraph.graph.screening import declarations_touched_by_list_changes
from ecgraph.graph.sizing import size_for
from ecgraph.ingest.controls.load import load_all_controls
from ecgraph.ingest.declarations.bulk import bulk_load
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.lists import load_custom_list, load_list
from ecgraph.ingest.ownership import parse_bods
from ecgraph.rules.engine import screen
from ecgraph.rules.engine.pack import load_rules, mass_registration_min
from ecgraph.rules.resolution import rescreen_list_changes, screen_parties

CACHE = Path("/tmp/ecgraph-bench")
_READ_OF_D = """
OPTIONAL MATCH (d)-[:HAS_ITEM]->(i:GoodsItem)
OPTIONAL MATCH (d)-[r]->(p:Party)
RETURN count(DISTINCT d) AS declarations, count(DISTINCT i) AS items, count(DISTINCT p) AS parties
"""
BASELINE = "MATCH (d:Declaration)" + _READ_OF_D
# the same read over some declarations only ($numbers)
BASELINE_OF = "MATCH (d:Declaration) WHERE d.number IN $numbers" + _READ_OF_D


class WorkerPeak:
    """The largest peak RSS (VmHWM) among this process's children other than the server, sampled each second
    while a phase runs: the Cypher worker of a large screening run ends with the run, and
    getrusage(RUSAGE_CHILDREN) would give the largest child that ever ended (the bulk importer's JVM)."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid, self.peak_kib = server_pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="worker-peak", daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while True:
            for pid in _children(os.getpid()):
                if pid != self.server_pid:
                    self.peak_kib = max(self.peak_kib, _peak_kib(pid))
            if self._stop.wait(1.0):
                return

    def done(self) -> float:
        """Peak MiB of the phase's workers (0 when it started none)."""
        self._stop.set()
        self._thread.join()
        return self.peak_kib / 1024


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue  # ended while being read
    return found


def _peak_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class Meter:
    """Wall clock, client and server CPU-seconds, the load average and peak memory over one phase."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid
        self.workers = WorkerPeak(server_pid)
        self.cpu = 0.0
        self.wall, self.client, self.server = time.perf_counter(), _client_cpu(), _server_cpu(server_pid)
        self.own = _own_cpu()
        self.split = ""

    def done(self, label: str, work: int) -> float:
        wall = time.perf_counter() - self.wall
        client, own = _client_cpu() - self.client, _own_cpu() - self.own
        server = _server_cpu(self.server_pid) - self.server
        cpu = client + server
        self.cpu = cpu
        # this process's own CPU bounds a single process's wall rate: work / own is the best it could reach
        self.split = (f"client {client:.1f} (this process {own:.1f}, its ended children {client - own:.1f}) + server "
                      f"{server:.1f} CPU-s; this process alone could reach {work / max(own, 1e-9):,.0f}/s")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rates = f"{work / wall:9,.0f}/s wall  {work / max(cpu / 2, 1e-9):9,.0f}/s on 2 idle cores  " if work > 1 else ""
        workers = self.workers.done()
        print(f"  {label:<34} {wall:8.1f} s  {rates}({cpu:.1f} CPU-s)  load {os.getloadavg()[0]:.1f}  peak RSS client "
              f"{rss:,.0f} MiB, " + (f"its workers {workers:,.0f} MiB, " if workers else "")
              + f"server {_server_peak_mib(self.server_pid):,.0f} MiB", flush=True)
        if work > 1:
            print(f"  {'':<34} {self.split}", flush=True)
        return wall


def _client_cpu() -> float:
    """This process and its ended children: party matching's worker pool runs in forked processes, whose CPU
    getrusage(RUSAGE_SELF) never sees (a phase would look nearly free)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime + _children_cpu()


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _children_cpu() -> float:
    """Children that have ended: the bulk CSV pass's workers, neo4j-admin."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _server_cpu(pid: int | None) -> float:
    """User + system CPU-seconds of the Neo4j JVM."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_peak_mib(pid: int | None) -> float:
    if pid is None:
        return 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed(label: str, fn, pid: int | None = None, work: int = 1):  # type: ignore[no-untyped-def]
    meter = Meter(pid)
    value = fn()
    return value, meter.done(label, work)


def timed_cpu(label: str, fn, pid: int | None, work: int):  # type: ignore[no-untyped-def]
    """`timed`, also returning the phase's client + server CPU-seconds."""
    meter = Meter(pid)
    value = fn()
    wall = meter.done(label, work)
    return value, wall, meter.cpu


def generated(n: int, seed: int) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"screening-{n}-s{seed}-{GENERATOR.rsplit('.', 1)[-1]}.jsonl"  # a new generator, a new file
    if not path.exists():
        timed(f"generate {n} declarations", lambda: generate(n, seed, path), work=n)
    return path


def world(graph: Graph, path: Path, data_dir: Path, *, declarations_loaded: bool = False,
          pid: int | None = None) -> float:
    """Lists, declarations (unless the bulk path loaded them) and ownership; the declarations' load seconds."""
    apply_schema(graph)
    timed("load control lists", lambda: load_all_controls(graph), pid)
    timed("load us_trade_csl", lambda: load_list(graph, "us_trade_csl", data_dir=data_dir), pid)
    seconds = 0.0
    if not declarations_loaded:
        _, seconds = timed("load declarations (online)", lambda: load_file(graph, path, state_dir=data_dir / "state"),
                           pid, _records(path))
    facts = parse_bods(Path(str(path) + ".bods.json"))
    timed("load ownership", lambda: write_ownership(graph, list(facts.parties.values()), facts.edges, facts.officers,
                                                    facts.identifiers), pid)
    return seconds


def _records(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


@contextmanager
def bench_graph(path: Path, bulk: bool, heap: str, pagecache: str,
                world_dir: Path | None = None) -> Iterator[tuple[Graph, Path, int | None, float]]:
    """(graph, data dir, server pid, seconds the declarations took to load) on a throwaway server.

    With `world_dir` (bulk only) the world is built there and kept; a later run with the same folder starts
    its server and reuses the world (load seconds 0), so a rule can be profiled on it again and again."""
    if not bulk:
        with throwaway_server(heap=heap, pagecache=pagecache) as bench, bench.graph() as graph:
            pid = bench.server.state().pid
            seconds = world(graph, path, bench.settings.data_dir, pid=pid)
            yield graph, bench.settings.data_dir, pid, seconds
        return
    settings = load_settings()
    home = world_dir or Path(tempfile.mkdtemp(prefix="ecgraph-bench-bulk-"))
    home.mkdir(parents=True, exist_ok=True)
    server = LocalServer(home=home / "neo4j", lib_dir=resolve_jars(settings.cache_dir, settings.neo4j_version,
                                                                     settings.browser_version),
                         bolt_port=free_port(), http_port=free_port(), heap=heap, pagecache=pagecache,
                         java_home=settings.java_home)
    secret = home / "password"
    built = world_dir is not None and secret.exists() and (home / "world-built").exists()
    password = secret.read_text().strip() if built else generate_password()
    with stop_on_signals():
        try:
            seconds = 0.0
            if built:
                server.start(user="neo4j", password=password, timeout=600)
                print(f"  reusing the world in {home}", flush=True)
            else:
                with os.fdopen(os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as fh:
                    fh.write(password)  # private from the start, as the server's own credentials are
                started, cpu = time.perf_counter(), _client_cpu()
                load = bulk_load(server, "neo4j", password, [path], state_dir=home / "state")
                seconds = time.perf_counter() - started
                cpu = _client_cpu() - cpu + _server_cpu(server.state().pid)
                records = _records(path)
                print(f"  bulk load (CSV {load.csv_seconds:.0f} s, import {load.import_seconds:.0f} s, start "
                      f"{load.start_seconds:.0f} s, schema {load.schema_seconds:.0f} s) {seconds:8.1f} s  "
                      f"{records / seconds:,.0f} records/s wall  {records / (cpu / 2):,.0f}/s on 2 idle cores "
                      f"({cpu:.1f} CPU-s: this process, CSV workers, neo4j-admin, server)  load "
                      f"{os.getloadavg()[0]:.1f}", flush=True)
            with connect(server.bolt_uri, "neo4j", password) as graph:
                pid = server.state().pid
                if not built:
                    world(graph, path, home / "data", declarations_loaded=True, pid=pid)
                    (home / "world-built").touch()
                yield graph, home / "data", pid, seconds
        finally:
            server.stop(grace=60)
            if world_dir is None:
                shutil.rmtree(home, ignore_errors=True)


def online_seconds(path: Path, heap: str, pagecache: str) -> float:
    """The same file through the online loader on its own throwaway server (the bulk path's baseline)."""
    with throwaway_server(heap=heap, pagecache=pagecache, prefix="ecgraph-bench-online-") as bench, \
            bench.graph() as graph:
        apply_schema(graph)
        _, seconds = timed("load declarations (online baseline)",
                           lambda: load_file(graph, path, state_dir=bench.home / "state"),
                           bench.server.state().pid, _records(path))
        return float(seconds)


def watch_list(graph: Graph, path: Path, version: int, size: int, data_dir: Path) -> None:
    """Version `version` of a watch list: every earlier version's entries and `size` new ones, half of them
    consignees of the world (a list grows: an update adds entries, it does not replace the list)."""
    names = [r["name"] for r in graph.read("MATCH (:Declaration)-[:CONSIGNEE]->(p:Party) "
                                           "RETURN DISTINCT p.name AS name ORDER BY name")]
    rows = []
    for v in range(1, version + 1):
        rng = random.Random(v)
        for n in range(size):
            name = rng.choice(names) if n % 2 == 0 else f"Watch Target {v}-{n} Trading LLC"
            rows.append({"id": f"v{v}-{n}", "name": name, "type": "organization"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    load_custom_list(graph, "bench-watch", path, data_dir=data_dir)


def next_watch_version(graph: Graph, size: int) -> int:
    """1 on a new world; on a kept one, the version after those its earlier runs loaded."""
    rows = graph.read("MATCH (e:ListEntry {source: 'custom:bench-watch'}) RETURN count(e) AS n")
    return 1 + int(rows[0]["n"]) // size


def rematch_and_reach(graph: Graph, cache: Path, steps: dict[str, float] | None = None) -> list[str]:
    """After a list update: party re-matching, then the declarations its changed matches reach (what a
    `--lists-changed` run screens); each step's seconds into `steps` when given."""
    started = time.perf_counter()
    report = rescreen_list_changes(graph, cache_dir=cache)
    rematched = time.perf_counter()
    reached = declarations_touched_by_list_changes(graph, report.parties_changed, report.entries,
                                                   mass_registration_min=mass_registration_min(load_rules()))
    if steps is not None:
        steps.update({"party re-match": rematched - started, "reach": time.perf_counter() - rematched})
    return reached


def list_update(graph: Graph, cache: Path, data_dir: Path, size: int, pid: int | None,
                full_path: bool = True) -> tuple[float, float | None]:
    """(seconds for the --lists-changed path, seconds for the full path), each after a `size`-entry update.

    Without `full_path` the second update is not timed (None): at a million declarations the full path is
    another party matching and full screening, which this run has just timed."""
    path = data_dir / "bench-watch.jsonl"
    version = next_watch_version(graph, size)
    watch_list(graph, path, version, size, data_dir)
    screened = 0
    steps: dict[str, float] = {}

    def delta() -> int:
        nonlocal screened
        report = screen(graph, mode="lists-changed", declarations=rematch_and_reach(graph, cache, steps))
        steps.update(report.phase_seconds)
        screened = report.declarations
        return screened

    _, delta_s = timed(f"--lists-changed after +{size} entries", delta, pid)
    print(f"  ({screened} declarations re-screened by the --lists-changed path; by step: "
          f"{', '.join(f'{step} {seconds:.1f} s' for step, seconds in steps.items())})")
    if not full_path:
        return delta_s, None
    watch_list(graph, path, version + 1, size, data_dir)

    def full() -> int:
        screen_parties(graph, cache_dir=cache)
        return screen(graph, mode="all").declarations

    _, full_s = timed(f"full re-match after +{size} entries", full, pid)
    return delta_s, full_s


def rule_change(graph: Graph, rule_id: str, pid: int | None, declarations: int) -> tuple[float, list[str]]:
    """A new version of one rule: seconds of the rules-changed run, and the rules it ran."""
    rules = load_rules()
    if rule_id not in {r.id for r in rules}:
        raise SystemExit(f"--changed-rule {rule_id}: no such rule")
    bumped = [replace(r, version=r.version + 1) if r.id == rule_id else r for r in rules]
    report, seconds = timed(f"rule {rule_id} changed: re-run it", lambda: screen(graph, mode="rules-changed", rules=bumped),
                            pid, declarations)
    return seconds, sorted(report.rule_seconds)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--declarations", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=1,
                        help="screening runs; medians are printed (0: no full run — build the world, or on a kept "
                             "--world screened before, time only the list update and rule change)")
    parser.add_argument("--update-entries", type=int, default=100, help="entries per simulated list update")
    parser.add_argument("--changed-rule", default="RF-06", help="the rule whose new version is re-screened")
    parser.add_argument("--bulk", action="store_true", help="load the declarations with neo4j-admin import")
    parser.add_argument("--online-baseline", action="store_true",
                        help="with --bulk: also load the file online on a second server, for the bulk/online ratio")
    parser.add_argument("--world", type=Path, default=None,
                        help="with --bulk: build the world in this folder and keep it; reuse it when it is there")
    parser.add_argument("--skip", default="",
                        help="phases to leave out, comma-separated: list-update, rule-change, full-rematch (the list "
                             "update's full path; its ratio is then against this run's party matching + rules)")
    args = parser.parse_args(argv)
    skip = {p.strip() for p in args.skip.split(",") if p.strip()}
    phases = {"list-update", "rule-change", "full-rematch"}
    if skip - phases:
        parser.error(f"--skip: unknown phases {sorted(skip - phases)}; known: {', '.join(sorted(phases))}")
    if args.world is not None and not args.bulk:
        parser.error("--world needs --bulk")
    sizing = size_for(args.declarations)
    print(f"building the world ({args.declarations} declarations; heap {sizing.heap}, page cache {sizing.pagecache} "
          f"as `ecgraph db tune --declarations {args.declarations}` sizes them)…", flush=True)
    path = generated(args.declarations, args.seed)
    with bench_graph(path, args.bulk, sizing.heap, sizing.pagecache, args.world) as (graph, data_dir, pid, load_s):
        cache = data_dir / "resolution"
        n = args.declarations
        _, match_s = timed("party matching (index + screen)", lambda: screen_parties(graph, cache_dir=cache), pid, n)
        baselines, runs, cpus, reports = [], [], [], []
        for repeat in range(1, args.repeat + 1):
            _, b = timed("baseline: read every declaration", lambda: graph.read(BASELINE), pid, n)
            baselines.append(b)
            report, s, cpu = timed_cpu(f"rules over every declaration ({repeat}/{args.repeat})",
                                       lambda: screen(graph, mode="all"), pid, n)
            runs.append(s)
            cpus.append(cpu)
            reports.append(report)
        if not runs and not {"list-update", "rule-change"} <= skip:
            # a kept, screened world re-screened only (--repeat 0): the same-run baseline is the read
            _, b = timed("baseline: read every declaration", lambda: graph.read(BASELINE), pid, n)
            baselines.append(b)
        if "list-update" not in skip:
            delta_s, full_s = list_update(graph, cache, data_dir, args.update_entries, pid,
                                          full_path="full-rematch" not in skip)
        if "rule-change" not in skip:
            change_s, changed = rule_change(graph, args.changed_rule, pid, n)
    if not runs:
        print("no full screening runs (--repeat 0): the world is built" + (f" and kept in {args.world}" if args.world else ""))
        if baselines and "list-update" not in skip:
            print(f"list update of {args.update_entries} entries: --lists-changed {delta_s:.1f} s, "
                  f"{delta_s / baselines[0]:.1f}x this run's read of every declaration ({baselines[0]:.1f} s)")
        if baselines and "rule-change" not in skip:
            print(f"rule version change ({args.changed_rule}): {change_s:.1f} s re-running {', '.join(changed) or 'nothing'} "
                  f"over every declaration, {change_s / baselines[0]:.1f}x this run's read of every declaration")
        return
    baseline, total, cpu_total = statistics.median(baselines), statistics.median(runs), statistics.median(cpus)
    report = reports[-1]
    print(f"\nscreened {report.declarations} declarations: rules {report.declarations / total:,.0f} declarations/s "
          f"wall, {report.declarations / (cpu_total / 2):,.0f}/s on 2 idle cores ({cpu_total:.1f} CPU-s) (medians "
          f"of {len(runs)}: {', '.join(f'{s:.1f} s / {c:.1f} CPU-s' for s, c in zip(runs, cpus, strict=True))}), "
          f"{total / baseline:.1f}x the baseline read; party matching "
          f"{report.declarations / match_s:,.0f} declarations/s; {report.alerts_total} alerts.")
    print("time by rule (last run; Cypher rules run beside the predicates, so times overlap):")
    for rule_id, seconds in sorted(report.rule_seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {rule_id:<6} {seconds:8.2f} s  {seconds / total:6.1%}")
    print("time by phase (last run): " + ", ".join(f"{phase} {seconds:.1f} s"
                                                   for phase, seconds in report.phase_seconds.items()))
    if "list-update" not in skip and full_s is not None:
        print(f"list update of {args.update_entries} entries: --lists-changed {delta_s:.1f} s vs full re-match "
              f"{full_s:.1f} s ({full_s / delta_s:.1f}x faster)")
    elif "list-update" not in skip:
        measured = match_s + total
        print(f"list update of {args.update_entries} entries: --lists-changed {delta_s:.1f} s vs {measured:.1f} s for "
              f"this run's party matching + rules over every declaration, the full path's work "
              f"({measured / delta_s:.1f}x faster; the full path itself not re-run: --skip full-rematch)")
    if "rule-change" not in skip:
        print(f"rule version change ({args.changed_rule}): {change_s:.1f} s re-running {', '.join(changed) or 'nothing'} "
              f"vs {total:.1f} s for every rule ({total / change_s:.1f}x faster)")
    if args.bulk and args.online_baseline:
        online = online_seconds(path, sizing.heap, sizing.pagecache)
        print(f"declarations load at {args.declarations}: bulk {load_s:.1f} s vs online {online:.1f} s "
              f"({online / load_s:.2f}x)")
    if report.inactive:
        print("inactive: " + ", ".join(f"{k} ({v})" for k, v in sorted(report.inactive.items())))


if __name__ == "__main__":
    main()
