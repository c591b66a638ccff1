"""`ecgraph screen --lists-changed`: after a list update, parties are re-matched against only the entries
added, changed or removed since the last matching, and only the declarations those changes reach are
screened again. On the real Neo4j with a custom watch list published in two versions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import Graph, load_settings
from ecgraph.graph.resolution import matches_of_parties, parties_for_screening
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.lists import load_custom_list
from ecgraph.rules.resolution import list_changes, load_index, party_query
from tests.conftest import fresh_graph_env

runner = CliRunner()


def declaration(number: str, consignee: str, country: str) -> dict[str, Any]:
    return {
        "declaration_number": number, "version": 1, "declaration_date": "2026-10-01", "declaration_type": "EX",
        "exporter": {"name": "Shinsei Denki Co., Ltd.", "country": "JP", "corporate_number": "8785219552958",
                     "address": "3-14-12 Chuo-ku, Kobe, Hyogo"},
        "consignee": {"name": consignee, "country": country, "address": f"{number[-2:]} Harbour Road, {country}"},
        "destination_country": country, "port_of_loading": "JPTYO", "transport_mode": "air",
        "invoice_number": f"INV-{number}", "currency": "JPY", "ecommerce": False, "invoice_value": 50000.0,
        "items": [{"seq": 1, "hs_code": "010121000", "description": "Pure-bred breeding horses", "quantity": 1,
                   "unit": "PCE", "net_weight_kg": 500.0, "value": 50000.0, "origin_country": "JP"}],
    }


DECLARATIONS = [
    declaration("20000000001", "Tako LLC", "AM"),  # listed in v1, delisted in v2
    declaration("20000000002", "Orion Precision Optics LLC", "AM"),  # listed only in v2
    declaration("20000000003", "Acme Horse Farms Inc.", "US"),  # never listed
    declaration("20000000004", "Nord Vega Trading LLC", "AM"),  # listed in both versions, unchanged
]

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


def write_list(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def screen_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["screen", *args, "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def alert_statuses(rule: str) -> dict[str, str]:
    result = runner.invoke(app, ["alerts", "list", "--json", "--rule", rule, "--status", "open,closed"])
    assert result.exit_code == 0, result.output
    return {a["declaration"]: a["status"] for a in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def updated_world(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Declarations screened against watch list v1, then v2 loaded and `screen --lists-changed` run."""
    tmp_path = tmp_path_factory.mktemp("lists-changed")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        settings = load_settings()
        path = write_list(tmp_path / "declarations.jsonl", DECLARATIONS)
        assert load_file(graph, path, state_dir=tmp_path / "state").counts["rejected"] == 0
        load_custom_list(graph, "watch", write_list(tmp_path / "watch.jsonl", VERSION_1), data_dir=settings.data_dir)
        first = screen_json("--all")
        before = alert_statuses("PS-01")
        load_custom_list(graph, "watch", write_list(tmp_path / "watch.jsonl", VERSION_2), data_dir=settings.data_dir)
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
    # the delisted consignee's and the newly listed consignee's declarations; not the unchanged match's
    assert updated_world["second"]["declarations"] == 2


def test_a_new_listing_raises_an_alert_and_a_delisting_closes_one(updated_world: dict[str, Any]) -> None:
    assert updated_world["before"] == {"20000000001": "open", "20000000004": "open"}
    assert updated_world["after"] == {"20000000001": "closed", "20000000002": "open", "20000000004": "open"}


def test_matches_after_the_update_equal_a_full_rematch(updated_world: dict[str, Any]) -> None:
    graph: Graph = updated_world["graph"]
    index = load_index(graph, updated_world["settings"].cache_dir / "resolution")
    stored = {(m["key"], m["entry"]): round(m["score"], 6) for m in matches_of_parties(graph)}
    full = {(p["key"], m.entry_id): round(m.score, 6) for p in parties_for_screening(graph)
            for m in index.search(party_query(p), threshold=0.86)}
    assert stored == full
    assert any(entry == "custom:watch:W2" for _, entry in stored)


def test_a_second_run_with_no_list_change_touches_nothing(updated_world: dict[str, Any]) -> None:
    assert list_changes(updated_world["graph"]).active == []
    assert screen_json("--lists-changed")["declarations"] == 0
