"""Label captures in the graph: what a capture shows, and the links and contradictions `rules/` finds.

    (:LabelCapture {id, captured_at, officer, location, engine, text, confidence})
        -[:HAS_IMAGE {frame}]->(:Image {sha256, path, width, height, format, exif_…})
        -[:OF]->(:Declaration {number})
        -[:SHOWS {value, confidence, role, frames}]->(:LabelMention {id, type, norm})
    (:LabelMention)-[:REFERS_TO {rule, score, method}]->(:Party | :GoodsItem | :HSCode | :ControlEntry)
    (:LabelCapture)-[:CONTRADICTS {field, declared, on_label, reason, rule}]->(:Declaration)

Capture properties are set ON CREATE only: the capture of the same image(s) written again changes
nothing. A LabelMention is one fact (type + normalised value) shared by every capture that shows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ecgraph.graph.connection import Graph, WriteCounts

__all__ = [
    "attach_declaration",
    "capture_exists",
    "capture_for_linking",
    "captures_of_declaration",
    "control_entries_by_code",
    "count_label_nodes",
    "declaration_exists",
    "hs_codes_by_prefix",
    "write_capture",
    "write_contradictions",
    "write_declaration_fixture",
    "write_mention_links",
]

WRITE_CAPTURE = """
MERGE (c:LabelCapture {id: $capture.id})
ON CREATE SET c += $capture, c.ingested_at = datetime()
WITH c
UNWIND $images AS img
MERGE (i:Image {sha256: img.sha256})
ON CREATE SET i += img
MERGE (c)-[r:HAS_IMAGE]->(i)
ON CREATE SET r.frame = img.frame
"""

# MATCH, not MERGE: a capture is attached to a declaration the graph holds, never to a stub made up here
WRITE_OF = """
MATCH (c:LabelCapture {id: $capture_id})
MATCH (d:Declaration {number: $number})
MERGE (c)-[:OF]->(d)
"""
DECLARATION_EXISTS = "MATCH (d:Declaration {number: $number}) RETURN count(d) > 0 AS found"

WRITE_MENTIONS = """
MATCH (c:LabelCapture {id: $capture_id})
UNWIND $rows AS row
MERGE (m:LabelMention {id: row.mention_id})
ON CREATE SET m.type = row.type, m.norm = row.norm
MERGE (c)-[s:SHOWS {role: row.role_key}]->(m)
ON CREATE SET s.value = row.value, s.confidence = row.confidence, s.frames = row.frames
"""

CAPTURE_EXISTS = "MATCH (c:LabelCapture {id: $id}) RETURN count(c) AS n"

CAPTURE_FOR_LINKING = """
MATCH (c:LabelCapture {id: $id})
OPTIONAL MATCH (c)-[s:SHOWS]->(m:LabelMention)
WITH c, collect(CASE WHEN m IS NULL THEN NULL ELSE
  {mention_id: m.id, type: m.type, norm: m.norm, value: s.value, role: s.role} END) AS mentions
OPTIONAL MATCH (c)-[:OF]->(d:Declaration)
RETURN c.id AS id, d.number AS declaration, d.licence_number AS licence_number, mentions
"""

DECLARATION_PARTIES = """
MATCH (d:Declaration {number: $number})-[r]->(p:Party)
RETURN type(r) AS relation, elementId(p) AS element_id, p.name AS name, coalesce(p.names, [p.name]) AS names
"""

DECLARATION_ITEMS = """
MATCH (d:Declaration {number: $number})-[:HAS_ITEM]->(g:GoodsItem)
RETURN elementId(g) AS element_id, g.hs_code AS hs_code, g.description AS description
"""

HS_CODES_BY_PREFIX = """
UNWIND $prefixes AS prefix
MATCH (h:HSCode {code: prefix})
OPTIONAL MATCH (h)-[:CORRELATES_WITH]->(ce:ControlEntry)
RETURN prefix, elementId(h) AS hs_element_id, h.code AS code,
       collect(DISTINCT elementId(ce)) AS control_entry_ids
"""

CONTROL_ENTRIES_BY_CODE = """
UNWIND $codes AS code
MATCH (ce:ControlEntry {code: code})
RETURN code, elementId(ce) AS element_id
"""

WRITE_MENTION_LINKS = """
UNWIND $rows AS row
MATCH (m:LabelMention {id: row.mention_id})
MATCH (t) WHERE elementId(t) = row.target_id
MERGE (m)-[r:REFERS_TO {rule: row.rule}]->(t)
SET r.score = row.score, r.method = row.method, r.capture_id = row.capture_id
"""

WRITE_CONTRADICTIONS = """
UNWIND $rows AS row
MATCH (c:LabelCapture {id: row.capture_id})
MATCH (d:Declaration {number: row.declaration})
MERGE (c)-[r:CONTRADICTS {field: row.field, on_label: row.on_label}]->(d)
SET r.declared = row.declared, r.reason = row.reason, r.rule = row.rule
"""

CAPTURES_OF_DECLARATION = """
MATCH (c:LabelCapture)-[:OF]->(d:Declaration {number: $number})
OPTIONAL MATCH (c)-[x:CONTRADICTS]->(d)
RETURN c.id AS id, c.captured_at AS captured_at, c.officer AS officer, c.engine AS engine,
       collect(CASE WHEN x IS NULL THEN NULL ELSE
         {field: x.field, declared: x.declared, on_label: x.on_label, reason: x.reason} END) AS contradictions
ORDER BY id
"""

COUNT_LABEL_NODES = """
CALL { MATCH (c:LabelCapture) RETURN count(c) AS captures }
CALL { MATCH (i:Image) RETURN count(i) AS images }
CALL { MATCH (m:LabelMention) RETURN count(m) AS mentions }
CALL { MATCH (:LabelCapture)-[s:SHOWS]->() RETURN count(s) AS shows }
RETURN captures, images, mentions, shows
"""

# A tiny declaration for tests and demos, shaped like graph/declarations.py writes the real ones.
WRITE_DECLARATION_FIXTURE = """
MERGE (d:Declaration {number: $number})
SET d.licence_number = $licence_number
WITH d
UNWIND $parties AS party
MERGE (p:Party {key: party.name})
ON CREATE SET p.name = party.name, p.names = [party.name]
FOREACH (_ IN CASE WHEN party.relation = 'EXPORTER' THEN [1] ELSE [] END | MERGE (d)-[:EXPORTER]->(p))
FOREACH (_ IN CASE WHEN party.relation = 'CONSIGNEE' THEN [1] ELSE [] END | MERGE (d)-[:CONSIGNEE]->(p))
FOREACH (_ IN CASE WHEN party.relation = 'END_USER' THEN [1] ELSE [] END | MERGE (d)-[:END_USER]->(p))
RETURN count(*) AS n
"""

WRITE_DECLARATION_ITEMS = """
MATCH (d:Declaration {number: $number})
UNWIND $items AS item
MERGE (g:GoodsItem {id: $number + ':' + toString(item.seq)})
SET g.seq = item.seq, g.hs_code = item.hs_code, g.description = item.description, g.number = $number
MERGE (d)-[:HAS_ITEM]->(g)
MERGE (h:HSCode {code: substring(item.hs_code, 0, 6)})
MERGE (g)-[:CLASSIFIED_AS]->(h)
"""


def write_capture(
    graph: Graph,
    capture: Mapping[str, Any],
    images: Iterable[Mapping[str, Any]],
    mentions: Iterable[Mapping[str, Any]],
    declaration: str | None,
) -> WriteCounts:
    """One capture with its images, the declaration it belongs to and what it shows, in one transaction."""
    statements: list[tuple[Any, Mapping[str, Any]]] = [
        (WRITE_CAPTURE, {"capture": dict(capture), "images": [dict(i) for i in images]}),
        (WRITE_MENTIONS, {"capture_id": capture["id"], "rows": [dict(m) for m in mentions]}),
    ]
    if declaration:
        statements.append((WRITE_OF, {"capture_id": capture["id"], "number": declaration}))
    return graph.write_many(statements)


def attach_declaration(graph: Graph, capture_id: str, number: str) -> bool:
    """Say which declaration an already written capture belongs to; True when that is news."""
    return graph.write(WRITE_OF, capture_id=capture_id, number=number).relationships_created > 0


def declaration_exists(graph: Graph, number: str) -> bool:
    return bool(graph.read(DECLARATION_EXISTS, number=number)[0]["found"])


def capture_exists(graph: Graph, capture_id: str) -> bool:
    return bool(graph.read(CAPTURE_EXISTS, id=capture_id)[0]["n"])


def capture_for_linking(graph: Graph, capture_id: str) -> dict[str, Any] | None:
    """The capture's mentions, and its declaration's parties and goods items (plain rows for rules/)."""
    rows = graph.read(CAPTURE_FOR_LINKING, id=capture_id)
    if not rows:
        return None
    found = rows[0]
    found["mentions"] = [m for m in found["mentions"] if m]
    number = found["declaration"]
    found["parties"] = graph.read(DECLARATION_PARTIES, number=number) if number else []
    found["items"] = graph.read(DECLARATION_ITEMS, number=number) if number else []
    return found


def hs_codes_by_prefix(graph: Graph, prefixes: list[str]) -> list[dict[str, Any]]:
    """HSCode nodes whose code (dots removed) equals one of the prefixes, with their control entries."""
    return graph.read(HS_CODES_BY_PREFIX, prefixes=prefixes) if prefixes else []


def control_entries_by_code(graph: Graph, codes: list[str]) -> list[dict[str, Any]]:
    return graph.read(CONTROL_ENTRIES_BY_CODE, codes=codes) if codes else []


def write_mention_links(graph: Graph, rows: Iterable[Mapping[str, Any]]) -> WriteCounts:
    return graph.write_rows(WRITE_MENTION_LINKS, rows)


def write_contradictions(graph: Graph, rows: Iterable[Mapping[str, Any]]) -> WriteCounts:
    return graph.write_rows(WRITE_CONTRADICTIONS, rows)


def captures_of_declaration(graph: Graph, number: str) -> list[dict[str, Any]]:
    rows = graph.read(CAPTURES_OF_DECLARATION, number=number)
    for row in rows:
        row["contradictions"] = [x for x in row["contradictions"] if x]
    return rows


def count_label_nodes(graph: Graph) -> dict[str, int]:
    return {k: int(v) for k, v in graph.read(COUNT_LABEL_NODES)[0].items()}


def write_declaration_fixture(
    graph: Graph,
    number: str,
    *,
    parties: Iterable[Mapping[str, str]] = (),
    items: Iterable[Mapping[str, Any]] = (),
    licence_number: str | None = None,
) -> WriteCounts:
    """A declaration with parties ({relation, name}) and goods items ({hs_code, description}), for tests."""
    counts = graph.write(
        WRITE_DECLARATION_FIXTURE,
        number=number,
        licence_number=licence_number,
        parties=[dict(p) for p in parties],
    )
    item_rows = [{"seq": i + 1, **dict(item)} for i, item in enumerate(items)]
    if item_rows:
        counts.add(graph.write(WRITE_DECLARATION_ITEMS, number=number, items=item_rows))
    return counts
