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

    python -m benchmarks.screening --declarations 100000
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from benchmarks._server import throwaway_server
from ecgraph.graph import Graph, apply_schema
from ecgraph.graph.ownership import write_ownership
from ecgraph.graph.screening import declarations_touched_by_list_changes
from ecgraph.ingest.controls.load import load_all_controls
from ecgraph.ingest.declarations.generate import GENERATOR, generate
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.lists import load_custom_list, load_list
from ecgraph.ingest.ownership import parse_bods
from ecgraph.rules.engine import screen
from ecgraph.rules.resolution import rescreen_list_changes, screen_parties

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
    path = (
        CACHE / f"screening-{n}-s{seed}-{GENERATOR.rsplit('.', 1)[-1]}.jsonl"
    )  # a new generator, a new file
    if not path.exists():
        timed(f"generate {n} declarations", lambda: generate(n, seed, path))
    apply_schema(graph)
    timed("load control lists", lambda: load_all_controls(graph))
    timed("load us_trade_csl", lambda: load_list(graph, "us_trade_csl", data_dir=data_dir))
    timed("load declarations", lambda: load_file(graph, path, state_dir=data_dir / "state"))
    facts = parse_bods(Path(str(path) + ".bods.json"))
    timed(
        "load ownership",
        lambda: write_ownership(
            graph, list(facts.parties.values()), facts.edges, facts.officers, facts.identifiers
        ),
    )
    return path


def watch_list(graph: Graph, path: Path, version: int, size: int, data_dir: Path) -> None:
    """Version `version` of a watch list: `size` new entries, half of them consignees of the world."""
    rng = random.Random(version)
    names = [
        r["name"]
        for r in graph.read(
            "MATCH (:Declaration)-[:CONSIGNEE]->(p:Party) RETURN DISTINCT p.name AS name ORDER BY name"
        )
    ]
    rows = []
    for n in range(size):
        name = rng.choice(names) if n % 2 == 0 else f"Watch Target {version}-{n} Trading LLC"
        rows.append({"id": f"v{version}-{n}", "name": name, "type": "organization"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    load_custom_list(graph, "bench-watch", path, data_dir=data_dir)


def list_update(graph: Graph, cache: Path, data_dir: Path, size: int) -> tuple[float, float]:
    """(seconds for the --lists-changed path, seconds for the full path), each after a `size`-entry update."""
    path = data_dir / "bench-watch.jsonl"
    watch_list(graph, path, 1, size, data_dir)

    def delta() -> int:
        report = rescreen_list_changes(graph, cache_dir=cache)
        targets = declarations_touched_by_list_changes(graph, report.parties_changed, report.entries)
        return screen(graph, mode="lists-changed", declarations=targets).declarations

    screened, delta_s = timed(f"--lists-changed after +{size} entries", delta)
    watch_list(graph, path, 2, size, data_dir)

    def full() -> int:
        screen_parties(graph, cache_dir=cache)
        return screen(graph, mode="all").declarations

    _, full_s = timed(f"full re-match after +{size} entries", full)
    print(f"  ({screened} declarations re-screened by the --lists-changed path)")
    return delta_s, full_s


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--declarations", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=1, help="screening runs; medians are printed")
    parser.add_argument("--update-entries", type=int, default=100, help="entries per simulated list update")
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
        delta_s, full_s = list_update(graph, cache, bench.settings.data_dir, args.update_entries)
    baseline, total = statistics.median(baselines), statistics.median(runs)
    report = reports[-1]
    print(
        f"\nscreened {report.declarations} declarations: rules {report.declarations / total:,.0f} declarations/s "
        f"(median of {len(runs)}), {total / baseline:.1f}x the baseline read; party matching "
        f"{report.declarations / match_s:,.0f} declarations/s; {report.alerts_total} alerts."
    )
    print("time by rule (last run):")
    for rule_id, seconds in sorted(report.rule_seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {rule_id:<6} {seconds:8.2f} s  {seconds / total:6.1%}")
    print(
        f"list update of {args.update_entries} entries: --lists-changed {delta_s:.1f} s vs full re-match "
        f"{full_s:.1f} s ({full_s / delta_s:.1f}x faster)"
    )
    if report.inactive:
        print("inactive: " + ", ".join(f"{k} ({v})" for k, v in sorted(report.inactive.items())))


if __name__ == "__main__":
    main()
