"""us_trade_csl: the US Consolidated Screening List CSV, every row an entry with its sub-list."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas.errors import SourceError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "us_trade_csl"

Parsed = tuple[list[ListEntry], ParseContext]


def parse(path: Path) -> Parsed:
    source = get_source("us_trade_csl")
    ctx = ParseContext(source.id)
    return list(source.parse({"csv": path}, ctx)), ctx


@pytest.fixture(scope="module")
def bundled(shared_data: Path) -> Parsed:
    source = get_source("us_trade_csl")
    ctx = ParseContext(source.id)
    return list(source.parse(source.snapshot_files(shared_data), ctx)), ctx


def test_bundled_file_gives_every_row_with_the_publishers_per_list_split(bundled: Parsed) -> None:
    entries, ctx = bundled
    assert len(entries) == 14_160
    assert len({e.id for e in entries}) == 14_160
    assert Counter(e.list for e in entries) == {
        "SDN": 10_026, "Entity List": 2_001, "ITAR Debarred": 727, "Denied Persons List": 462,
        "SSI": 290, "Unverified List": 201, "Nonproliferation Sanctions": 163, "PLC": 78,
        "Military End User List": 71, "CMIC": 68, "CAPTA": 53, "NS-MBS": 17, "FSE": 3,
    }
    assert ctx.rejects == []
    lo, hi = get_source("us_trade_csl").meta.expected_entries
    assert lo <= len(entries) <= hi


def test_an_sdn_row_maps_field_by_field(bundled: Parsed) -> None:
    entries, _ = bundled
    row = next(e for e in entries if e.source_id == "26095")
    assert row.name == "'ABD AL-NASIR, Hajji"
    assert row.entity_type == "person" and row.list == "SDN" and row.programs == ["SDGT"]
    assert [n.value for n in row.names] == ["ABDELNASSER, Hajji", "ABD AL-NASR, Hajji", "AL-KHUWAYT, Taha"]
    assert [(d.kind, d.value) for d in row.dates] == [("birth", "1967"), ("birth", "1966"), ("birth", "1968")]
    assert [(c.iso2, c.role) for c in row.countries] == [("IQ", "nationality")]
    assert row.addresses[0].country == "SY"
    assert row.extra["places_of_birth"] == ["Tall 'Afar, Iraq"]


def test_ids_column_gives_typed_identifiers_with_country(bundled: Parsed) -> None:
    entries, _ = bundled
    row = next(e for e in entries if e.source_id == "9935")
    assert [(i.type, i.value, i.country) for i in row.identifiers] == [("passport", "BC166787", "CA")]
    assert [c.iso2 for c in row.countries if c.role == "nationality"] == ["CA", "SD"]


def test_quirk_rows_from_the_real_file() -> None:
    entries, ctx = parse(FIXTURES / "consolidated.csv")
    by_id = {e.source_id: e for e in entries}
    assert len(entries) == 13
    # a leading space in the name; DPL rows have no type; the end date is when the listing ends
    ash = by_id["deb7a1d5743a85c354ca1a2c7f2664e2104b32d7"]
    assert ash.name == "I. ASH" and ash.entity_type == "unknown" and ash.list == "Denied Persons List"
    assert [(d.kind, d.value) for d in ash.dates] == [("listed", "2003-06-19"), ("delisted", "2056-06-29")]
    assert ash.addresses[0].country == "US"
    # `A; and B` in alt_names
    plant = by_id["4398d33e9e93c7477af39f1e0bfffc13ddd47bcc"]
    assert [n.value for n in plant.names] == ["Open Joint Stock Company 140 Repair Plant", "JSC 140 Repair Plant"]
    assert plant.list == "Entity List" and plant.addresses[0].country == "BY"
    # multi-line cells are one record, whitespace collapsed
    assert by_id["026dba5afe5742c3d9b83179846272ca67cdb5c0"].addresses[0].full.startswith(
        "Room 717, Building 41, No.8633 Zhongchun Road, Minhang District")
    assert by_id["3da5adfe0d93a9e200e7e2a53b60f74d6a9642ab"].name == "Gaobeidian Kaituo Precise Instrument Co. Ltd"
    assert by_id["a115de6b0d2f889dc57c7b1bf35ca970436819f8"].list == "Military End User List"
    # one ent_num on three Treasury sub-lists stays three entries; the SDN one keeps the bare ent_num
    assert {by_id[i].list for i in ("18725", "18725:CAP", "18725:SSI")} == {"SDN", "CAPTA", "SSI"}
    # the verbatim repeated row is kept, with its own id, and reported
    assert "15268:CAP#2" in by_id
    assert any("repeats an earlier row" in w for w in ctx.warnings)
    # "(Linked To: NAME)" becomes a link to the entry of that name
    asadi = by_id["26860"]
    assert [(l.kind, l.target_source_id) for l in asadi.links] == [("linked_to", "10465")]


def test_an_unknown_sub_list_is_rejected_and_the_rest_loads(tmp_path: Path) -> None:
    text = (FIXTURES / "consolidated.csv").read_text(encoding="utf-8")
    path = tmp_path / "consolidated.csv"
    path.write_text(text.replace("Denied Persons List (DPL)", "Some New List (SNL)", 1), encoding="utf-8")
    entries, ctx = parse(path)
    assert len(entries) == 12
    assert len(ctx.rejects) == 1 and ctx.rejects[0].line == 2
    assert "unknown CSL source 'Some New List (SNL)" in ctx.rejects[0].reasons[0]


def test_a_file_that_is_not_the_csl_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv"
    path.write_text("id,name\n1,ACME\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"us_trade_csl \(.*consolidated\.csv, line 1\): unexpected header"):
        parse(path)


def test_a_short_row_is_rejected_with_its_line(tmp_path: Path) -> None:
    lines = (FIXTURES / "consolidated.csv").read_text(encoding="utf-8").split("\n")
    path = tmp_path / "consolidated.csv"
    path.write_text("\n".join([lines[0], "abc,def", *lines[1:]]), encoding="utf-8")
    entries, ctx = parse(path)
    assert len(entries) == 13
    assert (ctx.rejects[0].line, ctx.rejects[0].reasons) == (2, ["2 fields, expected 29"])
