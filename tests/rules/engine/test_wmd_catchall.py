"""CA-02, the WMD catch-all: item-16 goods without a licence to a party on METI's End User List outside
Group A are HIGH, and CRITICAL when the goods are a strong-risk example of the entry's own concern type.
On the real Neo4j with the bundled End User List (ABU REIHAN GROUP, Iran: concern M, missiles)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import load_settings
from ecgraph.ingest.controls.indicator_terms import parse_indicator_terms
from ecgraph.ingest.controls.load import WMD_TERMS, controls_dir, load_all_controls
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.lists import load_list
from tests.conftest import fresh_graph_env

runner = CliRunner()


def declaration(number: str, hs_code: str, description: str) -> dict[str, Any]:
    return {
        "declaration_number": number, "version": 1, "declaration_date": "2026-10-01", "declaration_type": "EX",
        "exporter": {"name": "Shinsei Denki Co., Ltd.", "country": "JP", "corporate_number": "8785219552958",
                     "address": "3-14-12 Chuo-ku, Kobe, Hyogo"},
        "consignee": {"name": "Abu Reihan Group", "country": "IR", "address": "Tehran, IR"},
        "destination_country": "IR", "port_of_loading": "JPTYO", "transport_mode": "air",
        "invoice_number": f"INV-{number}", "currency": "JPY", "ecommerce": False, "invoice_value": 900000.0,
        "items": [{"seq": 1, "hs_code": hs_code, "description": description, "quantity": 2, "unit": "PCE",
                   "net_weight_kg": 3.0, "value": 900000.0, "origin_country": "JP"}],
    }


DECLARATIONS = [
    declaration("40000000001", "901420000", "Fibre optic gyroscopes for navigation"),  # M example to an M entry
    declaration("40000000002", "841410000", "Vacuum pumps, rotary vane"),  # an N example: not the entry's concern
]


@pytest.fixture(scope="module")
def ca02(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    tmp_path = tmp_path_factory.mktemp("ca02")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        settings = load_settings()
        load_all_controls(graph)
        load_list(graph, "jp_meti_end_user_list", data_dir=settings.data_dir)
        path = tmp_path / "declarations.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in DECLARATIONS), encoding="utf-8")
        assert load_file(graph, path, state_dir=tmp_path / "state").counts["rejected"] == 0
        assert runner.invoke(app, ["screen", "--all", "--json"]).exit_code == 0
        listed = runner.invoke(app, ["alerts", "list", "--json", "--rule", "CA-02"])
        assert listed.exit_code == 0, listed.output
        yield {a["declaration"]: a for a in json.loads(listed.stdout)}


def test_strong_risk_terms_are_data_with_a_concern_type_and_a_source() -> None:
    terms = parse_indicator_terms(controls_dir() / WMD_TERMS)
    assert {t.category for t in terms} == {"WMD_RISK_B", "WMD_RISK_C", "WMD_RISK_M", "WMD_RISK_N"}
    assert all(t.source for t in terms) and {t.lang for t in terms} == {"en", "ja"}


def test_a_strong_risk_example_of_the_entrys_concern_is_critical(ca02: dict[str, dict[str, Any]]) -> None:
    alert = ca02["40000000001"]
    assert alert["severity"] == "CRITICAL"
    assert "strong-risk WMD example" in alert["explanation"] and "gyroscop (M)" in alert["explanation"]


def test_goods_of_another_concern_type_stay_high(ca02: dict[str, dict[str, Any]]) -> None:
    alert = ca02["40000000002"]
    assert alert["severity"] == "HIGH"
    assert "strong-risk" not in alert["explanation"] and "WMD:M" in alert["explanation"]
