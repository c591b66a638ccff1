"""Alerts: one node per (rule, declaration, rule version), linked to the declaration and its evidence,
with a lifecycle (open → in_review → cleared | escalated) whose every change is kept as an event.

Analysts' decisions on matches (this party is not that list entry) are `(:Suppression)` nodes: data,
visible and reversible, and bound to both sides' content so that a change on either side lifts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ecgraph.graph.connection import Graph, WriteCounts, batched
from ecgraph.schemas.rows import AlertEventRow, AlertRow

__all__ = [
    "ALERT_STATUSES",
    "active_suppressions",
    "add_suppression",
    "alert_by_id",
    "alert_events",
    "alerts_for_declarations",
    "close_stale_alerts",
    "count_alerts",
    "lift_suppression",
    "list_alerts",
    "list_suppressions",
    "pair_fingerprints",
    "set_alert_status",
    "write_alerts",
]

ALERT_STATUSES = ("open", "in_review", "cleared", "escalated", "closed")
# allowed transitions; `closed` is set by the engine when a rule no longer fires on re-screening
TRANSITIONS = {
    "open": {"in_review", "cleared", "escalated"},
    "in_review": {"open", "cleared", "escalated"},
    "cleared": {"open", "in_review"},
    "escalated": {"open", "in_review", "cleared"},
    "closed": {"open"},
}

# An alert whose content is unchanged since it was written (`content_hash`, over every property the rule
# writes) only gets last_seen_*; a re-screening of unchanged data then rewrites no evidence, text or label.
WRITE_ALERTS = """
UNWIND $rows AS row
MATCH (d:Declaration {number: row.declaration})
MERGE (a:Alert {id: row.id})
ON CREATE SET a.status = 'open', a.created_at = datetime(), a.created_run = $run_id
WITH a, d, row, (a.evidence_hash IS NULL OR a.evidence_hash <> row.evidence_hash) AS changed,
     (a.content_hash IS NULL OR a.content_hash <> row.content_hash) AS rewrite
SET a.last_seen_run = $run_id, a.last_seen_at = datetime()
FOREACH (_ IN CASE WHEN a.status = 'closed' THEN [1] ELSE [] END | SET a.status = 'open')
FOREACH (_ IN CASE WHEN rewrite THEN [1] ELSE [] END |
  SET a.rule_id = row.rule_id, a.rule_version = row.rule_version, a.rule_name = row.rule_name,
      a.severity = row.severity, a.score = row.score, a.explanation = row.explanation,
      a.evidence = row.evidence, a.matched = row.matched, a.evidence_hash = row.evidence_hash,
      a.declaration = row.declaration, a.source = row.source, a.params = row.params,
      a.content_hash = row.content_hash
  MERGE (a)-[:ON]->(d)
  // one label per severity, so Neo4j Browser's style sheet can colour alerts (labels cannot be parameters)
  REMOVE a:Critical:High:Medium:Low
  FOREACH (_ IN CASE row.severity WHEN 'CRITICAL' THEN [1] ELSE [] END | SET a:Critical)
  FOREACH (_ IN CASE row.severity WHEN 'HIGH' THEN [1] ELSE [] END | SET a:High)
  FOREACH (_ IN CASE row.severity WHEN 'MEDIUM' THEN [1] ELSE [] END | SET a:Medium)
  FOREACH (_ IN CASE row.severity WHEN 'LOW' THEN [1] ELSE [] END | SET a:Low)
)
WITH a, row, changed
CALL (a, row, changed) {
  WITH a, row WHERE changed
  OPTIONAL MATCH (a)-[old:EVIDENCE]->()
  DELETE old
  WITH DISTINCT a, row
  MATCH (n) WHERE elementId(n) IN row.evidence_ids
  MERGE (a)-[:EVIDENCE]->(n)
}
RETURN count(a) AS n
"""

# The hashes of the alerts a run is about to write, to tell those it found again exactly as stored.
STORED_HASHES = """
UNWIND $ids AS id
MATCH (a:Alert {id: id})
RETURN a.id AS id, a.content_hash AS content_hash, a.evidence_hash AS evidence_hash
"""

# An alert found again exactly as stored: what WRITE_ALERTS does to it (when it was seen; reopened if it had
# been closed), from its id alone.
SEEN_AGAIN = """
UNWIND $rows AS row
MATCH (a:Alert {id: row.id})
SET a.last_seen_run = $run_id, a.last_seen_at = datetime()
FOREACH (_ IN CASE WHEN a.status = 'closed' THEN [1] ELSE [] END | SET a.status = 'open')
"""

CLOSE_STALE = """
MATCH (a:Alert)-[:ON]->(d:Declaration)
WHERE d.number IN $declarations AND a.rule_id IN $rule_ids AND a.status = 'open'
  AND a.last_seen_run <> $run_id
SET a.status = 'closed'
CREATE (a)-[:HAS_EVENT]->(:AlertEvent {at: datetime(), analyst: 'ecgraph', from: 'open', to: 'closed',
        note: 'rule no longer fires on re-screening (run ' + $run_id + ')'})
RETURN count(a) AS n
"""

LIST_ALERTS = """
MATCH (a:Alert)
WHERE ($statuses IS NULL OR a.status IN $statuses)
  AND ($severities IS NULL OR a.severity IN $severities)
  AND ($declaration IS NULL OR a.declaration = $declaration)
  AND ($rule_id IS NULL OR a.rule_id = $rule_id)
RETURN a {.*} AS alert
ORDER BY CASE a.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END,
         a.score DESC, a.declaration, a.rule_id
LIMIT $limit
"""

ALERTS_FOR = """
MATCH (a:Alert) WHERE a.declaration IN $declarations AND a.status IN $statuses
RETURN a.declaration AS declaration, a.rule_id AS rule_id, a.severity AS severity, a.explanation AS explanation
"""

COUNT_ALERTS = "MATCH (a:Alert) RETURN count(a) AS n"

ALERT_BY_ID = "MATCH (a:Alert {id: $id}) RETURN a {.*} AS alert"

ALERT_EVENTS = """
MATCH (:Alert {id: $id})-[:HAS_EVENT]->(e:AlertEvent)
RETURN e {.*} AS event ORDER BY e.at
"""

SET_STATUS = """
MATCH (a:Alert {id: $id})
WITH a, a.status AS before
SET a.status = $to, a.updated_at = datetime()
CREATE (a)-[:HAS_EVENT]->(:AlertEvent {at: datetime(), analyst: $analyst, from: before, to: $to, note: $note})
RETURN before
"""

PAIR_FINGERPRINTS = """
UNWIND $pairs AS pair
OPTIONAL MATCH (p:Party {key: pair.party})
OPTIONAL MATCH (e:ListEntry {id: pair.entry})
RETURN pair.party AS party, pair.entry AS entry,
       CASE WHEN p IS NULL THEN null ELSE p.name + '|' + coalesce(p.country, '') + '|' +
            reduce(s = '', n IN coalesce(p.names, []) | s + n + ';') END AS party_fp,
       e.content_hash AS entry_fp
"""

ADD_SUPPRESSION = """
MERGE (s:Suppression {party: $party, entry: $entry})
SET s.party_fp = $party_fp, s.entry_fp = $entry_fp, s.analyst = $analyst, s.note = $note,
    s.at = datetime(), s.active = true, s.alert = $alert
WITH s
OPTIONAL MATCH (p:Party {key: $party})
OPTIONAL MATCH (e:ListEntry {id: $entry})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (s)-[:ABOUT_PARTY]->(p))
FOREACH (_ IN CASE WHEN e IS NULL THEN [] ELSE [1] END | MERGE (s)-[:ABOUT_ENTRY]->(e))
"""

LIFT_SUPPRESSION = """
MATCH (s:Suppression {party: $party, entry: $entry})
SET s.active = false, s.lifted_by = $analyst, s.lifted_at = datetime(), s.lift_note = $note
RETURN count(s) AS n
"""

ACTIVE_SUPPRESSIONS = "MATCH (s:Suppression {active: true}) RETURN s.party AS party, s.entry AS entry, " \
                      "s.party_fp AS party_fp, s.entry_fp AS entry_fp"

LIST_SUPPRESSIONS = "MATCH (s:Suppression) RETURN s {.*} AS suppression ORDER BY s.at DESC"


def write_alerts(graph: Graph, rows: Sequence[dict[str, Any]], run_id: str) -> WriteCounts:
    """Write a run's alerts. Those the graph holds with the same content and evidence hashes travel as their ids
    (`SEEN_AGAIN`): re-screening unchanged data finds its alerts unchanged, and their rows (a PS-05 alert in a 1M world
    carries ~22 KB of evidence and text) were sent whole only for the server to compare two hashes: 3.5 s of
    every 5,000 declarations PS-05 re-screened there when nothing had changed (0.5 s now)."""
    stored: dict[str, tuple[Any, Any]] = {}
    for ids in batched([row["id"] for row in rows], STORED_SLICE):
        # from the leader, as the writes go: a cluster's secondary may not hold the last run's hashes yet
        stored.update((r["id"], (r["content_hash"], r["evidence_hash"]))
                      for r in graph.write_returning(STORED_HASHES, ids=ids))
    seen_again: list[dict[str, str]] = []
    written: list[dict[str, Any]] = []
    for row in rows:
        if stored.get(row["id"]) == (row["content_hash"], row["evidence_hash"]):
            seen_again.append({"id": row["id"]})
        else:
            written.append(row)
    counts = graph.write_rows(SEEN_AGAIN, seen_again, batch_size=STORED_SLICE, run_id=run_id)
    counts.add(graph.write_rows(WRITE_ALERTS, written, batch_size=500, run_id=run_id))
    return counts


STORED_SLICE = 5_000  # alert ids whose hashes are read, or which are marked seen again, at a time


def close_stale_alerts(graph: Graph, declarations: list[str], rule_ids: list[str], run_id: str) -> int:
    rows = graph.write_returning(CLOSE_STALE, declarations=declarations, rule_ids=rule_ids, run_id=run_id)
    return int(rows[0]["n"]) if rows else 0


def list_alerts(
    graph: Graph, *, statuses: list[str] | None = None, severities: list[str] | None = None,
    declaration: str | None = None, rule_id: str | None = None, limit: int = 1000,
) -> list[AlertRow]:
    rows = graph.read(LIST_ALERTS, statuses=statuses, severities=severities, declaration=declaration,
                      rule_id=rule_id, limit=limit)
    return [row["alert"] for row in rows]


def alerts_for_declarations(graph: Graph, declarations: list[str], statuses: list[str]) -> list[dict[str, Any]]:
    """rule_id, severity and explanation of the alerts of many declarations, in one read."""
    return graph.read(ALERTS_FOR, declarations=declarations, statuses=statuses)


def count_alerts(graph: Graph) -> int:
    return int(graph.read(COUNT_ALERTS)[0]["n"])


def alert_by_id(graph: Graph, alert_id: str) -> AlertRow | None:
    rows = graph.read(ALERT_BY_ID, id=alert_id)
    return rows[0]["alert"] if rows else None


def alert_events(graph: Graph, alert_id: str) -> list[AlertEventRow]:
    return [row["event"] for row in graph.read(ALERT_EVENTS, id=alert_id)]


def set_alert_status(graph: Graph, alert_id: str, to: str, analyst: str, note: str) -> str:
    """Move an alert to `to`, recording who, when and why; returns the status it had."""
    rows = graph.write_returning(SET_STATUS, id=alert_id, to=to, analyst=analyst, note=note)
    return str(rows[0]["before"])


def pair_fingerprints(graph: Graph, pairs: list[dict[str, str]]) -> list[dict[str, Any]]:
    return graph.read(PAIR_FINGERPRINTS, pairs=pairs)


def add_suppression(graph: Graph, *, party: str, entry: str, party_fp: str | None, entry_fp: str | None,
                    analyst: str, note: str, alert: str | None) -> None:
    graph.write(ADD_SUPPRESSION, party=party, entry=entry, party_fp=party_fp, entry_fp=entry_fp,
                analyst=analyst, note=note, alert=alert)


def lift_suppression(graph: Graph, *, party: str, entry: str, analyst: str, note: str) -> int:
    rows = graph.write_returning(LIFT_SUPPRESSION, party=party, entry=entry, analyst=analyst, note=note)
    return int(rows[0]["n"]) if rows else 0


def active_suppressions(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(ACTIVE_SUPPRESSIONS)


def list_suppressions(graph: Graph) -> list[dict[str, Any]]:
    return [row["suppression"] for row in graph.read(LIST_SUPPRESSIONS)]
