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
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
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


def _tree_cpu() -> float:
    """CPU seconds of this process, its waited children and every live descendant (scheduler, workers,
    raylet, actors): the engine's whole cost, whichever process it lands in."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended while we looked
            continue
        pid = int(stat.parent.name)
        parents[pid], used[pid] = int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks
    me = os.getpid()
    family, grew = {me}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family and pid not in family}
        family |= more
        grew = bool(more)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (time.process_time() + sum(used[pid] for pid in family if pid != me)
            + children.ru_utime + children.ru_stime)


@dataclass
class Cost:
    wall: float
    cpu: float


def _timed(run: Callable[[], object]) -> Cost:
    started, cpu = time.perf_counter(), _tree_cpu()
    run()
    return Cost(time.perf_counter() - started, _tree_cpu() - cpu)


def _median(costs: list[Cost]) -> Cost:
    return Cost(statistics.median(c.wall for c in costs), statistics.median(c.cpu for c in costs))


@contextmanager
def _dask(index: ResolutionIndex, queries: list[Query], options: SearchOptions,
          profile: bool = True) -> Iterator[tuple[float, Callable[[], object]]]:
    """A scheduler and two single-threaded workers started as a user starts them (`profile`: Dask's
    statistical profiler of task threads, on by default; it samples the matcher's Python stack)."""
    from distributed import Client

    started = time.perf_counter()
    address = f"tcp://127.0.0.1:{free_port()}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": str(profile)}
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port",
                               address.rsplit(":", 1)[1], "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)]
    procs += [subprocess.Popen([str(BIN / "dask"), "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                                "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
              for _ in range(2)]
    try:
        with Client(address, timeout=120, set_as_default=False) as client:  # type: ignore[no-untyped-call]
            client.wait_for_workers(2, timeout=300)
        yield time.perf_counter() - started, lambda: list(search_on_cluster(address, index, queries, options))
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=60)


@contextmanager
def _ray(index: ResolutionIndex, queries: list[Query], options: SearchOptions) -> Iterator[
        tuple[float, Callable[[], object]]]:
    """A local Ray node (`ray.init`) and two actors, each holding the index once (one object-store copy)."""
    import ray

    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    up = time.perf_counter() - started

    @ray.remote(num_cpus=1, max_restarts=2, max_task_retries=2)
    class Matcher:
        def __init__(self, digest: str, blob: bytes) -> None:
            self.index = _worker_index(digest, blob)

        def search(self, batch: list[Query]) -> list[list[Match]]:
            return [self.index.search(q, threshold=options.threshold, thresholds=options.thresholds,
                                      limit=options.limit, lists=options.lists) for q in batch]

    def run(actors: list[Any]) -> list[list[Match]]:
        chunks = [queries[i:i + CHUNK] for i in range(0, len(queries), CHUNK)]
        refs = [actors[n % len(actors)].search.remote(chunk) for n, chunk in enumerate(chunks)]
        return [found for result in ray.get(refs) for found in result]

    try:
        digest, blob = index_blob(index)
        ref = ray.put(blob)
        actors = [Matcher.remote(digest, ref) for _ in range(2)]  # type: ignore[attr-defined]
        yield up, lambda: run(actors)
    finally:
        ray.shutdown()


def _loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", default="dask,dask-noprofile,ray")
    args = parser.parse_args(argv)
    data = _eval_set(quick=False)
    index = ResolutionIndex.build(data.entries, fingerprint="benchmark-cluster")  # the key workers keep it under
    index.prepare_bulk_search()
    queries = [_query(q) for q in (data.perturbed + data.negatives)[: args.queries]]
    options = SearchOptions(DEFAULT_THRESHOLD)
    engines = {"dask": lambda: _dask(index, queries, options),
               "dask-noprofile": lambda: _dask(index, queries, options, profile=False),
               "ray": lambda: _ray(index, queries, options)}
    local = "search_many (2 local processes)"
    start: dict[str, float] = {local: 0.0}
    first: dict[str, Cost] = {}
    warm: dict[str, list[Cost]] = {local: [], **{e: [] for e in args.engines.split(",")}}
    loads: list[float] = []
    with ExitStack() as stack:
        runs: dict[str, Callable[[], object]] = {local: lambda: list(search_many(index, queries, options, workers=2))}
        for name in args.engines.split(","):
            start[name], runs[name] = stack.enter_context(engines[name]())
            first[name] = _timed(runs[name])  # the index shipped and loaded once per worker
            print(f"{name}: started in {start[name]:.1f} s, first run {first[name]}", flush=True)
        for attempt in range(args.repeat):  # interleaved rounds: every engine sees the same machine load
            loads.append(_loadavg())
            for name, run in runs.items():
                warm[name].append(_timed(run))
                print(f"round {attempt + 1} load {loads[-1]:.1f} {name}: {warm[name][-1]}", flush=True)
    base = _median(warm[local])
    print(f"\n{len(queries):,} queries against {index.name_count:,} names; warm = median of {args.repeat} "
          f"interleaved rounds; load average (1 min) at each round: {', '.join(f'{x:.1f}' for x in loads)}")
    print(f"{'engine':<34}{'start s':>8}{'first s':>8}{'warm s':>8}{'q/s':>7}{'vs local':>9} |"
          f"{'CPU s':>7}{'q/CPU-s':>8}{'2 cores':>8}{'vs local':>9}")
    for name, costs in warm.items():
        m = _median(costs)
        print(f"{name:<34}{start[name]:>8.1f}{first[name].wall if name in first else m.wall:>8.1f}{m.wall:>8.1f}"
              f"{len(queries) / m.wall:>7.0f}{base.wall / m.wall:>8.2f}x |{m.cpu:>7.1f}{len(queries) / m.cpu:>8.0f}"
              f"{2 * len(queries) / m.cpu:>8.0f}{base.cpu / m.cpu:>8.2f}x")
    print("CPU s = this process + every descendant (scheduler, workers, raylet, actors); 2 cores = queries / "
          "(CPU-s / 2), the rate on two idle cores; vs local = search_many's median / the engine's median.")


if __name__ == "__main__":
    main()
