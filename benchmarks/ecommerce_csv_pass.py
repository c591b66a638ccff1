"""The bulk order load's client pass alone: CPU per order of `write_order_files` + `finish`, no server.

`python -m benchmarks.ecommerce_csv_pass --orders 100000 [--profile]` reads the benchmark's cached feed
(`benchmarks.ecommerce`, seed 11), writes the importer's CSVs into a scratch folder and prints the CPU
seconds and µs per order, plus one sha256 over the CSV files (sorted by name) so that a change to the pass
can be shown to write the same bytes. The contact key, load ids and `loaded_at` are fixed for that reason.
The pass runs in one process, so its CPU time is its wall time on an idle core: the figure the bulk load's
two-idle-core estimate adds to the import (schemas/records/ecommerce_order.md).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import shutil
import tempfile
import time
import uuid
from itertools import count
from pathlib import Path
from unittest.mock import patch

from benchmarks.ecommerce import DEV_SEED, _feed
from ecgraph.demo.ecommerce import OPERATOR
from ecgraph.graph.bulk_ecommerce import OrderFiles
from ecgraph.graph.bulk_import import BulkFiles
from ecgraph.ingest.ecommerce import bulk
from ecgraph.ingest.ecommerce.contacts import ContactHasher


def csv_pass(n: int, folder: Path, profile: bool) -> tuple[float, str]:
    """CPU seconds of the pass over n orders, and the sha256 of the CSVs it wrote."""
    jsonl, _ = _feed(n, DEV_SEED)
    ids = count()
    out = OrderFiles(BulkFiles(folder / "csv"), "2026-01-01T00:00:00Z")
    profiler = cProfile.Profile() if profile else None
    started = time.process_time()
    if profiler:
        profiler.enable()
    with patch("uuid.uuid4", side_effect=lambda: uuid.UUID(int=next(ids))):  # fixed load ids: the same bytes
        bulk.write_order_files([jsonl], out, operator=OPERATOR, hasher=ContactHasher(b"k" * 32),
                               state_dir=folder / "state")
    out.finish()
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    cpu = time.process_time() - started
    digest = hashlib.sha256()
    for path in sorted((folder / "csv").glob("*.csv")):
        digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    return cpu, digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=20_000)
    parser.add_argument("--profile", action="store_true", help="cProfile the pass (slower; for finding the cost)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ecgraph-bench-csv-pass-"))
    try:
        cpu, digest = csv_pass(args.orders, folder, args.profile)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"CSV pass, {args.orders} orders: {cpu:.2f} CPU-s, {cpu / args.orders * 1e6:.0f} µs per order; "
          f"CSVs sha256 {digest}")


if __name__ == "__main__":
    main()
