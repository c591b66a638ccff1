"""A small screened world for the analyst's tools, built through the real loaders and `ecgraph screen`:
a watch-listed consignee in Armenia, an ordinary shipment, and an ownership statement linking a
consignee to its owner."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import Graph, load_settings
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.lists import load_custom_list
from tests.conftest import fresh_graph_env

runner = CliRunner()
EXPORTER = {"name": "Shinsei Denki Co., Ltd.", "country": "JP", "corporate_number": "8785219552958",
            "address": "3-14-12 Chuo-ku, Kobe, Hyogo"}


def declaration(number: str, destination: str, consignee: dict[str, Any], hs: str, text: str, value: float) -> dict[str, Any]:
    return {
        "declaration_number": number, "version": 1, "declaration_date": "2026-10-01", "declaration_type": "EX",
        "exporter": EXPORTER, "consignee": consignee, "destination_country": destination,
        "port_of_loading": "JPTYO", "transport_mode": "air", "invoice_number": f"INV-{number}", "currency": "JPY",
        "ecommerce": False, "invoice_value": value,
        "items": [{"seq": 1, "hs_code": hs, "description": text, "quantity": 10, "unit": "PCE",
                   "net_weight_kg": 5.0, "value": value, "origin_country": "JP"}],
    }


WORLD = [
    declaration("20000000001", "AM", {"name": "Tako LLC", "country": "AM", "address": "12 Tigran Mets Avenue, Yerevan, AM"},
                "854231000", "Integrated circuits, processors", 900000.0),
    declaration("20000000002", "US", {"name": "Acme Horse Farms Inc.", "country": "US", "address": "1 Main Street, US"},
                "010121000", "Pure-bred breeding horses", 3000000.0),
]
WATCH_LIST = [{"id": "W1", "name": "Tako LLC", "country": "AM", "type": "organization"}]
BODS = [
    {"statementID": "s-owner", "statementType": "entityStatement", "name": "Ararat Holding CJSC",
     "incorporatedInJurisdiction": {"code": "AM"}, "statementDate": "2026-01-01"},
    {"statementID": "s-acme", "statementType": "entityStatement", "name": "Acme Horse Farms Inc.",
     "incorporatedInJurisdiction": {"code": "US"}, "statementDate": "2026-01-01"},
    {"statementID": "s-own", "statementType": "ownershipOrControlStatement", "statementDate": "2026-01-01",
     "subject": {"describedByEntityStatement": "s-acme"}, "interestedParty": {"describedByEntityStatement": "s-owner"},
     "interests": [{"type": "shareholding", "share": {"exact": 60}}]},
]


@contextmanager
def screened_world(env: dict[str, str], tmp_path: Path) -> Iterator[Graph]:
    """Load the world into the (emptied) test server and screen it; the env stays set while in use."""
    with fresh_graph_env(env, tmp_path) as graph:
        settings = load_settings()
        declarations = tmp_path / "declarations.jsonl"
        declarations.write_text("".join(json.dumps(d) + "\n" for d in WORLD), encoding="utf-8")
        assert load_file(graph, declarations, state_dir=tmp_path / "state").counts["rejected"] == 0
        watch = tmp_path / "watch.jsonl"
        watch.write_text("".join(json.dumps(e) + "\n" for e in WATCH_LIST), encoding="utf-8")
        load_custom_list(graph, "watch", watch, data_dir=settings.data_dir)
        bods = tmp_path / "ownership.bods.json"
        bods.write_text(json.dumps(BODS), encoding="utf-8")
        result = runner.invoke(app, ["ingest", "ownership", str(bods)])
        assert result.exit_code == 0, result.output
        result = runner.invoke(app, ["screen", "--all", "--json"])
        assert result.exit_code == 0, (result.output, result.exception)
        try:
            yield graph
        finally:
            graph.write_autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")


def tako_alert(graph: Graph) -> dict[str, Any]:
    result = runner.invoke(app, ["alerts", "list", "--json", "--declaration", "20000000001", "--rule", "PS-01"])
    assert result.exit_code == 0, result.output
    (alert,) = json.loads(result.stdout)
    return dict(alert)
