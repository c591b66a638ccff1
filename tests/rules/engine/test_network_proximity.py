"""PS-05 network proximity: a declaration party within two hops of a listed party through a shared
officer, a shared registration number or a shared address, found over BODS statements on the real Neo4j.

One hop is MEDIUM; two hops through one kind of link is LOW; a party with no such link stays quiet.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import load_settings
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.lists import load_custom_list
from ecgraph.ingest.ownership import parse_bods
from tests.conftest import fresh_graph_env

runner = CliRunner()


def declaration(number: str, consignee: str, address: str) -> dict[str, Any]:
    return {
        "declaration_number": number, "version": 1, "declaration_date": "2026-10-01", "declaration_type": "EX",
        "exporter": {"name": "Shinsei Denki Co., Ltd.", "country": "JP", "corporate_number": "8785219552958",
                     "address": "3-14-12 Chuo-ku, Kobe, Hyogo"},
        "consignee": {"name": consignee, "country": "AM", "address": address},
        "destination_country": "AM", "port_of_loading": "JPTYO", "transport_mode": "air",
        "invoice_number": f"INV-{number}", "currency": "JPY", "ecommerce": False, "invoice_value": 50000.0,
        "items": [{"seq": 1, "hs_code": "010121000", "description": "Pure-bred breeding horses", "quantity": 1,
                   "unit": "PCE", "net_weight_kg": 500.0, "value": 50000.0, "origin_country": "JP"}],
    }


DECLARATIONS = [
    declaration("30000000001", "Ararat Precision Components LLC", "5 Komitas Avenue, Yerevan, AM"),  # shares a director
    declaration("30000000002", "Sevan Electronic Trading LLC", "77 Tumanyan Street, Yerevan, AM"),  # shares a reg. number
    declaration("30000000003", "Dilijan Instruments LLC", "9 Abovyan Street, Yerevan, AM"),  # run by a listed person
    declaration("30000000004", "Gyumri Machine Parts LLC", "14 Vardanants Street, Gyumri, AM"),  # two hops away
    declaration("30000000005", "Vanadzor Textile LLC", "3 Tigran Mets Avenue, Vanadzor, AM"),  # no link at all
]

# The watch list: a listed company and a listed person.
WATCH = [
    {"id": "W1", "name": "Tako LLC", "country": "AM", "type": "organization"},
    {"id": "W2", "name": "Tigran Vardanyan", "country": "AM", "type": "person"},
]


def entity(sid: str, name: str, identifiers: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"statementID": sid, "statementType": "entityStatement", "statementDate": "2026-01-01", "name": name,
            "incorporatedInJurisdiction": {"code": "AM"}, "identifiers": identifiers or []}


def person(sid: str, name: str) -> dict[str, Any]:
    return {"statementID": sid, "statementType": "personStatement", "statementDate": "2026-01-01",
            "names": [{"fullName": name}], "nationalities": [{"code": "AM"}]}


def seat(sid: str, officer: str, company: str, kind: str = "personStatement") -> dict[str, Any]:
    described = "describedByPersonStatement" if kind == "personStatement" else "describedByEntityStatement"
    return {"statementID": sid, "statementType": "ownershipOrControlStatement", "statementDate": "2026-01-01",
            "subject": {"describedByEntityStatement": company}, "interestedParty": {described: officer},
            "interests": [{"type": "boardMember"}]}


BODS = [
    entity("tako", "Tako LLC", [{"scheme": "AM-SRC", "id": "264.110.01234"}]),
    entity("ararat", "Ararat Precision Components LLC"),
    entity("sevan", "Sevan Electronic Trading LLC", [{"scheme": "AM-SRC", "id": "264 110 01234"}]),
    entity("dilijan", "Dilijan Instruments LLC"),
    entity("gyumri", "Gyumri Machine Parts LLC"),
    person("director", "Armen Hakobyan"),
    person("second-director", "Lilit Grigoryan"),
    person("listed-person", "Tigran Vardanyan"),
    seat("s1", "director", "tako"),
    seat("s2", "director", "ararat"),
    seat("s3", "listed-person", "dilijan"),
    seat("s4", "second-director", "ararat"),
    seat("s5", "second-director", "gyumri"),
]


@pytest.fixture(scope="module")
def ps05(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    """PS-05 alerts by declaration after matching and screening the small world."""
    tmp_path = tmp_path_factory.mktemp("network")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        settings = load_settings()
        path = tmp_path / "declarations.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in DECLARATIONS), encoding="utf-8")
        assert load_file(graph, path, state_dir=tmp_path / "state").counts["rejected"] == 0
        watch = tmp_path / "watch.jsonl"
        watch.write_text("".join(json.dumps(e) + "\n" for e in WATCH), encoding="utf-8")
        load_custom_list(graph, "watch", watch, data_dir=settings.data_dir)
        bods = tmp_path / "people.bods.json"
        bods.write_text(json.dumps(BODS), encoding="utf-8")
        result = runner.invoke(app, ["ingest", "ownership", str(bods), "--json"])
        assert result.exit_code == 0, result.output
        assert runner.invoke(app, ["screen", "--all", "--json"]).exit_code == 0
        listed = runner.invoke(app, ["alerts", "list", "--json", "--rule", "PS-05"])
        assert listed.exit_code == 0, listed.output
        yield {a["declaration"]: a for a in json.loads(listed.stdout)}


def test_bods_board_seats_are_officers_not_owners(tmp_path: Path) -> None:
    path = tmp_path / "people.bods.json"
    path.write_text(json.dumps(BODS), encoding="utf-8")
    facts = parse_bods(path)
    assert facts.edges == []
    assert len(facts.officers) == 5 and {o["role"] for o in facts.officers} == {"board member"}
    # the same registration number however it is punctuated
    assert {i["id"] for i in facts.identifiers} == {"AM-SRC:26411001234"}


def test_a_shared_director_links_a_consignee_to_a_listed_company(ps05: dict[str, dict[str, Any]]) -> None:
    alert = ps05["30000000001"]
    assert alert["severity"] == "MEDIUM"
    assert "Armen Hakobyan" in alert["explanation"] and "Tako LLC" in alert["explanation"]


def test_a_shared_registration_number_links_a_consignee_to_a_listed_company(ps05: dict[str, dict[str, Any]]) -> None:
    alert = ps05["30000000002"]
    assert alert["severity"] == "MEDIUM"
    assert "AM-SRC 264 110 01234" in alert["explanation"] or "AM-SRC 264.110.01234" in alert["explanation"]


def test_a_listed_person_on_the_board_is_one_hop(ps05: dict[str, dict[str, Any]]) -> None:
    alert = ps05["30000000003"]
    assert alert["severity"] == "MEDIUM"
    assert "Tigran Vardanyan" in alert["explanation"] and "direct officer_of link" in alert["explanation"]


def test_two_hops_through_one_kind_of_link_is_low(ps05: dict[str, dict[str, Any]]) -> None:
    alert = ps05["30000000004"]
    assert alert["severity"] == "LOW" and "2 hop(s)" in alert["explanation"]
    labels = {label for node in alert["evidence"]["nodes"] for label in node["labels"]}
    assert {"Declaration", "Party", "ListEntry"} <= labels


def test_a_party_with_no_link_is_not_flagged(ps05: dict[str, dict[str, Any]]) -> None:
    assert "30000000005" not in ps05
