"""List loading: every registered source from data/, parse-only (the baseline) vs the full load into Neo4j.

    .venv/bin/python -m benchmarks.lists_load [--repeat N] [--sources us_ofac_sdn,un_sc_sanctions]

Starts a throwaway Neo4j of its own (free ports, temp folder). Per source and run it measures, in the
same process: (1) parse only — the publisher's file to ListEntry records, nothing written; (2) the full
`load_list` into an empty graph — archive, parse, map, diff, batched writes; (3) a reload of the same
bytes, which must write nothing. One warm-up load (not counted) compiles the queries first. Prints medians over the runs: entries/s and load ÷ parse, so the
share of time the graph writes add is visible next to what parsing alone costs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks._server import throwaway_server
from ecgraph.graph import Graph, apply_schema
from ecgraph.ingest.lists import load_list, parse_list
from ecgraph.ingest.registry import SOURCES, get_source
from ecgraph.ingest.snapshot import snapshot_dir

CLEAR = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


@dataclass
class Timing:
    entries: int = 0
    parse: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    reload: list[float] = field(default_factory=list)
    reload_writes: int = 0


def _rate(entries: int, seconds: float) -> str:
    return f"{entries / seconds:,.0f}" if seconds > 0 else "-"


def warm_up(graph: Graph, data_dir: Path) -> None:
    """Compile every list query once (JVM and Cypher plan cache): the first load otherwise pays ~10 s."""
    data = snapshot_dir()
    smallest = min(
        SOURCES, key=lambda s: sum(p.stat().st_size for p in get_source(s).snapshot_files(data).values())
    )
    began = time.perf_counter()
    load_list(graph, smallest, data_dir=data_dir)
    print(f"  warm-up: loaded {smallest} in {time.perf_counter() - began:.1f} s (not counted)", flush=True)


def run(graph: Graph, sources: list[str], repeat: int, data_dir: Path) -> dict[str, Timing]:
    timings = {s: Timing() for s in sources}
    data = snapshot_dir()
    warm_up(graph, data_dir)
    for attempt in range(repeat):
        graph.write_autocommit(CLEAR)
        apply_schema(graph)
        for source_id in sources:
            t = timings[source_id]
            source = get_source(source_id)
            began = time.perf_counter()
            parsed = parse_list(source, source.snapshot_files(data), expected=None)
            t.parse.append(time.perf_counter() - began)
            t.entries = len(parsed.entries)
            began = time.perf_counter()
            load_list(graph, source_id, data_dir=data_dir)
            t.load.append(time.perf_counter() - began)
            began = time.perf_counter()
            again = load_list(graph, source_id, data_dir=data_dir)
            t.reload.append(time.perf_counter() - began)
            t.reload_writes += again.writes
            print(
                f"  run {attempt + 1}/{repeat} {source_id}: {t.entries:,} entries, parse {t.parse[-1]:.1f} s, "
                f"load {t.load[-1]:.1f} s, reload {t.reload[-1]:.2f} s",
                flush=True,
            )
    return timings


def report(timings: dict[str, Timing]) -> None:
    print(
        f"\n{'source':34} {'entries':>8} {'parse s':>8} {'load s':>8} {'parse e/s':>10} {'load e/s':>9} "
        f"{'load/parse':>10} {'reload s':>9}"
    )
    total_entries, total_parse, total_load = 0, 0.0, 0.0
    for source_id, t in timings.items():
        parse, load, reload = (statistics.median(x) for x in (t.parse, t.load, t.reload))
        total_entries, total_parse, total_load = (
            total_entries + t.entries,
            total_parse + parse,
            total_load + load,
        )
        print(
            f"{source_id:34} {t.entries:>8,} {parse:>8.2f} {load:>8.2f} {_rate(t.entries, parse):>10} "
            f"{_rate(t.entries, load):>9} {load / parse if parse else 0:>9.2f}x {reload:>9.2f}"
        )
    print(
        f"{'TOTAL (medians)':34} {total_entries:>8,} {total_parse:>8.2f} {total_load:>8.2f} "
        f"{_rate(total_entries, total_parse):>10} {_rate(total_entries, total_load):>9} "
        f"{total_load / total_parse if total_parse else 0:>9.2f}x"
    )
    writes = sum(t.reload_writes for t in timings.values())
    print(
        f"\nbaseline = parse only (file -> ListEntry records). load = archive + parse + map + diff + batched "
        f"writes into an empty graph. Writes by reloading identical bytes: {writes} (must be 0). "
        f"Graph share of load time: {(total_load - total_parse) / total_load:.0%}."
        if total_load
        else ""
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per source (medians are printed)")
    parser.add_argument(
        "--sources", default="", help="comma-separated source ids (default: every registered)"
    )
    args = parser.parse_args(argv)
    sources = [s for s in args.sources.split(",") if s] or sorted(SOURCES)
    with throwaway_server(prefix="ecgraph-bench-lists-") as bench, bench.graph() as graph:
        report(run(graph, sources, args.repeat, bench.settings.data_dir))


if __name__ == "__main__":
    main()
