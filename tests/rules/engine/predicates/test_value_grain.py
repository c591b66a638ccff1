"""RF-06 tried on one declaration outside a screening run (`ecgraph rules test`) writes nothing: stale unit-value
statistics are computed by a read, and the finding is the one a screening run (which rebuilds them) makes."""

from __future__ import annotations

from ecgraph.graph import Graph
from ecgraph.rules.engine.engine import evaluate
from ecgraph.rules.engine.pack import load_rules
from ecgraph.rules.engine.predicates import PREDICATES
from ecgraph.rules.engine.shared_reads import shared_reads

# 40 laptops at 1,000 per kg and one at 100,000 per kg: the last is over-valued within its HS6
ROWS = [{"number": f"D{n:02d}", "value": 2000.0 if n else 200000.0} for n in range(41)]


def _world(graph: Graph) -> None:
    graph.write("UNWIND $rows AS r MERGE (d:Declaration {number: r.number}) CREATE (d)-[:HAS_ITEM]->"
                "(:GoodsItem {id: r.number + '-1', seq: 1, hs_code: '847130000', description: 'laptop', value: r.value, "
                "net_kg: 2.0, quantity: 1})", rows=ROWS)


def _stats_nodes(graph: Graph) -> int:
    return int(graph.read("MATCH (s:ValueStats|ValueStatsState) RETURN count(s) AS n")[0]["n"])


def test_rf06_outside_a_run_reads_stale_statistics_without_writing(graph: Graph) -> None:
    _world(graph)
    rule = next(r for r in load_rules() if r.id == "RF-06")
    tried, _ = evaluate(graph, rule, ["D00"], PREDICATES)
    assert _stats_nodes(graph) == 0  # a rule tried alone wrote nothing
    assert [(h.declaration, h.severity) for h in tried] == [("D00", "LOW")]
    with shared_reads(run=True):  # a screening run rebuilds the statistics and finds the same
        screened, _ = evaluate(graph, rule, ["D00"], PREDICATES)
    assert _stats_nodes(graph) > 0
    assert [(h.declaration, h.score, h.explanation) for h in screened] == \
        [(h.declaration, h.score, h.explanation) for h in tried]
