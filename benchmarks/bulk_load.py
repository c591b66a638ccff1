"""Backfill: `ingest declarations --bulk` (neo4j-admin import) vs the online loader, same file, same run.

    .venv/bin/python -m benchmarks.bulk_load [--declarations 1000000] [--seed 42] [--batch-size 2000]

Generates the declarations once (cached under /tmp/ecgraph-bench), loads them online into a throwaway
Neo4j (the baseline), then bulk: CSVs written by ecgraph (validating every record; `--workers` processes),
the offline importer into a new database of a second throwaway server, its start and the schema. Prints
each phase, declarations/s and the ratio of the online time to the bulk time (end to end), by the wall
clock and by CPU: this process, its reaped children (the CSV workers, neo4j-admin) and the Neo4j JVM
(/proc), with the load average, since the machine may be shared. Both servers get the heap and page cache
`ecgraph db tune --declarations N` gives that volume (graph/sizing.py), as a user's server would have.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks._server import free_port, throwaway_server
from benchmarks.declarations_load import _files
from ecgraph.graph import LocalServer, load_settings
from ecgraph.graph.declarations import count_declarations
from ecgraph.graph.local import generate_password
from ecgraph.graph.maven import resolve_jars
from ecgraph.graph.sizing import size_for
from ecgraph.ingest.declarations import load_file
from ecgraph.ingest.declarations.bulk import bulk_load


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--declarations", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--skip-online", action="store_true", help="bulk only (no baseline, no ratio)")
    parser.add_argument("--workers", type=int, default=None, help="CSV pass processes (default: the usable cores)")
    args = parser.parse_args(argv)
    sizing = size_for(args.declarations)
    print(f"heap {sizing.heap}, page cache {sizing.pagecache} (`ecgraph db tune --declarations "
          f"{args.declarations}`)", flush=True)
    jsonl, _ = _files(args.declarations, args.seed, flat_too=False)  # both loaders read the JSON Lines
    records = sum(1 for _ in jsonl.open("rb"))
    online_seconds = online_cpu = float("nan")
    if not args.skip_online:
        with throwaway_server(heap=sizing.heap, pagecache=sizing.pagecache, prefix="ecgraph-bench-online-") as bench, \
                bench.graph() as graph:
            from ecgraph.graph import apply_schema

            apply_schema(graph)
            pid = bench.server.state().pid
            cpu = _own_cpu() + _jvm_cpu(pid)
            result = load_file(graph, jsonl, state_dir=bench.home / "state", batch_size=args.batch_size)
            online_seconds, online_cpu = result.seconds, _own_cpu() + _jvm_cpu(pid) - cpu
            print(f"online: {online_seconds:.1f}s, {online_cpu:.1f} CPU-s (client + server), load "
                  f"{os.getloadavg()[0]:.1f}; {result.counts} {count_declarations(graph)}", flush=True)
    settings = load_settings()
    home = Path(tempfile.mkdtemp(prefix="ecgraph-bench-bulk-"))
    server = LocalServer(home=home / "neo4j", lib_dir=resolve_jars(settings.cache_dir, settings.neo4j_version,
                                                                     settings.browser_version),
                         bolt_port=free_port(), http_port=free_port(), heap=sizing.heap, pagecache=sizing.pagecache,
                         java_home=settings.java_home)
    try:
        started, cpu = time.perf_counter(), _own_cpu()
        load = bulk_load(server, "neo4j", generate_password(), [jsonl], state_dir=home / "state",
                         batch_size=args.batch_size, workers=args.workers)
        bulk_seconds = time.perf_counter() - started
        bulk_cpu = _own_cpu() - cpu + _jvm_cpu(server.state().pid)  # the JVM started inside bulk_load
        print(f"bulk: CSV {load.csv_seconds:.1f}s, import {load.import_seconds:.1f}s, server start "
              f"{load.start_seconds:.1f}s, schema + checks {load.schema_seconds:.1f}s; {bulk_cpu:.1f} CPU-s (this "
              f"process, CSV workers, neo4j-admin, server), load {os.getloadavg()[0]:.1f}; {load.counted}", flush=True)
    finally:
        server.stop(grace=60)
        shutil.rmtree(home, ignore_errors=True)
    print(f"\n{records:,} declaration records ({args.declarations:,} declarations + amendments), "
          f"batch size {args.batch_size}, one run each")
    print(f"{'loader':<28}{'seconds':>10}{'decl/s':>10}{'vs online':>12}{'CPU-s':>10}{'decl/CPU-s':>12}"
          f"{'vs online':>12}")
    print(f"{'online (ecgraph jsonl)':<28}{online_seconds:>10.1f}{records / online_seconds:>10,.0f}{1.0:>11.2f}x"
          f"{online_cpu:>10.1f}{records / online_cpu:>12,.0f}{1.0:>11.2f}x")
    print(f"{'bulk (CSV + neo4j-admin)':<28}{bulk_seconds:>10.1f}{records / bulk_seconds:>10,.0f}"
          f"{online_seconds / bulk_seconds:>11.2f}x{bulk_cpu:>10.1f}{records / bulk_cpu:>12,.0f}"
          f"{online_cpu / bulk_cpu:>11.2f}x")
    print(f"load average now {os.getloadavg()[0]:.1f} (1 min)")


def _own_cpu() -> float:
    """CPU seconds of this process and of its children that have ended (CSV workers, neo4j-admin)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _jvm_cpu(pid: int | None) -> float:
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
