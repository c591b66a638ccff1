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
import shutil
import socket
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ecgraph.graph import Graph, LocalServer, apply_schema, load_settings
from ecgraph.graph.analyst import (
    PARTY_BY_NAME,
    PARTY_CONTAINS,
    declaration_overview,
    find_nodes,
    lucene_terms,
    party_overview,
    shortest_path,
)
from ecgraph.graph.connection import GraphDatabase
from ecgraph.ingest.declarations import load_file
from ecgraph.ingest.declarations.generate import generate


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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
    work = Path(tempfile.mkdtemp(prefix="ecgraph-bench-analyst-"))
    settings = load_settings()
    server = LocalServer(home=work / "neo4j", lib_dir=_jars(settings), bolt_port=_free_port(),
                         http_port=_free_port(), heap="1g", pagecache="512m", java_home=settings.java_home)
    password = "bench-" + work.name[-8:]
    server.start(user="neo4j", password=password, timeout=240)
    try:
        driver = GraphDatabase.driver(server.bolt_uri, auth=("neo4j", password), notifications_min_severity="OFF")
        with Graph(driver, "neo4j", server.bolt_uri) as graph:
            apply_schema(graph)
            generate(args.declarations, args.seed, work / "declarations.jsonl")
            load_file(graph, work / "declarations.jsonl", state_dir=work / "state")
            _report(graph, args)
    finally:
        server.stop(grace=60)
        shutil.rmtree(work, ignore_errors=True)


def _jars(settings: Any) -> Path:
    from ecgraph.graph.maven import resolve_jars

    return resolve_jars(settings.cache_dir, settings.neo4j_version, settings.browser_version)


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
        "party name, full-text index": _median_ms(words, lambda w: graph.read(PARTY_BY_NAME, lucene=lucene_terms(w), limit=10)),
        "explain DECLARATION": _median_ms(decls, lambda n: declaration_overview(graph, n)),
        "party KEY (overview)": _median_ms([p["key"] for p in sample], lambda k: party_overview(graph, k)),
        "path DECLARATION DECLARATION": _median_ms(list(zip(decls, reversed(decls))), lambda ab: shortest_path(
            graph, find_nodes(graph, ab[0])[0]["element_id"], find_nodes(graph, ab[1])[0]["element_id"])),
    }
    print(f"\n{len(numbers):,} declarations, {len(parties):,} parties, {len(words)} samples, median ms")
    print(f"{'look-up':<40}{'ms':>10}{'vs CONTAINS':>14}")
    for name, ms in results.items():
        print(f"{name:<40}{ms:>10.1f}{ms / contains:>13.2f}x")


if __name__ == "__main__":
    main()
