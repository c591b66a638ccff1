"""Abbreviations, connectors and spelling variants as data (issue 21): both spellings meet in one form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.rules.resolution import DEFAULT_THRESHOLD, Query, ResolutionIndex, prepare_name
from ecgraph.rules.resolution.abbreviations import ABBREVIATIONS_VERSION, abbreviations, expand_abbreviations
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
    assert {row.kind for row in table.values()} == {"abbreviation", "connector", "spelling", "acronym", "translation"}
    assert ABBREVIATIONS_VERSION == 2


@pytest.mark.parametrize(("turkish", "listed"), [
    ("Smart Trading Tasimacilik San. ve Tic. Ltd. Sti.", "Smart Trading Transportation Industry and Trade Limited Company"),
    ("Megasan Elektronik Tic. ve San. A.S.", "Megasan Elektronik Ticaret Ve Sanayi Anonim Sirketi"),
    ("Özkan İth. İhr. Dış Tic. Ltd. Şti.", "Ozkan Ithalat Ihracat Dis Ticaret Limited Sirketi"),
    ("Özkan İth. İhr. Dış Tic. Ltd. Şti.", "Ozkan Import Export Foreign Trade Limited Company"),
    ("Aksa Makina Sanayi ve Ticaret A.Ş.", "Aksa Makina San. Tic. A.S."),
])
def test_turkish_company_words_meet_their_long_and_english_forms(turkish: str, listed: str) -> None:
    assert set(_forms(turkish)) & set(_forms(listed))


def test_san_alone_is_a_word_of_many_names_and_stays() -> None:
    assert "san jose" in " ".join(_forms("San Jose Trading")) and "industry" not in " ".join(_forms("San Jose Trading"))


def test_the_explanation_says_which_short_forms_were_read() -> None:
    index = ResolutionIndex.build([{"id": "smart", "list": "jp_mofa_eu", "entity_type": "organization",
                                    "names": ["Smart Trading Transportation Industry and Trade Limited Company"]}])
    query = prepare_name("Smart Trading Tasimacilik San. ve Tic. Ltd. Sti.", "organization", "query")
    assert query is not None
    match = next(m for m in index.search(Query([query]), threshold=0.5) if m.entry_id == "smart")
    assert match.score >= DEFAULT_THRESHOLD
    line = next(f for f in match.explanation["features"] if f["feature"] == "abbreviation")
    assert line["result"] == "read" and line["weight"] == 0.0
    assert line["detail"].startswith("the query reads ") and "'san ve tic' as 'industry trade'" in line["detail"]
    assert "'tasimacilik' as 'transportation'" in line["detail"]


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
