"""Abbreviations, connectors and spelling variants as data (issue 21): both spellings meet in one form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.rules.resolution import prepare_name
from ecgraph.rules.resolution.abbreviations import abbreviations, expand_abbreviations
from ecgraph.rules.resolution.normalize import normalize_name


def _forms(name: str) -> tuple[str, ...]:
    prepared = prepare_name(name, "organization", "query")
    assert prepared is not None
    return prepared.forms


@pytest.mark.parametrize(("short", "long"), [
    ("ACME R&D Co., Ltd.", "ACME Research and Development Co., Ltd."),
    ("ACME R & D Center", "ACME Research & Development Centre"),
    ("Harbin Mfg. Co.", "Harbin Manufacturing Company"),
    ("Tianjin Intl Trade Co Ltd", "Tianjin International Trade Co., Ltd."),
    ("Sino Imp. & Exp. Corp.", "Sino Import and Export Corporation"),
    ("Beijing S&T Development", "Beijing Science and Technology Development"),
    ("Dalian CNC Tools", "Dalian Computer Numerical Control Tools"),
    ("Mitsui & Co., Ltd.", "Mitsui and Co., Ltd."),
])
def test_an_abbreviation_and_its_expansion_compare_as_one_name(short: str, long: str) -> None:
    assert set(_forms(short)) & set(_forms(long))


def test_the_table_is_versioned_data_with_kinds() -> None:
    table = abbreviations()
    assert table[("r", "d")].long == "research development"
    assert table[("centre",)].kind == "spelling"
    assert {row.kind for row in table.values()} == {"abbreviation", "connector", "spelling", "acronym"}


def test_romanised_japanese_and_chinese_are_not_expanded() -> None:
    # インド is India, not industries: a reading is made of whole words already
    assert "ind" in " ".join(_forms("インド")) or "indo" in " ".join(_forms("インド"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_expansion_never_crashes_and_is_idempotent(text: str) -> None:
    once = expand_abbreviations(normalize_name(text))
    assert expand_abbreviations(once) == once


def test_a_10_mb_cell_and_an_empty_name() -> None:
    assert expand_abbreviations("") == ""
    assert expand_abbreviations("mfg " * 2_500_000).startswith("manufacturing manufacturing")
