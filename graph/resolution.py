"""Cypher for entity resolution: read list entries and parties, write MATCHES and SAME_AS links.

    (:Party)-[:MATCHES {score, explanation, matcher_version, input_hash, screened_at}]->(:ListEntry)
    (:Party)-[:SAME_AS {score, method, matcher_version}]->(:Party)       (from the lower key to the higher)
    (:Party)-[:IN_CLUSTER]->(:PartyCluster {id, size, name})

`explanation` is JSON text (Neo4j properties cannot hold maps). `input_hash` on a party is the hash of
what it was screened with (its names/country plus the index fingerprint), so a re-run only touches
parties whose input or the lists changed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ecgraph.graph.connection import Graph, WriteCounts

__all__ = [
    "active_entry_records",
    "changed_entry_records",
    "list_fingerprint_rows",
    "list_version_chains",
    "matches_of_parties",
    "matching_state",
    "parties_for_screening",
    "party_clusters",
    "party_matches",
    "record_matching_state",
    "write_clusters",
    "write_matches",
    "write_parties",
    "write_screen_hashes",
]

LIST_VERSIONS = """
MATCH (l:List)
OPTIONAL MATCH (e:ListEntry)-[:OF_LIST]->(l) WHERE e.status = 'active'
RETURN l.id AS list, l.current_version_id AS version, count(e) AS entries ORDER BY list
"""

ENTRY_PAGE = """
MATCH (e:ListEntry)
WHERE e.status = 'active' AND ($lists IS NULL OR e.list IN $lists) AND e.id > $after
RETURN e.id AS id, e.list AS list, e.record AS record
ORDER BY e.id LIMIT $limit
"""

PARTIES = """
MATCH (p:Party)
RETURN p.key AS key, p.name AS name, coalesce(p.names, []) AS names, p.country AS country,
       p.corp_no AS corp_no, p.name_latin AS name_latin, p.screen_hash AS screen_hash,
       [(p)-[m:MATCHES]->(e:ListEntry) | {entry: e.id, score: m.score, explanation: m.explanation}] AS matched
ORDER BY p.key
"""

# One batch replaces the MATCHES of the parties in it: old edges to entries no longer matched go.
WRITE_MATCHES = """
UNWIND $rows AS row
MATCH (p:Party {key: row.key})
SET p.screen_hash = row.screen_hash, p.screened_at = datetime()
WITH p, row
OPTIONAL MATCH (p)-[old:MATCHES]->(e:ListEntry)
WHERE NOT e.id IN [m IN row.matches | m.entry]
DELETE old
WITH DISTINCT p, row
UNWIND row.matches AS m
MATCH (e:ListEntry {id: m.entry})
MERGE (p)-[r:MATCHES]->(e)
SET r.score = m.score, r.explanation = m.explanation, r.matcher_version = $matcher_version
"""

PARTY_MATCHES = """
MATCH (p:Party {key: $key})-[r:MATCHES]->(e:ListEntry)
RETURN e.id AS entry, e.list AS list, r.score AS score, r.explanation AS explanation,
       r.matcher_version AS matcher_version
ORDER BY r.score DESC, e.id
"""

CLEAR_SAME_AS = """
MATCH (:Party)-[r:SAME_AS {matcher_version: $matcher_version}]->(:Party)
WHERE NOT [startNode(r).key, endNode(r).key] IN $keep
DELETE r
"""

WRITE_SAME_AS = """
UNWIND $rows AS row
MATCH (a:Party {key: row.a})
MATCH (b:Party {key: row.b})
MERGE (a)-[r:SAME_AS]->(b)
SET r.score = row.score, r.method = row.method, r.matcher_version = $matcher_version
"""

WRITE_CLUSTERS = """
UNWIND $rows AS row
MERGE (c:PartyCluster {id: row.id})
SET c.size = size(row.members), c.name = row.name
WITH c, row
UNWIND row.members AS key
MATCH (p:Party {key: key})
OPTIONAL MATCH (p)-[old:IN_CLUSTER]->(other:PartyCluster) WHERE other.id <> row.id
DELETE old
MERGE (p)-[:IN_CLUSTER]->(c)
"""

DROP_STALE_CLUSTERS = """
MATCH (c:PartyCluster) WHERE NOT c.id IN $ids
DETACH DELETE c
"""

# For tests and small tools that need parties before the declarations loader has run.
WRITE_PARTIES = """
UNWIND $rows AS row
MERGE (p:Party {key: row.key})
SET p.name = row.name, p.names = row.names, p.country = row.country, p.corp_no = row.corp_no
"""


# What the parties were last matched against: the index fingerprint and each list's version then.
# `screen --lists-changed` diffs the lists' current versions against it to find the entries to re-match.
MATCHING_STATE = "MATCH (s:MatchingState {id: 'parties'}) RETURN properties(s) AS state"

RECORD_MATCHING_STATE = """
MERGE (s:MatchingState {id: 'parties'})
SET s.fingerprint = $fingerprint, s.lists = $lists, s.versions = $versions, s.matched_at = datetime()
"""

# Each list's current version and the versions before it, newest first (the longest FOLLOWS chain).
VERSION_CHAINS = """
MATCH (l:List)-[:CURRENT_VERSION]->(cur:ListVersion)
CALL (cur) {
  MATCH p = (cur)-[:FOLLOWS*0..]->(:ListVersion)
  RETURN [v IN nodes(p) | v.id] AS chain ORDER BY length(p) DESC LIMIT 1
}
RETURN l.id AS list, cur.id AS current, chain ORDER BY list
"""

# Entries added or changed in, or removed by, the given versions, and every entry of the given lists.
CHANGED_ENTRIES = """
MATCH (e:ListEntry)-[r:IN_VERSION]->(v:ListVersion)
WHERE v.id IN $versions AND r.change IN ['added', 'changed']
RETURN e.id AS id, e.list AS list, e.status AS status, e.record AS record
UNION
MATCH (e:ListEntry)-[:REMOVED_IN]->(v:ListVersion) WHERE v.id IN $versions
RETURN e.id AS id, e.list AS list, e.status AS status, e.record AS record
UNION
MATCH (e:ListEntry) WHERE e.list IN $whole_lists
RETURN e.id AS id, e.list AS list, e.status AS status, e.record AS record
"""

ALL_PARTY_MATCHES = """
MATCH (p:Party)-[r:MATCHES]->(e:ListEntry)
RETURN p.key AS key, e.id AS entry, r.score AS score, r.explanation AS explanation
"""

WRITE_SCREEN_HASHES = """
UNWIND $rows AS row
MATCH (p:Party {key: row.key})
SET p.screen_hash = row.screen_hash
"""


def matching_state(graph: Graph) -> dict[str, Any] | None:
    """{fingerprint, lists, versions, matched_at} of the last complete party matching, or None."""
    rows = graph.read(MATCHING_STATE)
    return rows[0]["state"] if rows else None


def record_matching_state(graph: Graph, fingerprint: str, versions: Mapping[str, str | None]) -> None:
    """Remember that every party is now matched against these list versions (list id -> version id)."""
    lists = sorted(versions)
    graph.write(RECORD_MATCHING_STATE, fingerprint=fingerprint, lists=lists,
                versions=[versions[name] or "" for name in lists])


def list_version_chains(graph: Graph) -> list[dict[str, Any]]:
    """{list, current, chain}: each list's current version id and its predecessors, newest first."""
    return graph.read(VERSION_CHAINS)


def changed_entry_records(graph: Graph, versions: Sequence[str], whole_lists: Sequence[str]) -> list[dict[str, Any]]:
    """{id, list, status, record} of the entries the versions added, changed or removed, and of the whole lists."""
    return graph.read(CHANGED_ENTRIES, versions=list(versions), whole_lists=list(whole_lists))


def matches_of_parties(graph: Graph) -> list[dict[str, Any]]:
    """Every MATCHES edge as {key, entry, score, explanation}."""
    return graph.read(ALL_PARTY_MATCHES)


def write_screen_hashes(graph: Graph, rows: Sequence[Mapping[str, Any]]) -> WriteCounts:
    """rows: {key, screen_hash}: parties whose matches stand as they are for the new lists."""
    return graph.write_rows(WRITE_SCREEN_HASHES, rows, batch_size=5000)


def list_fingerprint_rows(graph: Graph) -> list[dict[str, Any]]:
    """(list, current version id, active entries) per list: the index is rebuilt when these change."""
    return graph.read(LIST_VERSIONS)


def active_entry_records(graph: Graph, lists: Sequence[str] | None = None, page: int = 5000) -> Iterator[dict[str, Any]]:
    """{id, list, record} of every active entry, paged by id (keyset, not SKIP)."""
    after = ""
    while True:
        rows = graph.read(ENTRY_PAGE, lists=list(lists) if lists else None, after=after, limit=page)
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1]["id"]


def parties_for_screening(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(PARTIES)


def write_matches(graph: Graph, rows: Sequence[Mapping[str, Any]], matcher_version: str) -> WriteCounts:
    """rows: {key, screen_hash, matches: [{entry, score, explanation(JSON text)}]}."""
    return graph.write_rows(WRITE_MATCHES, rows, batch_size=500, matcher_version=matcher_version)


def party_matches(graph: Graph, key: str) -> list[dict[str, Any]]:
    return graph.read(PARTY_MATCHES, key=key)


def write_clusters(graph: Graph, pairs: Sequence[Mapping[str, Any]], clusters: Sequence[Mapping[str, Any]],
                   matcher_version: str) -> WriteCounts:
    """Replace this matcher version's SAME_AS edges and the PartyCluster nodes with the given ones."""
    keep = [[p["a"], p["b"]] for p in pairs]
    total = graph.write(CLEAR_SAME_AS, keep=keep, matcher_version=matcher_version)
    total.add(graph.write_rows(WRITE_SAME_AS, pairs, matcher_version=matcher_version))
    total.add(graph.write_rows(WRITE_CLUSTERS, clusters, batch_size=500))
    total.add(graph.write(DROP_STALE_CLUSTERS, ids=[c["id"] for c in clusters]))
    return total


def write_parties(graph: Graph, rows: Sequence[Mapping[str, Any]]) -> WriteCounts:
    """Minimal Party nodes {key, name, names, country, corp_no}."""
    return graph.write_rows(WRITE_PARTIES, rows)


PARTY_CLUSTERS = """
MATCH (p:Party)-[:IN_CLUSTER]->(c:PartyCluster)
WITH c, p ORDER BY p.key
RETURN c.id AS id, c.size AS size, c.name AS name, collect(p.key) AS members ORDER BY id
"""


def party_clusters(graph: Graph) -> list[dict[str, Any]]:
    """Every PartyCluster with its member party keys."""
    return graph.read(PARTY_CLUSTERS)
