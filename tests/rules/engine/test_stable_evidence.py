"""Evidence names nodes by their stable keys (review of issue #19): the same data loaded into a fresh database
gives other Neo4j element ids, and must give the same evidence, `evidence_hash` and `content_hash`, so a
reload or a restore rewrites no alert and the evidence an analyst read stays the evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecgraph.graph import Graph, load_settings
from ecgraph.ingest.controls.load import load_all_controls
from ecgraph.ingest.lists import load_custom_list
from tests.conftest import fresh_graph_env
from tests.rules.engine.small_world import cli_json, export_declaration, load_declarations

CHIPS = ("854231000", "Integrated circuits, processors, MIL-STD-883 rad-hard", 900000.0)
WORLD = [
    export_declaration("43000000001", "Tako LLC", "AM", "12 Tigran Mets Avenue, Yerevan", CHIPS),
    export_declaration("43000000002", "Harbour Link Trading Ltd", "HK", "Villa 12, Repulse Bay Road, Hong Kong", CHIPS),
]

Alerts = dict[str, tuple[Any, ...]]


def screened(server: dict[str, str], folder: Path, filler: int) -> tuple[Alerts, str]:
    """Alerts (id → severity, score, hashes, evidence) after loading WORLD into an emptied database, with
    `filler` unrelated nodes written first so that the world's element ids differ; and one element id."""
    with fresh_graph_env(server, folder) as graph:
        graph.write("UNWIND range(1, $n) AS i CREATE (:Filler {i: i})", n=filler)
        load_all_controls(graph)
        load_declarations(graph, folder, WORLD)
        watch = folder / "watch.csv"
        watch.write_text("name,country\nTako LLC,Armenia\n", encoding="utf-8")
        load_custom_list(graph, "watch", watch, data_dir=load_settings().data_dir)
        cli_json("screen", "--all")  # party matching, then every rule
        return _alerts(graph), _element_id(graph)


def _alerts(graph: Graph) -> Alerts:
    rows = graph.read("MATCH (a:Alert) RETURN a.id AS id, a.severity AS severity, a.score AS score, "
                      "a.evidence_hash AS evidence_hash, a.content_hash AS content_hash, a.evidence AS evidence")
    return {r["id"]: (r["severity"], r["score"], r["evidence_hash"], r["content_hash"], r["evidence"]) for r in rows}


def _element_id(graph: Graph) -> str:
    return str(graph.read("MATCH (d:Declaration {number: '43000000001'}) RETURN elementId(d) AS e")[0]["e"])


@pytest.fixture(scope="module")
def two_loads(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    first = screened(neo4j_server, tmp_path_factory.mktemp("first"), filler=0)
    second = screened(neo4j_server, tmp_path_factory.mktemp("second"), filler=500)
    return first, second


def test_the_reload_really_moved_the_element_ids(two_loads: tuple[Any, Any]) -> None:
    (alerts, first_id), (_, second_id) = two_loads
    assert first_id != second_id and len(alerts) >= 2


def test_the_same_data_reloaded_gives_the_same_evidence_and_hashes(two_loads: tuple[Any, Any]) -> None:
    (first, _), (second, _) = two_loads
    assert first == second


def test_evidence_names_nodes_by_their_keys_never_by_element_id(two_loads: tuple[Any, Any]) -> None:
    (alerts, element_id), _ = two_loads
    refs: set[str] = set()
    for *_, text in alerts.values():
        evidence = json.loads(text)
        assert element_id not in text and all("element_id" not in n for n in evidence["nodes"])
        refs |= {n["ref"] for n in evidence["nodes"]}
        ends = {e for r in evidence["relationships"] for e in (r["start"], r["end"])}
        assert ends <= {n["ref"] for n in evidence["nodes"]}  # relationships join the nodes by ref
    assert {"Declaration:43000000001", "GoodsItem:43000000001:1"} <= refs
    assert any(ref.startswith("Party:") for ref in refs) and any(ref.startswith("ListEntry:") for ref in refs)
