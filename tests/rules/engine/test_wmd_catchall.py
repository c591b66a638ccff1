"""CA-02, the WMD catch-all: item-16 goods without a licence to a party on METI's End User List outside
Group A are HIGH, and CRITICAL when the goods are a strong-risk example of the entry's own concern type.
On the real Neo4j with the bundled End User List (ABU REIHAN GROUP, Iran: concern M, missiles)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ecgraph.graph import load_settings
from ecgraph.ingest.controls.indicator_terms import parse_indicator_terms
from ecgraph.ingest.controls.load import WMD_TERMS, controls_dir, load_all_controls
from ecgraph.ingest.lists import load_list
from tests.conftest import fresh_graph_env
from tests.rules.engine.small_world import (
    alerts_by_declaration,
    cli_json,
    export_declaration,
    load_declarations,
)

DECLARATIONS = [
    export_declaration("40000000001", "Abu Reihan Group", "IR", "Tehran, IR",
                       ("901420000", "Fibre optic gyroscopes for navigation", 900000.0)),  # M example to an M entry
    export_declaration("40000000002", "Abu Reihan Group", "IR", "Tehran, IR",
                       ("841410000", "Vacuum pumps, rotary vane", 900000.0)),  # an N example: not the entry's concern
]


@pytest.fixture(scope="module")
def ca02(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    tmp_path = tmp_path_factory.mktemp("ca02")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        settings = load_settings()
        load_all_controls(graph)
        load_list(graph, "jp_meti_end_user_list", data_dir=settings.data_dir)
        load_declarations(graph, tmp_path, DECLARATIONS)
        cli_json("screen", "--all")
        yield alerts_by_declaration("CA-02")


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
