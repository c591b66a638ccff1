"""un_sc_sanctions: the UN Security Council Consolidated List XML."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas.errors import SourceError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "un_sc_sanctions"
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&c;</FIRST_NAME><REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


def parse(path: Path) -> tuple[dict[str, ListEntry], ParseContext]:
    source = get_source("un_sc_sanctions")
    ctx = ParseContext(source.id)
    return {e.source_id: e for e in source.parse({"xml": path}, ctx)}, ctx


@pytest.fixture(scope="module")
def fixture_entries() -> dict[str, ListEntry]:
    return parse(FIXTURES / "consolidated.xml")[0]


def test_bundled_file_has_730_individuals_and_273_entities(shared_data: Path) -> None:
    source = get_source("un_sc_sanctions")
    files = source.snapshot_files(shared_data)
    ctx = ParseContext(source.id)
    entries = list(source.parse(files, ctx))
    assert Counter(e.entity_type for e in entries) == {"person": 730, "organization": 273}
    assert len({e.source_id for e in entries}) == 1_003
    assert ctx.rejects == [] and ctx.warnings == []
    assert source.version(files) == "2026-02-27"
    assert Counter(e.list for e in entries)["Al-Qaida"] == 341


def test_an_individual_field_by_field(fixture_entries: dict[str, ListEntry]) -> None:
    saddam = fixture_entries["IQi.001"]
    assert saddam.name == "SADDAM HUSSEIN AL-TIKRITI" and saddam.entity_type == "person"
    assert saddam.list == "Iraq" and saddam.programs == ["Iraq"]
    assert [(n.value, n.kind, n.script) for n in saddam.names] == [
        ("صدام حسين التكريتي", "original_script", "Arab"), ("Abu Ali", "weak_alias", "Latn")]
    assert [(d.kind, d.value) for d in saddam.dates] == [("listed", "2003-06-27"), ("birth", "1937-04-28")]
    assert [(c.iso2, c.role) for c in saddam.countries] == [("IQ", "nationality"), ("IQ", "birth")]
    assert saddam.extra["places_of_birth"] == ["al-Awja, near Tikrit, Iraq"]


def test_birth_date_types_exact_approximately_between(fixture_entries: dict[str, ListEntry]) -> None:
    def births(ref: str) -> list[tuple[str, bool]]:
        return [(d.value, d.approximate) for d in fixture_entries[ref].dates if d.kind == "birth"]

    assert births("CDi.001") == [("1971", False)]
    assert births("CDi.030") == [("1973", True), ("1974", True)]
    assert births("CDi.014") == [("1962-03-17", False), ("1966", True)]


def test_alias_qualities_and_the_empty_alias_placeholder(fixture_entries: dict[str, ListEntry]) -> None:
    assert fixture_entries["CDi.001"].names == []
    kinds = {(n.value, n.kind) for n in fixture_entries["CDi.030"].names}
    assert ("Bosco Ntaganda", "alias") in kinds and ("Terminator", "weak_alias") in kinds
    adf = fixture_entries["CDe.001"]
    assert adf.entity_type == "organization"
    assert [(n.value, n.kind) for n in adf.names][:2] == [
        ("Allied Democratic Forces", "alias"),
        ("Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda", "previous")]


def test_documents_and_addresses(fixture_entries: dict[str, ListEntry]) -> None:
    assert [(i.type, i.value, i.country) for i in fixture_entries["CDi.021"].identifiers] == [
        ("passport", "OB 0243318", "CD")]
    cagl = fixture_entries["CDe.003"]
    assert [(a.street, a.city, a.country) for a in cagl.addresses] == [
        ("Avenue Président Mobutu", "Goma", "CD"), (None, "Gisenyi", "RW"), ("PO BOX 315", "Goma", "CD")]
    assert fixture_entries["CDi.001"].addresses[0].full == "Rwanda (as of early 2016)"


def test_billion_laughs_is_refused_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_bytes(BILLION_LAUGHS)
    with pytest.raises(SourceError, match=r"un_sc_sanctions \(.*consolidated\.xml.*\): refused unsafe XML"):
        parse(path)


def test_a_truncated_file_names_file_and_line(tmp_path: Path) -> None:
    lines = (FIXTURES / "consolidated.xml").read_text(encoding="utf-8").split("\n")
    path = tmp_path / "consolidated.xml"
    path.write_text("\n".join(lines[:40]), encoding="utf-8")
    with pytest.raises(SourceError, match=r"consolidated\.xml, line 40\): malformed XML"):
        parse(path)


def test_a_record_without_reference_number_is_rejected_and_the_rest_loads(tmp_path: Path) -> None:
    text = (FIXTURES / "consolidated.xml").read_text(encoding="utf-8")
    path = tmp_path / "consolidated.xml"
    path.write_text(text.replace("<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>", "", 1), encoding="utf-8")
    entries, ctx = parse(path)
    assert len(entries) == 6
    assert "without REFERENCE_NUMBER" in ctx.rejects[0].reasons[0]
