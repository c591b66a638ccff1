"""Every Cypher statement about control lists, HS codes, country groups, indicator terms and suggestions.

Writers take plain rows (made by `ecgraph.ingest.controls.map` or `ecgraph.rules.classify`) and MERGE
them in UNWIND batches, so re-running a load changes nothing. Readers return plain dicts. Model:
schemas/model/control_*.yaml and neighbours; constraints: schemas/graph/30_controls.cypher.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ecgraph.graph.connection import Graph, WriteCounts

__all__ = [
    "carry_correlations",
    "control_status",
    "delete_suggestions",
    "latest_version",
    "read_correlations",
    "read_entries",
    "read_entry_fingerprints",
    "read_goods_items",
    "read_hs_codes",
    "read_indicator_terms",
    "read_suggestions",
    "show_entries",
    "write_control_entries",
    "write_control_version",
    "write_correlations",
    "write_country_groups",
    "write_goods_items",
    "write_hs_codes",
    "write_indicator_terms",
    "write_suggestions",
    "write_version_delta",
]

WRITE_VERSION = """
MERGE (l:ControlList {id: $list_id})
SET l.title = $title, l.publisher = $publisher,
    l.latest_version = CASE WHEN l.latest_version IS NULL OR $version > l.latest_version
                            THEN $version ELSE l.latest_version END
MERGE (v:ControlListVersion {id: $version_id})
SET v.list = $list_id, v.version = $version, v.source_file = $source_file, v.entry_count = $entry_count,
    v.loaded_at = datetime()
MERGE (l)-[:HAS_VERSION]->(v)
"""

WRITE_ENTRIES = """
UNWIND $rows AS row
MATCH (v:ControlListVersion {id: row.version_id})
MERGE (e:ControlEntry {id: row.id})
SET e += row.props
MERGE (e)-[:PART_OF]->(v)
"""

WRITE_ENTRY_TREE = """
UNWIND $rows AS row
MATCH (c:ControlEntry {id: row.id})
OPTIONAL MATCH (p:ControlEntry {id: row.parent_id})
OPTIONAL MATCH (v:ControlListVersion {id: row.version_id})
WITH c, coalesce(p, v) AS parent
MERGE (parent)-[:HAS_CHILD]->(c)
"""

WRITE_DELTA = """
MATCH (v:ControlListVersion {id: $version_id})
MATCH (prev:ControlListVersion {id: $previous_id})
SET v.previous_version = prev.version, v.added = $added, v.changed = $changed, v.removed = $removed
MERGE (v)-[:SUPERSEDES]->(prev)
"""

WRITE_ENTRY_LINEAGE = """
UNWIND $rows AS row
MATCH (e:ControlEntry {id: row.id})
MATCH (old:ControlEntry {id: row.previous_id})
MERGE (e)-[r:PREVIOUS]->(old)
SET r.change = row.change
"""

WRITE_HS_CODES = """
UNWIND $rows AS row
MERGE (h:HSCode {code: row.code})
SET h.level = row.level, h.description = row.description, h.section = row.section, h.nomenclature = 'HS2022'
"""

WRITE_HS_TREE = """
UNWIND $rows AS row
MATCH (c:HSCode {code: row.code})
MATCH (p:HSCode {code: row.parent})
MERGE (p)-[:HAS_CHILD]->(c)
"""

# An HS correlation is indicative, never determinative: the property says so on every edge.
WRITE_CORRELATIONS = """
UNWIND $rows AS row
MATCH (e:ControlEntry {id: row.entry_id})
MERGE (h:HSCode {code: row.hs_code})
MERGE (h)-[r:CORRELATES_WITH {source: row.source}]->(e)
SET r.indicative = true, r.basis = row.basis, r.tier = row.tier, r.condition = row.condition,
    r.exclude = row.exclude
"""

CARRY_CORRELATIONS = """
MATCH (h:HSCode)-[r:CORRELATES_WITH]->(old:ControlEntry)-[:PART_OF]->(:ControlListVersion {id: $previous_id})
MATCH (new:ControlEntry {list: old.list, version: $version, code: old.code})
MERGE (h)-[r2:CORRELATES_WITH {source: r.source}]->(new)
SET r2 += properties(r)
"""

WRITE_COUNTRY_GROUPS = """
UNWIND $rows AS row
MERGE (g:CountryGroup {id: row.group})
MERGE (c:Country {iso2: row.iso2})
MERGE (c)-[m:MEMBER_OF {source: row.source}]->(g)
SET m.citation = row.citation
"""

WRITE_INDICATOR_TERMS = """
UNWIND $rows AS row
MERGE (t:IndicatorTerm {id: row.id})
SET t.term = row.term, t.lang = row.lang, t.category = row.category, t.weight = row.weight,
    t.match = row.match, t.source = row.source, t.span = row.span
"""

STATUS = """
MATCH (l:ControlList)-[:HAS_VERSION]->(v:ControlListVersion)
CALL (v) { MATCH (e:ControlEntry)-[:PART_OF]->(v) RETURN count(e) AS entries }
CALL (v) { MATCH (:HSCode)-[r:CORRELATES_WITH]->(:ControlEntry)-[:PART_OF]->(v) RETURN count(r) AS correlations }
RETURN l.id AS list, l.title AS title, v.version AS version, v.version = l.latest_version AS latest,
       entries, correlations, v['previous_version'] AS previous_version,
       size(coalesce(v['added'], [])) AS added, size(coalesce(v['changed'], [])) AS changed,
       size(coalesce(v['removed'], [])) AS removed, v.source_file AS source_file
ORDER BY list, version
"""

OTHER_COUNTS = """
CALL () { MATCH (h:HSCode) WHERE h.nomenclature = 'HS2022' RETURN count(h) AS hs_codes }
CALL () { MATCH (g:CountryGroup) RETURN count(g) AS country_groups }
CALL () { MATCH (:Country)-[m:MEMBER_OF]->(:CountryGroup) RETURN count(m) AS memberships }
CALL () { MATCH (t:IndicatorTerm) RETURN count(t) AS indicator_terms }
CALL () { MATCH (:GoodsItem)-[s:SUGGESTED_CONTROL]->(:ControlEntry) RETURN count(s) AS suggestions }
RETURN hs_codes, country_groups, memberships, indicator_terms, suggestions
"""


def write_control_version(graph: Graph, version: Mapping[str, Any]) -> WriteCounts:
    """The list and one version of it (list_id, title, publisher, version, version_id, source_file, entry_count)."""
    return graph.write(WRITE_VERSION, **version)


def write_control_entries(graph: Graph, rows: Sequence[Mapping[str, Any]]) -> WriteCounts:
    """Entries ({id, version_id, parent_id, props}) in tree order: nodes first, then HAS_CHILD edges."""
    counts = graph.write_rows(WRITE_ENTRIES, rows)
    counts.add(graph.write_rows(WRITE_ENTRY_TREE, rows))
    return counts


def write_version_delta(graph: Graph, version_id: str, previous_id: str, delta: Mapping[str, list[str]],
                        lineage: Iterable[Mapping[str, Any]]) -> WriteCounts:
    counts = graph.write(WRITE_DELTA, version_id=version_id, previous_id=previous_id, added=delta["added"],
                         changed=delta["changed"], removed=delta["removed"])
    counts.add(graph.write_rows(WRITE_ENTRY_LINEAGE, lineage))
    return counts


def latest_version(graph: Graph, list_id: str, before: str | None = None) -> str | None:
    """The newest loaded version of a list (strictly older than `before` when given)."""
    rows = graph.read(
        "MATCH (:ControlList {id: $list_id})-[:HAS_VERSION]->(v:ControlListVersion) "
        "WHERE $before IS NULL OR v.version < $before RETURN max(v.version) AS version",
        list_id=list_id, before=before,
    )
    return rows[0]["version"] if rows else None


def read_entry_fingerprints(graph: Graph, version_id: str) -> dict[str, str]:
    rows = graph.read(
        "MATCH (e:ControlEntry)-[:PART_OF]->(:ControlListVersion {id: $version_id}) "
        "RETURN e.code AS code, e.fingerprint AS fingerprint", version_id=version_id,
    )
    return {r["code"]: r["fingerprint"] for r in rows}


def write_hs_codes(graph: Graph, rows: Sequence[Mapping[str, Any]]) -> WriteCounts:
    counts = graph.write_rows(WRITE_HS_CODES, rows, batch_size=2000)
    counts.add(graph.write_rows(WRITE_HS_TREE, [r for r in rows if r.get("parent")], batch_size=2000))
    return counts


def write_correlations(graph: Graph, rows: Iterable[Mapping[str, Any]]) -> WriteCounts:
    return graph.write_rows(WRITE_CORRELATIONS, rows)


def carry_correlations(graph: Graph, previous_id: str, version: str) -> WriteCounts:
    """Give a new version's entries the HS correlations that the same codes had in the previous version."""
    return graph.write(CARRY_CORRELATIONS, previous_id=previous_id, version=version)


def write_country_groups(graph: Graph, rows: Iterable[Mapping[str, Any]]) -> WriteCounts:
    return graph.write_rows(WRITE_COUNTRY_GROUPS, rows)


def write_indicator_terms(graph: Graph, rows: Iterable[Mapping[str, Any]]) -> WriteCounts:
    return graph.write_rows(WRITE_INDICATOR_TERMS, rows)


def control_status(graph: Graph) -> dict[str, Any]:
    """Each list and version with its counts and delta, plus the HS / group / term / suggestion counts."""
    versions = graph.read(STATUS)
    others = graph.read(OTHER_COUNTS)[0]
    return {"lists": versions, **{k: int(v) for k, v in others.items()}}


SHOW_ENTRIES = """
MATCH (l:ControlList)-[:HAS_VERSION]->(v:ControlListVersion)<-[:PART_OF]-(e:ControlEntry {code: $code})
WHERE ($list_id IS NULL OR l.id = $list_id) AND ($version IS NULL OR v.version = $version)
  AND ($version IS NOT NULL OR v.version = l.latest_version)
OPTIONAL MATCH (parent:ControlEntry)-[:HAS_CHILD]->(e)
CALL (e) { OPTIONAL MATCH (e)-[:HAS_CHILD]->(c:ControlEntry)
           RETURN collect({code: c.code, number: c.number, text_ja: c.text_ja, text_en: c.text_en}) AS children }
CALL (e) { OPTIONAL MATCH (h:HSCode)-[r:CORRELATES_WITH]->(e)
           RETURN collect({hs_code: h.code, description: h.description, source: r.source, basis: r.basis,
                           tier: r.tier, condition: r.condition, indicative: r.indicative}) AS correlations }
OPTIONAL MATCH (e)-[p:PREVIOUS]->(old:ControlEntry)
RETURN l.id AS list, v.version AS version, e.id AS id, e.code AS code, e.number AS number, e.level AS level,
       e.text_ja AS text_ja, e.text_en AS text_en, e.regimes AS regimes, e.scope AS scope,
       e.scope_text AS scope_text, e.deleted AS deleted, e['change'] AS change, parent.code AS parent,
       [c IN children WHERE c.code IS NOT NULL] AS children,
       [c IN correlations WHERE c.hs_code IS NOT NULL] AS correlations, old.version AS previous_version
ORDER BY list, version
"""

READ_ENTRIES = """
MATCH (l:ControlList)-[:HAS_VERSION]->(v:ControlListVersion)<-[:PART_OF]-(e:ControlEntry)
WHERE v.version = l.latest_version AND NOT coalesce(e.deleted, false)
OPTIONAL MATCH (p:ControlEntry)-[:HAS_CHILD]->(e)
RETURN e.id AS id, e.list AS list, e.version AS version, e.code AS code, e.level AS level,
       e.text_ja AS text_ja, e.text_en AS text_en, p.id AS parent_id, e.regimes AS regimes
ORDER BY id
"""

READ_CORRELATIONS = """
MATCH (l:ControlList)-[:HAS_VERSION]->(v:ControlListVersion)<-[:PART_OF]-(e:ControlEntry)
WHERE v.version = l.latest_version
MATCH (h:HSCode)-[r:CORRELATES_WITH]->(e)
RETURN h.code AS hs_code, e.id AS entry_id, r.source AS source, r.basis AS basis, r.tier AS tier,
       r.condition AS condition, coalesce(r.exclude, []) AS exclude
ORDER BY hs_code, entry_id
"""

WRITE_GOODS_ITEMS = """
UNWIND $rows AS row
MERGE (i:GoodsItem {id: row.id})
SET i.description = row.description, i.hs_code = row.hs_code
"""

# Label texts of an item: captures with a mention that refers to the item, or captures of a
# declaration that has only this item (graph/labels.py owns LabelCapture, SHOWS, REFERS_TO, OF).
READ_GOODS_ITEMS = """
MATCH (i:GoodsItem)
CALL (i) {
  OPTIONAL MATCH (c:LabelCapture)-[:SHOWS]->(:LabelMention)-[:REFERS_TO]->(i)
  RETURN collect(DISTINCT c.text) AS mentioned
}
CALL (i) {
  OPTIONAL MATCH (c:LabelCapture)-[:OF]->(d:Declaration)-[:HAS_ITEM]->(i)
  WHERE COUNT { (d)-[:HAS_ITEM]->(:GoodsItem) } = 1
  RETURN collect(DISTINCT c.text) AS sole_item
}
RETURN i.id AS id, i.description AS description, i.hs_code AS hs_code,
       [t IN mentioned + sole_item WHERE t IS NOT NULL] AS label_texts
ORDER BY id
"""

DELETE_SUGGESTIONS = """
UNWIND $ids AS item_id
MATCH (:GoodsItem {id: item_id})-[s:SUGGESTED_CONTROL]->(:ControlEntry)
DELETE s
"""

WRITE_SUGGESTIONS = """
UNWIND $rows AS row
MATCH (i:GoodsItem {id: row.item_id})
MATCH (e:ControlEntry {id: row.entry_id})
MERGE (i)-[s:SUGGESTED_CONTROL]->(e)
SET s.score = row.score, s.rank = row.rank, s.reasons = row.reasons, s.classifier_version = row.classifier_version,
    s.suggested_at = datetime()
"""

READ_SUGGESTIONS = """
MATCH (i:GoodsItem {id: $item_id})-[s:SUGGESTED_CONTROL]->(e:ControlEntry)
RETURN e.id AS entry_id, e.list AS list, e.code AS code, s.score AS score, s.rank AS rank, s.reasons AS reasons,
       s.classifier_version AS classifier_version
ORDER BY s.rank
"""


def show_entries(graph: Graph, code: str, list_id: str | None = None, version: str | None = None) -> list[dict[str, Any]]:
    """An entry by code (latest version of each list unless `version`), with parent, children, HS correlations."""
    return graph.read(SHOW_ENTRIES, code=code, list_id=list_id, version=version)


def read_entries(graph: Graph) -> list[dict[str, Any]]:
    """Every live entry of the latest version of every list: the classifier's term index is built from these."""
    return graph.read(READ_ENTRIES)


def read_correlations(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(READ_CORRELATIONS)


def read_hs_codes(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(
        "MATCH (h:HSCode) WHERE h.level IN ['heading', 'subheading'] AND h.description IS NOT NULL "
        "RETURN h.code AS code, h.level AS level, h.description AS description ORDER BY code"
    )


def read_indicator_terms(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(
        "MATCH (t:IndicatorTerm) RETURN t.term AS term, t.lang AS lang, t.category AS category, "
        "t.weight AS weight, t.match AS match, t.span AS span ORDER BY t.id"
    )


def write_goods_items(graph: Graph, rows: Iterable[Mapping[str, Any]]) -> WriteCounts:
    """Bare goods items ({id, description, hs_code}): for classifying items without a declaration."""
    return graph.write_rows(WRITE_GOODS_ITEMS, rows)


def read_goods_items(graph: Graph) -> list[dict[str, Any]]:
    """Goods items with the texts of any label linked to them (model numbers seen on a label)."""
    return graph.read(READ_GOODS_ITEMS)


def delete_suggestions(graph: Graph, item_ids: Sequence[str]) -> WriteCounts:
    return graph.write(DELETE_SUGGESTIONS, ids=list(item_ids))


def write_suggestions(graph: Graph, rows: Iterable[Mapping[str, Any]]) -> WriteCounts:
    return graph.write_rows(WRITE_SUGGESTIONS, rows)


def read_suggestions(graph: Graph, item_id: str) -> list[dict[str, Any]]:
    return graph.read(READ_SUGGESTIONS, item_id=item_id)
