"""us_ofac_cons: OFAC's non-SDN Consolidated List, as Enhanced XML (zip) or as the legacy CSV set."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest

from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas.errors import SourceError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "us_ofac_cons"
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<sanctionsData><entities><entity id="1">&lol3;</entity></entities></sanctionsData>
"""


def parse_path(path: Path) -> tuple[list[ListEntry], ParseContext]:
    source = get_source("us_ofac_cons")
    ctx = ParseContext(source.id)
    return list(source.parse(source.files_from(path), ctx)), ctx


def test_bundled_zip_loads_443_entities_dated_by_data_as_of(shared_data: Path) -> None:
    source = get_source("us_ofac_cons")
    files = source.snapshot_files(shared_data)
    assert list(files) == ["zip"]
    assert source.version(files) == "2025-01-10"
    ctx = ParseContext(source.id)
    entries = list(source.parse(files, ctx))
    assert len(entries) == 443 and ctx.rejects == []
    assert Counter(e.entity_type for e in entries) == {"organization": 363, "person": 80}
    assert Counter(e.list for e in entries)["Sectoral Sanctions Identifications List"] == 284


def test_bundled_csv_folder_loads_the_legacy_set(shared_data: Path) -> None:
    entries, ctx = parse_path(shared_data / "sanctions" / "ofac_consolidated")
    assert len(entries) == 442 and ctx.rejects == []
    haniya = next(e for e in entries if e.source_id == "9639")
    assert haniya.name == "HANIYA, Ismail Abdul Salah" and haniya.programs == ["NS-PLC"]
    assert [d.value for d in haniya.dates if d.kind == "birth"] == ["1962"]
    assert haniya.extra["places_of_birth"] == ["Shati"]


def test_enhanced_xml_entity_field_by_field() -> None:
    entries, ctx = parse_path(FIXTURES / "CONS_ENHANCED.XML")
    by_id = {e.source_id: e for e in entries}
    assert len(entries) == 4 and ctx.warnings == [] and ctx.rejects == []
    bank = by_id["18268"]
    assert bank.name == "EXIMBANK OF RUSSIA JSC" and bank.entity_type == "organization"
    assert bank.list == "Sectoral Sanctions Identifications List"
    assert bank.programs == ["UKRAINE-EO13662", "RUSSIA-EO14024"]
    assert ("АО РОСЭКСИМБАНК", "original_script", "Cyrl") in [(n.value, n.kind, n.script) for n in bank.names]
    assert ("ROSEKSIMBANK, ZAO", "alias") in [(n.value, n.kind) for n in bank.names]
    address = bank.addresses[0]
    assert (address.street, address.city, address.postal_code, address.country) == (
        "12 Krasnopresnenskaya Embankments", "Moscow", "123610", "RU")
    assert ("swift_bic", "EXIRRUMM", None) in [(i.type, i.value, i.country) for i in bank.identifiers]
    assert ("registration", "1027739109133", "RU") in [(i.type, i.value, i.country) for i in bank.identifiers]
    assert [(d.kind, d.value) for d in bank.dates] == [("incorporation", "1994-05-24")]
    assert [(l.kind, l.target_source_id) for l in bank.links] == [("owned_by", "17015")]
    megvii = by_id["33091"]
    assert [(n.value, n.script) for n in megvii.names] == [("旷视科技有限公司", "Hans")]


def test_a_zip_given_by_file_is_read_as_xml(tmp_path: Path) -> None:
    archive = tmp_path / "CONS_ENHANCED.ZIP"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURES / "CONS_ENHANCED.XML", "CONS_ENHANCED.XML")
    entries, _ = parse_path(archive)
    assert sorted(e.source_id for e in entries) == ["17015", "18268", "33091", "9639"]


def test_billion_laughs_is_refused_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "CONS_ENHANCED.XML"
    path.write_bytes(BILLION_LAUGHS)
    with pytest.raises(SourceError, match=r"us_ofac_cons \(.*CONS_ENHANCED\.XML.*\): refused unsafe XML"):
        parse_path(path)


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    text = (FIXTURES / "CONS_ENHANCED.XML").read_text(encoding="utf-8")
    path = tmp_path / "CONS_ENHANCED.XML"
    path.write_text(text.replace("</generalInfo>", "</generalInfoX>", 1), encoding="utf-8")
    broken_line = text[: text.index("</generalInfo>")].count("\n") + 1
    with pytest.raises(SourceError, match=rf"CONS_ENHANCED\.XML, line {broken_line}\): malformed XML"):
        parse_path(path)


def test_a_folder_with_neither_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="neither CONS_ENHANCED.ZIP nor cons_prim.csv"):
        get_source("us_ofac_cons").files_from(tmp_path)
