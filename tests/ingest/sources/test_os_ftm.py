"""os_ftm: OpenSanctions FollowTheMoney JSON lines, and the FtM writer that round-trips them."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from followthemoney import model

from ecgraph.ingest.ftm import entry_to_ftm, entry_to_ftm_entities, write_ftm
from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas.errors import SourceError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "os_ftm"
ZAKHAROV = "NK-aU5ybkbRFJucf8YMwsJvDw"
AEROSCAN = "NK-iE6m5ryPeTAMZozfECVSL7"


def parse(path: Path) -> tuple[list[ListEntry], ParseContext]:
    source = get_source("os_ftm")
    ctx = ParseContext(source.id)
    return list(source.parse(source.files_from(path), ctx)), ctx


@pytest.fixture(scope="module")
def sample() -> dict[str, ListEntry]:
    return {e.source_id: e for e in parse(FIXTURES / "sample.ftm.json")[0]}


def test_bundled_samples_give_their_person_and_company_entities(shared_data: Path) -> None:
    folder = shared_data / "sanctions" / "opensanctions_ftm"
    zala, ctx = parse(folder / "zala_entities.ftm.json")
    assert Counter(e.extra["ftm_schema"] for e in zala) == {"Company": 11, "Person": 6}
    assert ctx.rejects == []
    t1, _ = parse(folder / "t1_entities.ftm.json")
    assert Counter(e.entity_type for e in t1) == {"person": 4, "organization": 2}


def test_a_person_field_by_field(sample: dict[str, ListEntry]) -> None:
    person = sample[ZAKHAROV]
    assert person.name == "Alexander Vyacheslavovich ZAKHAROV" and person.entity_type == "person"
    assert [(d.kind, d.value) for d in person.dates if d.kind in ("birth", "listed")] == [
        ("birth", "1965-09-21"), ("listed", "2025-02-24"), ("listed", "2025-03-04")]
    assert {"EU-UKR", "SECO-UKRAINE", "GB-RUS"} <= set(person.programs)
    assert [(c.iso2, c.role) for c in person.countries] == [
        ("RU", "unknown"), ("RU", "nationality"), ("RU", "citizenship"), ("RU", "birth")]
    assert ("inn", "183111242406") in [(i.type, i.value) for i in person.identifiers]
    # the Address entity is found through one of its referents
    address = person.addresses[0]
    assert (address.street, address.city, address.postal_code, address.country) == (
        "272 Pushkinskaya Street, Apt 41", "Izhevsk", "426008", "RU")
    assert [s["properties"]["programId"] for s in person.extra["ftm_sanctions"]] == [["EU-UKR"], ["SECO-UKRAINE"]]


def test_ownership_and_family_become_links_with_shares(sample: dict[str, ListEntry]) -> None:
    assert [(l.kind, l.target_source_id, l.share_pct) for l in sample[ZAKHAROV].links] == [
        ("owner", AEROSCAN, 100.0)]
    osetrova = sample["NK-2Tbri3s6GgNtAwsSXh4qpL"]
    assert [(l.kind, l.target_source_id, l.note) for l in osetrova.links] == [
        ("family", ZAKHAROV, "Family member of")]
    assert sample[AEROSCAN].entity_type == "organization" and sample[AEROSCAN].extra["ftm_schema"] == "Company"


def test_non_latin_names_keep_their_script(sample: dict[str, ListEntry]) -> None:
    scripts = {n.value: n.script for n in sample["NK-2Tbri3s6GgNtAwsSXh4qpL"].names}
    assert scripts["Мария Александровна Осетрова"] == "Cyrl"
    assert scripts["OSETROVA, Maria Aleksandrovna"] == "Latn"


@pytest.mark.parametrize("name", ["zala_entities.ftm.json", "t1_entities.ftm.json"])
def test_read_write_read_gives_the_same_entries(shared_data: Path, tmp_path: Path, name: str) -> None:
    first, _ = parse(shared_data / "sanctions" / "opensanctions_ftm" / name)
    written = tmp_path / name
    with written.open("w", encoding="utf-8") as handle:
        write_ftm(first, handle)
    second, ctx = parse(written)
    assert second == first
    assert ctx.rejects == []


def test_written_entities_use_only_properties_the_ftm_model_knows(shared_data: Path) -> None:
    source = get_source("us_ofac_sdn")
    entries = list(source.parse(source.files_from(Path(__file__).resolve().parents[2] / "fixtures" / "us_ofac_sdn"),
                                ParseContext(source.id)))
    entries += parse(FIXTURES / "sample.ftm.json")[0]
    for entry in entries:
        for entity in entry_to_ftm_entities(entry):
            schema = model.get(entity["schema"])
            assert schema is not None
            assert [p for p in entity["properties"] if schema.get(p) is None] == [], entity["id"]


def test_entries_of_other_sources_get_prefixed_ids_and_a_sanction() -> None:
    source = get_source("us_ofac_sdn")
    folder = Path(__file__).resolve().parents[2] / "fixtures" / "us_ofac_sdn"
    bank = next(e for e in source.parse(source.files_from(folder), ParseContext(source.id)) if e.source_id == "4632")
    main = entry_to_ftm(bank)
    assert main["id"] == "us_ofac_sdn-4632" and main["schema"] == "Organization"
    assert main["properties"]["name"] == ["BANK MARKAZI JOMHOURI ISLAMI IRAN"]
    others = entry_to_ftm_entities(bank)[1:]
    sanction = next(e for e in others if e["schema"] == "Sanction")
    assert sanction["properties"]["programId"] == ["IRAN", "SDGT", "IRGC", "IFSR"]
    links = [e for e in others if e["schema"] == "UnknownLink"]
    assert [l["properties"]["object"] for l in links] == [["us_ofac_sdn-10465"], ["us_ofac_sdn-4697"]]


def test_a_line_that_is_not_json_names_file_and_line(tmp_path: Path) -> None:
    lines = (FIXTURES / "sample.ftm.json").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "broken.ftm.json"
    path.write_text("\n".join([*lines[:3], lines[3][:50], *lines[4:]]) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"os_ftm \(.*broken\.ftm\.json, line 4\): not a JSON object"):
        parse(path)


def test_unknown_schema_and_dangling_links_are_rejected(tmp_path: Path) -> None:
    lines = (FIXTURES / "sample.ftm.json").read_text(encoding="utf-8").splitlines()
    bogus = json.dumps({"id": "x1", "schema": "Spaceship", "properties": {}})
    dangling = json.dumps({"id": "x2", "schema": "Ownership", "properties": {"owner": ["nowhere"], "asset": [AEROSCAN]}})
    path = tmp_path / "extra.ftm.json"
    path.write_text("\n".join([*lines, bogus, dangling]) + "\n", encoding="utf-8")
    entries, ctx = parse(path)
    assert len(entries) == 3
    assert [(r.line, r.reasons[0][:40]) for r in ctx.rejects] == [
        (9, "no id or unknown FtM schema 'Spaceship'"), (10, "Ownership x2 refers to nowhere, which is")]
