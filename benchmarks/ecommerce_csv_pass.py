"""The bulk order load's client pass alone: CPU per order of `write_order_files` + `finish`, no server.

`python -m benchmarks.ecommerce_csv_pass --orders 100000 [--workers 2] [--baseline] [--profile]` reads the
benchmark's cached feed (`benchmarks.ecommerce`, seed 11), writes the importer's CSVs into a scratch folder
and prints the wall time, the CPU seconds of this process and of its workers, µs of CPU per order and the
load average, plus two digests: a sha256 over the CSV files (sorted by name) and a content digest over
every file's rows sorted under its label and header (parts written by several workers are concatenated
and numbered differently; what they say must not change). The contact key, load ids and `loaded_at` are
fixed for that reason. `--baseline` first runs the pass with one worker in the same run, for the ratio.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import os
import pstats
import resource
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from unittest.mock import patch

from benchmarks.ecommerce import DEV_SEED, _feed
from ecgraph.demo.ecommerce import OPERATOR
from ecgraph.graph.bulk_ecommerce import OrderFiles
from ecgraph.graph.bulk_import import BulkFiles
from ecgraph.ingest.ecommerce import bulk
from ecgraph.ingest.ecommerce.contacts import ContactHasher


@dataclass
class PassRun:
    workers: int
    wall: float
    main_cpu: float
    workers_cpu: float
    load: tuple[float, float]
    sha: str
    content: str


def content_digest(folder: Path) -> str:
    """A sha256 over what the CSVs say, not how they are laid out: every file's rows sorted under its label
    and header, so parts written by several workers and concatenated give the same digest as one writer."""
    groups: dict[str, list[bytes]] = {}
    for path in folder.glob("*.csv"):
        header, *rows = path.read_bytes().splitlines()
        kind_label = path.name.rsplit("-", 1)[0]  # nodes-Order-007.csv -> nodes-Order
        groups.setdefault(kind_label + "|" + header.decode(), []).extend(rows)
    digest = hashlib.sha256()
    for key in sorted(groups):
        digest.update(key.encode() + b"\n" + b"\n".join(sorted(groups[key])) + b"\n")
    return digest.hexdigest()


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def csv_pass(n: int, folder: Path, profile: bool, workers: int = 1) -> PassRun:
    """The pass over n orders with `workers` processes: its times and the digests of the CSVs it wrote."""
    jsonl, _ = _feed(n, DEV_SEED)
    ids = count()
    out = OrderFiles(BulkFiles(folder / "csv"), "2026-01-01T00:00:00Z")
    profiler = cProfile.Profile() if profile else None
    load = os.getloadavg()[0]
    wall, started, children = time.perf_counter(), time.process_time(), _children_cpu()
    if profiler:
        profiler.enable()
    with patch("uuid.uuid4", side_effect=lambda: uuid.UUID(int=next(ids))):  # fixed load ids: the same bytes
        bulk.write_order_files([jsonl], out, operator=OPERATOR, hasher=ContactHasher(b"k" * 32),
                               state_dir=folder / "state", workers=workers)
    out.finish()
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    run = PassRun(workers, time.perf_counter() - wall, time.process_time() - started, _children_cpu() - children,
                  (load, os.getloadavg()[0]), "", "")
    digest = hashlib.sha256()
    for path in sorted((folder / "csv").glob("*.csv")):
        digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    run.sha, run.content = digest.hexdigest(), content_digest(folder / "csv")
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2, help="processes each reading and writing a part")
    parser.add_argument("--baseline", action="store_true", help="first the same pass with one worker")
    parser.add_argument("--profile", action="store_true", help="cProfile the pass (slower; for finding the cost)")
    args = parser.parse_args()
    runs = []
    for workers in ([1] if args.baseline and args.workers != 1 else []) + [args.workers]:
        folder = Path(tempfile.mkdtemp(prefix="ecgraph-bench-csv-pass-"))
        try:
            runs.append(csv_pass(args.orders, folder, args.profile, workers))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    for run in runs:
        cpu = run.main_cpu + run.workers_cpu
        print(f"CSV pass, {args.orders} orders, {run.workers} worker(s): wall {run.wall:.1f} s "
              f"({args.orders / run.wall:,.0f} orders/s); CPU-s main {run.main_cpu:.1f} + workers {run.workers_cpu:.1f} "
              f"= {cpu / args.orders * 1e6:.0f} µs per order; two idle cores, main counted whole: "
              f"{args.orders / (run.main_cpu + run.workers_cpu / min(run.workers, 2)):,.0f} orders/s; "
              f"load {run.load[0]:.1f}-{run.load[1]:.1f}")
        print(f"  CSVs sha256 {run.sha}; content {run.content}")
    if len(runs) == 2:
        print(f"wall ratio {runs[0].wall / runs[1].wall:.2f}x; CPU ratio (1 worker / {runs[1].workers}) "
              f"{(runs[0].main_cpu + runs[0].workers_cpu) / (runs[1].main_cpu + runs[1].workers_cpu):.2f}x")


if __name__ == "__main__":
    main()
