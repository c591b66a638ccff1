"""Screening throughput end to end: N generated declarations through party matching and every rule.

Loads the control lists and the lists the generator draws listed parties from (the US CSL), the
declarations and their ownership statements into a throwaway Neo4j, then times `screen_parties` and
`screen(mode="all")`, printing declarations per second, the time split by rule, and the ratio against a
baseline measured in the same run: one indexed pass that reads every declaration with its items and
parties (the least any screening must do).

    python -m benchmarks.screening --declarations 100000
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from benchmarks._server import throwaway_server
from ecgraph.graph import Graph, apply_schema
from ecgraph.graph.ownership import write_ownership
from ecgraph.ingest.controls.load import load_all_controls
from ecgraph.ingest.declarations.generate import generate
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.lists import load_list
from ecgraph.ingest.ownership import parse_bods
from ecgraph.rules.engine import screen
from ecgraph.rules.resolution import screen_parties

CACHE = Path("/tmp/ecgraph-bench")
BASELINE = """
MATCH (d:Declaration)
OPTIONAL MATCH (d)-[:HAS_ITEM]->(i:GoodsItem)
OPTIONAL MATCH (d)-[r]->(p:Party)
RETURN count(DISTINCT d) AS declarations, count(DISTINCT i) AS items, count(DISTINCT p) AS parties
"""


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - started
    print(f"  {label:<34} {seconds:8.1f} s", flush=True)
    return value, seconds


def world(graph: Graph, n: int, seed: int, data_dir: Path) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"screening-{n}-s{seed}.jsonl"
    if not path.exists():
        timed(f"generate {n} declarations", lambda: generate(n, seed, path))
    apply_schema(graph)
    timed("load control lists", lambda: load_all_controls(graph))
    timed("load us_trade_csl", lambda: load_list(graph, "us_trade_csl", data_dir=data_dir))
    timed("load declarations", lambda: load_file(graph, path, state_dir=data_dir / "state"))
    facts = parse_bods(Path(str(path) + ".bods.json"))
    timed("load ownership", lambda: write_ownership(graph, list(facts.parties.values()), facts.edges, facts.officers, facts.identifiers))
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--declarations", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=1, help="screening runs; medians are printed")
    args = parser.parse_args(argv)
    with throwaway_server(heap="2g", pagecache="1g") as bench, bench.graph() as graph:
        print(f"building the world ({args.declarations} declarations)…", flush=True)
        world(graph, args.declarations, args.seed, bench.settings.data_dir)
        cache = bench.settings.data_dir / "resolution"
        _, match_s = timed("party matching (index + screen)", lambda: screen_parties(graph, cache_dir=cache))
        baselines, runs, reports = [], [], []
        for _ in range(args.repeat):
            _, b = timed("baseline: read every declaration", lambda: graph.read(BASELINE))
            baselines.append(b)
            report, s = timed("rules over every declaration", lambda: screen(graph, mode="all"))
            runs.append(s)
            reports.append(report)
    baseline, total = statistics.median(baselines), statistics.median(runs)
    report = reports[-1]
    print(f"\nscreened {report.declarations} declarations: rules {report.declarations / total:,.0f} declarations/s "
          f"(median of {len(runs)}), {total / baseline:.1f}x the baseline read; party matching "
          f"{report.declarations / match_s:,.0f} declarations/s; {report.alerts_total} alerts.")
    print("time by rule (last run):")
    for rule_id, seconds in sorted(report.rule_seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {rule_id:<6} {seconds:8.2f} s  {seconds / total:6.1%}")
    if report.inactive:
        print("inactive: " + ", ".join(f"{k} ({v})" for k, v in sorted(report.inactive.items())))


if __name__ == "__main__":
    main()
