"""eu_oj_sanctions: the EU annexes (a CSV per CELEX) as one source, with `<CELEX> Annex <annex>` lists."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest

from ecgraph.ingest.records import DateFact, Identifier, ListEntry, Name
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.ingest.sources._eu_oj_csv import OJ_COLUMNS, record_key, split_names
from ecgraph.ingest.sources.eu_oj_sanctions import FORMATS, format_of
from ecgraph.schemas.errors import SourceError

SOURCE = "eu_oj_sanctions"
EU = Path("sanctions/eu_oj_opensanctions")


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> tuple[dict[str, ListEntry], ParseContext]:
    source = get_source(SOURCE)
    ctx = ParseContext(SOURCE)
    entries = list(source.parse(source.snapshot_files(shared_data), ctx))
    return {e.source_id: e for e in entries}, ctx


def test_nine_regulations_load_with_the_annex_as_list(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    entries, ctx = parsed
    # 6,837 rows in the 9 files; 2 rows of 32002R0881 are the same listing printed twice
    assert len(entries) == 6835 and len(ctx.rejects) == 2 and ctx.warnings == []
    lists = Counter(e.list for e in entries.values())
    assert lists["32014R0833 Annex IV"] == 921  # Reg. 833/2014 Annex IV: the Russia military end users
    assert lists["32014R0269 Annex I.PERSONS"] == 1984 and lists["32014R0269 Annex I.ENTITIES"] == 818


def test_annex_iv_military_end_user_field_by_field(parsed: tuple[dict[str, ListEntry], ParseContext]) -> None:
    sirius = parsed[0]["32014R0833/IV/1"]
    assert sirius.name == "JSC Sirius" and sirius.entity_type == "organization"
    assert sirius.list == "32014R0833 Annex IV" and sirius.programs == ["EU-RUS"]
    assert sirius.extra["measure"] == "Export control"
    assert DateFact("listed", "2014-09-12") in sirius.dates  # startDate 12.9.2014 (D.M.YYYY)
    assert Name("JSC Concern Sirius", "alias") in sirius.names
    assert (
        Name(
            "Открытое Акционерное Общество «Концерн «Сириус» (ОАО «Концерн «Сириус»)",
            "original_script",
            "Cyrl",
        )
        in sirius.names
    )
    assert Identifier("registration", "7704730655 (Tax ID/INN)") in sirius.identifiers
    assert sirius.addresses[0].full.startswith("119435, Moscow, Pirogovskaya M. Str., 18")
    assert parsed[0]["32014R0833/IV/921"].name == "TAB Corporation (Thailand) Co. Ltd"


def test_latin_alias_with_russian_form_in_parentheses_gives_two_names(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    aksyonov = parsed[0]["32014R0269/I.PERSONS/1"]
    assert aksyonov.name == "Sergey Valeryevich AKSYONOV"
    assert aksyonov.names[:2] == [
        Name("Sergei Valerievich AKSENOV", "alias"),
        Name("Сергей Валерьевич АКСЁНОВ", "original_script", "Cyrl"),
    ]
    assert DateFact("birth", "1972-11-26") in aksyonov.dates


def test_identifier_columns_become_typed_identifiers(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    chibis = parsed[0]["32014R0269/I.PERSONS/1398"]
    assert Identifier("inn", "212900017066") in chibis.identifiers
    types = Counter(i.type for e in parsed[0].values() for i in e.identifiers)
    assert {"inn", "ogrn", "kpp", "okpo", "lei", "swift_bic", "imo", "mmsi", "passport"} <= set(types)


def test_rows_without_record_id_get_a_hash_of_raw_name_and_birth_date(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    row = {"celex": "32002R0881", "annex": "I", "recordId": "", "name": "Abu Sayyaf Group", "birthDate": ""}
    assert record_key(row) == "32002R0881/I/h05de1ca6d2ce"
    assert parsed[0]["32002R0881/I/h05de1ca6d2ce"].name == "Abu Sayyaf Group"
    assert record_key({**row, "recordId": "7"}) == "32002R0881/I/7"


def test_the_same_listing_printed_twice_is_rejected_as_duplicate(
    parsed: tuple[dict[str, ListEntry], ParseContext],
) -> None:
    rejects = parsed[1].rejects
    assert [(Path(r.file).name, r.line) for r in rejects] == [
        ("32002R0881.csv", 219),
        ("32002R0881.csv", 220),
    ]
    assert rejects[0].reasons == [
        "duplicate of line 125: same CELEX, annex, name and birth date, no recordId"
    ]


def test_split_names_keeps_typographic_quotes_and_splits_scripts() -> None:
    assert split_names("Ramzan Oduev (original script: Рамзан Одуев); Ab-Bilal") == [
        ("Ramzan Oduev", None),
        ("Рамзан Одуев", "original_script"),
        ("Ab-Bilal", None),
    ]
    assert split_names("‘The Base’; Al Qaeda") == [("‘The Base’", None), ("Al Qaeda", None)]


def test_one_csv_alone_is_accepted_as_file(shared_data: Path) -> None:
    source = get_source(SOURCE)
    files = source.files_from(shared_data / EU / "32017R1509.csv")
    assert files == {"32017R1509": shared_data / EU / "32017R1509.csv"}
    assert len(list(source.parse(files, ParseContext(SOURCE)))) == 326


def test_formats_table_names_the_readers_and_xml_is_not_yet_one(tmp_path: Path) -> None:
    assert list(FORMATS) == ["oj_csv"] and format_of(Path("32014R0833.csv")) == "oj_csv"
    with pytest.raises(SourceError, match=r"no reader for 'fsf.xml': known formats are oj_csv"):
        format_of(tmp_path / "fsf.xml")


def test_bad_row_is_rejected_and_the_rest_loads(shared_data: Path, tmp_path: Path) -> None:
    lines = (shared_data / EU / "32017R1509.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "32017R1509.csv"
    bad_schema = lines[2].replace(",Person,", ",Spaceship,", 1)
    path.write_text(
        "".join([lines[0], lines[1], bad_schema, "32017R1509,1,short\r\n", lines[3]]), encoding="utf-8"
    )
    ctx = ParseContext(SOURCE)
    entries = list(get_source(SOURCE).parse({"32017R1509": path}, ctx))
    assert len(entries) == 2
    assert [r.line for r in ctx.rejects] == [3, 4]
    assert "unknown schema 'Spaceship'" in ctx.rejects[0].reasons[0]
    assert ctx.rejects[1].reasons == ["has 3 fields, expected 45"]


def test_wrong_header_is_a_source_error_naming_file_and_line(shared_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "32017R1509.csv"
    shutil.copy(shared_data / EU / "32017R1509.csv", path)
    text = path.read_text(encoding="utf-8").replace("innCode", "inn", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        list(get_source(SOURCE).parse({"x": path}, ParseContext(SOURCE)))
    assert f"eu_oj_sanctions ({path}, line 1)" in str(error.value) and "innCode" in str(error.value)


def test_columns_are_the_45_of_the_extraction(shared_data: Path) -> None:
    with (shared_data / EU / "32014R0833.csv").open(encoding="utf-8", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == OJ_COLUMNS
