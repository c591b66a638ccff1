"""Crash trials and analyst latency under screening (issue 16): the figures that say a bad day loses nothing.

On a throwaway Neo4j with the control lists and N generated declarations:

1. baseline: a clean load (its counts) and a clean screening run (its alerts), with analyst queries
   running meanwhile and alone: p50/p95 latency of each, and the ratio (the same run, the same queries);
2. crash trials, in turn: `kill -9` of `ecgraph ingest declarations` mid-load then `--resume`;
   `kill -9` of the Neo4j JVM mid-load, a restart, then `--resume`; `kill -9` of `ecgraph screen`
   mid-run then a new `ecgraph screen`. After each, the counts are compared with the baseline:
   lost = fewer declarations / versions / items / alerts; duplicated = more, or a key seen twice.

When to kill is decided by progress, not by the clock (kill times drawn from a baseline measured under
load missed on a quiet machine): each attempt draws a fraction of the baseline's rows (declaration
versions for a load, alerts for a screening run) and kills once the graph holds that many while the
process still runs. Whether the kill landed mid-process is then read from the graph, not assumed: a
killed load left some but not all versions; a killed screening left its run `running`. An attempt that
missed is counted as such (its counts are still compared) and the trial is drawn again, up to
`--attempts` times. The soak fails its own aim unless every planned trial landed.

    python -m benchmarks.soak --trials 21 --declarations 1000     # make soak
    python -m benchmarks.soak --trials 1 --declarations 60 --no-latency   # what make test runs
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks._server import BenchServer, throwaway_server
from ecgraph.demo.declarations import generate
from ecgraph.graph import Graph, apply_schema
from ecgraph.graph.analyst import declaration_overview, find_parties
from ecgraph.graph.server import port_is_free
from ecgraph.ingest.controls.load import load_all_controls

__all__ = ["KINDS", "TrialResult", "main", "run_soak", "trial_plan"]

KINDS = ("ingest", "screening", "neo4j")
COUNTS = """
CALL () { MATCH (d:Declaration) RETURN count(d) AS declarations, count(DISTINCT d.number) AS numbers }
CALL () { MATCH (v:DeclarationVersion) RETURN count(v) AS versions, count(DISTINCT v.id) AS version_ids }
CALL () { MATCH (:Declaration)-[:HAS_ITEM]->(i:GoodsItem) RETURN count(i) AS items }
CALL () { MATCH (a:Alert)-[:ON]->(d:Declaration) WHERE a.status IN ['open', 'in_review', 'escalated']
          RETURN count(a) AS alerts, count(DISTINCT [a.rule_id, d.number]) AS alert_keys }
RETURN declarations, numbers, versions, version_ids, items, alerts, alert_keys
"""
WIPE_DECLARATIONS = """
MATCH (n) WHERE n:Declaration OR n:DeclarationVersion OR n:GoodsItem OR n:Party OR n:Address OR n:Alert
             OR n:AlertEvent OR n:ScreeningRun OR n:Lock
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""
VERSIONS = "MATCH (v:DeclarationVersion) RETURN count(v) AS n"
ALERTS = "MATCH (a:Alert) RETURN count(a) AS n"
UNFINISHED_RUNS = "MATCH (r:ScreeningRun {status: 'running'}) RETURN count(r) AS n"
WIPE_ALERTS = """
MATCH (n) WHERE n:Alert OR n:AlertEvent OR n:ScreeningRun OR n:Lock CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""


@dataclass
class TrialResult:
    """One kill attempt: when it fired, whether it landed mid-process (read from the graph), the counts."""

    kind: str
    killed_after_s: float
    lost: int
    duplicated: int
    landed: bool = False
    progress: str = ""  # rows at the kill trigger and after the kill, of the baseline's total
    detail: dict[str, Any] = field(default_factory=dict)


def counts(graph: Graph) -> dict[str, int]:
    return {k: int(v) for k, v in graph.read(COUNTS)[0].items()}


def compare(expected: dict[str, int], got: dict[str, int], keys: tuple[str, ...]) -> tuple[int, int]:
    """(lost, duplicated): how far below / above the baseline, plus keys seen more than once."""
    lost = sum(max(0, expected[k] - got[k]) for k in keys)
    duplicated = sum(max(0, got[k] - expected[k]) for k in keys)
    duplicated += max(0, got["declarations"] - got["numbers"]) + max(0, got["versions"] - got["version_ids"])
    duplicated += max(0, got["alerts"] - got["alert_keys"])
    return lost, duplicated


class Soak:
    def __init__(self, bench: BenchServer, workdir: Path, declarations: int, seed: int, batch_size: int = 50) -> None:
        self.bench = bench
        self.batch_size = batch_size
        self.env = {**os.environ, "NEO4J_URI": str(bench.settings.uri), "NEO4J_USER": bench.settings.user,
                    "NEO4J_PASSWORD": str(bench.settings.password), "ECGRAPH_DATA_DIR": str(bench.settings.data_dir)}
        self.source = workdir / "declarations.jsonl"
        generate(declarations, seed, self.source)
        self.graph = bench.graph()
        apply_schema(self.graph)

    def ecgraph(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "ecgraph.cli", *args], env=self.env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def finish(self, *args: str) -> subprocess.CompletedProcess[str]:
        proc = self.ecgraph(*args)
        out, err = proc.communicate(timeout=3600)
        return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)

    def load(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return self.finish("ingest", "declarations", str(self.source), "--batch-size", str(self.batch_size), "-q", *extra)

    def screen(self) -> subprocess.CompletedProcess[str]:
        return self.finish("screen", "--all", "--no-match", "--quiet")

    def reconnect(self) -> None:
        self.graph.close()
        self.graph = self.bench.graph()

    def count(self, query: str) -> int:
        return int(self.graph.read(query)[0]["n"])

    def kill_server(self) -> None:
        pid = self.bench.server.state().pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)  # the JVM is this process's child: reap it so its ports are released


def kill_on_progress(victim: subprocess.Popen[str], progress: Callable[[], int], target: int,
                     kill: Callable[[], None]) -> tuple[float, int | None]:
    """Call `kill` once `progress()` reaches `target` while `victim` runs: (seconds waited, progress seen
    at the trigger; None when the victim finished first)."""
    started = time.monotonic()
    while victim.poll() is None:
        seen = progress()
        if seen >= target and victim.poll() is None:
            kill()
            return time.monotonic() - started, seen
        time.sleep(0.05)
    return time.monotonic() - started, None


def draw_target(rng: random.Random, total: int) -> int:
    """Rows to wait for: a random fraction of the total, at least one row in, at least one row short."""
    return min(max(1, math.ceil(rng.uniform(0.05, 0.9) * total)), max(1, total - 1))


def trial(soak: Soak, kind: str, rng: random.Random, totals: dict[str, int], baseline: dict[str, int]) -> TrialResult:
    keys = ("declarations", "versions", "items") if kind != "screening" else ("alerts",)
    if kind == "screening":
        soak.graph.write_autocommit(WIPE_ALERTS)
        target = draw_target(rng, totals["alerts"])
        victim = soak.ecgraph("screen", "--all", "--no-match", "--quiet")
        waited, seen = kill_on_progress(victim, lambda: soak.count(ALERTS), target, lambda: victim.send_signal(9))
        victim.communicate(timeout=600)
        # landed: the killed run never finished (its ScreeningRun is still `running` until the next run)
        after, landed = soak.count(ALERTS), seen is not None and soak.count(UNFINISHED_RUNS) > 0
        total = totals["alerts"]
        rerun = soak.screen()
        assert rerun.returncode == 0, rerun.stderr
    else:
        soak.graph.write_autocommit(WIPE_DECLARATIONS)
        target = draw_target(rng, totals["versions"])
        victim = soak.ecgraph("ingest", "declarations", str(soak.source), "--batch-size", str(soak.batch_size), "-q")
        kill = (lambda: victim.send_signal(9)) if kind == "ingest" else soak.kill_server
        waited, seen = kill_on_progress(victim, lambda: soak.count(VERSIONS), target, kill)
        victim.communicate(timeout=600)
        if kind == "neo4j" and seen is not None:
            _wait_for_ports(soak.bench)
            soak.bench.server.start(user=soak.bench.settings.user, password=str(soak.bench.settings.password),
                                    timeout=600)
            soak.reconnect()
        # landed: the load was cut short: some versions were committed, not all (read after the restart)
        total = totals["versions"]
        after = soak.count(VERSIONS)
        landed = seen is not None and 0 < after < total
        resumed = soak.load("--resume")
        assert resumed.returncode == 0, resumed.stderr
    got = counts(soak.graph)
    lost, duplicated = compare(baseline, got, keys)
    return TrialResult(kind, round(waited, 2), lost, duplicated, landed,
                       f"target {target}, seen {seen}, after kill {after} of {total}", got)


def _wait_for_ports(bench: BenchServer, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not (port_is_free(bench.server.bolt_port)
                                               and port_is_free(bench.server.http_port)):
        time.sleep(0.5)


def analyst_latency(graph: Graph, numbers: list[str], stop: threading.Event, out: list[float],
                    once: bool = False) -> None:
    """An analyst's reads in a loop (a declaration's overview, a party search) until `stop`."""
    rng = random.Random(3)
    while not stop.is_set():
        started = time.perf_counter()
        declaration_overview(graph, rng.choice(numbers))
        find_parties(graph, rng.choice(["trading", "electronics", "tako", "machine", "co ltd"]))
        out.append(time.perf_counter() - started)
        if once:
            return


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) >= 2 else (values[0] if values else float("nan"))


def trial_plan(trials: int, mix: str | None = None) -> list[str]:
    """The kinds in order: round-robin over KINDS, or a mix such as `ingest:10,screening:9,neo4j:2`
    (a Neo4j restart is the slow part of a trial on a busy machine)."""
    if not mix:
        return [KINDS[n % len(KINDS)] for n in range(trials)]
    wanted = {kind: int(n) for kind, _, n in (part.partition(":") for part in mix.split(","))}
    plan: list[str] = []
    while any(wanted.values()):
        for kind in KINDS:
            if wanted.get(kind):
                plan.append(kind)
                wanted[kind] -= 1
    return plan


def run_soak(trials: int, declarations: int, seed: int, latency: bool, mix: str | None = None, *,
             attempts: int = 4, batch_size: int = 50) -> dict[str, Any]:
    """Baseline, then each planned trial drawn again (up to `attempts` kills) until its kill lands."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="ecgraph-soak-") as tmp, \
            throwaway_server(heap="1g", pagecache="256m", prefix="ecgraph-soak-") as bench:
        soak = Soak(bench, Path(tmp), declarations, seed, batch_size)
        load_all_controls(soak.graph)
        took: dict[str, float] = {}
        started = time.perf_counter()
        assert soak.load().returncode == 0
        took["ingest"] = took["neo4j"] = time.perf_counter() - started
        numbers = [r["n"] for r in soak.graph.read("MATCH (d:Declaration) RETURN d.number AS n LIMIT 500")]
        report: dict[str, Any] = {}
        if latency:
            warm_up: list[float] = []  # the first queries plan and warm caches: not part of either sample
            for _ in range(10):
                analyst_latency(soak.graph, numbers, threading.Event(), warm_up, once=True)
            idle: list[float] = []
            stop = threading.Event()
            worker = threading.Thread(target=analyst_latency, args=(soak.graph, numbers, stop, idle))
            worker.start()
            time.sleep(60)
            stop.set()
            worker.join()
        busy: list[float] = []
        stop = threading.Event()
        worker = threading.Thread(target=analyst_latency, args=(soak.graph, numbers, stop, busy))
        if latency:
            worker.start()
        started = time.perf_counter()
        assert soak.screen().returncode == 0
        took["screening"] = time.perf_counter() - started
        stop.set()
        if latency:
            worker.join()
            report["latency_ms"] = {
                "idle": {"queries": len(idle), "p50": _p(idle, 50) * 1000, "p95": _p(idle, 95) * 1000},
                "during_screening": {"queries": len(busy), "p50": _p(busy, 50) * 1000, "p95": _p(busy, 95) * 1000},
            }
            report["latency_ms"]["p95_ratio"] = report["latency_ms"]["during_screening"]["p95"] / \
                report["latency_ms"]["idle"]["p95"]
        baseline = counts(soak.graph)
        totals = {"versions": baseline["versions"], "alerts": soak.count(ALERTS)}
        report.update(baseline=baseline, seconds={k: round(v, 1) for k, v in took.items()})
        print(json.dumps(report, indent=1), flush=True)
        results: list[TrialResult] = []
        plan = trial_plan(trials, mix)
        landed_trials = 0
        for n, kind in enumerate(plan):
            for attempt in range(1, attempts + 1):
                result = trial(soak, kind, rng, totals, baseline)
                results.append(result)
                print(f"trial {n + 1:>2} {kind:<10} attempt {attempt}: killed after {result.killed_after_s:>6.2f} s, "
                      f"landed mid-process: {result.landed} ({result.progress}): lost {result.lost}, "
                      f"duplicated {result.duplicated}", flush=True)
                if result.landed:
                    landed_trials += 1
                    break
        soak.graph.close()
    report["trials"] = [r.__dict__ for r in results]
    report["planned"] = len(plan)
    report["landed"] = sum(r.landed for r in results)
    report["landed_trials"] = landed_trials
    report["attempts"] = len(results)
    report["lost"] = sum(r.lost for r in results)
    report["duplicated"] = sum(r.duplicated for r in results)
    return report


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--trials", type=int, default=21)
    parser.add_argument("--declarations", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--mix", default=None, help="trials per kind, e.g. ingest:10,screening:9,neo4j:2 "
                        "(overrides --trials); default: round-robin over ingest, screening, neo4j")
    parser.add_argument("--no-latency", action="store_true", help="skip the analyst latency measurement")
    parser.add_argument("--attempts", type=int, default=4, help="kills per trial at most, until one lands mid-process")
    parser.add_argument("--batch-size", type=int, default=50, help="declarations per transaction of the killed loads")
    args = parser.parse_args(argv)
    report = run_soak(args.trials, args.declarations, args.seed, not args.no_latency, args.mix,
                      attempts=args.attempts, batch_size=args.batch_size)
    by_kind = {k: sum(1 for t in report["trials"] if t["kind"] == k and t["landed"]) for k in KINDS}
    print(f"kills landed mid-process: {report['landed']}/{report['attempts']} ({by_kind}); "
          f"{report['landed_trials']} of {report['planned']} planned trials landed; over all "
          f"{report['attempts']} kills: {report['lost']} lost, {report['duplicated']} duplicated")
    if "latency_ms" in report:
        lat = report["latency_ms"]
        print(f"analyst p95: {lat['idle']['p95']:.0f} ms alone, {lat['during_screening']['p95']:.0f} ms during "
              f"screening (x{lat['p95_ratio']:.2f}); p50 {lat['idle']['p50']:.0f} / {lat['during_screening']['p50']:.0f} ms")
    aims = {"every planned trial landed mid-process": report["landed_trials"] == report["planned"],
            "nothing lost or duplicated": report["lost"] == 0 and report["duplicated"] == 0}
    for aim, met in aims.items():
        print(f"aim: {aim}: {'met' if met else 'MISSED'}")
    report["aims_met"] = all(aims.values())
    return report


if __name__ == "__main__":
    sys.exit(0 if main()["aims_met"] else 1)
