"""The listed parties near a party: within two hops through shared addresses, officers or identifiers (PS-05).

The search depends on the party and the graph, never on the declaration that names it, and at national scale
parties recur across batches (the 652,853 declarations a 1M world's list update reaches name 23,805 parties,
searched 132,849 times when each 50,000-declaration batch searched its own). So the search is asked per party
(`nearest_listed`), and a screening run keeps what it found; the declarations that name a party are read apart
(`declared_parties`), and the evidence of a declaration's own node and role only for the parties with findings
(`declaration_evidence`).

A finding's evidence is the shortest path to the listed entry, read as a Cypher rule's `paths` are
(`rule_queries.run_rule_query`), so an alert is the one the rule's single Cypher query wrote before (same
evidence and hashes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.rule_inputs import collected_by_declaration
from ecgraph.graph.rule_queries import (
    EVIDENCE_PROPERTIES,
    STABLE_KEYS,
    node_evidence,
    relationship_evidence,
    run_rule_query,
)

__all__ = ["NearListed", "declaration_evidence", "declared_parties", "nearest_listed"]

# Parties per search query: the server holds one slice's paths at a time.
SEARCH_SLICE = 2_000

# max_hops 2: up to four link relationships (party-element-party-element-party); a listed officer is one
# relationship away. Hop count = ceil(relationships / 2). Addresses and identifiers that
# `$mass_registration_min` parties share (registered agents) do not link.
NEAREST_LISTED = """
UNWIND $parties AS key
MATCH (p:Party {key: key})
MATCH path = ALL SHORTEST (p)(()-[:LOCATED_AT|OFFICER_OF|HAS_IDENTIFIER]-(x)
      WHERE (x:Party OR x:Address OR x:Identifier)
        AND NOT ((x:Address OR x:Identifier)
                 AND COUNT { (x)<-[:LOCATED_AT|HAS_IDENTIFIER]-(:Party) } >= $mass_registration_min)){1,4}
      (q:Party)-[m:MATCHES]->(e:ListEntry)
WHERE p <> q AND m.score >= $strong AND coalesce(e.status, 'active') = 'active'
  AND NOT (p)-[:MATCHES]->(e)
WITH p, q, e, path, relationships(path)[0..-1] AS links
WITH p, q, e, path, links, (size(links) + 1) / 2 AS hops,
     [t IN ['LOCATED_AT', 'OFFICER_OF', 'HAS_IDENTIFIER'] WHERE any(r IN links WHERE type(r) = t)] AS kinds,
     [n IN nodes(path)[1..-2] | CASE
        WHEN n:Address THEN 'the address "' + coalesce(n.raw, n.full, '') + '"'
        WHEN n:Identifier THEN 'the identifier ' + coalesce(n.type, '') + ' ' + coalesce(n.value, '')
        ELSE coalesce(n.kind, 'party') + ' ' + coalesce(n.name, n.key) END] AS via
// of equally short paths to one entry, the one with more kinds of link (the stronger finding), then by what it
// passes through: SHORTEST 1 took whichever the store met first, which moved between runs
WITH p, q, e, path, links, hops, kinds, via
     ORDER BY size(kinds) DESC, reduce(s = '', v IN via | s + v + '|'), q.key
WITH p, e, collect({q: q, path: path, links: links, hops: hops, kinds: kinds, via: via})[0] AS best
// the nearest listed parties of p: fewest hops, most kinds of link, then by entry id (the same on every run)
WITH p, e, best ORDER BY best.hops, size(best.kinds) DESC, e.id
WITH p, collect({e: e, best: best}) AS found
UNWIND found[0..$max_listed_neighbours] AS nearest
RETURN p.key AS party, p.name AS name, nearest.best.q.name AS neighbour, nearest.e.name AS listed,
       nearest.e.source AS list, nearest.best.hops AS hops, nearest.best.kinds AS kinds, nearest.best.via AS via,
       type(nearest.best.links[0]) AS first_link, size(found) AS reachable, nearest.best.path AS paths
"""

DECLARED_PARTIES = """
MATCH (d:Declaration)-[role]->(p:Party) WHERE d.number IN $declarations AND type(role) IN $roles
RETURN collect({declaration: d.number, role: type(role), party: p.key}) AS rows
"""

DECLARATION_EVIDENCE = """
MATCH (d:Declaration)-[role]->(p:Party)
WHERE d.number IN $declarations AND type(role) IN $roles AND p.key IN $parties
RETURN d.number AS declaration, type(role) AS role, p.key AS party,
       elementId(d) AS d, labels(d) AS d_labels, [k IN $kept WHERE d[k] IS NOT NULL | [k, d[k]]] AS d_properties,
       elementId(p) AS p, labels(p) AS p_labels, [k IN $kept WHERE p[k] IS NOT NULL | [k, p[k]]] AS p_properties,
       elementId(role) AS role_id, properties(role) AS role_properties
"""


@dataclass(frozen=True)
class NearListed:
    """One listed party near a party: who, how far, through what, and the path as evidence."""

    name: str | None  # the party searched from
    neighbour: str | None  # the party that matches the list
    listed: str | None  # the entry's name
    list: str | None  # the entry's source list
    hops: int
    kinds: tuple[str, ...]  # LOCATED_AT, OFFICER_OF, HAS_IDENTIFIER: the kinds of link on the path
    via: tuple[str, ...]  # what the path passes through, in words
    first_link: str
    reachable: int  # listed parties within reach of the party, not only the nearest reported
    nodes: tuple[dict[str, Any], ...]
    relationships: tuple[dict[str, Any], ...]


def nearest_listed(graph: Graph, parties: list[str], *, strong: float, mass_registration_min: int,
                   max_listed_neighbours: int) -> dict[str, list[NearListed]]:
    """party key -> the `max_listed_neighbours` nearest listed parties of that party (fewest hops, most kinds
    of link, then by entry id), each through its shortest path; an empty list for a party with none."""
    found: dict[str, list[NearListed]] = {key: [] for key in parties}
    for start in range(0, len(parties), SEARCH_SLICE):
        params = {"parties": parties[start:start + SEARCH_SLICE], "strong": strong,
                  "mass_registration_min": mass_registration_min, "max_listed_neighbours": max_listed_neighbours}
        for row in run_rule_query(graph, NEAREST_LISTED, params):
            found[row["party"]].append(NearListed(
                name=row["name"], neighbour=row["neighbour"], listed=row["listed"], list=row["list"],
                hops=int(row["hops"]), kinds=tuple(row["kinds"]), via=tuple(row["via"]),
                first_link=row["first_link"], reachable=int(row["reachable"]),
                nodes=tuple(row["evidence"]["nodes"]), relationships=tuple(row["evidence"]["relationships"])))
    return found


def declared_parties(graph: Graph, declarations: list[str], roles: list[str]) -> list[dict[str, Any]]:
    """(declaration, role, party key) for each party the declarations name in one of `roles`."""
    return collected_by_declaration(graph, DECLARED_PARTIES, declarations, roles=roles)


def declaration_evidence(graph: Graph, declarations: list[str], roles: list[str],
                         parties: list[str]) -> dict[tuple[str, str, str], tuple[list[dict[str, Any]],
                                                                                 list[dict[str, Any]]]]:
    """(declaration, role, party key) -> (nodes, relationships): the declaration, the party and the role
    between them, as evidence, for the uses of `parties` only (those with findings). Only the properties
    evidence keeps are read: hydrating whole declaration nodes was most of PS-05's time once its searches
    were kept for the run."""
    out: dict[tuple[str, str, str], tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    if not parties:
        return out
    kept = list(dict.fromkeys(EVIDENCE_PROPERTIES + STABLE_KEYS))
    for row in graph.read_values(DECLARATION_EVIDENCE, declarations=declarations, roles=roles, parties=parties,
                                 kept=kept):
        out[(row["declaration"], row["role"], row["party"])] = (
            [node_evidence(row["d"], row["d_labels"], dict(row["d_properties"])),
             node_evidence(row["p"], row["p_labels"], dict(row["p_properties"]))],
            [relationship_evidence(row["role_id"], row["role"], row["d"], row["p"], row["role_properties"])])
    return out
