"""jp_meti_end_user_list: METI's End User List workbook (外国ユーザーリスト), revision 2025-09-29."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ecgraph.ingest.records import CountryRef, ListEntry, Name
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.ingest.sources.jp_meti_end_user_list import entry_key, wmd_programs
from ecgraph.schemas.errors import SourceError

SOURCE = "jp_meti_end_user_list"
EUL = Path("sanctions/jp_meti/20250929_4.xlsx")


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> tuple[dict[int, ListEntry], ParseContext]:
    """Entries by their `No.` (the number METI prints; the ids are hashes of the name cell)."""
    source = get_source(SOURCE)
    ctx = ParseContext(SOURCE)
    return {e.extra["no"]: e for e in source.parse(source.snapshot_files(shared_data), ctx)}, ctx


def edited_copy(shared_data: Path, tmp_path: Path, edits: dict[str, object]) -> Path:
    path = tmp_path / "20250929_4.xlsx"
    shutil.copy(shared_data / EUL, path)
    book = load_workbook(path)
    for cell, value in edits.items():
        book["ユーザーリスト"][cell] = value
    book.save(path)
    return path


def test_revision_lists_835_entities_dated_by_the_file_name(
    shared_data: Path, parsed: tuple[dict[int, ListEntry], ParseContext]
) -> None:
    entries, ctx = parsed
    assert len(entries) == 835 and ctx.rejects == [] and ctx.warnings == []
    source = get_source(SOURCE)
    assert source.version(source.snapshot_files(shared_data)) == "2025-09-29"
    countries = Counter(c.iso2 for e in entries.values() for c in e.countries)
    assert (
        countries["IR"] == 257
        and countries["KP"] == 154
        and countries["CN"] == 127
        and countries["RU"] == 100
    )


def test_formula_number_bullet_aliases_and_wmd_letters(
    parsed: tuple[dict[int, ListEntry], ParseContext],
) -> None:
    # row 2: No. is the formula =ROW()-1; aliases "・Al Qaeda\n・Islamic Salvation Foundation\n…"
    first = parsed[0][1]
    assert first.source_id == "h851e26a54dd7" == entry_key("Al Qa'ida/Islamic Army")
    assert first.name == "Al Qa'ida/Islamic Army"
    assert first.names[:2] == [Name("Al Qaeda", "alias"), Name("Islamic Salvation Foundation", "alias")]
    assert len(first.names) == 8
    # "生物、化学、ミサイル、核\nB,C,M,N" and "通常兵器\nCW"
    assert first.programs == ["WMD:B", "WMD:C", "WMD:M", "WMD:N", "CW"]
    assert first.countries == [CountryRef("AF", "address")] and first.extra["country_ja"] == "アフガニスタン"


def test_japanese_name_on_a_second_line_is_original_script(
    parsed: tuple[dict[int, ListEntry], ParseContext],
) -> None:
    # "4.27 Co. Pyongyang Branch\n(4.27貿易会社平壌支社)"
    branch = parsed[0][297]
    assert branch.name == "4.27 Co. Pyongyang Branch"
    assert branch.names[0] == Name("4.27貿易会社平壌支社", "original_script", "Jpan", "ja")
    # an alias followed by its kanji form on its own line: "・Amroggang Development Bank\n(鴨緑江開発銀行)"
    assert Name("鴨緑江開発銀行", "original_script", "Jpan", "ja") in parsed[0][301].names


def test_chinese_company_names_are_kept_as_hani(parsed: tuple[dict[int, ListEntry], ParseContext]) -> None:
    # "Chengdu RML Technology Co., Ltd.（成都雷电微力科技股份有限公司）" on one line
    chengdu = parsed[0][507]
    assert chengdu.name == "Chengdu RML Technology Co., Ltd."
    assert chengdu.names[0] == Name("成都雷电微力科技股份有限公司", "original_script", "Hani", "zh")


def test_acronym_on_second_line_stays_part_of_the_name(
    parsed: tuple[dict[int, ListEntry], ParseContext],
) -> None:
    assert parsed[0][155].name == "KIMIA PART SIVAN COMPANY LLC （KIPAS）"


def test_wmd_type_variants_seen_in_the_file() -> None:
    assert wmd_programs("ミサイルM") == ["WMD:M"]  # no line break (row 104)
    assert wmd_programs("ミサイル、核\nM、N") == ["WMD:M", "WMD:N"]  # ideographic comma
    assert wmd_programs("核\nＮ") == ["WMD:N"]  # full-width letter (row 660)
    with pytest.raises(ValueError, match="unknown WMD type"):
        wmd_programs("核\nX")


def test_ids_are_unique_and_do_not_depend_on_the_row(
    parsed: tuple[dict[int, ListEntry], ParseContext],
) -> None:
    entries = parsed[0]
    assert sorted(entries) == list(range(1, 836))  # No. computed from the row: 1…835
    assert len({e.source_id for e in entries.values()}) == 835


def test_trailing_full_width_space_is_dropped(parsed: tuple[dict[int, ListEntry], ParseContext]) -> None:
    assert parsed[0][819].name == "Sukhoi Aviation JSC"  # the cell is 'Sukhoi Aviation JSC\u3000'


def test_bad_row_goes_to_rejects_and_the_rest_loads(shared_data: Path, tmp_path: Path) -> None:
    path = edited_copy(shared_data, tmp_path, {"B3": "火星\nMars", "E4": "謎\nQ"})
    ctx = ParseContext(SOURCE)
    entries = list(get_source(SOURCE).parse({"workbook": path}, ctx))
    assert len(entries) == 834
    assert [r.line for r in ctx.rejects] == [4]
    assert ctx.rejects[0].reasons[0].startswith("unknown WMD type '謎\\nQ'")
    assert "20250929_4.xlsx [sheet ユーザーリスト]" in ctx.rejects[0].file


def test_an_unreadable_country_is_kept_as_text_and_reported_not_rejected(shared_data: Path, tmp_path: Path) -> None:
    """Issue #21: a country string is never a reason to drop an entry."""
    path = edited_copy(shared_data, tmp_path, {"B3": "火星\nMars"})
    ctx = ParseContext(SOURCE)
    entries = list(get_source(SOURCE).parse({"workbook": path}, ctx))
    assert len(entries) == 835 and not ctx.rejects
    kept = [e for e in entries if e.extra.get("country_text") == "火星\nMars"]
    assert len(kept) == 1 and kept[0].countries == []
    assert any("'火星\\nMars'" in w and "names no country" in w for w in ctx.warnings)


def test_changed_header_is_a_source_error_naming_file_sheet_and_row(
    shared_data: Path, tmp_path: Path
) -> None:
    path = edited_copy(shared_data, tmp_path, {"C1": "Company"})
    with pytest.raises(SourceError) as error:
        list(get_source(SOURCE).parse({"workbook": path}, ParseContext(SOURCE)))
    assert "[sheet ユーザーリスト], line 1)" in str(
        error.value
    ) and "row 1 is not the End User List header" in str(error.value)


def test_missing_sheet_is_a_source_error(shared_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "20250929_4.xlsx"
    shutil.copy(shared_data / EUL, path)
    book = load_workbook(path)
    book["ユーザーリスト"].title = "Sheet1"
    book.save(path)
    with pytest.raises(SourceError, match=r"sheet 'ユーザーリスト' not found \(sheets: Sheet1\)"):
        list(get_source(SOURCE).parse({"workbook": path}, ParseContext(SOURCE)))
