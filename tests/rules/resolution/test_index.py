"""The candidate index (issue 9): blocking finds what a brute-force scan finds, persists, filters lists."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from ecgraph.ingest.source import ParseContext
from ecgraph.ingest.sources.us_trade_csl import UsTradeCsl
from ecgraph.rules.resolution import (
    DEFAULT_THRESHOLD,
    Query,
    ResolutionIndex,
    entry_from_record,
    prepare_name,
)
from ecgraph.rules.resolution.index import MAX_KEY_POSTINGS, consonant_keys, spelling_keys


@pytest.fixture(scope="module")
def csl_entries(shared_data: Path) -> list[dict[str, Any]]:
    """3,000 real entries of the US Consolidated Screening List."""
    source = UsTradeCsl()
    parsed = source.parse(source.snapshot_files(shared_data), ParseContext(source.id))
    return [entry_from_record(e.to_dict(), "us_trade_csl") for _, e in zip(range(3000), parsed, strict=False)]


@pytest.fixture(scope="module")
def csl_index(csl_entries: list[dict[str, Any]]) -> ResolutionIndex:
    return ResolutionIndex.build(csl_entries, fingerprint="test")


def typo(name: str, rng: random.Random) -> str:
    chars = list(name)
    i = rng.randrange(1, max(2, len(chars) - 1))
    chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return "".join(chars)


def test_blocking_recall_is_at_least_995_permille_of_a_brute_force_scan(
        csl_entries: list[dict[str, Any]], csl_index: ResolutionIndex) -> None:
    rng = random.Random(9)
    names = [n["value"] for e in rng.sample(csl_entries, 300) for n in e["names"][:1]]
    queries = [prepare_name(typo(n, rng), "unknown", "query") for n in names]
    found = total = 0
    for q in queries:
        assert q is not None
        scores = process.cdist(list(q.forms), csl_index.forms.tolist(), scorer=fuzz.token_sort_ratio,
                               score_cutoff=86, dtype=np.uint8)
        brute = set(csl_index.form_entry[np.nonzero(scores.max(axis=0))[0]].tolist())
        total += len(brute)
        found += len(brute & csl_index.candidate_entries([q]))
    assert total > 250
    assert found / total >= 0.995


def test_a_misspelt_listed_name_is_found_with_its_publisher_id(csl_index: ResolutionIndex) -> None:
    prepared = prepare_name("Rim Abas", "person", "query")  # CSL: 'ABBAS, Rim (SDN 21944)
    assert prepared is not None
    matches = csl_index.search(Query([prepared], "person"), threshold=0.8)
    assert matches and matches[0].entry_id == "us_trade_csl:21944"
    assert csl_index.entry(matches[0].entry_id)["source_id"] == "21944"  # type: ignore[index]


def test_index_round_trips_through_its_cache_file(csl_index: ResolutionIndex, tmp_path: Path) -> None:
    path = tmp_path / "index.marshal"
    csl_index.save(path)
    loaded = ResolutionIndex.load(path)
    assert loaded.fingerprint == "test" and len(loaded) == len(csl_index)
    prepared = prepare_name("ABBAS, Rim", "person", "query")
    assert prepared is not None
    query = Query([prepared], "person")
    assert [m.entry_id for m in loaded.search(query)] == [m.entry_id for m in csl_index.search(query)]


def test_lists_filter_and_per_list_thresholds() -> None:
    index = ResolutionIndex.build([
        {"id": "a:1", "list": "a", "source_id": "1", "entity_type": "organization", "names": ["Rosoboronexport"]},
        {"id": "b:1", "list": "b", "source_id": "1", "entity_type": "organization", "names": ["Rosoboroneksport"]},
    ])
    prepared = prepare_name("Rosoboronexport", "organization", "query")
    assert prepared is not None
    query = Query([prepared], "organization")
    assert {m.entry_id for m in index.search(query, threshold=0.8)} == {"a:1", "b:1"}
    assert [m.entry_id for m in index.search(query, threshold=0.8, lists=["b"])] == ["b:1"]
    assert [m.entry_id for m in index.search(query, threshold=0.8, thresholds={"b": 0.99})] == ["a:1"]


def test_the_prefilter_lets_an_abjad_name_reach_its_vowelled_spelling() -> None:
    """`محمد کرمی` has 8 Latin letters and `Mohammad KARAMI` 14: the prefilter compares their consonants."""
    names = ["Mohammad KARAMI", "Mohammad KARIMI RAD", "Karam MOHAMMADI", "محمد کرمی"]
    index = ResolutionIndex.build([{"id": f"l:{i}", "list": "l", "source_id": str(i), "entity_type": "person",
                                    "names": [name]} for i, name in enumerate(names)])
    for bulk in (False, True):  # consonants counted per search, or for every row up front
        if bulk:
            index.prepare_bulk_search()
        for query, target in (("محمد کرمی", "l:0"), ("Mohammad KARAMI", "l:3")):
            prepared = prepare_name(query, "person", "query")
            assert prepared is not None
            found = index.search(Query([prepared], "person"), threshold=DEFAULT_THRESHOLD)
            assert target in {m.entry_id for m in found}


def test_consonant_keys_meet_across_unwritten_vowels_and_semivowels() -> None:
    """Arabic script writes `khsrwi` and `sid` where the lists print `khosravi` and `said`."""
    for written, printed in (("mhmd hsin khsrwi", "mohammed hossein khosravi"), ("sid sid", "said said"),
                             ("marian hwik", "marianne hoayek")):
        assert consonant_keys(written) == consonant_keys(printed)


def test_an_arabic_name_reaches_its_printed_spelling_past_keys_too_common_to_block_on() -> None:
    """`محمد حسین خسروی` shares only `Mohammad Hossein` (keys in more than `MAX_KEY_POSTINGS` names) with
    `Mohammed Hossein KHOSRAVI` until its consonants (`khsr`) count."""
    rng = random.Random(21)
    names = ["Mohammed Hossein KHOSRAVI"] + [
        "Mohammad Hossein " + "".join(rng.choice("bcdfgjklmnprstz") + rng.choice("aeiou") for _ in range(3)).upper()
        for _ in range(MAX_KEY_POSTINGS + 100)]
    index = ResolutionIndex.build([{"id": f"l:{i}", "list": "l", "source_id": str(i), "entity_type": "person",
                                    "names": [name]} for i, name in enumerate(names)])
    prepared = prepare_name("محمد حسین خسروی", "person", "query")
    assert prepared is not None
    assert 0 in index.candidate_entries([prepared])
    found = index.search(Query([prepared], "person"), threshold=DEFAULT_THRESHOLD)
    assert "l:0" in {m.entry_id for m in found}


def test_an_exact_identifier_finds_the_entry_whatever_the_name() -> None:
    index = ResolutionIndex.build([{"id": "v:1", "list": "v", "source_id": "1", "entity_type": "vessel",
                                    "names": ["OCEAN STAR"], "identifiers": ["IMO 9187629"]}])
    prepared = prepare_name("Blue Whale", "unknown", "query")
    assert prepared is not None
    matches = index.search(Query([prepared], identifiers=["9187629"]))
    assert [m.entry_id for m in matches] == ["v:1"] and matches[0].score >= 0.99


def test_bulk_search_bounds_change_no_match(csl_entries: list[dict[str, Any]]) -> None:
    """`prepare_bulk_search` only lets the prefilter skip rows that cannot reach its cutoff: every query finds
    the same matches, with the same scores, at a low and at the default threshold."""
    index = ResolutionIndex.build(csl_entries[:1500])
    rng = random.Random(3)
    names = [typo(str(e["names"][0]["value"]), rng) for e in rng.sample(csl_entries[:1500], 150)]
    names += ["Рособоронэкспорт", "道通机器人有限公司", "Abbas Rim", "al baghdadi", "Beihang Univ"]
    queries = [Query([p], "unknown") for p in (prepare_name(n, "unknown", "query") for n in names) if p]

    def matches(threshold: float) -> list[list[tuple[str, float, str]]]:
        return [[(m.entry_id, m.score, m.name_pair.method) for m in index.search(q, threshold=threshold, limit=20)]
                for q in queries]

    before = {t: matches(t) for t in (0.6, 0.86)}
    index.prepare_bulk_search()
    assert {t: matches(t) for t in (0.6, 0.86)} == before
    assert sum(1 for found in before[0.86] if found) >= len(queries) // 3


def test_a_short_vessel_name_spelt_another_way_is_found_and_a_company_is_not_lowered_to_it() -> None:
    """`dowe` and DOVE share no key but their spelling key; between two vessels four letters are enough for a
    spelling variant, while a short company name must still be spelt the same (`Sysco` is not SISCO)."""
    index = ResolutionIndex.build([
        {"id": "v", "list": "l", "entity_type": "vessel", "names": ["DOVE"]},
        {"id": "o", "list": "l", "entity_type": "organization", "names": ["SISCO"]},
    ])
    assert spelling_keys("dowe tzunaewa") == {"w:dove", "w:tsunaeva"} and spelling_keys("dove") == set()

    def found(name: str, entity_type: str) -> dict[str, float]:
        prepared = prepare_name(name, entity_type, "query")
        assert prepared is not None
        return {m.entry_id: m.score for m in index.search(Query([prepared], entity_type), threshold=0.5)}

    assert found("dowe", "vessel")["v"] >= DEFAULT_THRESHOLD
    assert found("dowe", "organization").get("v", 0.0) < DEFAULT_THRESHOLD
    assert found("Sysco", "organization").get("o", 0.0) < DEFAULT_THRESHOLD
