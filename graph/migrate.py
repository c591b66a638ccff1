"""Apply the graph schema (constraints and indexes in `schemas/graph/*.cypher`), idempotently.

Every statement says IF NOT EXISTS, so applying twice changes nothing. The checksum of the applied
schema is kept on a `(:EcgraphSchema {id: 'graph'})` node so that writers can skip the work when the
database is already current (`ensure_schema`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import LiteralString

from ecgraph.graph.connection import Graph
from ecgraph.schemas import graph_schema_statements
from ecgraph.schemas.errors import SchemaError

__all__ = ["MigrationResult", "apply_schema", "ensure_schema", "schema_checksum"]


@dataclass(frozen=True)
class MigrationResult:
    statements: int
    checksum: str
    skipped: bool


def schema_checksum() -> str:
    digest = hashlib.sha256()
    for _, statement in graph_schema_statements():
        digest.update(statement.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def apply_schema(graph: Graph) -> MigrationResult:
    statements = graph_schema_statements()
    for file, statement in statements:
        try:
            # Schema statements come from files shipped inside ecgraph, never from user input.
            schema_statement: LiteralString = statement
            graph.write(schema_statement)
        except Exception as exc:  # a bad statement names its file; the driver's message says why
            raise SchemaError(f"{exc}", file=f"schemas/{file}", key=statement[:80]) from exc
    checksum = schema_checksum()
    graph.write(
        "MERGE (s:EcgraphSchema {id: 'graph'}) SET s.checksum = $checksum, s.applied_at = datetime()",
        checksum=checksum,
    )
    return MigrationResult(statements=len(statements), checksum=checksum, skipped=False)


def ensure_schema(graph: Graph) -> MigrationResult:
    """Apply the schema only if the database does not have this exact version of it yet."""
    checksum = schema_checksum()
    rows = graph.read("MATCH (s:EcgraphSchema {id: 'graph'}) RETURN s.checksum AS checksum")
    if rows and rows[0]["checksum"] == checksum:
        return MigrationResult(statements=0, checksum=checksum, skipped=True)
    return apply_schema(graph)
