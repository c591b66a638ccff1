"""`ecgraph cypher`'s door (issue 16): every statement of the attack corpus is refused before it runs,
with a message naming what was refused, and nothing changes; ordinary reads still work."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecgraph.graph import Graph
from ecgraph.graph.read_only import QueryRefused, check_read_only, run_checked
from tests.conftest import fresh_graph_env

pytestmark = pytest.mark.neo4j
CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "cypher_attacks"
ATTACKS = [json.loads(line) for line in (CORPUS / "payloads.jsonl").read_text(encoding="utf-8").splitlines()]
BENIGN = [json.loads(line) for line in (CORPUS / "benign.txt").read_text(encoding="utf-8").splitlines()]


def _snapshot(graph: Graph) -> dict[str, Any]:
    return graph.read("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, "
                      "count(r) AS rels, collect(DISTINCT n.touched) AS touched")[0]


@pytest.fixture(scope="module")
def small_graph(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    with fresh_graph_env(neo4j_server, tmp_path_factory.mktemp("read-only")) as graph:
        graph.write("CREATE (:Declaration {number: '10000000001'})-[:CONSIGNEE]->(:Party {key: 'p1', name: 'Tako LLC'})")
        yield graph


@pytest.mark.parametrize("attack", ATTACKS, ids=[a["query"][:40] for a in ATTACKS])
def test_every_attack_is_refused_naming_what_and_changes_nothing(small_graph: Graph, attack: dict[str, str]) -> None:
    before = _snapshot(small_graph)
    indexes = small_graph.read("SHOW INDEXES YIELD name RETURN collect(name) AS names")[0]["names"]
    with pytest.raises(QueryRefused) as refused:
        run_checked(small_graph, attack["query"], {"n": "1"})
    message = str(refused.value)
    assert attack["refused"].lower() in message.lower(), message
    assert "\n" not in message and message.startswith("refused: ")
    assert _snapshot(small_graph) == before
    assert small_graph.read("SHOW INDEXES YIELD name RETURN collect(name) AS names")[0]["names"] == indexes


@pytest.mark.parametrize("query", BENIGN, ids=[q[:40] for q in BENIGN])
def test_benign_reads_still_run(small_graph: Graph, query: str) -> None:
    check_read_only(small_graph, query, {"n": "10000000001"})
    run_checked(small_graph, query, {"n": "10000000001"})


def test_rows_come_back_as_before(small_graph: Graph) -> None:
    result = run_checked(small_graph, "MATCH (d:Declaration {number: $n})-[:CONSIGNEE]->(p) RETURN p.name AS name",
                         {"n": "10000000001"})
    assert result.rows == [{"name": "Tako LLC"}]


def test_the_server_is_the_judge_of_what_a_query_does(small_graph: Graph) -> None:
    """A write no keyword scan would spot (a procedure's name in backticks) is still refused by the plan."""
    with pytest.raises(QueryRefused, match="CALL db.createLabel"):
        check_read_only(small_graph, "CALL `db`.`createLabel`('Intruder')", {})
    assert "Intruder" not in [r["label"] for r in small_graph.read("CALL db.labels() YIELD label RETURN label")]


@pytest.mark.parametrize("attack", ATTACKS, ids=[a["query"][:40] for a in ATTACKS])
def test_the_plan_check_alone_also_refuses_every_attack(
    small_graph: Graph, attack: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defence in depth: with the token scan switched off, the server's EXPLAIN still refuses each one
    (or the server cannot even plan it in a READ session)."""
    from neo4j.exceptions import Neo4jError

    from ecgraph.graph import read_only

    monkeypatch.setattr(read_only, "_scan", lambda query: None)
    with pytest.raises((QueryRefused, Neo4jError)):
        check_read_only(small_graph, attack["query"], {"n": "1"})
