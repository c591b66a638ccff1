"""`ecgraph screen --lists-changed`: after a list update, parties are re-matched against only the entries
added, changed or removed since the last matching, and only the declarations those changes reach are
screened again, by the rules that read a list (the others cannot find anything new). On the real Neo4j with
a custom watch list published in two versions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ecgraph.graph import Graph, load_settings
from ecgraph.graph.resolution import matches_of_parties, parties_for_screening
from ecgraph.graph.screening import declarations_due
from ecgraph.ingest.lists import load_custom_list
from ecgraph.rules.engine import screen
from ecgraph.rules.engine.pack import load_rules
from ecgraph.rules.resolution import list_changes, load_index, party_query
from tests.conftest import fresh_graph_env
from tests.rules.engine.small_world import (
    alerts_by_declaration,
    cli_json,
    export_declaration,
    load_declarations,
    write_jsonl,
)

DECLARATIONS = [
    export_declaration("20000000001", "Tako LLC", "AM"),  # listed in v1, delisted in v2
    export_declaration("20000000002", "Orion Precision Optics LLC", "AM"),  # listed only in v2
    export_declaration("20000000003", "Acme Horse Farms Inc.", "US"),  # never listed
    export_declaration("20000000004", "Nord Vega Trading LLC", "AM"),  # listed in both versions, unchanged
]
# loaded after the first screening, never screened: the list update reaches it too
LATE = export_declaration("20000000005", "Orion Precision Optics LLC", "AM")

VERSION_1 = [
    {"id": "W1", "name": "Tako LLC", "country": "AM", "type": "organization"},
    {"id": "W3", "name": "Nord Vega Trading LLC", "country": "AM", "type": "organization"},
    {"id": "W4", "name": "Kavkaz Radio Components", "country": "GE", "type": "organization"},
]
VERSION_2 = [
    {"id": "W2", "name": "Orion Precision Optics", "country": "AM", "type": "organization"},  # added
    {"id": "W3", "name": "Nord Vega Trading LLC", "country": "AM", "type": "organization"},  # unchanged
    {"id": "W4", "name": "Kavkaz Radio Components", "country": "AM", "type": "organization"},  # changed country
]


def screen_json(*args: str) -> dict[str, Any]:
    return dict(cli_json("screen", *args))


def alert_statuses(rule: str) -> dict[str, str]:
    return {n: a["status"] for n, a in alerts_by_declaration(rule, "open,closed").items()}


@pytest.fixture(scope="module")
def updated_world(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Declarations screened against watch list v1, then v2 loaded and `screen --lists-changed` run."""
    tmp_path = tmp_path_factory.mktemp("lists-changed")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        settings = load_settings()
        load_declarations(graph, tmp_path, DECLARATIONS)
        load_custom_list(graph, "watch", write_jsonl(tmp_path / "watch.jsonl", VERSION_1), data_dir=settings.data_dir)
        first = screen_json("--all")
        before = alert_statuses("PS-01")
        load_declarations(graph, tmp_path, [LATE])
        load_custom_list(graph, "watch", write_jsonl(tmp_path / "watch.jsonl", VERSION_2), data_dir=settings.data_dir)
        changes = list_changes(graph)
        second = screen_json("--lists-changed")
        yield {"graph": graph, "first": first, "before": before, "changes": changes, "second": second,
               "after": alert_statuses("PS-01"), "settings": settings}


def test_only_the_added_changed_and_removed_entries_are_rematched(updated_world: dict[str, Any]) -> None:
    changes = updated_world["changes"]
    assert changes.complete
    assert sorted(e["id"] for e in changes.active) == ["custom:watch:W2", "custom:watch:W4"]
    assert changes.retired == ["custom:watch:W1"]


def test_only_declarations_the_changes_reach_are_screened_again(updated_world: dict[str, Any]) -> None:
    assert updated_world["first"]["declarations"] == 4
    assert updated_world["second"]["mode"] == "lists-changed"
    # the delisted consignee's and the newly listed consignee's (two) declarations; not the unchanged match's
    assert updated_world["second"]["declarations"] == 3


def test_a_list_update_reruns_only_the_rules_that_read_a_list(updated_world: dict[str, Any]) -> None:
    reads_lists = {rule.id: rule.reads_lists for rule in load_rules()}
    ran_first = set(updated_world["first"]["rule_seconds"])
    unaffected = {rule for rule in ran_first if not reads_lists[rule]}
    assert unaffected >= {"RF-06", "RF-08"}  # active here: they need declarations only
    inactive = updated_world["second"]["inactive"]
    assert {rule for rule in unaffected if inactive.get(rule, "").startswith("reads no list")} == unaffected
    assert not {rule for rule in ran_first if reads_lists[rule]} & set(inactive)


def test_a_declaration_never_screened_gets_every_rule_in_a_lists_changed_run(updated_world: dict[str, Any]) -> None:
    """Its screening stamp is set by the run, so no later run would give it the rules a list cannot change."""
    assert set(updated_world["second"]["rule_seconds"]) == set(updated_world["first"]["rule_seconds"])
    assert declarations_due(updated_world["graph"], ["20000000005"]) == []


def test_a_new_listing_raises_an_alert_and_a_delisting_closes_one(updated_world: dict[str, Any]) -> None:
    assert updated_world["before"] == {"20000000001": "open", "20000000004": "open"}
    assert updated_world["after"] == {"20000000001": "closed", "20000000002": "open", "20000000004": "open",
                                      "20000000005": "open"}


def test_matches_after_the_update_equal_a_full_rematch(updated_world: dict[str, Any]) -> None:
    graph: Graph = updated_world["graph"]
    index = load_index(graph, updated_world["settings"].index_dir)
    stored = {(m["key"], m["entry"]): round(m["score"], 6) for m in matches_of_parties(graph)}
    full = {(p["key"], m.entry_id): round(m.score, 6) for p in parties_for_screening(graph)
            for m in index.search(party_query(p), threshold=0.86)}
    assert stored == full
    assert any(entry == "custom:watch:W2" for _, entry in stored)


def test_a_second_run_with_no_list_change_touches_nothing(updated_world: dict[str, Any]) -> None:
    assert list_changes(updated_world["graph"]).active == []
    assert screen_json("--lists-changed")["declarations"] == 0


def test_a_plain_screen_after_a_list_update_rescreens_declarations_whose_matches_changed(
    updated_world: dict[str, Any], tmp_path: Path,
) -> None:
    """Runs last: it delists W3. A plain `ecgraph screen` (no new declarations) re-matches every party,
    and the one whose match went has its declaration screened again, which closes its alert."""
    version_3 = [e for e in VERSION_2 if e["id"] != "W3"]
    load_custom_list(updated_world["graph"], "watch", write_jsonl(tmp_path / "watch.jsonl", version_3),
                     data_dir=updated_world["settings"].data_dir)
    assert screen_json()["declarations"] == 1
    assert alert_statuses("PS-01")["20000000004"] == "closed"


def test_a_declaration_never_screened_gets_every_rule_in_a_rules_changed_run(
    updated_world: dict[str, Any], tmp_path: Path,
) -> None:
    """Runs after the list updates. A rule-version change re-runs that one rule over every declaration; one
    loaded since the last run has never had the others, and the run stamps it screened, so it gets them all."""
    late = export_declaration("20000000006", "Acme Horse Farms Inc.", "US")
    graph: Graph = updated_world["graph"]
    load_declarations(graph, tmp_path, [late])
    assert declarations_due(graph, ["20000000006"]) == ["20000000006"]
    bumped = [replace(r, version=r.version + 1) if r.id == "RF-08" else r for r in load_rules()]
    report = screen(graph, mode="rules-changed", rules=bumped)
    assert report.declarations == 6
    assert set(report.rule_seconds) == set(updated_world["first"]["rule_seconds"])
    assert declarations_due(graph, ["20000000006"]) == []
