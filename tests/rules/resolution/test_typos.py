"""Typing errors (issue 21, matcher v15): two swapped letters cost what a missing one does, within an
allowance that grows with the name's length, and a six-letter name typed wrong is still a candidate."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from ecgraph.rules.resolution import DEFAULT_THRESHOLD, Query, ResolutionIndex, name_similarity, prepare_name
from ecgraph.rules.resolution.typos import (
    deletion_keys,
    deletion_lookups,
    typo_allowance,
    typo_similarity,
)


def similarity(a: str, b: str, entity_type: str = "organization") -> float:
    pa, pb = prepare_name(a, entity_type), prepare_name(b, entity_type)
    assert pa is not None and pb is not None
    return name_similarity([pa], [pb], entity_type == "person").similarity


def test_two_swapped_letters_cost_what_a_missing_one_does() -> None:
    missing = fuzz.ratio("shihab", "shiab") / 100  # plain ratio already charges a missing letter once
    assert typo_similarity("shihab", "shiahb") == 1 - 1 / 12
    assert fuzz.ratio("shihab", "shiahb") / 100 < missing < typo_similarity("shihab", "shiahb")


def test_a_wrong_letter_keeps_its_price() -> None:
    """A wrong letter changes the name (`steris` / `sterns`): charged as one it lifted unlisted names to listed ones."""
    assert typo_similarity("steris", "sterns") == fuzz.ratio("steris", "sterns") / 100


def test_the_allowance_grows_with_the_length_of_the_shorter_name() -> None:
    assert [typo_allowance("x" * n, "x" * n) for n in (5, 6, 11, 12, 18)] == [0, 1, 1, 2, 3]
    assert typo_similarity("shiahb mohmamed", "shihab mohammed") == 1 - 2 / 30  # two typos in 14 letters
    three = typo_similarity("shiahb mohmamde", "shihab mohammed")  # a third is more than a typist's slip
    assert three == fuzz.ratio("shiahb mohmamde", "shihab mohammed") / 100


def test_short_names_must_be_spelt_the_same() -> None:
    """Five letters or fewer: a different letter makes a different name or acronym (`Sysco` is not SISCO)."""
    assert typo_similarity("sysco", "syscoo") == fuzz.ratio("sysco", "syscoo") / 100
    assert typo_similarity("sysco", "ssyco") == fuzz.ratio("sysco", "ssyco") / 100 == 0.8


def test_a_different_first_letter_of_a_word_is_no_typo() -> None:
    """People rarely mistype a word's first letter: `marex group` is not `umatex group`, `rohamed` not `mohamed`."""
    assert typo_similarity("marex group", "umatex group") == fuzz.ratio("marex group", "umatex group") / 100
    assert typo_similarity("group marex", "group umatex") == fuzz.ratio("group marex", "group umatex") / 100
    assert typo_similarity("rohamed", "mohamed") == fuzz.ratio("rohamed", "mohamed") / 100


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeklmnorst ", max_size=20), st.text(alphabet="abcdeklmnorst ", max_size=20))
def test_typo_similarity_is_bounded_symmetric_and_never_below_ratio(a: str, b: str) -> None:
    sim = typo_similarity(a, b)
    assert 0.0 <= sim <= 1.0
    assert sim == typo_similarity(b, a)
    assert sim >= fuzz.ratio(a, b) / 100
    assert (sim == 1.0) == (a == b) or not a and not b


def test_a_name_with_two_typos_scores_at_least_its_whole_string_ratio() -> None:
    """Regression (issue 21): `SHIAHB, Mohmamed` scored 0.86, below its whole-string ratio of 0.87, because each
    swap cost a six-letter token two of its twelve letters; now it is the listed name typed wrong."""
    typed = similarity("SHIAHB, Mohmamed", "SHIHAB, Mohammed", "person")
    assert typed >= DEFAULT_THRESHOLD
    assert typed >= fuzz.ratio("shiahb mohmamed", "shihab mohammed") / 100


def test_a_reading_of_another_script_gets_no_typo_allowance() -> None:
    """A transliteration differs from a listed name in its own ways, not by typing errors."""
    assert similarity("Vetrolyoty", "Vertolyoty") > similarity("Vetrolyoty", "Вертолёты")
    assert similarity("Vetrolyoty", "Вертолёты") == fuzz.ratio("vetrolyoty", "vertolyoty") / 100


_EDITS = ("substitute", "swap", "insert", "delete")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.ascii_lowercase, min_size=6, max_size=6), st.sampled_from(_EDITS),
       st.integers(0, 5), st.sampled_from(string.ascii_lowercase))
def test_a_six_letter_token_one_edit_away_shares_a_key(token: str, edit: str, i: int, letter: str) -> None:
    if edit == "substitute":
        typed = token[:i] + letter + token[i + 1:]
    elif edit == "swap":
        typed = token[:i] + token[i + 1:i + 2] + token[i] + token[i + 2:]
    elif edit == "insert":
        typed = token[:i] + letter + token[i:]
    else:
        typed = token[:i] + token[i + 1:]
    assert deletion_lookups(typed) & (deletion_keys(token) | {"w:" + token}) or typed == token


def test_a_six_letter_name_with_its_middle_letters_swapped_is_found() -> None:
    """`shhaid` shares no trigram, prefix or suffix with SHAHID: only its deletions make it a candidate."""
    index = ResolutionIndex.build([{"id": "o", "list": "l", "entity_type": "organization", "names": ["SHAHID"]},
                                   {"id": "p", "list": "l", "entity_type": "organization", "names": ["SHAPIRO"]}])
    prepared = prepare_name("SHHAID", "organization", "query")
    assert prepared is not None
    found = {m.entry_id: m.score for m in index.search(Query([prepared], "organization"), threshold=0.5)}
    assert found["o"] >= DEFAULT_THRESHOLD and "p" not in found
