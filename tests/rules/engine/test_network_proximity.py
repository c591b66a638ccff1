"""PS-05 network proximity: a declaration party within two hops of a listed party through a shared
officer, a shared registration number or a shared address, found over BODS statements on the real Neo4j.

One hop is MEDIUM; two hops through one kind of link is LOW; a party with no such link stays quiet. A party
near many listed parties is reported with the nearest few, and counts them all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ecgraph.graph import Graph, load_settings
from ecgraph.graph.nearest_listed import NearListed, declared_parties, nearest_listed
from ecgraph.ingest.lists import load_custom_list
from ecgraph.ingest.ownership import parse_bods
from ecgraph.rules.engine.engine import alert_rows, hits_from_rows
from ecgraph.rules.engine.pack import load_rules
from ecgraph.rules.engine.predicates import network
from ecgraph.rules.engine.predicates.network import network_proximity
from ecgraph.rules.engine.shared_reads import shared_reads
from tests.conftest import fresh_graph_env
from tests.rules.engine.small_world import (
    alerts_by_declaration,
    cli_json,
    export_declaration,
    load_declarations,
    write_jsonl,
)

DECLARATIONS = [
    export_declaration("30000000001", "Ararat Precision Components LLC", "AM", "5 Komitas Avenue, Yerevan, AM"),  # shares a director
    export_declaration("30000000002", "Sevan Electronic Trading LLC", "AM", "77 Tumanyan Street, Yerevan, AM"),  # shares a reg. number
    export_declaration("30000000003", "Dilijan Instruments LLC", "AM", "9 Abovyan Street, Yerevan, AM"),  # run by a listed person
    export_declaration("30000000004", "Gyumri Machine Parts LLC", "AM", "14 Vardanants Street, Gyumri, AM"),  # two hops away
    export_declaration("30000000005", "Vanadzor Textile LLC", "AM", "3 Tigran Mets Avenue, Vanadzor, AM"),  # no link at all
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
    seat("s6", "listed-person", "ararat"),  # Ararat: one hop from Tako (its director) and from the listed person
]


@pytest.fixture(scope="module")
def world(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    """The small world, matched and screened."""
    tmp_path = tmp_path_factory.mktemp("network")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        settings = load_settings()
        load_declarations(graph, tmp_path, DECLARATIONS)
        load_custom_list(graph, "watch", write_jsonl(tmp_path / "watch.jsonl", WATCH), data_dir=settings.data_dir)
        bods = tmp_path / "people.bods.json"
        bods.write_text(json.dumps(BODS), encoding="utf-8")
        cli_json("ingest", "ownership", str(bods))
        cli_json("screen", "--all")
        yield graph


@pytest.fixture(scope="module")
def ps05(world: Graph) -> dict[str, dict[str, Any]]:
    """PS-05 alerts by declaration."""
    return alerts_by_declaration("PS-05")


def test_bods_board_seats_are_officers_not_owners(tmp_path: Path) -> None:
    path = tmp_path / "people.bods.json"
    path.write_text(json.dumps(BODS), encoding="utf-8")
    facts = parse_bods(path)
    assert facts.edges == []
    assert len(facts.officers) == 6 and {o["role"] for o in facts.officers} == {"board member"}
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


def test_every_finding_counts_the_listed_parties_within_reach(ps05: dict[str, dict[str, Any]]) -> None:
    findings = ps05["30000000001"]["matched"]["findings"]
    assert sorted(f["listed"] for f in findings) == ["Tako LLC", "Tigran Vardanyan"]
    assert {f["listed_within_reach"] for f in findings} == {2}


def test_a_party_near_many_listed_parties_reports_the_nearest_few(world: Graph) -> None:
    """`max_listed_neighbours` bounds the findings per declaration party (a hub near hundreds of listed
    parties gave hundreds); the ones kept are the nearest, ties broken by entry id, and the count is all."""
    rule = next(r for r in load_rules() if r.id == "PS-05")
    nearest_one = replace(rule, params={**rule.params, "max_listed_neighbours": 1})
    rows = network_proximity(world, nearest_one, ["30000000001"])
    assert [(row["matched"]["listed"], row["matched"]["listed_within_reach"]) for row in rows] == [("Tako LLC", 2)]


def test_a_screening_run_searches_each_party_once_and_writes_the_alerts_one_batch_writes(
        world: Graph, ps05: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    """At national scale a party recurs in batch after batch; the search from it depends on the graph only,
    so a run makes it once. Declarations screened one at a time in a run give the alerts of one batch."""
    rule = next(r for r in load_rules() if r.id == "PS-05")
    searched: list[str] = []

    def counted(graph: Graph, parties: list[str], **params: Any) -> dict[str, list[NearListed]]:
        searched.extend(parties)
        return nearest_listed(graph, parties, **params)

    monkeypatch.setattr(network, "nearest_listed", counted)
    numbers = [d["declaration_number"] for d in DECLARATIONS]
    with shared_reads(run=True):
        first = [row for number in numbers for row in network.network_proximity(world, rule, [number])]
        again = [row for number in numbers for row in network.network_proximity(world, rule, [number])]
    parties = {use["party"] for use in declared_parties(world, numbers, list(rule.params["roles"]))}
    assert sorted(searched) == sorted(parties)
    assert again == first
    one_at_a_time = {a["declaration"]: a["content_hash"] for a in alert_rows(hits_from_rows(rule, first))}
    assert one_at_a_time == {d: a["content_hash"] for d, a in ps05.items()}
