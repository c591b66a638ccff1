"""Party matching over a Dask distributed cluster: the same `search_many` contract, on other machines.

The index travels once, as the bytes of its cache file (marshal; a few tens of MB), broadcast to every
worker with `scatter(broadcast=True)`; each worker process loads it once and keeps it, keyed by its
fingerprint, for every task after that (`_worker_index`), and for later runs: workers that already
hold the current index are not sent it again. Tasks are chunks of queries; results come
back in input order, so the caller (the one process that writes to Neo4j) sees exactly what a
single-process run yields. Workers never touch the graph: writes stay in one place and idempotent.

A worker that dies mid-run loses nothing: the scheduler runs its tasks again on the others (its copy
of the index was broadcast there too). When a task still fails with `KilledWorker` (the scheduler's
limit on suspicious tasks), or lands on a worker that restarted without the index, it is submitted
again here with the index attached; `ClusterRun` counts both.
Why Dask and not Ray: see benchmarks/cluster.py and the README ("Screening across machines").
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from ecgraph.rules.resolution.batch import CHUNK, SearchOptions
from ecgraph.rules.resolution.index import ResolutionIndex
from ecgraph.rules.resolution.score import Match, Query
from ecgraph.schemas.errors import EcgraphError

__all__ = ["ClusterRun", "ClusterUnavailable", "search_on_cluster"]

CONNECT_TIMEOUT_S = 15


class ClusterUnavailable(EcgraphError):
    def __init__(self, address: str, cause: str) -> None:
        super().__init__(f"cannot reach the Dask scheduler at {address}: {cause}. Start one there "
                         f"(`dask scheduler`, then `dask worker {address}` on each machine) or run without --cluster")
        self.address = address


@dataclass
class ClusterRun:
    """What the cluster did: for the run report."""

    address: str
    workers_at_start: int = 0
    workers_at_end: int = 0
    tasks: int = 0
    resubmitted: int = 0  # tasks this client submitted again after KilledWorker
    workers_lost: list[str] = field(default_factory=list)


# worker side: index fingerprint -> the index, loaded once per worker process
_INDEXES: dict[str, ResolutionIndex] = {}


class IndexMissing(RuntimeError):
    """A worker was asked to search with an index it does not hold (it joined or restarted since)."""


def _worker_index(digest: str, blob: bytes | None) -> ResolutionIndex:
    index = _INDEXES.get(digest)
    if index is None:
        if blob is None:
            raise IndexMissing(digest)
        with tempfile.TemporaryDirectory(prefix="ecgraph-index-") as folder:
            path = Path(folder) / "index.index"
            path.write_bytes(blob)
            index = ResolutionIndex.load(path)
        index.prepare_bulk_search()
        _INDEXES.clear()  # one index per worker: an older one is dropped
        _INDEXES[digest] = index
    return index


def _holds_index(digest: str) -> bool:
    return digest in _INDEXES


def _search_chunk(digest: str, blob: bytes | None, options: SearchOptions,
                  queries: list[Query]) -> list[list[Match]]:
    index = _worker_index(digest, blob)
    return [index.search(q, threshold=options.threshold, thresholds=options.thresholds, limit=options.limit,
                         lists=options.lists) for q in queries]


def index_blob(index: ResolutionIndex) -> tuple[str, bytes]:
    """The index as its cache-file bytes, and their digest (the key workers keep it under)."""
    with tempfile.TemporaryDirectory(prefix="ecgraph-index-") as folder:
        path = Path(folder) / "index.index"
        index.save(path)
        blob = path.read_bytes()
    return hashlib.sha256(blob).hexdigest()[:20], blob


def connect_cluster(address: str) -> Any:
    """A Dask client for `address`, or ClusterUnavailable naming it."""
    from distributed import Client

    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterUnavailable(address, f"{type(exc).__name__}: {exc}") from exc


def search_on_cluster(address: str, index: ResolutionIndex, queries: Iterable[Query], options: SearchOptions,
                      run: ClusterRun | None = None, *, chunk: int = CHUNK) -> Iterator[list[Match]]:
    """The matches of each query, in input order, computed by the cluster's workers."""
    from distributed import KilledWorker

    run = run if run is not None else ClusterRun(address)
    client = connect_cluster(address)
    try:
        before = set(client.scheduler_info()["workers"])
        if not before:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
            before = set(client.scheduler_info()["workers"])
        run.workers_at_start = len(before)
        # the index's fingerprint names it; workers that already hold it (an earlier run) get no copy
        digest, blob = (index.fingerprint, None) if index.fingerprint else index_blob(index)
        held = client.run(_holds_index, digest)
        shared: Any = None
        if not held or not all(held.values()):
            blob = blob if blob is not None else index_blob(index)[1]
            shared = client.scatter(blob, broadcast=True, hash=False)
        iterator = iter(queries)
        chunks: list[list[Query]] = []
        while batch := list(islice(iterator, chunk)):
            chunks.append(batch)
        futures = [client.submit(_search_chunk, digest, shared, options, batch, pure=False) for batch in chunks]
        run.tasks = len(futures)
        for batch, future in zip(chunks, futures, strict=True):
            try:
                results: list[list[Match]] = future.result()
            except (KilledWorker, IndexMissing):
                run.resubmitted += 1
                blob = blob if blob is not None else index_blob(index)[1]
                results = client.submit(_search_chunk, digest, blob, options, batch, pure=False).result()
            yield from results
        after = set(client.scheduler_info()["workers"])
        run.workers_at_end = len(after)
        run.workers_lost = sorted(before - after)
    finally:
        client.close()
