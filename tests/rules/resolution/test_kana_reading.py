"""A person named in katakana against a romanisation (issue 21, matcher v13): compared by the kana key too."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.rules.resolution import DEFAULT_THRESHOLD, prepare_name
from ecgraph.rules.resolution.distinctive import reading_key
from ecgraph.rules.resolution.score import kana_reading_similarity, name_similarity


def _similarity(katakana: str, latin: str) -> tuple[float, str]:
    a, b = prepare_name(katakana, "person", "query"), prepare_name(latin, "person", "primary")
    assert a is not None and b is not None
    pair = name_similarity([a], [b], person=True)
    return pair.similarity, pair.method


def test_the_kana_key_writes_what_katakana_cannot_tell_apart_one_way() -> None:
    # th / s, l / r, a final vowel katakana adds
    assert reading_key("thamir ghalib", person=True) == reading_key("samiru garibu", person=True)
    # a final h, kh / h, doubled letters
    assert reading_key("abdullah khalil", person=True) == reading_key("abdurra hariru", person=True)


def test_a_katakana_person_name_meets_its_romanisation_by_the_kana_key() -> None:
    similarity, method = _similarity("サーミル・ガーリブ", "Thamir Ghalib")
    assert similarity >= DEFAULT_THRESHOLD and method == "kana_reading"


@pytest.mark.parametrize(("katakana", "latin"), [
    ("サーミル・ガーリブ", "Samir Ghanem"),  # another surname
    ("マフムード・アッバース", "Mahmoud Abdi"),
    ("グルグ", "Gorg"),  # a key of three letters says nothing (グルグ / Gurg / Gorg are all `grg`)
])
def test_another_person_or_a_short_key_stays_below_the_threshold(katakana: str, latin: str) -> None:
    assert _similarity(katakana, latin)[0] < DEFAULT_THRESHOLD


def test_short_keys_give_nothing() -> None:
    assert kana_reading_similarity("gurugu", "gorg") == 0.0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=40), st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=40))
def test_kana_reading_similarity_is_a_discounted_share(a: str, b: str) -> None:
    assert 0.0 <= kana_reading_similarity(a, b) <= 0.91
