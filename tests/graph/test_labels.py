"""Label captures in the real Neo4j (issue 8): written once, idempotent, beside their declaration."""

from __future__ import annotations

import pytest

from ecgraph.graph import Graph
from ecgraph.graph import labels as graph_labels

pytestmark = pytest.mark.neo4j

CAPTURE = {
    "id": "lc_test",
    "engine": "rapidocr",
    "text": "MODEL: WA-G8-83E\nHS: 8504.40",
    "confidence": 0.97,
    "frames": 1,
    "officer": "K123",
    "captured_at": "2026-11-25T09:41:07",
}
IMAGES = [
    {
        "sha256": "ab" * 32,
        "path": "/store/ab/abab.jpg",
        "bytes": 1234,
        "format": "JPEG",
        "width": 800,
        "height": 600,
        "original_name": "lbl_0002.jpg",
        "frame": 0,
    }
]
MENTIONS = [
    {
        "mention_id": "lm_model",
        "type": "model_number",
        "norm": "WA-G8-83E",
        "value": "WA-G8-83E",
        "confidence": 0.99,
        "role": None,
        "role_key": "",
        "frames": 1,
    },
    {
        "mention_id": "lm_hs",
        "type": "hs_code",
        "norm": "8504.40",
        "value": "8504.40",
        "confidence": 0.98,
        "role": None,
        "role_key": "",
        "frames": 1,
    },
    {
        "mention_id": "lm_co",
        "type": "company",
        "norm": "WAKABA SYSTEMS CO., LTD.",
        "value": "WAKABA SYSTEMS CO., LTD.",
        "confidence": 0.95,
        "role": "shipper",
        "role_key": "shipper",
        "frames": 1,
    },
]


def test_a_capture_links_its_image_declaration_and_mentions(graph: Graph) -> None:
    graph_labels.write_declaration_fixture(graph, "10000000001")  # a capture is attached, never a stub made up
    graph_labels.write_capture(graph, CAPTURE, IMAGES, MENTIONS, "10000000001")
    assert graph_labels.count_label_nodes(graph) == {"captures": 1, "images": 1, "mentions": 3, "shows": 3}
    row = graph.read(
        "MATCH (c:LabelCapture {id: 'lc_test'})-[:OF]->(d:Declaration), (c)-[h:HAS_IMAGE]->(i:Image) "
        "RETURN d.number AS number, i.sha256 AS sha, h.frame AS frame, c.officer AS officer"
    )[0]
    assert row == {"number": "10000000001", "sha": "ab" * 32, "frame": 0, "officer": "K123"}
    shows = graph.read(
        "MATCH (:LabelCapture)-[s:SHOWS]->(m:LabelMention {type: 'company'}) "
        "RETURN s.role AS role, s.value AS value, m.norm AS norm"
    )
    assert shows == [
        {"role": "shipper", "value": "WAKABA SYSTEMS CO., LTD.", "norm": "WAKABA SYSTEMS CO., LTD."}
    ]


def test_writing_the_same_capture_again_changes_nothing(graph: Graph) -> None:
    graph_labels.write_capture(graph, CAPTURE, IMAGES, MENTIONS, "10000000001")
    again = graph_labels.write_capture(graph, CAPTURE, IMAGES, MENTIONS, "10000000001")
    assert not again.changed
    assert graph_labels.capture_exists(graph, "lc_test")


def test_two_captures_of_the_same_model_meet_on_one_mention(graph: Graph) -> None:
    graph_labels.write_capture(graph, CAPTURE, IMAGES, MENTIONS[:1], None)
    other = {**CAPTURE, "id": "lc_other"}
    graph_labels.write_capture(graph, other, [{**IMAGES[0], "sha256": "cd" * 32}], MENTIONS[:1], None)
    rows = graph.read(
        "MATCH (c:LabelCapture)-[:SHOWS]->(m:LabelMention {id: 'lm_model'}) RETURN count(c) AS n"
    )
    assert rows == [{"n": 2}]


def test_capture_for_linking_brings_the_declarations_parties_and_items(graph: Graph) -> None:
    graph_labels.write_declaration_fixture(
        graph,
        "10000000001",
        parties=[
            {"relation": "EXPORTER", "name": "WAKABA SYSTEMS CO., LTD."},
            {"relation": "CONSIGNEE", "name": "Fairmast Automation FZCO"},
        ],
        items=[{"hs_code": "850440000", "description": "FREQUENCY CHANGER WA-G8-83E"}],
    )
    graph_labels.write_capture(graph, CAPTURE, IMAGES, MENTIONS, "10000000001")
    found = graph_labels.capture_for_linking(graph, "lc_test")
    assert found is not None
    assert {m["mention_id"] for m in found["mentions"]} == {"lm_model", "lm_hs", "lm_co"}
    assert {(p["relation"], p["name"]) for p in found["parties"]} == {
        ("EXPORTER", "WAKABA SYSTEMS CO., LTD."),
        ("CONSIGNEE", "Fairmast Automation FZCO"),
    }
    assert [i["hs_code"] for i in found["items"]] == ["850440000"]
    assert found["licence_number"] is None
    assert graph_labels.hs_codes_by_prefix(graph, ["850440"])[0]["code"] == "850440"


def test_schema_constrains_captures_images_and_mentions(graph: Graph) -> None:
    names = {r["name"] for r in graph.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"label_capture_id", "image_sha256", "label_mention_id"} <= names
