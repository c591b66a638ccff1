"""Linking a written capture in the real Neo4j (issue 8): parties, goods items, HS codes, control entries,
and CONTRADICTS evidence for the label-mismatch rules. Re-linking changes nothing."""

from __future__ import annotations

import pytest

from ecgraph.graph import Graph
from ecgraph.graph import labels as graph_labels
from ecgraph.rules.labels import link_capture
from ecgraph.rules.resolution import MATCHER_VERSION

pytestmark = pytest.mark.neo4j


def mention(kind: str, norm: str, role: str | None = None) -> dict[str, object]:
    return {
        "mention_id": f"lm_{kind}_{norm}",
        "type": kind,
        "norm": norm,
        "value": norm,
        "confidence": 0.9,
        "role": role,
        "role_key": role or "",
        "frames": 1,
    }


def setup_capture(graph: Graph, mentions: list[dict[str, object]], *, licence: str | None = None) -> None:
    graph_labels.write_declaration_fixture(
        graph,
        "10000000001",
        licence_number=licence,
        parties=[
            {"relation": "EXPORTER", "name": "WAKABA SYSTEMS CO., LTD."},
            {"relation": "CONSIGNEE", "name": "Everon Automation LLC"},
        ],
        items=[{"hs_code": "850440000", "description": "FREQUENCY CHANGER WA-G8-83E"}],
    )
    capture = {"id": "lc_1", "engine": "rapidocr", "text": "…", "confidence": 0.9, "frames": 1}
    image = {
        "sha256": "ef" * 32,
        "path": "/x.jpg",
        "bytes": 1,
        "format": "JPEG",
        "width": 1,
        "height": 1,
        "frame": 0,
    }
    graph_labels.write_capture(graph, capture, [image], mentions, "10000000001")


def test_a_matching_label_links_and_contradicts_nothing(graph: Graph) -> None:
    # Control entry 3A225 (frequency changers) correlated with HS 8504.40, as the controls source writes it.
    graph.write(
        "MERGE (h:HSCode {code: '850440'}) "
        "MERGE (e:ControlEntry {id: 'eu_dual_use:2025:3A225', code: '3A225'}) "
        "MERGE (h)-[:CORRELATES_WITH]->(e)"
    )
    setup_capture(
        graph,
        [
            mention("company", "Wakaba Systems Co., Ltd.", "shipper"),
            mention("hs_code", "8504.40"),
            mention("model_number", "WA-G8-83E"),
            mention("eccn", "3A225"),
        ],
        licence="MET-2026-0001",
    )
    result = link_capture(graph, "lc_1")
    assert result.contradictions == []
    rows = graph.read(
        "MATCH (m:LabelMention)-[r:REFERS_TO]->(t) "
        "RETURN m.type AS type, r.rule AS rule, labels(t)[0] AS target ORDER BY type, rule"
    )
    assert {(r["type"], r["rule"], r["target"]) for r in rows} == {
        ("company", "label_party_name.v1", "Party"),
        ("eccn", "label_eccn_control_entry.v1", "ControlEntry"),
        ("hs_code", "label_hs_code.v1", "HSCode"),
        ("hs_code", "label_hs_control_entry.v1", "ControlEntry"),
        ("hs_code", "label_hs_goods_item.v1", "GoodsItem"),
        ("model_number", "label_model_goods_item.v1", "GoodsItem"),
    }


def test_a_contradicting_label_leaves_evidence_on_the_declaration(graph: Graph) -> None:
    setup_capture(
        graph,
        [
            mention("company", "Ultrix Automation AG", "consignee"),
            mention("hs_code", "9014.20"),
            mention("eccn", "7A003"),
        ],
    )
    link_capture(graph, "lc_1")
    found = graph_labels.captures_of_declaration(graph, "10000000001")[0]["contradictions"]
    assert {(c["field"], c["on_label"]) for c in found} == {
        ("consignee", "Ultrix Automation AG"),
        ("hs_code", "9014.20"),
        ("control_status", "7A003"),
    }
    assert all(c["reason"] for c in found)


def test_linking_twice_changes_nothing(graph: Graph) -> None:
    setup_capture(
        graph, [mention("company", "Ultrix Automation AG", "consignee"), mention("hs_code", "8504.40")]
    )
    link_capture(graph, "lc_1")
    before = graph.read("MATCH ()-[r:REFERS_TO|CONTRADICTS]->() RETURN count(r) AS n")
    link_capture(graph, "lc_1")
    assert graph.read("MATCH ()-[r:REFERS_TO|CONTRADICTS]->() RETURN count(r) AS n") == before


def test_relinking_a_capture_linked_by_the_former_matcher_updates_its_link_in_place(graph: Graph) -> None:
    # Links are merged on the rule name, which the move onto the resolution matcher kept (issue 23).
    setup_capture(graph, [mention("company", "Wakaba Systems Co., Ltd.", "shipper")])
    party_id = graph.read("MATCH (p:Party {name: 'WAKABA SYSTEMS CO., LTD.'}) RETURN elementId(p) AS id")[0]["id"]
    graph_labels.write_mention_links(
        graph,
        [
            {
                "mention_id": "lm_company_Wakaba Systems Co., Ltd.",
                "target_id": party_id,
                "rule": "label_party_name.v1",
                "score": 1.0,
                "method": "rapidfuzz.token_sort_ratio",
                "capture_id": "lc_1",
            }
        ],
    )
    link_capture(graph, "lc_1")
    link_capture(graph, "lc_1")
    rows = graph.read("MATCH (:LabelMention)-[r:REFERS_TO]->(p:Party) RETURN p.name AS name, r.method AS method")
    assert rows == [{"name": "WAKABA SYSTEMS CO., LTD.", "method": f"resolution.score_entry:{MATCHER_VERSION}"}]
