"""A rule query's paths are freed as its records arrive, also with Python's cycle collector off.

A screening run turns the collector off (rules/engine/engine.py), and the driver hydrates each record's
paths into a graph object that refers to its nodes while they refer to it, a cycle reference counting
never frees: a million-path query held every path until its batch ended (past 8 GB on the 1M benchmark).
"""

from __future__ import annotations

import gc

import neo4j.graph

from ecgraph.graph import Graph
from ecgraph.graph.rule_queries import COLLECT_EVERY, run_rule_query

RECORDS = 3 * COLLECT_EVERY + 17


def hydrated_graphs() -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, neo4j.graph.Graph))


def test_paths_do_not_pile_up_while_the_cycle_collector_is_off(graph: Graph) -> None:
    graph.write("CREATE (:Party {key: 'p1', name: 'Tako LLC'})-[:LOCATED_AT]->(:Address {id: 'a1', raw: '1 Main St'})")
    query = "UNWIND range(1, $n) AS i MATCH path = (:Party {key: 'p1'})-[:LOCATED_AT]->(:Address) " \
            "RETURN toString(i) AS declaration, [path] AS paths"
    gc.collect()
    before = hydrated_graphs()
    gc.disable()
    try:
        rows = run_rule_query(graph, query, {"n": RECORDS})
        left = hydrated_graphs() - before
    finally:
        gc.enable()
    assert len(rows) == RECORDS
    assert {n["labels"][0] for n in rows[-1]["evidence"]["nodes"]} == {"Party", "Address"}
    assert left <= COLLECT_EVERY  # at most the records since the last collection, not all of them
