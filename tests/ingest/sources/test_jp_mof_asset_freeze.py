"""jp_mof_asset_freeze: MOF's consolidated asset-freeze workbook of 2026-03-05, one sheet per programme."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from ecgraph.ingest.records import CountryRef, DateFact, ListEntry, Name
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.ingest.sources.jp_mof_asset_freeze import split_names
from ecgraph.schemas.errors import SourceError

SOURCE = "jp_mof_asset_freeze"


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> tuple[dict[str, ListEntry], ParseContext]:
    source = get_source(SOURCE)
    ctx = ParseContext(SOURCE)
    return {e.source_id: e for e in source.parse(source.snapshot_files(shared_data), ctx)}, ctx


def write_book(path: Path, sheets: dict[str, list[tuple[object, ...]]]) -> Path:
    book = Workbook()
    book.active.title = "一覧"
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_workbook_loads_2862_entries_over_40_programme_sheets(
    shared_data: Path, parsed: tuple[dict[str, ListEntry], ParseContext]
) -> None:
    entries, ctx = parsed
    assert len(entries) == 2862 and ctx.warnings == []
    per_sheet = Counter(e.list for e in entries.values())
    assert (
        len(per_sheet) == 40
    )  # 44 sheets after the contents, 3 of them 【解除】 (abolished), 1 with deletions only
    assert per_sheet["ロシア連邦(個人)"] == 752 and per_sheet["タリバーン関係者等"] == 480
    assert per_sheet["ロシア連邦(団体(特定銀行を除く))"] == 369 and per_sheet["クリミア等（個人）"] == 331
    source = get_source(SOURCE)
    assert source.version(source.snapshot_files(shared_data)) == "2026-03-05"


def test_entity_type_from_sheet_name_heading_or_person_cells(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    entries = parsed[0]
    assert Counter(e.entity_type for e in entries.values()) == {
        "person": 2009,
        "organization": 835,
        "unknown": 18,
    }
    # the Taliban heading names 個人及び団体: a row without birth date, nationality … is an organization
    assert entries["タリバーン関係者等/2"].entity_type == "person"
    taliban_orgs = [
        e.name for e in entries.values() if e.list == "タリバーン関係者等" and e.entity_type == "organization"
    ]
    assert "AL-QAIDA" in taliban_orgs and len(taliban_orgs) == 93
    # "北朝鮮のミサイル又は大量破壊兵器計画に関連する者" names neither kind: its rows stay unknown
    assert {e.entity_type for e in entries.values() if e.list == "北朝鮮(決議1695号)"} == {"unknown"}


def test_deletion_rows_are_not_entries_and_a_nameless_row_is_rejected(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    entries, ctx = parsed
    assert "タリバーン関係者等/1" not in entries  # '2011.11.18削除' with empty name cells
    assert all(e.list != "マリ共和国" for e in entries.values())  # every Mali row is a deletion
    # row 276 of the Taliban sheet: '2012.10.25', number 274, no names and no 削除 mark
    [reject] = ctx.rejects
    assert reject.file.endswith("[sheet 2.タリバーン関係者等]") and reject.line == 276
    assert reject.reasons == ["both 英語表記 and 日本語表記 are empty"]


def test_person_with_revision_history_and_approximate_japanese_dates(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    akhund = parsed[0]["タリバーン関係者等/2"]
    assert akhund.name == "MOHAMMAD HASSAN AKHUND" and akhund.entity_type == "person"
    assert akhund.names[0] == Name("モハンマド・ハッサン・アフンド", "original_script", "Kana", "ja")
    # 告示日付 '2001.9.22\n2008.6.25改訂\n2012.3.27改訂'
    assert [d for d in akhund.dates if d.kind in ("listed", "modified")] == [
        DateFact("listed", "2001-09-22"),
        DateFact("modified", "2008-06-25"),
        DateFact("modified", "2012-03-27"),
    ]
    # 生年月日 '(a)1955年-1958年頃\n(b)１945年-1950年頃' (with a full-width digit)
    assert [d.value for d in akhund.dates if d.kind == "birth"] == ["1955", "1958", "1945", "1950"]
    assert all(d.approximate for d in akhund.dates if d.kind == "birth")
    assert CountryRef("AF", "nationality") in akhund.countries


def test_birth_dates_stored_as_excel_serials_and_datetimes(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    saddam = parsed[0]["イラク前政権関係者等（Ⅰ）/1"]
    assert DateFact("birth", "1937-04-28") in saddam.dates  # the cell holds 13633
    assert (
        Name("Abu Ali", "alias") in saddam.names
        and Name("アブ・アリ", "original_script", "Kana", "ja") in saddam.names
    )
    assert DateFact("birth", "1952-10-07") in parsed[0]["ロシア連邦(個人)/1"].dates  # a datetime cell


def test_original_script_line_of_the_english_name(parsed: tuple[dict[str, ListEntry], ParseContext]) -> None:
    omar = parsed[0]["タリバーン関係者等/4"]
    assert omar.name == "MOHAMMED OMAR GHULAM NABI"
    assert Name("محمد عمرغلام نبی", "original_script", "Arab") in omar.names


def test_notice_number_markers_are_kept_but_not_in_the_id(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    trust = parsed[0]["テロリスト等 (1)/1"]
    assert trust.extra["notice_number"] == "1(*186)"
    assert parsed[0]["北朝鮮(決議1718号等；団体)/1"].extra["notice_number"] == "*1"
    # '(b) Al\u3000Rasheed Trust': the full-width space is read as a space; repeated kana spellings once
    assert Name("Al Rasheed Trust", "alias") in trust.names
    assert [n.value for n in trust.names].count("アル・ラシード信託") == 1
    assert trust.addresses[0].full == "Kitas Ghar, Nazimabad 4, Dahgel-Iftah, Karachi, Pakistan"


def test_full_width_spaces_around_the_katakana_name(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    aksyonov = parsed[0]["クリミア等（個人）/2"]  # the cell is 'セルゲイ・アクショーノフ\u3000  '
    assert aksyonov.names[0] == Name("セルゲイ・アクショーノフ", "original_script", "Kana", "ja")


def test_continuation_rows_extend_the_previous_entry(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    shabaab = parsed[0]["ソマリア/1"]
    lines = shabaab.remarks[0].split("\n")
    assert lines[0].startswith("アル・シャバーブは、2008年8月18日のジブチ合意")
    assert lines[1].startswith("アル・シャバーブは、また、ソマリアへの人道支援の提供")  # row 4 of the sheet
    assert len(lines) > 10


def test_split_names_mixes_scripts() -> None:
    assert split_names("(a)ボジゼ・ヤングボンダ（Bozize Yangouvonda）", "alias") == [
        Name("ボジゼ・ヤングボンダ", "original_script", "Kana", "ja"),
        Name("Bozize Yangouvonda", "alias"),
    ]
    assert split_names("不明", "alias") == []


def test_sheet_without_header_row_is_a_source_error_naming_the_sheet(tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "shisantouketsu20260305.xlsx", {"1.テスト": [("タイトル",), ("日付", "番号")]}
    )
    with pytest.raises(SourceError) as error:
        list(get_source(SOURCE).parse({"workbook": path}, ParseContext(SOURCE)))
    assert "[sheet 1.テスト]" in str(error.value) and "no header row starting with '告示日付'" in str(
        error.value
    )


def test_small_workbook_with_the_real_layout(tmp_path: Path) -> None:
    rows: list[tuple[object, ...]] = [
        ("ベラルーシ",),
        ("告示日付", "告示番号", "日本語表記", "英語表記", "所在地"),
        (
            "2022.3.3",
            "1",
            "ベラルーシ共和国国家軍需産業委員会",
            "State Authority for Military Industry",
            "115, Nezavisimost ave., Minsk",
        ),
        ("2023.1.1削除", "2", None, None, None),
    ]
    path = write_book(tmp_path / "shisantouketsu20990101.xlsx", {"32.ベラルーシ(団体(特定銀行を除く))": rows})
    source = get_source(SOURCE)
    [entry] = list(source.parse({"workbook": path}, ParseContext(SOURCE)))
    assert entry.source_id == "ベラルーシ(団体(特定銀行を除く))/1" and entry.entity_type == "organization"
    assert source.version({"workbook": path}) == "2099-01-01"


def test_alias_fragments_are_cleaned_into_names() -> None:
    """Real alias cells of the Taliban/ISIL sheet: `（a.k.a.: …`, `(formerly listed as)`, original-script notes."""
    assert split_names("（a.k.a.: Arefullah Aref (formerly listed as)）", "alias") == [Name("Arefullah Aref", "alias")]
    assert split_names("（original script: ثروت صالح شحاته）", "alias") == [
        Name("ثروت صالح شحاته", "original_script", "Arab")]
    assert split_names("（a.k.a.:", "alias") == []


def test_no_alias_is_a_bare_bracket_or_an_aka_marker(parsed: tuple[dict[str, ListEntry], ParseContext]) -> None:
    names = [n.value for entry in parsed[0].values() for n in entry.names]
    assert all(n.strip() for n in names)
    assert not [n for n in names if n.strip() in ("（a.k.a.:", "（a.k.a.", "（別称", "別称", "別名", "旧称")]
    assert not [n for n in names if "年" in n and "月" in n and "日" in n]  # no birth or issue dates


def test_document_remarks_inside_alias_cells_are_not_names() -> None:
    """Real cells (Libya (II) 13, Taliban 592): passport and ID details in brackets, split at `、`, used to
    become aliases such as `発行日：2011年12月6日` and `番号：S335026にみられる)`."""
    libya = ("(a)アブドラ・ウルド・アフメド（Abdoullah Ould Ahmed）（旅券番号：Ｂ0515260、生年月日：1948年、"
             "出生地：マリ共和国キダル（Kidal）州アネフィフ（Anefif）、発行日2012年1月10日、発行地：マリ共和国バマコ、"
             "有効期限：2017年1月10日）")
    assert split_names(libya, "alias") == [
        Name("アブドラ・ウルド・アフメド", "original_script", "Kana", "ja"), Name("Abdoullah Ould Ahmed", "alias")]
    taliban = ("(d)ムハマド・リキー・アルドハン、1980年8月8日出生、 (偽造インドネシア旅券、番号：S335026にみられる)"
               "(e)ムハンマド・ユーニス\n (a.k.a.:(d)Muhamad Ricky Ardhan born 8 Aug. 1980 (appears in false "
               "Indonesian passport number S335026) (e)Muhammad Yunus)")
    assert [n.value for n in split_names(taliban, "alias")] == [
        "ムハマド・リキー・アルドハン", "ムハンマド・ユーニス", "Muhamad Ricky Ardhan", "Muhammad Yunus"]


def test_a_name_with_a_birth_date_after_it_keeps_the_name() -> None:
    # Taliban 160: the brackets of this cell do not pair up (`a）１９６０年`), so the date is cut off the part
    assert split_names("(a) サイフ・アル・アドル（生年月日：１９６３年４月１１日。出生地：エジプト", "alias") == [
        Name("サイフ・アル・アドル", "original_script", "Kana", "ja")]
    assert split_names("(b)メリ・アブデルファッターフ・ズグバイ（1960年6月4日リビアのBendasiにて出生）", "alias") == [
        Name("メリ・アブデルファッターフ・ズグバイ", "original_script", "Kana", "ja")]


def test_an_alias_label_is_not_a_name() -> None:
    # 251 entries had a name `別称` ("alias"): the label on a line of its own; `（別名1）…` labels a name
    assert split_names("別称", "alias") == []
    assert split_names("（別名1）ウマル・アフマド・アリー・アル・アルーシー", "alias") == [
        Name("ウマル・アフマド・アリー・アル・アルーシー", "original_script", "Kana", "ja")]
    assert split_names("旧称：Mashin", "previous") == [Name("Mashin", "previous")]
