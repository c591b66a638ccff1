"""The one door to Neo4j: rows read record by record and rows read as one collected list are the same rows."""

from __future__ import annotations

from ecgraph.graph import Graph


def test_collected_rows_are_the_rows_a_record_per_row_read_gives(graph: Graph) -> None:
    graph.write("UNWIND range(1, 25) AS n CREATE (:Probe {n: n, name: 'p' + n, tags: CASE WHEN n % 2 = 0 THEN ['even'] END})")
    by_record = graph.read_values("MATCH (p:Probe) RETURN p.n AS n, p.name AS name, p.tags AS tags ORDER BY n")
    collected = graph.read_collected("MATCH (p:Probe) WITH p ORDER BY p.n "
                                     "RETURN collect({n: p.n, name: p.name, tags: p.tags}) AS rows")
    assert collected == by_record
    assert len(collected) == 25 and collected[1] == {"n": 2, "name": "p2", "tags": ["even"]}
    assert collected[0]["tags"] is None  # a missing value stays a key with None, as in a record
    assert graph.read_collected("MATCH (p:Probe) WHERE p.n > 100 RETURN collect({n: p.n}) AS rows") == []
