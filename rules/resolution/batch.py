"""Many queries against one index, on every core: how files of names and all declaration parties are screened.

A search is pure Python past its rapidfuzz calls, so threads would share one core; worker processes
forked after the index is loaded share its arrays copy-on-write (nothing is pickled but queries and
matches). Results come back in input order, as a stream, so `ecgraph search --file` writes its first
lines while later names are still being screened. Small batches, a single core, or a platform without
`fork` are searched in this process, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice

from ecgraph.rules.resolution.index import ResolutionIndex
from ecgraph.rules.resolution.score import Match, Query

__all__ = ["SearchOptions", "search_many", "worker_count"]

CHUNK = 128  # queries per task: large enough to amortise the round trip, small enough to stream
MIN_PARALLEL = 2 * CHUNK  # fewer queries than this are not worth starting workers for


@dataclass(frozen=True)
class SearchOptions:
    threshold: float
    thresholds: Mapping[str, float] | None = None
    limit: int = 10
    lists: Sequence[str] | None = None


def worker_count(requested: int | None = None) -> int:
    """Worker processes to use: `requested`, else ECGRAPH_WORKERS, else the cores this process may use."""
    if requested is None and os.environ.get("ECGRAPH_WORKERS", "").strip():
        try:
            requested = int(os.environ["ECGRAPH_WORKERS"])
        except ValueError:
            raise ValueError(f"ECGRAPH_WORKERS={os.environ['ECGRAPH_WORKERS']!r} is not a whole number") from None
    if requested is None:
        requested = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, requested)


# The index and options a forked worker searches with: set in the parent just before the fork, so the
# children inherit them instead of receiving a pickled copy.
_shared: tuple[ResolutionIndex, SearchOptions] | None = None


def _search_chunk(queries: list[Query]) -> list[list[Match]]:
    assert _shared is not None, "worker started without an index"
    index, options = _shared
    return [_search(index, query, options) for query in queries]


def _search(index: ResolutionIndex, query: Query, options: SearchOptions) -> list[Match]:
    found: list[Match] = index.search(query, threshold=options.threshold, thresholds=options.thresholds,
                                      limit=options.limit, lists=options.lists)
    return found


def _chunks(queries: Iterable[Query]) -> Iterator[list[Query]]:
    iterator = iter(queries)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def search_many(index: ResolutionIndex, queries: Iterable[Query], options: SearchOptions, *,
                workers: int | None = None) -> Iterator[list[Match]]:
    """The matches of each query, in order. Uses `worker_count(workers)` processes for large inputs."""
    global _shared
    count = worker_count(workers)
    iterator = iter(queries)
    head = list(islice(iterator, MIN_PARALLEL))
    if len(head) >= MIN_PARALLEL:  # enough queries to repay it (~0.15 s), and before the fork: computed once
        index.prepare_bulk_search()
    if count == 1 or len(head) < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        for query in chain(head, iterator):
            yield _search(index, query, options)
        return
    _shared = (index, options)
    try:
        # fork: the children inherit `_shared` (the index) without pickling it
        with multiprocessing.get_context("fork").Pool(count) as pool:
            chunks = _chunks(chain(head, iterator))
            for results in pool.imap(_search_chunk, chunks):
                yield from results
    finally:
        _shared = None
