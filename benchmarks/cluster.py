"""Party matching past one process: Dask distributed vs Ray on this workload, beside `search_many`.

    .venv/bin/python -m benchmarks.cluster [--queries 2000] [--repeat 3]

Needs both engines installed in the venv (`pip install 'dask[distributed]' ray`; only Dask is a
dependency of ecgraph: this is the measurement that chose it). The workload is the resolution
benchmark's: its full list index (~120,000 names) and perturbed + negative queries. Each engine gets
two single-threaded workers on 127.0.0.1, each holding the index once (Dask: the index file's bytes
broadcast, loaded once per worker; Ray: two actors built from one object-store copy). Printed: cluster
start, the first run (index shipped and loaded), warm runs (median), queries/s, and the ratio to
`search_many` on two local processes measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks._server import free_port
from benchmarks.resolution import _eval_set, _query
from ecgraph.rules.resolution import (
    DEFAULT_THRESHOLD,
    Match,
    Query,
    ResolutionIndex,
    SearchOptions,
    search_many,
)
from ecgraph.rules.resolution.batch import CHUNK
from ecgraph.rules.resolution.distributed import _worker_index, index_blob, search_on_cluster

BIN = Path(sys.executable).parent


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _dask(index: ResolutionIndex, queries: list[Query], options: SearchOptions, repeat: int) -> dict[str, Any]:
    from distributed import Client

    started = time.perf_counter()
    address = f"tcp://127.0.0.1:{free_port()}"
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port",
                               address.rsplit(":", 1)[1], "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    procs += [subprocess.Popen([str(BIN / "dask"), "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                                "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
              for _ in range(2)]
    try:
        with Client(address, timeout=120, set_as_default=False) as client:  # type: ignore[no-untyped-call]
            client.wait_for_workers(2, timeout=300)
        up = time.perf_counter() - started
        first = _timed(lambda: list(search_on_cluster(address, index, queries, options)))
        warm = [_timed(lambda: list(search_on_cluster(address, index, queries, options))) for _ in range(repeat)]
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=60)
    return {"start": up, "first": first, "warm": statistics.median(warm)}


def _ray(index: ResolutionIndex, queries: list[Query], options: SearchOptions, repeat: int) -> dict[str, Any]:
    import ray

    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    up = time.perf_counter() - started

    @ray.remote(num_cpus=1, max_restarts=2, max_task_retries=2)
    class Matcher:
        def __init__(self, digest: str, blob: bytes) -> None:
            self.index = _worker_index(digest, blob)

        def search(self, batch: list[Query]) -> list[list[Match]]:
            return [self.index.search(q, threshold=options.threshold, limit=options.limit) for q in batch]

    def run(actors: list[Any]) -> list[list[Match]]:
        chunks = [queries[i:i + CHUNK] for i in range(0, len(queries), CHUNK)]
        refs = [actors[n % len(actors)].search.remote(chunk) for n, chunk in enumerate(chunks)]
        return [found for result in ray.get(refs) for found in result]

    try:
        digest, blob = index_blob(index)
        begun = time.perf_counter()
        ref = ray.put(blob)
        actors = [Matcher.remote(digest, ref) for _ in range(2)]  # type: ignore[attr-defined]
        run(actors)
        first = time.perf_counter() - begun
        warm = [_timed(lambda: run(actors)) for _ in range(repeat)]
    finally:
        ray.shutdown()
    return {"start": up, "first": first, "warm": statistics.median(warm)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", default="dask,ray")
    args = parser.parse_args(argv)
    data = _eval_set(quick=False)
    index = ResolutionIndex.build(data.entries, fingerprint="benchmark-cluster")  # the key workers keep it under
    index.prepare_bulk_search()
    queries = [_query(q) for q in (data.perturbed + data.negatives)[: args.queries]]
    options = SearchOptions(DEFAULT_THRESHOLD)
    local = statistics.median(_timed(lambda: list(search_many(index, queries, options, workers=2)))
                              for _ in range(args.repeat))
    rows = {"search_many (2 local processes)": {"start": 0.0, "first": local, "warm": local}}
    for engine in args.engines.split(","):
        rows[f"{engine} (2 workers)"] = (_dask if engine == "dask" else _ray)(index, queries, options, args.repeat)
        print(engine, rows[f"{engine} (2 workers)"], flush=True)
    print(f"\n{len(queries):,} queries against {index.name_count:,} names; warm = median of {args.repeat}")
    print(f"{'engine':<34}{'start s':>9}{'first s':>9}{'warm s':>9}{'q/s warm':>10}{'vs local':>10}")
    for name, row in rows.items():
        print(f"{name:<34}{row['start']:>9.1f}{row['first']:>9.1f}{row['warm']:>9.1f}"
              f"{len(queries) / row['warm']:>10.0f}{local / row['warm']:>9.2f}x")


if __name__ == "__main__":
    main()
