"""Analyst look-ups on a loaded graph: party name search (full-text index vs a CONTAINS scan, the
baseline), explain, party overview and path, all in the same run on the same throwaway server.

    .venv/bin/python -m benchmarks.analyst [--declarations 20000] [--seed 42] [--samples 50]

Generates declarations (ecgraph.ingest.declarations.generate), loads them with the real loader into a
Neo4j of its own, then times each look-up over the same sampled parties / declarations and prints
medians in milliseconds and the ratio against the CONTAINS scan.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks._server import throwaway_server
from ecgraph.graph import Graph, apply_schema
from ecgraph.graph.analyst import (
    PARTY_BY_NAME,
    PARTY_CONTAINS,
    declaration_overview,
    find_nodes,
    lucene_terms,
    party_overview,
    shortest_path,
)
from ecgraph.ingest.declarations import load_file
from ecgraph.ingest.declarations.generate import generate


def _median_ms(samples: list[Any], run: Callable[[Any], object]) -> float:
    run(samples[0])  # plan the query once, as an analyst's second look-up would find it
    timings = []
    for sample in samples:
        started = time.perf_counter()
        run(sample)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--declarations", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--samples", type=int, default=50)
    args = parser.parse_args(argv)
    with throwaway_server(prefix="ecgraph-bench-analyst-") as bench, bench.graph() as graph:
        work = bench.home
        apply_schema(graph)
        generate(args.declarations, args.seed, work / "declarations.jsonl")
        load_file(graph, work / "declarations.jsonl", state_dir=work / "state")
        _report(graph, args)


def _report(graph: Graph, args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    parties = graph.read("MATCH (p:Party) RETURN p.key AS key, p.name AS name")
    numbers = [r["n"] for r in graph.read("MATCH (d:Declaration) RETURN d.number AS n")]
    sample = rng.sample(parties, min(args.samples, len(parties)))
    words = [max(p["name"].split(), key=len) for p in sample]  # one distinctive word of each name
    decls = rng.sample(numbers, min(args.samples, len(numbers)))
    contains = _median_ms(words, lambda w: graph.read(PARTY_CONTAINS, text=w, limit=10))
    results = {
        "party name, CONTAINS scan (baseline)": contains,
        "party name, full-text index": _median_ms(
            words, lambda w: graph.read(PARTY_BY_NAME, lucene=lucene_terms(w), limit=10)
        ),
        "explain DECLARATION": _median_ms(decls, lambda n: declaration_overview(graph, n)),
        "party KEY (overview)": _median_ms([p["key"] for p in sample], lambda k: party_overview(graph, k)),
        "path DECLARATION DECLARATION": _median_ms(
            list(zip(decls, decls[1:] + decls[:1])),
            lambda ab: shortest_path(
                graph, find_nodes(graph, ab[0])[0]["element_id"], find_nodes(graph, ab[1])[0]["element_id"]
            ),
        ),
    }
    print(f"\n{len(numbers):,} declarations, {len(parties):,} parties, {len(words)} samples, median ms")
    print(f"{'look-up':<40}{'ms':>10}{'vs CONTAINS':>14}")
    for name, ms in results.items():
        print(f"{name:<40}{ms:>10.1f}{ms / contains:>13.2f}x")


if __name__ == "__main__":
    main()
