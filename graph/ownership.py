"""Ownership and control facts: parties (MERGE on the same key as declaration parties) and OWNS edges."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ecgraph.graph.connection import Graph, WriteCounts

__all__ = ["count_ownership", "write_ownership"]

WRITE_PARTIES = """
UNWIND $rows AS row
MERGE (p:Party {key: row.key})
ON CREATE SET p.name = row.name, p.names = [row.name], p.country = row.country, p.name_norm = row.name_norm
SET p.kind = coalesce(p.kind, row.kind),
    p.identifiers = reduce(acc = coalesce(p.identifiers, []), i IN row.identifiers |
                           CASE WHEN i IN acc THEN acc ELSE acc + i END),
    p.names = CASE WHEN row.name IN coalesce(p.names, []) THEN p.names ELSE coalesce(p.names, []) + row.name END
"""

WRITE_EDGES = """
UNWIND $rows AS row
MATCH (o:Party {key: row.owner}), (t:Party {key: row.owned})
MERGE (o)-[r:OWNS {statement: row.statement}]->(t)
SET r.pct = row.pct, r.as_of = row.as_of, r.source = row.source
"""

COUNT = "MATCH ()-[r:OWNS]->() RETURN count(r) AS n"


def write_ownership(graph: Graph, parties: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]]) -> WriteCounts:
    counts = graph.write_rows(WRITE_PARTIES, parties)
    counts.add(graph.write_rows(WRITE_EDGES, edges))
    return counts


def count_ownership(graph: Graph) -> int:
    return int(graph.read(COUNT)[0]["n"])
