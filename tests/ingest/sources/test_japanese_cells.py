"""Shared readers for Japanese publishers' cells: `ecgraph.ingest.japanese` and `ecgraph.ingest.workbook`."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from ecgraph.ingest.japanese import has_japanese, parse_jp_dates, script_of
from ecgraph.ingest.workbook import cell_lines, cell_text, halfwidth


def test_japanese_dates_as_printed_by_mof() -> None:
    assert parse_jp_dates("1962年12月26日") == [("1962-12-26", False)]
    assert parse_jp_dates("1963年頃") == [("1963", True)]
    assert parse_jp_dates("1966 年1月1日") == [("1966-01-01", False)]  # South Sudan sheet, stray space
    assert parse_jp_dates("(a)1946年10月14日\n(b)1948年12月") == [("1946-10-14", False), ("1948-12", False)]
    assert parse_jp_dates("2002.3.1") == [("2002-03-01", False)]


def test_excel_serials_and_datetimes() -> None:
    assert parse_jp_dates(13633) == [("1937-04-28", False)]  # Saddam Hussein's DOB cell on the Iraq sheet
    assert parse_jp_dates("28491") == [("1978-01-01", False)]  # a serial stored as text
    assert parse_jp_dates(datetime(1952, 10, 7)) == [("1952-10-07", False)]


def test_text_that_is_not_a_date_gives_nothing() -> None:
    assert parse_jp_dates("不明") == [] and parse_jp_dates(None) == []
    assert parse_jp_dates("200812.19改訂") == []  # a typo in the Terrorists (1) sheet's notice dates


def test_cells_full_width_spaces_and_lines() -> None:
    assert cell_text("セルゲイ・アクショーノフ\u3000  ") == "セルゲイ・アクショーノフ"
    assert cell_text("Al\u3000Rasheed Trust") == "Al Rasheed Trust"
    assert cell_lines("アフガニスタン\nIslamic Republic of Afghanistan\n") == [
        "アフガニスタン",
        "Islamic Republic of Afghanistan",
    ]
    assert cell_text("  \u3000 ") is None
    assert halfwidth("１９４５年（ａ）") == "1945年(a)"


def test_scripts() -> None:
    assert script_of("ウラジーミル・プーチン") == "Kana" and script_of("株式会社インテグラル") == "Jpan"
    assert (
        script_of("鴨緑江開発銀行") == "Hani"
        and script_of("Сергей") == "Cyrl"
        and script_of("Abu Ali") == "Latn"
    )
    assert has_japanese("BSVT 新技術") and not has_japanese("BSVT")


@given(st.text())
def test_parse_jp_dates_never_crashes_and_gives_iso_shapes(text: str) -> None:
    for iso, approximate in parse_jp_dates(text):
        assert len(iso) in (4, 7, 10) and 1000 <= int(iso[:4]) <= 2999 and isinstance(approximate, bool)
        if len(iso) >= 7:
            assert 1 <= int(iso[5:7]) <= 12


@given(st.text())
def test_cell_text_is_idempotent(text: str) -> None:
    once = cell_text(text)
    assert cell_text(once) == once
