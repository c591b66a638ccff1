"""Crash trials and analyst latency under screening (issue 16): the figures that say a bad day loses nothing.

On a throwaway Neo4j with the control lists and N generated declarations:

1. baseline: a clean load (its counts) and a clean screening run (its alerts), with analyst queries
   running meanwhile and alone: p50/p95 latency of each, and the ratio (the same run, the same queries);
2. crash trials, in turn: `kill -9` of `ecgraph ingest declarations` at a random moment then `--resume`;
   `kill -9` of the Neo4j JVM mid-load, a restart, then `--resume`; `kill -9` of `ecgraph screen` at a
   random moment then a new `ecgraph screen`. After each, the counts are compared with the baseline:
   lost = fewer declarations / versions / items / alerts; duplicated = more, or a key seen twice.

    python -m benchmarks.soak --trials 20 --declarations 1000     # make soak
    python -m benchmarks.soak --trials 1 --declarations 60 --no-latency   # what make test runs
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks._server import BenchServer, throwaway_server
from ecgraph.demo.declarations import generate
from ecgraph.graph import Graph, apply_schema
from ecgraph.graph.analyst import declaration_overview, find_parties
from ecgraph.graph.server import port_is_free
from ecgraph.ingest.controls.load import load_all_controls

__all__ = ["KINDS", "TrialResult", "main", "run_soak"]

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
WIPE_ALERTS = """
MATCH (n) WHERE n:Alert OR n:AlertEvent OR n:ScreeningRun OR n:Lock CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""


@dataclass
class TrialResult:
    kind: str
    killed_after_s: float
    lost: int
    duplicated: int
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
    def __init__(self, bench: BenchServer, workdir: Path, declarations: int, seed: int) -> None:
        self.bench = bench
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
        return self.finish("ingest", "declarations", str(self.source), "--batch-size", "100", "-q", *extra)

    def screen(self) -> subprocess.CompletedProcess[str]:
        return self.finish("screen", "--all", "--no-match", "--quiet")

    def reconnect(self) -> None:
        self.graph.close()
        self.graph = self.bench.graph()


def _kill_after(proc: subprocess.Popen[str], delay: float) -> bool:
    """kill -9 after `delay` s; False when the process had already finished."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def trial(soak: Soak, kind: str, rng: random.Random, took: dict[str, float],
          baseline: dict[str, int]) -> TrialResult:
    keys = ("declarations", "versions", "items") if kind != "screening" else ("alerts",)
    delay = rng.uniform(0.05, 0.9) * took[kind]
    if kind == "screening":
        soak.graph.write_autocommit(WIPE_ALERTS)
        killed = _kill_after(soak.ecgraph("screen", "--all", "--no-match", "--quiet"), delay)
        after = soak.screen()
        assert after.returncode == 0, after.stderr
    else:
        soak.graph.write_autocommit(WIPE_DECLARATIONS)
        victim = soak.ecgraph("ingest", "declarations", str(soak.source), "--batch-size", "100", "-q")
        if kind == "ingest":
            killed = _kill_after(victim, delay)
        else:
            time.sleep(delay)
            killed = victim.poll() is None
            pid = soak.bench.server.state().pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)  # the JVM is this process's child: reap it so its ports are released
            victim.communicate(timeout=600)
            _wait_for_ports(soak.bench)
            soak.bench.server.start(user=soak.bench.settings.user, password=str(soak.bench.settings.password),
                                    timeout=600)
            soak.reconnect()
        resumed = soak.load("--resume")
        assert resumed.returncode == 0, resumed.stderr
    got = counts(soak.graph)
    lost, duplicated = compare(baseline, got, keys)
    return TrialResult(kind, round(delay, 2), lost, duplicated, {"killed_mid_run": killed, **got})


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


def run_soak(trials: int, declarations: int, seed: int, latency: bool, mix: str | None = None) -> dict[str, Any]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="ecgraph-soak-") as tmp, \
            throwaway_server(heap="1g", pagecache="256m", prefix="ecgraph-soak-") as bench:
        soak = Soak(bench, Path(tmp), declarations, seed)
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
        report.update(baseline=baseline, seconds={k: round(v, 1) for k, v in took.items()})
        print(json.dumps(report, indent=1), flush=True)
        results = []
        for n, kind in enumerate(trial_plan(trials, mix)):
            result = trial(soak, kind, rng, took, baseline)
            results.append(result)
            print(f"trial {n + 1:>2} {kind:<10} killed after {result.killed_after_s:>6.2f} s "
                  f"(mid-run: {result.detail['killed_mid_run']}): lost {result.lost}, duplicated {result.duplicated}",
                  flush=True)
        soak.graph.close()
    report["trials"] = [r.__dict__ for r in results]
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
    args = parser.parse_args(argv)
    report = run_soak(args.trials, args.declarations, args.seed, not args.no_latency, args.mix)
    by_kind = {k: sum(1 for t in report["trials"] if t["kind"] == k) for k in KINDS}
    mid = sum(1 for t in report["trials"] if t["detail"]["killed_mid_run"])
    print(f"{len(report['trials'])} crash trials ({by_kind}; {mid} killed mid-run): "
          f"{report['lost']} lost, {report['duplicated']} duplicated")
    if "latency_ms" in report:
        lat = report["latency_ms"]
        print(f"analyst p95: {lat['idle']['p95']:.0f} ms alone, {lat['during_screening']['p95']:.0f} ms during "
              f"screening (x{lat['p95_ratio']:.2f}); p50 {lat['idle']['p50']:.0f} / {lat['during_screening']['p50']:.0f} ms")
    return report


if __name__ == "__main__":
    main()
