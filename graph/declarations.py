"""Writes and reads of export declarations: the only Cypher for declarations, parties and goods items.

One batch of declarations is written in ONE transaction (`write_batch`), a constant statement per
node or relationship type, each an `UNWIND $rows … MERGE`. So a batch lands whole or not at all, and
replaying it (after a kill or a Neo4j restart) changes nothing: that is what `--resume` relies on.

Model (schemas/model/*.yaml): `(:Declaration {number})` carries the *current* version's fields and
links; every version ever loaded is a `(:DeclarationVersion {id: number:version, hash, record})`
reached by `HAS_VERSION`, so an amendment replaces the links and keeps the history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, LiteralString

from ecgraph.graph.connection import Graph, WriteCounts

__all__ = [
    "ROLE_TYPES",
    "DeclarationBatch",
    "count_declarations",
    "declaration_history",
    "existing_versions",
    "write_batch",
]

ROLE_TYPES: tuple[str, ...] = ("DECLARANT", "EXPORTER", "CONSIGNEE", "END_USER", "NOTIFY_PARTY", "FORWARDER")

EXISTING = """
UNWIND $keys AS k
OPTIONAL MATCH (d:Declaration {number: k.number})
OPTIONAL MATCH (v:DeclarationVersion {id: k.id})
RETURN k.id AS id, d.version AS current_version, v.hash AS version_hash
"""

# Amendment: the current links and items of the older version go; its DeclarationVersion stays.
UNLINK_REPLACED = """
UNWIND $numbers AS n
MATCH (d:Declaration {number: n})
OPTIONAL MATCH (d)-[r:DECLARANT|EXPORTER|CONSIGNEE|END_USER|NOTIFY_PARTY|FORWARDER|DESTINED_TO|TRANSITS]->()
DELETE r
WITH DISTINCT d
OPTIONAL MATCH (d)-[:HAS_ITEM]->(i:GoodsItem)
DETACH DELETE i
"""

WRITE_PARTIES = """
UNWIND $rows AS row
MERGE (p:Party {key: row.key})
ON CREATE SET p.name = row.names[0], p.names = [], p.first_seen = date(row.first_seen)
SET p.names = p.names + [x IN row.names WHERE NOT x IN p.names],
    p.first_seen = CASE WHEN date(row.first_seen) < p.first_seen THEN date(row.first_seen) ELSE p.first_seen END,
    p.country = coalesce(p.country, row.country),
    p.corp_no = coalesce(p.corp_no, row.corp_no),
    p.name_latin = coalesce(p.name_latin, row.name_latin),
    p.name_norm = row.name_norm
"""

WRITE_ADDRESSES = """
UNWIND $rows AS row
MATCH (p:Party {key: row.key})
MERGE (a:Address {id: row.id})
ON CREATE SET a.raw = row.raw, a.norm = row.norm, a.country = row.country
MERGE (p)-[:LOCATED_AT]->(a)
WITH a, row WHERE row.country IS NOT NULL
MERGE (c:Country {iso2: row.country})
MERGE (a)-[:IN_COUNTRY]->(c)
"""

# Everything of one current declaration in one pass: its node, version, countries, party roles and
# goods items. Parties are written first, so the role MERGEs only find them. Relationships are
# CREATEd: the loader only sends a declaration that is new, or whose links UNLINK_REPLACED removed in
# the same transaction, and a batch commits whole or not at all, so they cannot exist yet (and
# CREATE skips MERGE's check of existing relationships on busy nodes such as countries and HS codes).
# Role lists hold zero or one party key; relationship types cannot be parameters: one FOREACH a role.
# HSCode nodes belong to the control-list ingest too: MERGE on code only, never overwrite its properties.
WRITE_DECLARATIONS = """
UNWIND $rows AS row
MERGE (d:Declaration {number: row.number})
SET d += row.props, d.date = date(row.date), d.loaded_at = datetime()
CREATE (v:DeclarationVersion)
SET v = row.version, v.date = date(row.date), v.loaded_at = datetime()
CREATE (d)-[:HAS_VERSION]->(v)
FOREACH (iso2 IN CASE WHEN row.destination IS NULL THEN [] ELSE [row.destination] END |
  MERGE (c:Country {iso2: iso2}) CREATE (d)-[:DESTINED_TO]->(c))
FOREACH (t IN row.transits | MERGE (tc:Country {iso2: t.iso2}) CREATE (d)-[:TRANSITS {order: t.order}]->(tc))
FOREACH (k IN row.DECLARANT | MERGE (p:Party {key: k}) CREATE (d)-[:DECLARANT]->(p))
FOREACH (k IN row.EXPORTER | MERGE (p:Party {key: k}) CREATE (d)-[:EXPORTER]->(p))
FOREACH (k IN row.CONSIGNEE | MERGE (p:Party {key: k}) CREATE (d)-[:CONSIGNEE]->(p))
FOREACH (k IN row.END_USER | MERGE (p:Party {key: k}) CREATE (d)-[:END_USER]->(p))
FOREACH (k IN row.NOTIFY_PARTY | MERGE (p:Party {key: k}) CREATE (d)-[:NOTIFY_PARTY]->(p))
FOREACH (k IN row.FORWARDER | MERGE (p:Party {key: k}) CREATE (d)-[:FORWARDER]->(p))
FOREACH (it IN row.items |
  CREATE (i:GoodsItem) SET i = it.props, i.id = it.id
  CREATE (d)-[:HAS_ITEM]->(i)
  MERGE (h:HSCode {code: it.hs6})
  CREATE (i)-[:CLASSIFIED_AS]->(h))
"""

# An older version that arrives after a newer one: kept as history, the current state is untouched.
WRITE_HISTORY = """
UNWIND $rows AS row
MATCH (d:Declaration {number: row.number})
MERGE (v:DeclarationVersion {id: row.version.id})
ON CREATE SET v.loaded_at = datetime()
SET v += row.version, v.date = date(row.date)
MERGE (d)-[:HAS_VERSION]->(v)
"""


@dataclass
class DeclarationBatch:
    """Rows for one transaction, already de-duplicated and keyed by `ingest.declarations.map`.

    A declaration row: {number, date, destination, props, version: {id, number, version, hash, record, …},
    transits: [{iso2, order}], DECLARANT … FORWARDER: [party key] or [], items: [{id, hs6, props}]}.
    """

    replaced: list[str] = field(default_factory=list)  # numbers whose older version is being replaced
    declarations: list[dict[str, Any]] = field(default_factory=list)  # current versions, one per number
    history: list[dict[str, Any]] = field(default_factory=list)  # older versions: {number, date, version}
    parties: list[dict[str, Any]] = field(default_factory=list)
    addresses: list[dict[str, Any]] = field(default_factory=list)


def existing_versions(graph: Graph, keys: Sequence[Mapping[str, str]]) -> dict[str, tuple[int | None, str | None]]:
    """For each {number, id}: (current version of that declaration, hash of this exact version) or Nones."""
    rows = graph.read(EXISTING, keys=list(keys))
    return {r["id"]: (r["current_version"], r["version_hash"]) for r in rows}


def write_batch(graph: Graph, batch: DeclarationBatch) -> WriteCounts:
    """Write one batch in a single transaction: it lands whole or not at all."""
    statements: list[tuple[LiteralString, Mapping[str, Any]]] = []
    if batch.replaced:
        statements.append((UNLINK_REPLACED, {"numbers": batch.replaced}))
    if batch.parties:
        statements.append((WRITE_PARTIES, {"rows": batch.parties}))
    if batch.addresses:
        statements.append((WRITE_ADDRESSES, {"rows": batch.addresses}))
    if batch.declarations:
        statements.append((WRITE_DECLARATIONS, {"rows": batch.declarations}))
    if batch.history:
        statements.append((WRITE_HISTORY, {"rows": batch.history}))
    if not statements:
        return WriteCounts()
    return graph.write_many(statements)


def count_declarations(graph: Graph) -> dict[str, int]:
    """Counts a load can be checked against: declarations, versions, parties, goods items."""
    row = graph.read(
        "CALL () { MATCH (d:Declaration) RETURN count(d) AS declarations } "
        "CALL () { MATCH (v:DeclarationVersion) RETURN count(v) AS versions } "
        "CALL () { MATCH (p:Party) RETURN count(p) AS parties } "
        "CALL () { MATCH (i:GoodsItem) RETURN count(i) AS items } "
        "RETURN declarations, versions, parties, items"
    )[0]
    return {k: int(v) for k, v in row.items()}


def declaration_history(graph: Graph, number: str) -> dict[str, Any]:
    """The current state of one declaration and every version loaded, oldest first."""
    rows = graph.read(
        """
        MATCH (d:Declaration {number: $number})
        OPTIONAL MATCH (d)-[:HAS_VERSION]->(v:DeclarationVersion)
        WITH d, v ORDER BY v.version
        WITH d, collect(v {.version, .hash, .record}) AS versions
        OPTIONAL MATCH (d)-[r]->(p:Party)
        WITH d, versions, collect({role: type(r), key: p.key, name: p.name}) AS parties
        OPTIONAL MATCH (d)-[:HAS_ITEM]->(i:GoodsItem)
        RETURN d.version AS version, d.hash AS hash, d.destination AS destination, versions, parties,
               count(i) AS items
        """,
        number=number,
    )
    return rows[0] if rows else {}
