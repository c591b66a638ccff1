"""Ownership and control facts: parties (MERGE on the same key as declaration parties), OWNS edges,
officers and identifiers.

    (:Party)-[:OWNS {pct, as_of, source, statement}]->(:Party)
    (:Party)-[:OFFICER_OF {role, as_of, source, statement}]->(:Party)      a director or senior manager
    (:Party)-[:HAS_IDENTIFIER]->(:Identifier {id, type, value, value_norm}) the node list entries use too
"""

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

WRITE_OFFICERS = """
UNWIND $rows AS row
MATCH (o:Party {key: row.officer}), (c:Party {key: row.company})
MERGE (o)-[r:OFFICER_OF {statement: row.statement, role: row.role}]->(c)
SET r.as_of = row.as_of, r.source = row.source
"""

WRITE_IDENTIFIERS = """
UNWIND $rows AS row
MATCH (p:Party {key: row.party})
MERGE (i:Identifier {id: row.id})
ON CREATE SET i.type = row.type, i.value = row.value, i.value_norm = row.value_norm
MERGE (p)-[:HAS_IDENTIFIER]->(i)
"""

COUNT = "MATCH ()-[r:OWNS]->() RETURN count(r) AS n"


def write_ownership(graph: Graph, parties: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]],
                    officers: Sequence[dict[str, Any]] = (), identifiers: Sequence[dict[str, Any]] = ()) -> WriteCounts:
    """Parties first, then the OWNS, OFFICER_OF and HAS_IDENTIFIER edges between them (all MERGE: idempotent)."""
    counts = graph.write_rows(WRITE_PARTIES, parties)
    counts.add(graph.write_rows(WRITE_EDGES, edges))
    counts.add(graph.write_rows(WRITE_OFFICERS, officers))
    counts.add(graph.write_rows(WRITE_IDENTIFIERS, identifiers))
    return counts


def count_ownership(graph: Graph) -> int:
    return int(graph.read(COUNT)[0]["n"])
