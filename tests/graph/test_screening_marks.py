"""Marking screened declarations: every one is stamped, in bounded transactions (a 1M run in one
transaction ran out of Neo4j's transaction memory)."""

from __future__ import annotations

from ecgraph.graph import Graph
from ecgraph.graph.screening import mark_screened


def test_every_declaration_is_marked_when_the_run_spans_several_batches(graph: Graph) -> None:
    numbers = [f"5000000{n:04d}" for n in range(7)]
    graph.write("UNWIND $numbers AS n CREATE (:Declaration {number: n})", numbers=numbers)
    mark_screened(graph, numbers, "run-1", batch_size=3)
    rows = graph.read("MATCH (d:Declaration) RETURN d.number AS number, d.screened_run AS run, "
                      "d.screened_at IS NOT NULL AS stamped ORDER BY number")
    assert rows == [{"number": n, "run": "run-1", "stamped": True} for n in numbers]


def test_a_later_run_restamps_only_the_declarations_it_screened(graph: Graph) -> None:
    graph.write("UNWIND $numbers AS n CREATE (:Declaration {number: n})", numbers=["A1", "A2", "A3"])
    mark_screened(graph, ["A1", "A2", "A3"], "run-1", batch_size=2)
    mark_screened(graph, ["A3"], "run-2", batch_size=2)
    rows = graph.read("MATCH (d:Declaration) RETURN d.number AS number, d.screened_run AS run ORDER BY number")
    assert [r["run"] for r in rows] == ["run-1", "run-1", "run-2"]
