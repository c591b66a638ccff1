"""Character-count bounds on rapidfuzz's ratio (issue 9): they skip only rows that cannot reach the cutoff."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from ecgraph.rules.resolution.bounds import char_bag, char_bags, ratio_may_reach

# names, digits, spaces, punctuation and other scripts: the bound must hold for any text
TEXT = st.text(alphabet=st.sampled_from("abcdeiklmnorstuyz ABZ0129-'.éжع漢"), max_size=24)


@settings(max_examples=300, deadline=None)
@given(query=TEXT, rows=st.lists(TEXT, min_size=1, max_size=12), level=st.integers(0, 100))
def test_a_row_ruled_out_by_the_bound_scores_below_the_level(query: str, rows: list[str], level: int) -> None:
    bags, lengths = char_bags(rows)
    may = ratio_may_reach(bags, lengths, char_bag(query), len(query), level)
    for row, possible in zip(rows, may.tolist(), strict=True):
        if not possible:
            assert fuzz.ratio(query, row) < level


def test_rows_alike_enough_are_kept_and_rows_of_other_letters_are_not() -> None:
    rows = ["rosoboronexport", "rosoboroneksport", "beihang university", "rosoboronexport jsc"]
    bags, lengths = char_bags(rows)
    may = ratio_may_reach(bags, lengths, char_bag("rosoboronexprot"), len("rosoboronexprot"), 80)
    assert may.tolist() == [True, True, False, True]


def test_one_string_is_counted_as_the_index_counts_it() -> None:
    texts = ["al baghdadi", "OOO Ромашка 2", ""]
    bags, lengths = char_bags(texts)
    for number, text in enumerate(texts):
        assert char_bag(text).tolist() == bags[number].tolist()
        assert lengths[number] == len(text)


def test_counts_too_large_for_a_byte_keep_the_bound_true() -> None:
    long = "a" * 300
    bags, lengths = char_bags([long, "ab"])
    assert bags.dtype == np.uint16 and bags[0].max() == 300
    assert ratio_may_reach(bags, lengths, char_bag(long), len(long), 100).tolist() == [True, False]
