"""gb_ofsi_consolidated: the OFSI ConList workbook, one row per name variant, grouped by Group ID."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ecgraph.ingest.records import CountryRef, DateFact, Identifier, ListEntry, Name
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.ingest.sources.gb_ofsi_consolidated import HEADER, parse_other_information, split_numbered
from ecgraph.schemas.errors import SourceError

SOURCE = "gb_ofsi_consolidated"


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> tuple[dict[str, ListEntry], ParseContext]:
    source = get_source(SOURCE)
    ctx = ParseContext(SOURCE)
    entries = list(source.parse(source.snapshot_files(shared_data), ctx))
    return {e.source_id: e for e in entries}, ctx


@pytest.fixture(scope="module")
def real_rows(shared_data: Path) -> dict[str, list[tuple[object, ...]]]:
    """The real rows of a few groups, to build small ConList workbooks from."""
    book = load_workbook(shared_data / "sanctions/uk_ofsi/UK_Sanctions_List.xlsx", read_only=True)
    try:
        wanted = {"7059", "13651"}
        rows: dict[str, list[tuple[object, ...]]] = {gid: [] for gid in wanted}
        for row in book["Data"].iter_rows(min_row=3, values_only=True):
            if row[35] in wanted:
                rows[str(row[35])].append(row)
        return rows
    finally:
        book.close()


def write_conlist(path: Path, rows: list[tuple[object, ...]], header: tuple[str, ...] = HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(("Last Updated", "10/04/2025"))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_bundled_workbook_gives_one_entry_per_group_id(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    entries, ctx = parsed
    # OFSI's own count for this file: 18,796 name-variant rows in 4,686 Group IDs
    assert len(entries) == 4686
    assert ctx.rejects == [] and ctx.warnings == []
    assert Counter(e.entity_type for e in entries.values()) == {
        "person": 3662,
        "organization": 1009,
        "vessel": 15,
    }


def test_version_is_the_last_updated_cell(shared_data: Path) -> None:
    source = get_source(SOURCE)
    assert source.version(source.snapshot_files(shared_data)) == "2025-04-10"


def test_person_field_by_field(parsed: tuple[dict[str, ListEntry], ParseContext]) -> None:
    bahaji = parsed[0]["7059"]
    assert bahaji.name == "Said BAHAJI" and bahaji.programs == ["ISIL (Da'esh) and Al-Qaida"]
    # Alias Type AKA + Alias Quality "Low quality" is a weak alias; blank script type → guessed from the text
    assert Name("Mohamed ABBATTAY", "weak_alias") in bahaji.names
    assert Name("Zouheir AL MAGHRIBI", "alias") in bahaji.names
    assert Name("سعيد باهاجى", "original_script", "Arab") in bahaji.names
    # "(1) Germany. (2) Morocco": a numbered country list
    assert (
        CountryRef("DE", "nationality") in bahaji.countries
        and CountryRef("MA", "nationality") in bahaji.countries
    )
    assert (
        DateFact("birth", "1975-07-15") in bahaji.dates and DateFact("listed", "2002-10-01") in bahaji.dates
    )
    assert (
        Identifier("passport", "28642163", note="German provisional. Issued by the city of Hamburg")
        in bahaji.identifiers
    )
    # "(UK Sanctions List Ref):AQD0300. (UN Ref):QDi.080. Deputy head of …" → identifiers + remark
    assert Identifier("uk_sanctions_ref", "AQD0300") in bahaji.identifiers
    assert Identifier("un_ref", "QDi.080") in bahaji.identifiers
    assert any(r.startswith("Deputy head of the media committee of Al-Qaida") for r in bahaji.remarks)
    assert (
        bahaji.addresses[0].full == "Bunatwiete 23, Hamburg, 21073, Germany"
        and bahaji.addresses[0].country == "DE"
    )


def test_unknown_date_parts_00_give_partial_dates(parsed: tuple[dict[str, ListEntry], ParseContext]) -> None:
    # the rows of group 13378 have DOB 00/00/1994, 00/00/1993, 00/00/1995, 00/00/1992
    births = sorted(d.value for d in parsed[0]["13378"].dates if d.kind == "birth")
    assert births == ["1992", "1993", "1994", "1995"]


def test_ship_has_imo_and_flag_from_other_information(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    ship = parsed[0]["13651"]
    assert ship.entity_type == "vessel" and ship.name == "SAM JONG 2"
    assert Identifier("imo", "7408873") in ship.identifiers and CountryRef("KP", "flag") in ship.countries
    assert ship.extra["type_of_ship"] == "Oil tanker"


def test_fka_rows_are_previous_names(parsed: tuple[dict[str, ListEntry], ParseContext]) -> None:
    adf = parsed[0]["13189"]
    assert Name("NALU", "previous") in adf.names and Name("ALLIED DEMOCRATIC FORCES", "alias") in adf.names


def test_other_information_and_numbered_lists_split() -> None:
    facts = parse_other_information("(UK Sanctions List Ref):RUS0001. (UN Ref):QDi.001. (Gender):Male")
    assert facts == {"UK Sanctions List Ref": "RUS0001", "UN Ref": "QDi.001", "Gender": "Male"}
    assert split_numbered("(1) Russia (2) Israel") == ["Russia", "Israel"]
    assert split_numbered("Pakistan") == ["Pakistan"]


def test_row_without_group_id_is_rejected_and_the_rest_loads(
    real_rows: dict[str, list[tuple[object, ...]]], tmp_path: Path
) -> None:
    rows = real_rows["7059"]
    broken = list(rows[0])
    broken[35] = None
    path = write_conlist(tmp_path / "ConList.xlsx", [*rows, tuple(broken)])
    ctx = ParseContext(SOURCE)
    entries = list(get_source(SOURCE).parse({"workbook": path}, ctx))
    assert [e.source_id for e in entries] == ["7059"]
    assert len(ctx.rejects) == 1 and ctx.rejects[0].line == len(rows) + 3
    assert "Group ID is empty" in ctx.rejects[0].reasons[0]


def test_unknown_alias_type_rejects_the_group(
    real_rows: dict[str, list[tuple[object, ...]]], tmp_path: Path
) -> None:
    rows = [list(r) for r in real_rows["7059"] + real_rows["13651"]]
    for row in rows:
        if row[35] == "13651":
            row[29] = "Nickname"
    ctx = ParseContext(SOURCE)
    entries = list(
        get_source(SOURCE).parse(
            {"workbook": write_conlist(tmp_path / "c.xlsx", [tuple(r) for r in rows])}, ctx
        )
    )
    assert [e.source_id for e in entries] == ["7059"]
    assert "unknown Alias Type/Quality ('Nickname', None)" in ctx.rejects[0].reasons[0]


def test_moved_column_is_a_source_error_naming_file_sheet_and_row(tmp_path: Path) -> None:
    header = tuple(h for h in HEADER if h != "Regime")
    path = write_conlist(tmp_path / "ConList.xlsx", [], header)
    with pytest.raises(SourceError) as error:
        list(get_source(SOURCE).parse({"workbook": path}, ParseContext(SOURCE)))
    message = str(error.value)
    assert "ConList.xlsx [sheet Data], line 2" in message and "Regime" in message


def test_a_file_that_is_not_a_workbook_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "ConList.xlsx"
    path.write_text("Name 6,Name 1\n")
    with pytest.raises(
        SourceError,
        match=r"gb_ofsi_consolidated \(.*ConList.xlsx\): cannot read the file as an Excel workbook",
    ):
        list(get_source(SOURCE).parse({"workbook": path}, ParseContext(SOURCE)))
