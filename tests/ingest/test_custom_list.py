"""Watch lists as analysts keep them (issue #21): CSV, JSON Lines, xlsx; only a name column required."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from ecgraph.ingest.custom_list import custom_source, derived_id
from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas.errors import SourceError


def parse(path: Path) -> tuple[list[ListEntry], ParseContext]:
    source = custom_source("watch")
    ctx = ParseContext(source.id)
    return list(source.parse({"list": path}, ctx)), ctx


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def test_a_name_only_csv_loads_with_stable_derived_ids(tmp_path: Path) -> None:
    path = write(tmp_path / "names.csv", "name\nACME PRECISION MACHINING\nNOVIKOV Anton\n")
    entries, ctx = parse(path)
    assert [e.name for e in entries] == ["ACME PRECISION MACHINING", "NOVIKOV Anton"]
    assert all(e.entity_type == "unknown" for e in entries) and not ctx.rejects
    again, _ = parse(write(tmp_path / "again.csv", "Name,Notes\nNOVIKOV Anton,\nACME PRECISION MACHINING,new\n"))
    assert {e.source_id for e in entries} == {e.source_id for e in again}  # order and notes do not move ids
    assert entries[0].source_id == derived_id({"name": "ACME PRECISION MACHINING"})


@pytest.mark.parametrize("header", ["name", "Name", "NAME", "名称", "Company Name", "entity_name"])
def test_the_name_column_is_found_by_any_obvious_header(tmp_path: Path, header: str) -> None:
    entries, _ = parse(write(tmp_path / "list.csv", f"{header},Country\n北辰商事,Japan\n"))
    assert [(e.name, [c.iso2 for c in e.countries]) for e in entries] == [("北辰商事", ["JP"])]


def test_rows_without_a_type_or_with_an_unknown_one_load_and_match_as_any(tmp_path: Path) -> None:
    path = write(tmp_path / "list.csv", "id,name,type\nw1,ACME,\nw2,NOVIKOV Anton,individual\nw3,OCEAN STAR,barge\n")
    entries, ctx = parse(path)
    assert [(e.source_id, e.entity_type) for e in entries] == [
        ("w1", "unknown"), ("w2", "person"), ("w3", "unknown")]
    assert "type: barge" in entries[2].remarks and any("barge" in w for w in ctx.warnings)


def test_countries_are_read_as_people_write_them_and_unread_text_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "list.csv", 'name,country\nA,Korea, North\nB,(1) Russia (2) Israel\nC,Russian\n'
                 'D,Region: Gaza\nE,The Gambia\nF,UK\nG,DPRK\nH,Atlantis\n'.replace("Korea, North", '"Korea, North"')
                 .replace("(1) Russia (2) Israel", '"(1) Russia (2) Israel"'))
    entries, ctx = parse(path)
    assert not ctx.rejects
    assert {e.name: [c.iso2 for c in e.countries] for e in entries} == {
        "A": ["KP"], "B": ["RU", "IL"], "C": ["RU"], "D": ["PS"], "E": ["GM"], "F": ["GB"], "G": ["KP"], "H": []}
    assert "country: Atlantis" in entries[-1].remarks
    assert any("'Atlantis'" in w for w in ctx.warnings)


def test_unknown_columns_are_kept_in_the_remarks(tmp_path: Path) -> None:
    entries, ctx = parse(write(tmp_path / "list.csv", "name,Risk,Analyst\nACME,high,K. Sato\n"))
    assert entries[0].remarks == ["Risk: high", "Analyst: K. Sato"]
    assert any("'Risk'" in w for w in ctx.warnings)


def test_an_xlsx_watch_list_loads(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["名称", "国", "種別", "ID", "備考"])
    sheet.append(["エンマクシン・テクノロジー", "中国", "法人", 1042, "2025年 追加"])
    sheet.append(["NOVIKOV Anton", "Russia", "individual", None, None])
    sheet.append([None, None, None, None, None])
    path = tmp_path / "watch.xlsx"
    book.save(path)
    entries, ctx = parse(path)
    assert [(e.source_id, e.name, e.entity_type, [c.iso2 for c in e.countries]) for e in entries] == [
        ("1042", "エンマクシン・テクノロジー", "organization", ["CN"]),
        (derived_id({"name": "NOVIKOV Anton", "type": "individual", "country": "Russia"}), "NOVIKOV Anton",
         "person", ["RU"])]
    assert entries[0].remarks == ["2025年 追加"] and not ctx.rejects


def test_json_lines_with_lists_and_synonyms(tmp_path: Path) -> None:
    path = write(tmp_path / "list.jsonl", json.dumps({"Name": "ACME", "aka": ["ACME PM"], "Country": ["RU", "BY"],
                                                     "identifiers": [{"type": "inn", "value": "7701"}]}) + "\n")
    [entry], _ = parse(path)
    assert [n.value for n in entry.names] == ["ACME PM"] and [c.iso2 for c in entry.countries] == ["RU", "BY"]
    assert entry.identifiers[0].value == "7701"


def test_a_shift_jis_csv_from_japanese_excel_loads(tmp_path: Path) -> None:
    entries, _ = parse(write(tmp_path / "list.csv", "名称,国籍\n北辰商事,日本\n", encoding="cp932"))
    assert [(e.name, e.countries[0].iso2) for e in entries] == [("北辰商事", "JP")]


def test_an_empty_name_and_a_ten_megabyte_name_go_to_the_rejects_the_rest_loads(tmp_path: Path) -> None:
    huge = "X" * (10 * 2**20)
    path = write(tmp_path / "list.csv", f"name,country,notes\n,Russia,no name\n{huge},Iran,\nACME,Iran,{huge}\n")
    entries, ctx = parse(path)
    assert [e.name for e in entries] == ["ACME"]
    assert entries[0].remarks[0] == huge, "the 10 MB notes cell is kept whole"
    assert [(r.line, r.reasons[0].split(":")[0].split(" is ")[0]) for r in ctx.rejects] == [(2, "empty name"),
                                                                                           (3, "name")]
    assert "10,485,760 characters" in ctx.rejects[1].reasons[0]
    assert ctx.rejects[1].raw["name"] == huge  # nothing lost: the rejects file has the row


def test_a_csv_without_a_name_column_is_refused_whole_naming_the_columns(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"no name column among \['company_no', 'city'\]"):
        parse(write(tmp_path / "list.csv", "company_no,city\n1,Tokyo\n"))


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".xlsx"])
def test_a_binary_file_given_as_a_list_is_a_clear_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"photo{suffix}"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(SourceError, match="binary file|Excel workbook"):
        parse(path)


def test_an_unsupported_suffix_names_the_formats(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"CSV, JSON Lines or Excel"):
        parse(write(tmp_path / "list.pdf", "name\nACME\n"))
