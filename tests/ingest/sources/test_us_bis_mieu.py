"""us_bis_mieu: the 13 BIS Military-Intelligence End Users (OpenSanctions' curated CSV)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas.errors import SourceError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "us_bis_mieu"


def parse(path: Path) -> tuple[list[ListEntry], ParseContext]:
    source = get_source("us_bis_mieu")
    ctx = ParseContext(source.id)
    return list(source.parse({"csv": path}, ctx)), ctx


def test_bundled_file_gives_the_13_agencies(shared_data: Path) -> None:
    source = get_source("us_bis_mieu")
    entries, ctx = parse(source.snapshot_files(shared_data)["csv"])
    assert len(entries) == 13 and len({e.source_id for e in entries}) == 13
    assert ctx.rejects == [] and ctx.warnings == []
    assert sorted({c.iso2 for e in entries for c in e.countries}) == [
        "BY", "CN", "CU", "IR", "KH", "KP", "MM", "RU", "SY", "VE"]


def test_an_agency_field_by_field() -> None:
    entries, _ = parse(FIXTURES / "mieu.csv")
    gru = entries[2]
    assert gru.name == "Main Intelligence Directorate" and gru.entity_type == "organization"
    assert [(n.value, n.kind) for n in gru.names] == [("GRU", "alias")]
    assert [(c.iso2, c.role) for c in gru.countries] == [("RU", "jurisdiction")]
    assert [(d.kind, d.value) for d in gru.dates] == [("listed", "2021-03-16")]
    assert gru.programs == ["US-BIS-MIEU"] and gru.list == "Military-Intelligence End User"
    assert gru.url is not None and gru.url.startswith("https://www.federalregister.gov/documents/2021/01/15/")
    assert entries[1].names == []  # the Intelligence Bureau has no alias


def test_ids_are_stable_across_runs() -> None:
    first, _ = parse(FIXTURES / "mieu.csv")
    second, _ = parse(FIXTURES / "mieu.csv")
    assert [e.source_id for e in first] == [e.source_id for e in second]


def test_an_end_date_is_a_delisting_and_an_unknown_type_is_rejected(tmp_path: Path) -> None:
    lines = (FIXTURES / "mieu.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",2021-03-16,,", ",2021-03-16,2024-05-01,")
    lines[2] = lines[2].replace("Organization,", "Spaceship,", 1)
    path = tmp_path / "mieu.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entries, ctx = parse(path)
    assert [(d.kind, d.value) for d in entries[0].dates] == [("listed", "2021-03-16"), ("delisted", "2024-05-01")]
    assert len(entries) == 2
    assert (ctx.rejects[0].line, ctx.rejects[0].reasons) == (3, ["unknown Type 'Spaceship': add it to TYPES"])


def test_a_file_with_another_header_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mieu.csv"
    path.write_text("Type;Name\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"us_bis_mieu \(.*mieu\.csv, line 1\): unexpected header"):
        parse(path)
