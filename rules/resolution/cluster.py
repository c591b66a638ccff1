"""Party-to-party resolution: one company spelled differently across declarations becomes one cluster.

Parties are indexed like a list, each is searched against the others, and only high-confidence pairs
(`SAME_AS_THRESHOLD`, or an identical corporate number) become `SAME_AS` edges; networkx connected
components over those edges are the clusters (`PartyCluster`), so a consignee's whole history shows
at once. Country disagreement is a feature of the score, as for list screening.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ecgraph.graph.connection import Graph
from ecgraph.graph.resolution import parties_for_screening, write_clusters
from ecgraph.rules.resolution.batch import SearchOptions, search_many
from ecgraph.rules.resolution.config import SAME_AS_THRESHOLD
from ecgraph.rules.resolution.index import ResolutionIndex
from ecgraph.rules.resolution.score import MATCHER_VERSION
from ecgraph.rules.resolution.screen import party_query

__all__ = ["ClusterReport", "cluster_parties", "party_pairs"]


@dataclass
class ClusterReport:
    parties: int
    pairs: int
    clusters: int
    largest: int


def party_pairs(parties: list[dict[str, Any]], threshold: float = SAME_AS_THRESHOLD) -> list[dict[str, Any]]:
    """High-confidence pairs {a, b, score, method} (a < b) among parties."""
    entries = [{"id": p["key"], "list": "party", "source_id": p["key"], "entity_type": "organization",
                "names": [v for v in [p.get("name"), *(p.get("names") or []), p.get("name_latin")] if v],
                "countries": [p["country"]] if p.get("country") else []} for p in parties]
    index = ResolutionIndex.build(entries)
    best: dict[tuple[str, str], dict[str, Any]] = {}
    queries = []
    for party in parties:
        query = party_query(party)
        query.identifiers = []  # corporate numbers are compared exactly below, not through the list index
        queries.append(query)
    for party, found in zip(parties, search_many(index, queries, SearchOptions(threshold, limit=50)), strict=True):
        for match in found:
            if match.entry_id == party["key"]:
                continue
            a, b = sorted((party["key"], match.entry_id))
            if match.score > best.get((a, b), {}).get("score", -1):
                best[(a, b)] = {"a": a, "b": b, "score": match.score, "method": match.name_pair.method}
    by_corp: dict[str, list[str]] = defaultdict(list)
    for party in parties:
        if party.get("corp_no"):
            by_corp[str(party["corp_no"])].append(party["key"])
    for keys in by_corp.values():
        keys.sort()
        for other in keys[1:]:
            best[(keys[0], other)] = {"a": keys[0], "b": other, "score": 1.0, "method": "corp_no"}
    return sorted(best.values(), key=lambda p: (p["a"], p["b"]))


def cluster_parties(graph: Graph, threshold: float = SAME_AS_THRESHOLD) -> ClusterReport:
    """Link same-company parties (SAME_AS) and group them into PartyCluster nodes."""
    parties = parties_for_screening(graph)
    pairs = party_pairs(parties, threshold)
    components = nx.Graph()
    components.add_edges_from((p["a"], p["b"]) for p in pairs)
    names = {p["key"]: p.get("name") or p["key"] for p in parties}
    clusters = []
    for members in nx.connected_components(components):
        keys = sorted(members)
        cluster_id = "cluster:" + hashlib.sha256(keys[0].encode()).hexdigest()[:16]
        clusters.append({"id": cluster_id, "members": keys, "name": names.get(keys[0], keys[0])})
    write_clusters(graph, pairs, clusters, MATCHER_VERSION)
    return ClusterReport(parties=len(parties), pairs=len(pairs), clusters=len(clusters),
                         largest=max((len(c["members"]) for c in clusters), default=0))
