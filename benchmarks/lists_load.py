"""List loading: every registered source from data/, parse-only (the baseline) vs the full load into Neo4j.

    .venv/bin/python -m benchmarks.lists_load [--repeat N] [--sources us_ofac_sdn,un_sc_sanctions] [--dump F]

Two throwaway Neo4j servers of its own (free ports, temp folders), because a new server's JVM spends
as much CPU compiling Neo4j's code (JIT) on its first list loads as on the loads themselves:

- **cold**: a new server, the schema, then the first load of every source, one after the other, with
  nothing before it on the server (what `ecgraph db start` then `ecgraph ingest lists` costs); each
  source is parsed once untimed first, in this process only, so its imports do not swell the baseline.
  Printed as its own line, first and again at the end.
- **warm**: a second new server, warmed by an untimed load and update of one tiny list (`WARM_UP`, 27
  entries: every write query runs once, so its plan exists), then per source and run, in the same
  process: (1) parse only — the publisher's file to ListEntry records, nothing written (the
  baseline); (2) the full `load_list` into an empty graph — archive, parse, map, diff, batched
  writes; (3) a reload of the same bytes, which must write nothing; (4) an updated version: the same
  file with 2 % of the entries renamed, 1 % dropped and 1 % added (a wrapper source mutates the parsed
  entries, a marker file changes the bytes), against (5) parsing that version alone. With `--repeat N`
  every run after the first is on a server that has loaded every list before (steady state); each
  run's totals are printed, and the table gives medians.

Both passes load into a graph without list entries, so, as `ecgraph ingest lists` does there, the entry-name
full-text index is dropped for the first loads and filled once after them (`name_index_filled_after`): that
fill is charged to the loads as a row of its own, `(entry-name index, filled after)`, with no parse.

Each step is timed by the wall clock and by CPU: this process (`time.process_time`) and the Neo4j JVM
(/proc/PID/stat), with the JVM's JIT compiler threads, its GC threads and its Bolt workers (which run the
queries) apart (/proc/PID/task/*). The machine is shared, so the wall clock
measures the other tenants too; the CPU ratio (client + server CPU-s of the load ÷ client CPU-s of the
parse) does not. Printed: medians per source and overall, both ratios, and the load average before
and after. `--dump F` writes the canonical dump of the list part of the graph after the first load of
every source (the check that a writer change leaves the same graph); `--no-cold` skips the cold server.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks._server import BenchServer, throwaway_server
from ecgraph.graph import Graph, apply_schema
from ecgraph.graph.lists import canonical_dump, name_index_filled_after
from ecgraph.ingest.lists import load_list, load_parsed, parse_list
from ecgraph.ingest.records import ListEntry, Name
from ecgraph.ingest.registry import SOURCES, get_source
from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.ingest.source import ListSource, ParseContext

CLEAR = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
STEPS = ("parse", "load", "reload", "update_parse", "update")


@dataclass
class Cost:
    wall: float
    cpu: float  # client + server CPU seconds
    server: float = 0.0  # of which the Neo4j JVM
    jit: float = 0.0  # of which the JVM's compiler threads (once per server start, not per entry)
    gc: float = 0.0  # of which the garbage collector's threads (G1)
    bolt: float = 0.0  # of which the threads that run the queries (Bolt workers)


@dataclass
class Timing:
    entries: int = 0
    runs: dict[str, list[Cost]] = field(default_factory=lambda: {step: [] for step in STEPS})
    reload_writes: int = 0
    update_counts: str = ""

    def median(self, step: str) -> Cost:
        costs = self.runs[step]
        return Cost(*(statistics.median(getattr(c, name) for c in costs) for name in _PARTS))


class UpdatedSource(ListSource):
    """The same publisher's file, one version later: some entries renamed, some dropped, some new."""

    def __init__(self, inner: ListSource) -> None:
        self.inner = inner
        self.id = inner.id  # type: ignore[misc]

    def version(self, files: dict[str, Path]) -> str:
        return self.inner.version({k: v for k, v in files.items() if k != "bench_update"})

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        real = {k: v for k, v in files.items() if k != "bench_update"}
        for n, entry in enumerate(self.inner.parse(real, ctx)):
            if n % 100 == 7:  # dropped: delisted by this version
                continue
            if n % 50 == 3:  # renamed: a changed entry
                entry = replace(entry, name=entry.name + " UPDATED", names=[*entry.names, Name(entry.name, "previous")])
            yield entry
            if n % 100 == 11:  # a new entry beside an old one
                yield replace(entry, source_id=f"{entry.source_id}-new", name=entry.name + " NEW", links=[])


def _jvm_cpu(pid: int) -> float:
    """CPU seconds (user + system) the server process has used so far."""
    return _cpu_of(Path(f"/proc/{pid}/stat"))


def _cpu_of(stat: Path) -> float:
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


_PARTS = ("wall", "cpu", "server", "jit", "gc", "bolt")
# JVM threads by what they do, by the start of their name (`/proc/PID/task/*/comm`)
_THREADS = {"jit": ("C1 Compiler", "C2 Compiler"), "gc": ("GC Thread", "G1 "), "bolt": ("neo4j.BoltWorke",)}


def _thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds of the JVM's JIT compiler threads (warming a new server), its GC threads and its Bolt workers.
    A thread that ended took its CPU with it, so these are lower bounds (Bolt workers and compilers live long)."""
    totals = dict.fromkeys(_THREADS, 0.0)
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text()
            group = next((g for g, starts in _THREADS.items() if name.startswith(starts)), None)
            if group is not None:
                totals[group] += _cpu_of(task / "stat")
        except OSError:  # the thread ended
            continue
    return totals


def _timed(pid: int, run: Callable[[], Any]) -> tuple[Cost, Any]:
    wall, client, server, threads = time.perf_counter(), time.process_time(), _jvm_cpu(pid), _thread_cpu(pid)
    result = run()
    server_cpu, after = _jvm_cpu(pid) - server, _thread_cpu(pid)
    return Cost(time.perf_counter() - wall, time.process_time() - client + server_cpu, server_cpu,
                *(after[g] - threads[g] for g in _THREADS)), result


WARM_UP = "jp_mofa_belarus_specified"  # 27 entries with addresses, identifiers and countries: every write query runs


def warm_up(graph: Graph, data_dir: Path) -> None:
    """Plan every list query once, on the schema the runs use (plans made before the schema exists are
    discarded when it is created). Tiny on purpose: what the JVM compiles for the big lists' volume is
    still charged to them (the cold pass shows the rest)."""
    apply_schema(graph)
    began = time.perf_counter()
    load_list(graph, WARM_UP, data_dir=data_dir)
    _load_update(graph, get_source(WARM_UP), {**get_source(WARM_UP).snapshot_files(snapshot_dir()),
                                              "bench_update": _marker("warm-up")}, data_dir)
    print(f"  warm-up: loaded and updated {WARM_UP} in {time.perf_counter() - began:.1f} s (not counted)",
          flush=True)


def _marker(text: str) -> Path:
    """A file whose bytes make the updated version's content hash differ from the published one."""
    marker = Path(tempfile.mkdtemp(prefix="ecgraph-bench-update-")) / "update.txt"
    marker.write_text(text + "\n")
    return marker


def _load_update(graph: Graph, source: ListSource, files: dict[str, Path], data_dir: Path) -> Any:
    meta = source.meta
    list_props = {"source": source.id, "title": meta.title, "publisher": meta.publisher,
                  "country": meta.country, "kind": "public", "url": meta.url}
    return load_parsed(graph, UpdatedSource(source), source.id, list_props, files, origin="file",
                       data_dir=data_dir, expected=None)


def cold(bench: BenchServer, graph: Graph, sources: list[str]) -> dict[str, Timing]:
    """A new server's first load of every source, nothing before it but the schema (not timed).

    Every source is parsed once first, untimed and client-side only (the server does nothing): a parser's
    first run in a process pays its imports, which would swell the baseline the load is divided by."""
    pid = bench.server.state().pid
    assert pid is not None, "the throwaway server is not running"
    for source_id in sources:
        source = get_source(source_id)
        parse_list(source, source.snapshot_files(snapshot_dir()), expected=None)
    apply_schema(graph)
    timings = {s: Timing() for s in sources}
    with ExitStack() as after_loads:
        after_loads.enter_context(name_index_filled_after(graph))
        for source_id in sources:
            t = timings[source_id]
            source = get_source(source_id)
            cost, parsed = _timed(pid, partial(parse_list, source, source.snapshot_files(snapshot_dir()),
                                               expected=None))
            t.runs["parse"].append(cost)
            t.entries = len(parsed.entries)
            t.runs["load"].append(_timed(pid, partial(load_list, graph, source_id,
                                                      data_dir=bench.settings.data_dir))[0])
        _name_index_row(timings, _timed(pid, after_loads.close)[0])
    return timings


NAME_INDEX_ROW = "(entry-name index, filled after)"


def _name_index_row(timings: dict[str, Timing], cost: Cost) -> None:
    """What filling the entry-name full-text index after the first loads cost (`ecgraph ingest lists` does the
    same on a graph without entries): charged to the loads, as a row of its own with no parse."""
    t = timings.setdefault(NAME_INDEX_ROW, Timing())
    t.runs["load"].append(cost)
    for step in ("parse", "reload", "update_parse", "update"):
        t.runs[step].append(Cost(0.0, 0.0))


def run(bench: BenchServer, graph: Graph, sources: list[str], repeat: int, dump: Path | None) -> dict[str, Timing]:
    pid = bench.server.state().pid
    assert pid is not None, "the throwaway server is not running"
    data_dir = bench.settings.data_dir
    timings = {s: Timing() for s in sources}
    data = snapshot_dir()
    marker = _marker("bench update")
    warm_up(graph, data_dir)
    for attempt in range(repeat):
        graph.write_autocommit(CLEAR)
        apply_schema(graph)
        with ExitStack() as after_loads:
            after_loads.enter_context(name_index_filled_after(graph))  # the graph is empty
            for source_id in sources:
                t = timings[source_id]
                source = get_source(source_id)
                files = source.snapshot_files(data)
                cost, parsed = _timed(pid, partial(parse_list, source, files, expected=None))
                t.runs["parse"].append(cost)
                t.entries = len(parsed.entries)
                t.runs["load"].append(_timed(pid, partial(load_list, graph, source_id, data_dir=data_dir))[0])
                cost, again = _timed(pid, partial(load_list, graph, source_id, data_dir=data_dir))
                t.runs["reload"].append(cost)
                t.reload_writes += again.writes
            _name_index_row(timings, _timed(pid, after_loads.close)[0])
        if dump is not None and attempt == 0:
            lines = canonical_dump(graph)
            dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"  dump: {len(lines):,} lines, sha256 {hashlib.sha256(dump.read_bytes()).hexdigest()[:16]} "
                  f"-> {dump}", flush=True)
        for source_id in sources:
            t = timings[source_id]
            source = get_source(source_id)
            files = {**source.snapshot_files(data), "bench_update": marker}
            t.runs["update_parse"].append(
                _timed(pid, partial(parse_list, UpdatedSource(source), files, expected=None))[0])
            cost, updated = _timed(pid, partial(_load_update, graph, source, files, data_dir))
            t.runs["update"].append(cost)
            t.update_counts = f"+{updated.added} ~{updated.changed} -{updated.removed} ={updated.unchanged}"
            r = {step: t.runs[step][-1] for step in STEPS}
            print(f"  run {attempt + 1}/{repeat} {source_id}: {t.entries:,} entries; wall s parse "
                  f"{r['parse'].wall:.1f} load {r['load'].wall:.1f} reload {r['reload'].wall:.2f} update "
                  f"{r['update'].wall:.1f} ({t.update_counts}); CPU s parse {r['parse'].cpu:.1f} "
                  f"load {r['load'].cpu:.1f} update {r['update'].cpu:.1f}", flush=True)
        kind = "after the tiny warm-up" if attempt == 0 else "steady: every list loaded before on this server"
        print(f"  run {attempt + 1}/{repeat} TOTAL ({kind}): {_totals(timings, -1)}", flush=True)
    return timings


def _sum(timings: dict[str, Timing], step: str, run: int) -> Cost:
    costs = [t.runs[step][run] for t in timings.values()]
    return Cost(*(sum(getattr(c, name) for c in costs) for name in _PARTS))


def _totals(timings: dict[str, Timing], run: int) -> str:
    """One run's first load against its parse, summed over the sources: CPU and wall ratios, CPU parts."""
    parse, load = _sum(timings, "parse", run), _sum(timings, "load", run)
    text = (f"first load / parse by CPU {_ratio(load.cpu, parse.cpu)} ({load.cpu:.1f} / {parse.cpu:.1f} CPU-s: "
            f"client {load.cpu - load.server:.1f}, server {load.server:.1f} of which JIT {load.jit:.1f}, GC "
            f"{load.gc:.1f}, Bolt workers {load.bolt:.1f}; without "
            f"JIT {_ratio(load.cpu - load.jit, parse.cpu)}), by wall {_ratio(load.wall, parse.wall)} "
            f"({load.wall:.1f} / {parse.wall:.1f} s)")
    if timings and all(t.runs["update"] for t in timings.values()):
        update, update_parse = _sum(timings, "update", run), _sum(timings, "update_parse", run)
        text += f"; update / its parse by CPU {_ratio(update.cpu, update_parse.cpu)}"
    return text


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b > 0 else "-"


def report(timings: dict[str, Timing], loadavg: tuple[str, str]) -> None:
    print(f"\n{'source':32} {'entries':>7} | {'parse':>6} {'load':>6} {'ratio':>6} {'upd.p':>6} {'update':>6} "
          f"{'ratio':>6} {'reload':>6} | {'parse':>6} {'load':>6} {'ratio':>6} {'update':>6} {'ratio':>6}")
    print(f"{'':32} {'':>7} | {'wall s':^48} | {'CPU s (client + server)':^34}")
    totals = {step: Cost(0.0, 0.0) for step in STEPS}
    entries = 0
    for source_id, t in timings.items():
        m = {step: t.median(step) for step in STEPS}
        entries += t.entries
        for step in STEPS:
            totals[step] = Cost(*(getattr(totals[step], name) + getattr(m[step], name) for name in _PARTS))
        _row(source_id, t.entries, m)
    _row("TOTAL (sum of medians)", entries, totals)
    writes = sum(t.reload_writes for t in timings.values())
    share = (totals["load"].wall - totals["parse"].wall) / totals["load"].wall if totals["load"].wall else 0.0
    print(f"\nbaseline = parse only (file -> ListEntry records). load = archive + parse + map + diff + writes "
          f"into an empty graph; update = a version with 2 % renamed, 1 % dropped, 1 % added, against its own "
          f"parse. ratio = load / parse. Writes by reloading identical bytes: {writes} (must be 0). Graph share of "
          f"first-load wall time: {share:.0%}. Entries per CPU-s of a first load: "
          f"{entries / totals['load'].cpu:,.0f} (two idle cores: {2 * entries / totals['load'].cpu:,.0f}/s). "
          f"First-load CPU: client {totals['load'].cpu - totals['load'].server:.1f} s, server "
          f"{totals['load'].server:.1f} s, of which JIT compiling {totals['load'].jit:.1f} s; update CPU: client "
          f"{totals['update'].cpu - totals['update'].server:.1f} s, server {totals['update'].server:.1f} s. "
          f"Load average (1 min) before {loadavg[0]}, after {loadavg[1]}.")


def _row(name: str, entries: int, m: dict[str, Cost]) -> None:
    print(f"{name:32} {entries:>7,} | {m['parse'].wall:>6.2f} {m['load'].wall:>6.2f} "
          f"{_ratio(m['load'].wall, m['parse'].wall):>6} {m['update_parse'].wall:>6.2f} {m['update'].wall:>6.2f} "
          f"{_ratio(m['update'].wall, m['update_parse'].wall):>6} {m['reload'].wall:>6.2f} | "
          f"{m['parse'].cpu:>6.2f} {m['load'].cpu:>6.2f} {_ratio(m['load'].cpu, m['parse'].cpu):>6} "
          f"{m['update'].cpu:>6.2f} {_ratio(m['update'].cpu, m['update_parse'].cpu):>6}")


def _loadavg() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=1, help="runs per source (medians are printed)")
    parser.add_argument("--sources", default="", help="comma-separated source ids (default: every registered)")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold pass on a server of its own")
    parser.add_argument("--dump", type=Path, help="write the canonical dump of the list graph after the first load")
    args = parser.parse_args(argv)
    sources = [s for s in args.sources.split(",") if s] or sorted(SOURCES)
    before = _loadavg()
    if not args.no_cold:
        with throwaway_server(prefix="ecgraph-bench-lists-cold-") as bench, bench.graph() as graph:
            cold_timings = cold(bench, graph, sources)
        print(f"COLD (a new server's first load of every list, no warm-up; load average {before} -> "
              f"{_loadavg()}): {_totals(cold_timings, 0)}", flush=True)
    with throwaway_server(prefix="ecgraph-bench-lists-") as bench, bench.graph() as graph:
        timings = run(bench, graph, sources, args.repeat, args.dump)
        report(timings, (before, _loadavg()))
    if not args.no_cold:
        print(f"\nCOLD, a new server's first load of every list with no warm-up: {_totals(cold_timings, 0)}")


if __name__ == "__main__":
    main()
