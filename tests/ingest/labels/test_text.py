"""OCR text normalisation (issue 8): Japanese without spaces, Japanese glyph forms, NFKC."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ecgraph.ingest.labels.text import GLYPH_VARIANTS, is_japanese_char, normalise_line, normalise_text


def test_tesseract_spaces_between_kanji_and_kana_are_removed() -> None:
    # Tesseract's jpn model reads 株式会社白鷺光学 (lbl_0016) as spaced characters.
    assert normalise_line("株 式 会 社 白 鷺 光 学") == "株式会社白鷺光学"
    assert normalise_line("品 名 ： 赤 外 線 カ メ ラ") == "品名:赤外線カメラ"


def test_spaces_between_latin_words_stay() -> None:
    assert normalise_line("WAKABA  SYSTEMS   CO., LTD.") == "WAKABA SYSTEMS CO., LTD."
    assert normalise_line("HANDLE WITH CARE  取扱注意") == "HANDLE WITH CARE 取扱注意"


def test_chinese_glyph_variants_become_japanese() -> None:
    # RapidOCR's PP-OCR models emit simplified glyphs: 光电子增倍管 for 光電子増倍管, 数值 for 数値.
    assert normalise_line("光电子增倍管") == "光電子増倍管"
    assert normalise_line("品名:数值制御装置") == "品名:数値制御装置"
    assert normalise_line("若巢精機株式会社") == "若巣精機株式会社"


def test_desk_and_other_real_japanese_characters_are_not_mapped() -> None:
    for char in "机叶干后里":
        assert char not in GLYPH_VARIANTS


def test_full_width_forms_fold_to_ascii() -> None:
    assert normalise_line("原産国：日本") == "原産国:日本"
    assert normalise_line("ＭＯＤＥＬ：ＲＷ－Ｒ１") == "MODEL:RW-R1"


def test_empty_lines_are_dropped() -> None:
    assert normalise_text("A\n \n\u3000\nB") == "A\nB"


@given(st.text())
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@given(st.text())
def test_no_space_is_left_between_two_japanese_characters(text: str) -> None:
    out = normalise_line(text)
    for left, middle, right in zip(out, out[1:], out[2:], strict=False):
        assert not (is_japanese_char(left) and middle == " " and is_japanese_char(right))


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_no_chinese_only_glyph_survives(text: str) -> None:
    assert not any(char in GLYPH_VARIANTS for char in normalise_line(text))


@given(st.text(alphabet=st.sampled_from("株式会社增电 ：:ABC12 　")))
def test_output_is_nfkc_without_leading_or_double_spaces(text: str) -> None:
    out = normalise_line(text)
    assert unicodedata.normalize("NFKC", out) == out
    assert out == out.strip() and "  " not in out
