"""The index file (issue 17): `search` memory-maps it and reads only what a query touches, and a search through
the loaded index finds the same candidates with the same scores and explanations as the index built in memory."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ecgraph.ingest.registry import SOURCES
from ecgraph.ingest.source import ParseContext
from ecgraph.rules.resolution import (
    DEFAULT_THRESHOLD,
    Match,
    Query,
    ResolutionIndex,
    entry_from_record,
    prepare_name,
    query_for_names,
)
from ecgraph.rules.resolution.index_file import BlobTable, SortedMapping, StringTable

# Lists of the demo's bundled snapshot in several scripts (CSL: Latin and Chinese; UN: Arabic-derived
# names; METI: Japanese and Chinese firms; EU: Bank Rossiya; 1260H: Chinese state groups)
DEMO_LISTS = {"us_trade_csl": 3000, "un_sc_sanctions": None, "jp_meti_end_user_list": None,
              "eu_oj_sanctions": 2000, "us_dod_1260h": None}


@pytest.fixture(scope="module")
def demo_entries(shared_data: Path) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for source_id, most in DEMO_LISTS.items():
        source = SOURCES[source_id]()
        parsed = source.parse(source.snapshot_files(shared_data), ParseContext(source.id))
        taken = [entry_from_record(e.to_dict(), source_id) for _, e in zip(range(most or 10**9), parsed, strict=False)]
        assert taken, source_id
        entries += taken
    return entries


@pytest.fixture(scope="module")
def built(demo_entries: list[dict[str, Any]]) -> ResolutionIndex:
    return ResolutionIndex.build(demo_entries, fingerprint="demo")


@pytest.fixture(scope="module")
def saved(built: ResolutionIndex, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("index") / "index-demo.index"
    built.save(path)
    return path


def _typo(name: str, rng: random.Random) -> str:
    chars = list(name)
    i = rng.randrange(1, max(2, len(chars) - 1))
    chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return "".join(chars)


def _queries(entries: list[dict[str, Any]]) -> list[Query]:
    """Listed names as written, misspelt, in their other scripts, with countries, and an identifier alone."""
    rng = random.Random(17)
    queries: list[Query] = []
    for entry in rng.sample(entries, 120):
        names = [n["value"] for n in entry["names"] if n["value"]]
        name = rng.choice(names)
        text = _typo(name, rng) if rng.random() < 0.5 else name
        queries.append(query_for_names([text], entry["entity_type"], countries=entry["countries"][:1]))
    others = [n["value"] for e in entries for n in e["names"] if n["value"] and not n["value"].isascii()]
    for text in rng.sample(others, 30) + ["Bank Rossiya", "ROSOBORONEKSPORT", "Hoeryong Shipping"]:
        queries.append(query_for_names([text], "unknown"))
    with_id = next(e for e in entries if e["identifiers"])
    prepared = prepare_name("Zzyzx Unknown Holdings", "organization", "query")
    assert prepared is not None
    queries.append(Query([prepared], "organization", identifiers=[with_id["identifiers"][0]]))
    return queries


def _answers(index: ResolutionIndex, query: Query) -> list[tuple[str, float, dict[str, Any]]]:
    found: list[Match] = index.search(query, threshold=0.7, limit=25)
    return [(m.entry_id, m.score, m.explanation) for m in found]


def test_a_loaded_index_finds_the_same_candidates_and_scores_as_the_built_one(
        built: ResolutionIndex, saved: Path, demo_entries: list[dict[str, Any]]) -> None:
    loaded = ResolutionIndex.load(saved)
    assert isinstance(loaded.forms, StringTable)  # the fast path: nothing decoded up front
    queries = _queries(demo_entries)
    found = 0
    for query in queries:
        assert np.array_equal(np.sort(loaded.candidate_forms(query.names)), np.sort(built.candidate_forms(query.names)))
        expected = _answers(built, query)
        assert _answers(loaded, query) == expected
        found += bool(expected)
    assert found >= len(queries) * 0.8  # the comparison is over real answers, not empty lists
    loaded.prepare_bulk_search()  # the many-searches path decodes the tables and must agree too
    assert all(_answers(loaded, q) == _answers(built, q) for q in queries[:40])


def test_one_search_decodes_only_the_entries_it_scores(saved: Path) -> None:
    loaded = ResolutionIndex.load(saved)
    assert isinstance(loaded.entries, BlobTable) and loaded.entries.decoded == 0
    assert loaded.search(query_for_names(["Bank Rossiya"], "organization"), threshold=DEFAULT_THRESHOLD)
    assert 0 < loaded.entries.decoded < 100


def test_a_loaded_index_reports_the_built_ones_entries(built: ResolutionIndex, saved: Path) -> None:
    loaded = ResolutionIndex.load(saved)
    assert (len(loaded), loaded.name_count, loaded.fingerprint) == (len(built), built.name_count, "demo")
    for entry in (built.entries[0], built.entries[len(built) // 2], built.entries[-1]):
        stored = loaded.entry(entry["id"])  # lists come back as tuples, as they always did
        assert stored is not None and {k: list(v) if isinstance(v, tuple) else v for k, v in stored.items()} == entry
    assert loaded.entry("no such id") is None
    assert dict(loaded.token_weights.items()) == dict(built.token_weights.items())


def test_saving_a_loaded_index_writes_the_same_file(saved: Path, tmp_path: Path) -> None:
    """What `screen --cluster` sends its workers: the loaded index, saved again."""
    again = tmp_path / "again.index"
    ResolutionIndex.load(saved).save(again)
    assert again.read_bytes() == saved.read_bytes()


def test_an_empty_index_and_a_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.index"
    ResolutionIndex.build([]).save(path)
    empty = ResolutionIndex.load(path)
    prepared = prepare_name("Anything", "organization", "query")
    assert prepared is not None
    assert len(empty) == 0 and empty.search(Query([prepared]), threshold=DEFAULT_THRESHOLD) == []
    foreign = tmp_path / "old.index"
    foreign.write_bytes(b"\xfb{\x00\x00\x00")  # an index of an older layout (a marshal dict)
    with pytest.raises(ValueError, match="not an index file of this version"):
        ResolutionIndex.load(foreign)


def test_string_tables_and_sorted_mappings_read_any_script() -> None:
    words = ["Рособоронэкспорт", "", "bank", "道通机器人", "ｱｲｳ"]
    table = StringTable.of(words)
    assert list(table) == words and table.tolist() == words and table[-1] == "ｱｲｳ"
    assert table[np.asarray([3, 0])].tolist() == ["道通机器人", "Рособоронэкспорт"]
    with pytest.raises(IndexError):
        table[len(words)]
    keys = StringTable.of(sorted(words))
    mapping: SortedMapping[int] = SortedMapping(keys, lambda n: n * 10)
    assert mapping["bank"] == sorted(words).index("bank") * 10 and "ｱｲｳ" in mapping and "banks" not in mapping
    assert mapping.get("nothing", -1) == -1 and list(mapping) == sorted(words) and len(mapping) == len(words)
