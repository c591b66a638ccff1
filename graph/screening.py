"""Screening runs: which declarations to screen, a lock so two runs never overlap, and the run record."""

from __future__ import annotations

from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.schemas.rows import ScreeningRunRow

__all__ = [
    "acquire_lock",
    "declarations_due",
    "declarations_for_parties",
    "declarations_to_screen",
    "declarations_touched_by_list_changes",
    "fail_orphan_runs",
    "finish_run",
    "force_release_lock",
    "last_run",
    "list_runs",
    "mark_screened",
    "read_lock",
    "release_lock",
    "renew_lock",
    "start_run",
    "write_risk",
]

# What a plain `screen` picks: a declaration never screened, or loaded again since its last screening.
DUE_CONDITION = "d.screened_at IS NULL OR (d.loaded_at IS NOT NULL AND d.loaded_at > d.screened_at)"
TO_SCREEN_NEW = f"MATCH (d:Declaration) WHERE {DUE_CONDITION} RETURN d.number AS number ORDER BY number"
DUE = f"UNWIND $numbers AS n MATCH (d:Declaration {{number: n}}) WHERE {DUE_CONDITION} RETURN d.number AS number"
TO_SCREEN_ALL = "MATCH (d:Declaration) RETURN d.number AS number ORDER BY number"
TO_SCREEN_NUMBERS = "MATCH (d:Declaration) WHERE d.number IN $numbers RETURN d.number AS number ORDER BY number"

FOR_PARTIES = """
MATCH (d:Declaration)-[]->(p:Party) WHERE p.key IN $keys
RETURN DISTINCT d.number AS number ORDER BY number
"""

# What a list change can reach: parties whose matches changed; parties tied to a changed entry or to
# such a party by ownership (either direction, as the 50 % rule reads it) or a shared address (PS-05);
# parties in a country where a changed entry has an address (PS-02 compares addresses per country); and
# declarations with alerts whose evidence names a changed entry (they may have to close).
TOUCHED_BY_LIST_CHANGES = """
CALL () {
  MATCH (p:Party) WHERE p.key IN $parties
  RETURN p
  UNION
  MATCH (e:ListEntry) WHERE e.id IN $entries
  MATCH (e)-[:OWNS|LINKED_TO*1..6]-(p:Party)
  RETURN p
  UNION
  MATCH (q:Party) WHERE q.key IN $parties
  MATCH (q)-[:OWNS*1..6]-(p:Party)
  RETURN p
  UNION
  // the reach of the proximity rules (PS-05, and CT-03's shared address): up to two hops through
  // addresses, officers and identifiers, never through one that `$mass_registration_min` parties share
  MATCH (q:Party) WHERE q.key IN $parties
  MATCH (q)(()-[:LOCATED_AT|OFFICER_OF|HAS_IDENTIFIER]-(x)
        WHERE (x:Party OR x:Address OR x:Identifier)
          AND NOT ((x:Address OR x:Identifier)
                   AND COUNT { (x)<-[:LOCATED_AT|HAS_IDENTIFIER]-(:Party) } >= $mass_registration_min)){1,4}(p:Party)
  RETURN p
  UNION
  MATCH (e:ListEntry)-[:LOCATED_AT]->(a:Address) WHERE e.id IN $entries AND a.country IS NOT NULL
  WITH collect(DISTINCT a.country) AS countries
  MATCH (p:Party)-[:LOCATED_AT]->(pa:Address) WHERE coalesce(pa.country, p.country) IN countries
  RETURN p
}
MATCH (d:Declaration)-[]->(p)
RETURN d.number AS number
UNION
MATCH (e:ListEntry)<-[:EVIDENCE]-(:Alert)-[:ON]->(d:Declaration) WHERE e.id IN $entries
RETURN d.number AS number
"""

MARK_SCREENED = """
UNWIND $numbers AS n
MATCH (d:Declaration {number: n})
SET d.screened_at = datetime(), d.screened_run = $run_id
"""

# The lock is one node holding a lease: taking it is a single write transaction, so two runs cannot both
# win; the holder renews `expires_at` while it lives, so a dead holder's lease lapses within one TTL.
# `$stale` names a holder the caller knows to be dead (a process of this host that no longer exists).
ACQUIRE_LOCK = """
MERGE (l:Lock {id: $name})
WITH l, l.holder AS previous,
     (l.holder IS NULL OR l.expires_at < datetime() OR l.holder = $stale) AS free
SET l.holder = CASE WHEN free THEN $holder ELSE l.holder END,
    l.acquired_at = CASE WHEN free THEN datetime() ELSE l.acquired_at END,
    l.expires_at = CASE WHEN free THEN datetime() + duration({seconds: $ttl}) ELSE l.expires_at END
RETURN free AS acquired, l.holder AS holder, l.acquired_at AS since, previous
"""
RENEW_LOCK = """
MATCH (l:Lock {id: $name}) WHERE l.holder = $holder
SET l.expires_at = datetime() + duration({seconds: $ttl}), l.renewed_at = datetime()
RETURN count(l) AS n
"""
READ_LOCK = """
MATCH (l:Lock {id: $name})
RETURN l.holder AS holder, l.acquired_at AS since, l.expires_at AS expires, l.expires_at < datetime() AS expired
"""
RELEASE_LOCK = "MATCH (l:Lock {id: $name}) WHERE l.holder = $holder SET l.holder = null RETURN count(l) AS n"
FORCE_RELEASE_LOCK = """
MATCH (l:Lock {id: $name}) WHERE l.holder IS NOT NULL
WITH l, l.holder AS previous SET l.holder = null RETURN previous
"""
# Only the lock's holder runs: any other run still marked running died without finishing.
FAIL_ORPHAN_RUNS = """
MATCH (r:ScreeningRun {status: 'running'}) WHERE r.holder IS NULL OR r.holder <> $holder
SET r.status = 'failed', r.finished_at = datetime(), r.error = $reason
RETURN r.id AS id
"""

START_RUN = """
CREATE (r:ScreeningRun {id: $id, mode: $mode, started_at: datetime(), status: 'running',
                        rule_versions: $rule_versions, holder: $holder})
"""
FINISH_RUN = """
MATCH (r:ScreeningRun {id: $id})
SET r.finished_at = datetime(), r.status = $status, r.declarations = $declarations,
    r.alerts_new = $alerts_new, r.alerts_total = $alerts_total, r.alerts_closed = $alerts_closed,
    r.duration_s = $duration_s, r.rule_seconds = $rule_seconds, r.phase_seconds = $phase_seconds,
    r.inactive_rules = $inactive_rules,
    r.error = $error
"""
LAST_RUN = """
MATCH (r:ScreeningRun) WHERE r.status = 'ok'
RETURN r {.*} AS run ORDER BY r.started_at DESC LIMIT 1
"""
LIST_RUNS = "MATCH (r:ScreeningRun) RETURN r {.*} AS run ORDER BY r.started_at DESC LIMIT $limit"

WRITE_RISK = """
UNWIND $rows AS row
MATCH (d:Declaration {number: row.declaration})
SET d.risk_score = row.score, d.risk_level = row.level, d.risk_explanation = row.explanation
"""


def declarations_to_screen(graph: Graph, *, mode: str, numbers: list[str] | None = None) -> list[str]:
    if numbers:
        rows = graph.read(TO_SCREEN_NUMBERS, numbers=numbers)
    elif mode == "all":
        rows = graph.read(TO_SCREEN_ALL)
    else:
        rows = graph.read(TO_SCREEN_NEW)
    return [row["number"] for row in rows]


def declarations_due(graph: Graph, numbers: list[str], *, batch_size: int = 50_000) -> list[str]:
    """Those of `numbers` a plain `screen` would pick: never screened, or loaded again since their last
    screening. Sorted; read in batches, so a million numbers never travel in one query."""
    due: list[str] = []
    for start in range(0, len(numbers), batch_size):
        due += [row["number"] for row in graph.read(DUE, numbers=numbers[start:start + batch_size])]
    return sorted(due)


def declarations_touched_by_list_changes(graph: Graph, parties: list[str], entries: list[str], *,
                                         mass_registration_min: int) -> list[str]:
    """Declarations a change of these list entries can alter the screening of (see TOUCHED_BY_LIST_CHANGES):
    parties whose matches changed reach others as the proximity rules link them, through addresses and
    identifiers shared by fewer than `mass_registration_min` parties (the rules' own exemption)."""
    rows = graph.read(TOUCHED_BY_LIST_CHANGES, parties=parties, entries=entries,
                      mass_registration_min=mass_registration_min)
    return sorted({row["number"] for row in rows})


def declarations_for_parties(graph: Graph, keys: list[str]) -> list[str]:
    return [row["number"] for row in graph.read(FOR_PARTIES, keys=keys)]


MARK_BATCH = 50_000


def mark_screened(graph: Graph, numbers: list[str], run_id: str, *, batch_size: int = MARK_BATCH) -> None:
    """Stamp the screened declarations, one transaction per batch: a run over a million declarations
    in one transaction outgrows Neo4j's transaction memory (`dbms.memory.transaction.total.max`)."""
    for start in range(0, len(numbers), batch_size):
        graph.write(MARK_SCREENED, numbers=numbers[start:start + batch_size], run_id=run_id)


def acquire_lock(graph: Graph, name: str, holder: str, ttl_seconds: int, stale: str | None = None) -> dict[str, Any]:
    return graph.write_returning(ACQUIRE_LOCK, name=name, holder=holder, ttl=ttl_seconds, stale=stale)[0]


def renew_lock(graph: Graph, name: str, holder: str, ttl_seconds: int) -> bool:
    """Extend the lease; False when `holder` no longer holds the lock."""
    return bool(graph.write_returning(RENEW_LOCK, name=name, holder=holder, ttl=ttl_seconds)[0]["n"])


def read_lock(graph: Graph, name: str) -> dict[str, Any] | None:
    rows = graph.read(READ_LOCK, name=name)
    return rows[0] if rows and rows[0]["holder"] is not None else None


def release_lock(graph: Graph, name: str, holder: str) -> None:
    graph.write(RELEASE_LOCK, name=name, holder=holder)


def force_release_lock(graph: Graph, name: str) -> str | None:
    """Clear the lock whoever holds it (the operator's `jobs unlock`); the previous holder or None."""
    rows = graph.write_returning(FORCE_RELEASE_LOCK, name=name)
    return str(rows[0]["previous"]) if rows else None


def fail_orphan_runs(graph: Graph, holder: str, reason: str) -> list[str]:
    """Mark every run still `running` but not `holder`'s as failed, ended now; their ids."""
    return [row["id"] for row in graph.write_returning(FAIL_ORPHAN_RUNS, holder=holder, reason=reason)]


def start_run(graph: Graph, run_id: str, mode: str, rule_versions: list[str], holder: str | None = None) -> None:
    graph.write(START_RUN, id=run_id, mode=mode, rule_versions=rule_versions, holder=holder)


def finish_run(graph: Graph, run_id: str, **fields: Any) -> None:
    graph.write(FINISH_RUN, id=run_id, **fields)


def last_run(graph: Graph) -> ScreeningRunRow | None:
    rows = graph.read(LAST_RUN)
    return rows[0]["run"] if rows else None


def list_runs(graph: Graph, limit: int = 20) -> list[ScreeningRunRow]:
    return [row["run"] for row in graph.read(LIST_RUNS, limit=limit)]


def write_risk(graph: Graph, rows: list[dict[str, Any]]) -> None:
    graph.write_rows(WRITE_RISK, rows)
