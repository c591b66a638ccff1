"""The Export Trade Control Order is read from the law's own e-Gov XML, numbering and text exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ecgraph.ingest.controls.jp_etco import catch_all_chapters, parse_jp_etco, version_from_filename
from ecgraph.ingest.controls.numbering import kanji_number, normalise_number
from ecgraph.schemas.errors import SourceError

ETCO_NAME = "324CO0000000378_20260214_507CO0000000376.xml"


@pytest.fixture(scope="module")
def etco(shared_data: Path):  # type: ignore[no-untyped-def]
    return parse_jp_etco(shared_data / "controls" / "jp" / ETCO_NAME)


def test_version_is_the_date_in_the_file_name(etco) -> None:  # type: ignore[no-untyped-def]
    assert etco.version == "20260214"
    assert version_from_filename(Path("324CO0000000378_20270401_999CO0000000001.xml")) == "20270401"


def test_appended_table_1_has_items_1_to_16_with_3_no_2(etco) -> None:  # type: ignore[no-untyped-def]
    items = [e.code for e in etco.entries if e.level == 1]
    assert items == ["1", "2", "3", "3の2", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"]
    # the numbering as printed is kept beside the normalised code
    assert {e.code: e.number for e in etco.entries if e.level == 1}["16"] == "一六"


def test_sub_items_keep_japanese_text_and_numbering(etco) -> None:  # type: ignore[no-untyped-def]
    entries = etco.by_code()
    assert entries["7(1)"].number == "（一）"
    assert entries["7(1)"].text_ja == "集積回路（四の項の中欄に掲げるものを除く。）"
    assert entries["1(13の2)"].number == "（十三の二）"  # branch numbers stay branch numbers
    assert entries["2(12)-1"].text_ja == "数値制御を行うことができる工作機械"
    assert entries["2(12)-1"].parent_code == "2(12)"
    assert entries["16(1)-3"].text_ja == "旋盤"
    assert entries["16(1)-10"].number == "１０"
    assert len(entries) == len(etco.entries) == 335  # codes are unique


def test_preamble_belongs_to_the_item_and_deleted_sub_items_are_flagged(etco) -> None:  # type: ignore[no-untyped-def]
    entries = etco.by_code()
    assert entries["2"].text_ja == "次に掲げる貨物であつて、経済産業省令で定める仕様のもの"
    assert entries["5(2)"].deleted and entries["5(2)"].text_ja == "削除"


def test_ruby_readings_are_not_part_of_the_text(etco) -> None:  # type: ignore[no-untyped-def]
    # item 7 and 10 carry <Ruby><Rt> readings in the XML; the printed text has no reading doubled in
    for entry in etco.entries:
        assert "Rt" not in (entry.text_ja or "")


def test_regimes_and_country_scope(etco) -> None:  # type: ignore[no-untyped-def]
    entries = etco.by_code()
    assert entries["2(1)"].regimes == ["NSG"]
    assert entries["4"].regimes == ["MTCR"]
    assert entries["7"].scope == "ALL"
    assert entries["16(1)-8"].scope == "ALL_EXCEPT:JP_GROUP_A"
    assert entries["16"].scope_text == "全地域（別表第三に掲げる地域を除く。）"


def test_appended_table_3_is_group_a(etco) -> None:  # type: ignore[no-untyped-def]
    members = {m.iso2 for m in etco.country_groups}
    assert len(members) == 27
    assert {"US", "GB", "KR", "AR", "BG"} <= members
    assert "CN" not in members


def test_item_16_2_names_hs_chapters_in_the_law_text(etco) -> None:  # type: ignore[no-untyped-def]
    chapters = catch_all_chapters(etco)
    assert chapters[:2] == ["25", "26"] and "40" in chapters and "41" not in chapters
    assert {"54", "59", "63", "68", "93", "95"} <= set(chapters) and "94" not in chapters
    assert len(chapters) == 16 + 6 + 1 + 26 + 1


def test_kanji_numerals_in_both_styles() -> None:
    assert kanji_number("一六") == 16 and kanji_number("一〇") == 10
    assert kanji_number("三十五") == 35 and kanji_number("十") == 10 and kanji_number("五十二") == 52
    assert normalise_number("（三十五の二）") == "35の2" and normalise_number("１０") == "10"


def test_a_file_without_the_date_is_refused(tmp_path: Path, shared_data: Path) -> None:
    copy = tmp_path / "etco.xml"
    shutil.copy(shared_data / "controls" / "jp" / ETCO_NAME, copy)
    with pytest.raises(SourceError, match="carries no date"):
        parse_jp_etco(copy)


def test_an_unknown_country_name_stops_the_parse(tmp_path: Path, shared_data: Path) -> None:
    text = (shared_data / "controls" / "jp" / ETCO_NAME).read_text(encoding="utf-8")
    copy = tmp_path / ETCO_NAME
    copy.write_text(text.replace("、アメリカ合衆国</Sentence>", "、アメリカ合衆国、ムー大陸</Sentence>"), encoding="utf-8")
    with pytest.raises(SourceError, match="ムー大陸"):
        parse_jp_etco(copy)
