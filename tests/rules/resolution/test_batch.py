"""Many names at once (issue 9): worker processes give exactly what one process gives, in input order."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from ecgraph.ingest.source import ParseContext
from ecgraph.ingest.sources.us_trade_csl import UsTradeCsl
from ecgraph.rules.resolution import (
    Query,
    ResolutionIndex,
    SearchOptions,
    entry_from_record,
    prepare_name,
    search_many,
)
from ecgraph.rules.resolution.batch import MIN_PARALLEL, worker_count


@pytest.fixture(scope="module")
def csl_entries(shared_data: Path) -> list[dict[str, Any]]:
    source = UsTradeCsl()
    parsed = source.parse(source.snapshot_files(shared_data), ParseContext(source.id))
    return [entry_from_record(e.to_dict(), "us_trade_csl") for _, e in zip(range(1500), parsed, strict=False)]


def _queries(entries: list[dict[str, Any]], count: int) -> list[Query]:
    """Listed names with one letter dropped, and names no list has, shuffled."""
    rng = random.Random(4)
    names = []
    for entry in rng.sample(entries, count // 2):
        value = entry["names"][0]["value"] if isinstance(entry["names"][0], dict) else entry["names"][0]
        cut = rng.randrange(1, max(2, len(value) - 1))
        names.append(value[:cut] + value[cut + 1:])
    names += [f"Quiet Harbour Trading {i} Ltd" for i in range(count - len(names))]
    rng.shuffle(names)
    queries = []
    for name in names:
        prepared = prepare_name(name, "unknown", "query")
        queries.append(Query(names=[prepared] if prepared else []))
    return queries


def test_worker_processes_return_the_same_matches_in_input_order(csl_entries: list[dict[str, Any]]) -> None:
    index = ResolutionIndex.build(csl_entries)
    queries = _queries(csl_entries, MIN_PARALLEL * 2 + 17)  # several chunks and a ragged last one
    options = SearchOptions(threshold=0.86, limit=5)

    alone = [[(m.entry_id, m.score) for m in found] for found in search_many(index, queries, options, workers=1)]
    shared = [[(m.entry_id, m.score) for m in found] for found in search_many(index, iter(queries), options, workers=2)]

    assert shared == alone
    assert sum(1 for found in alone if found) >= len(queries) // 3  # the typo'd listed names are found


def test_a_small_batch_is_searched_in_this_process(csl_entries: list[dict[str, Any]],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    index = ResolutionIndex.build(csl_entries[:200])
    monkeypatch.setattr("multiprocessing.get_context", lambda *_: pytest.fail("started workers for 3 names"))
    found = list(search_many(index, _queries(csl_entries[:200], 3), SearchOptions(threshold=0.86), workers=2))
    assert len(found) == 3


def test_worker_count_follows_ecgraph_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECGRAPH_WORKERS", "3")
    assert worker_count() == 3
    assert worker_count(1) == 1
    monkeypatch.setenv("ECGRAPH_WORKERS", "many")
    with pytest.raises(ValueError, match="ECGRAPH_WORKERS='many' is not a whole number"):
        worker_count()
