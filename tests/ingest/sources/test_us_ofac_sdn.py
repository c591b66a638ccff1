"""us_ofac_sdn: OFAC's legacy CSV set (sdn/alt/add/sdn_comments) joined on ent_num."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas.errors import SourceError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "us_ofac_sdn"


def parse(folder: Path) -> tuple[list[ListEntry], ParseContext]:
    source = get_source("us_ofac_sdn")
    ctx = ParseContext(source.id)
    return list(source.parse(source.files_from(folder), ctx)), ctx


@pytest.fixture(scope="module")
def fixture_entries() -> dict[str, ListEntry]:
    entries, _ = parse(FIXTURES)
    return {e.source_id: e for e in entries}


def test_bundled_2024_snapshot_loads_every_entry_and_rejects_the_orphans(shared_data: Path) -> None:
    entries, ctx = parse(shared_data / "sanctions" / "ofac_sdn")
    assert len(entries) == 14_965
    assert len({e.source_id for e in entries}) == 14_965
    orphans = Counter(Path(r.file).name for r in ctx.rejects)
    assert orphans["alt.csv"] == 1_468  # alt rows for ent_nums added after the May 2024 sdn.csv
    assert all("has no entry in the main file" in r.reasons[0] for r in ctx.rejects)
    assert Counter(e.entity_type for e in entries) == {
        "organization": 6_884, "person": 6_854, "vessel": 851, "aircraft": 376}


def test_2021_snapshot_is_another_version_of_the_same_source(shared_data: Path) -> None:
    source = get_source("us_ofac_sdn")
    folder_2021 = shared_data / "sanctions" / "ofac_sdn_2021"
    entries, ctx = parse(folder_2021)
    assert len(entries) == 8_976
    assert ctx.rejects == []
    assert source.version(source.files_from(folder_2021)) != source.version(source.snapshot_files(shared_data))


def test_null_marker_programs_and_vessel_fields(fixture_entries: dict[str, ListEntry]) -> None:
    bank = fixture_entries["4632"]
    assert bank.programs == ["IRAN", "SDGT", "IRGC", "IFSR"]  # "IRAN] [SDGT] [IRGC] [IFSR"
    assert bank.entity_type == "organization"  # SDN_Type `-0- `
    assert bank.extra == {"additional_sanctions_information": ["Subject to Secondary Sanctions"]}
    vessel = fixture_entries["4238"]
    assert vessel.entity_type == "vessel"
    assert [(c.iso2, c.role) for c in vessel.countries] == [("CU", "flag")]
    assert vessel.extra == {"call_sign": "CL2192", "vess_type": "Tug", "grt": "212",
                            "vess_owner": "Samir de Navegacion S.A."}
    assert vessel.addresses == []  # its add.csv row is all `-0- `


def test_remarks_give_dates_places_ids_and_weak_aliases(fixture_entries: dict[str, ListEntry]) -> None:
    person = fixture_entries["2686"]
    assert person.name == "NASRALLAH, Hasan" and person.entity_type == "person"
    assert [d.value for d in person.dates if d.kind == "birth"] == [
        "1960-08-31", "1953-08-31", "1955-08-31", "1958-08-31"]
    assert person.extra["places_of_birth"] == ["Al Basuriyah, Lebanon"]
    assert [(i.type, i.value, i.country) for i in person.identifiers] == [("passport", "042833", "LB")]
    assert person.extra["title"] == "Secretary General of Hizballah"
    bnc = fixture_entries["306"]
    assert [(n.value, n.kind) for n in bnc.names] == [("NATIONAL BANK OF CUBA", "alias"), ("BNC", "weak_alias")]
    assert [a.country for a in bnc.addresses] == ["CH", "ES", "JP", "PA"]


def test_linked_to_becomes_a_link_to_the_named_entry(fixture_entries: dict[str, ListEntry]) -> None:
    bank = fixture_entries["4632"]
    assert [(l.kind, l.target_source_id, l.note) for l in bank.links] == [
        ("linked_to", "10465", "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE"),
        ("linked_to", "4697", "HIZBALLAH"),
    ]


def test_sdn_comments_continue_truncated_remarks(fixture_entries: dict[str, ListEntry]) -> None:
    lazarus = fixture_entries["27307"]
    # sdn.csv stops inside "…'THE NEW ROMANTIC CYBER ARMY TEAM'"; sdn_comments.csv holds the rest
    assert lazarus.remarks[0].endswith("a.k.a. 'APT-C-26'; a.k.a. 'APPLEWORM'.")
    assert "THE NEW ROMANTIC CYBER ARMY TEAM" in [n.value for n in lazarus.names]
    assert "APPLEWORM" in [n.value for n in lazarus.names]
    tian = fixture_entries["28263"]
    assert [l.target_source_id for l in tian.links] == ["27307"]  # "Linked To: LAZARUS GROUP." is in the overflow
    assert ("crypto_wallet", "134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak") in [(i.type, i.value) for i in tian.identifiers]


def test_orphan_rows_are_rejected_with_file_line_and_reason() -> None:
    _, ctx = parse(FIXTURES)
    assert sorted((Path(r.file).name, r.line) for r in ctx.rejects) == [
        ("add.csv", 15), ("alt.csv", 31), ("sdn_comments.csv", 3)]
    assert all("ent_num 17016 has no entry in the main file" in r.reasons[0] for r in ctx.rejects)


def test_the_ctrl_z_line_ends_the_file_quietly() -> None:
    assert (FIXTURES / "sdn.csv").read_bytes().endswith(b"\r\n\x1a")
    entries, ctx = parse(FIXTURES)
    assert len(entries) == 8
    assert not [r for r in ctx.rejects if Path(r.file).name == "sdn.csv"]


def test_a_file_of_another_shape_names_source_file_and_line(tmp_path: Path) -> None:
    for name in ("alt.csv", "add.csv", "sdn_comments.csv"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "sdn.csv").write_text('306,"BANCO NACIONAL DE CUBA"\r\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"us_ofac_sdn \(.*sdn\.csv, line 1\): 2 fields where"):
        parse(tmp_path)


def test_a_bad_row_inside_a_good_file_is_rejected(tmp_path: Path) -> None:
    for name in ("alt.csv", "add.csv", "sdn_comments.csv"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    good = (FIXTURES / "sdn.csv").read_bytes().split(b"\r\n")
    bad = b'X1,"NOT A NUMBER",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
    (tmp_path / "sdn.csv").write_bytes(b"\r\n".join([good[0], bad, *good[1:]]))
    entries, ctx = parse(tmp_path)
    assert len(entries) == 8
    assert [(r.line, r.reasons) for r in ctx.rejects if Path(r.file).name == "sdn.csv"] == [
        (2, ["ent_num 'X1' is not a number"])]


def test_missing_files_in_the_folder_are_named(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "sdn.csv", tmp_path / "sdn.csv")
    with pytest.raises(SourceError, match="expected files are missing: .*alt.csv"):
        get_source("us_ofac_sdn").files_from(tmp_path)
