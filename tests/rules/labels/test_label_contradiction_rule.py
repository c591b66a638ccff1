"""LB-01 on the real Neo4j: a label captured at inspection that contradicts the declaration (another
consignee, an HS code in another chapter) raises an alert naming the field, the declared value and what
the label shows; HS contradictions are HIGH, a party name alone MEDIUM; a matching label raises nothing
(issue #22: the conformance table listed LB-01 without a spec test)."""

from __future__ import annotations

from typing import Any

import pytest

from ecgraph.graph import Graph
from ecgraph.graph import labels as graph_labels
from ecgraph.graph.alerts import alerts_for_declarations
from ecgraph.rules.engine import load_rules, screen
from ecgraph.rules.labels import link_capture

pytestmark = pytest.mark.neo4j


def mention(kind: str, norm: str, role: str | None = None) -> dict[str, object]:
    return {"mention_id": f"lm_{kind}_{norm}", "type": kind, "norm": norm, "value": norm, "confidence": 0.9,
            "role": role, "role_key": role or "", "frames": 1}


def captured(graph: Graph, mentions: list[dict[str, object]]) -> list[dict[str, Any]]:
    """Declaration 10000000001 (a frequency changer to Everon Automation), one capture, linked and screened."""
    graph_labels.write_declaration_fixture(
        graph, "10000000001", licence_number=None,
        parties=[{"relation": "EXPORTER", "name": "WAKABA SYSTEMS CO., LTD."},
                 {"relation": "CONSIGNEE", "name": "Everon Automation LLC"}],
        items=[{"hs_code": "850440000", "description": "FREQUENCY CHANGER WA-G8-83E"}],
    )
    image = {"sha256": "ef" * 32, "path": "/x.jpg", "bytes": 1, "format": "JPEG", "width": 1, "height": 1, "frame": 0}
    graph_labels.write_capture(graph, {"id": "lc_1", "engine": "rapidocr", "text": "…", "confidence": 0.9, "frames": 1},
                               [image], mentions, "10000000001")
    link_capture(graph, "lc_1")
    screen(graph, numbers=["10000000001"], rules=[r for r in load_rules() if r.id == "LB-01"])
    return [a for a in alerts_for_declarations(graph, ["10000000001"], ["open"]) if a["rule_id"] == "LB-01"]


def test_lb01_a_label_in_another_hs_chapter_is_high_and_names_both_values(graph: Graph) -> None:
    (alert,) = captured(graph, [mention("hs_code", "9014.20")])
    assert alert["severity"] == "HIGH"
    assert "hs_code" in alert["explanation"] and "9014.20" in alert["explanation"] and "lc_1" in alert["explanation"]


def test_lb01_another_consignee_on_the_label_is_medium(graph: Graph) -> None:
    (alert,) = captured(graph, [mention("company", "Ultrix Automation AG", "consignee")])
    assert alert["severity"] == "MEDIUM"
    assert "consignee" in alert["explanation"] and "Ultrix Automation AG" in alert["explanation"]


def test_lb01_a_dual_use_eccn_on_a_label_with_no_licence_declared_is_high(graph: Graph) -> None:
    (alert,) = captured(graph, [mention("eccn", "3A001")])
    assert alert["severity"] == "HIGH"
    assert "control_status" in alert["explanation"] and "no export licence" in alert["explanation"]


def test_lb01_a_label_that_agrees_raises_nothing(graph: Graph) -> None:
    assert captured(graph, [mention("company", "Wakaba Systems Co., Ltd.", "shipper"), mention("hs_code", "8504.40")]) == []
