"""PS-03 / PS-04 / PS-06: ownership by listed persons, aggregated over ownership paths with networkx.

OFAC's 50 percent rule: an entity is blocked when blocked persons own, directly or indirectly, 50 % or
more of it *in aggregate*. An owner counts only if it is itself blocked (no multiplication along chains),
and the fixpoint repeats until nothing changes (max_depth rounds). Unknown percentages are not guessed.
Parties strongly matched to a listed entry count as that entry.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from ecgraph.graph.connection import Graph
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node, rel
from ecgraph.rules.engine.shared_reads import declaration_party_names, listed_identities, ownership_edges

__all__ = ["blocked_by_ownership", "listed_ownership"]

DEFAULT_ROLES = ["EXPORTER", "CONSIGNEE", "END_USER", "NOTIFY_PARTY", "FORWARDER"]


def blocked_by_ownership(
    graph_edges: list[tuple[str, str, float | None]], seeds: set[str], *, threshold: float, inclusive: bool,
    max_depth: int,
) -> dict[str, dict[str, float]]:
    """Fixpoint of aggregate listed ownership: node -> {blocked owner: pct} for every newly blocked node."""
    g = nx.DiGraph()
    for owner, owned, pct in graph_edges:
        if pct is None:
            continue
        previous = g.get_edge_data(owner, owned, {}).get("pct", 0.0)
        g.add_edge(owner, owned, pct=max(previous, float(pct)))
    blocked = set(seeds)
    found: dict[str, dict[str, float]] = {}
    for _ in range(max_depth):
        added = False
        for target in list(g.nodes):
            if target in blocked:
                continue
            owners = {o: g[o][target]["pct"] for o in g.predecessors(target) if o in blocked}
            total = sum(owners.values())
            if owners and (total >= threshold if inclusive else total > threshold):
                blocked.add(target)
                found[target] = owners
                added = True
        if not added:
            break
    return found


def _aggregate(graph: Graph, rule: Rule, declarations: list[str]) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]], dict[str, Any]]:
    params = rule.params
    seeds_rows = listed_identities(graph, list(params["seed_sources"]), float(params.get("min_match_score", 0.92)),
                                   params.get("seed_lists"))
    canonical: dict[str, str] = {}
    info: dict[str, Any] = {"entries": {}, "parties": {}, "edges": {}}
    seeds: set[str] = set()
    for row in seeds_rows:
        entry = f"entry:{row['entry']}"
        seeds.add(entry)
        info["entries"][entry] = row
        for party in row["parties"]:
            if party:
                canonical[f"party:{party['key']}"] = entry
                info["parties"][f"party:{party['key']}"] = party
    edges = []
    for edge in ownership_edges(graph):
        owner = canonical.get(edge["owner"], edge["owner"])
        owned = canonical.get(edge["owned"], edge["owned"])
        edges.append((owner, owned, edge["pct"]))
        info["edges"][(owner, owned)] = edge
    threshold = float(params.get("threshold", 50))
    blocked = blocked_by_ownership(edges, seeds, threshold=threshold, inclusive=bool(params.get("inclusive", True)),
                                   max_depth=int(params.get("max_depth", 6)))
    minority_pct = params.get("minority_pct")
    minority: dict[str, dict[str, float]] = {}
    if minority_pct is not None:
        owned_by_listed: dict[str, dict[str, float]] = defaultdict(dict)
        all_blocked = seeds | set(blocked)
        for owner, owned, pct in edges:
            if owner in all_blocked and pct is not None and owned not in all_blocked:
                owned_by_listed[owned][owner] = float(pct)
        minority = {k: v for k, v in owned_by_listed.items() if float(minority_pct) <= sum(v.values()) < threshold}
    info["canonical"] = canonical
    return blocked, minority, info


def _chain(info: dict[str, Any], target: str, blocked: dict[str, dict[str, float]], depth: int = 0,
           sources: set[str] | None = None) -> tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]:
    """Text, evidence nodes and relationships of the ownership tree above `target`; the lists of the
    listed owners found are added to `sources`."""
    texts: list[str] = []
    nodes: list[dict[str, Any]] = []
    rels: list[dict[str, Any]] = []
    for owner, pct in blocked.get(target, {}).items():
        edge = info["edges"].get((owner, target))
        if edge is None:
            continue
        nodes.append(node(edge["owner_eid"], "Owner", key=edge["owner"], name=edge["owner_name"]))
        nodes.append(node(edge["owned_eid"], "Owned", key=edge["owned"], name=edge["owned_name"]))
        rels.append(rel(edge["rel_id"], "OWNS", edge["owner_eid"], edge["owned_eid"], pct=pct, source=edge["source"]))
        entry = info["entries"].get(owner)
        if entry and sources is not None:
            sources.add(entry["source"])
        label = f"listed on {entry['source']} as {entry['entry_name']!r}" if entry else "itself blocked by ownership"
        texts.append(f"{edge['owner_name']} owns {pct:g} % ({label})")
        if owner in blocked and depth < 6:
            sub_texts, sub_nodes, sub_rels = _chain(info, owner, blocked, depth + 1, sources)
            texts.extend(sub_texts)
            nodes.extend(sub_nodes)
            rels.extend(sub_rels)
    return texts, nodes, rels


def listed_ownership(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    """Rows for declaration parties owned ≥ threshold in aggregate by listed persons (or, with
    `minority_pct`, owned at least that much but below the threshold: PS-04)."""
    blocked, minority, info = _aggregate(graph, rule, declarations)
    wanted = minority if rule.params.get("report") == "minority" else blocked
    roles = list(rule.params.get("roles", DEFAULT_ROLES))
    rows = []
    for party in declaration_party_names(graph, declarations, roles):
        key = info["canonical"].get(f"party:{party['key']}", f"party:{party['key']}")
        if key not in wanted:
            continue
        owners = wanted[key]
        total = sum(owners.values())
        listed_sources: set[str] = set()
        texts, ev_nodes, ev_rels = _chain(info, key, blocked if wanted is blocked else {key: owners, **blocked},
                                          sources=listed_sources)
        ev_nodes.append(node(party["eid"], "Party", key=party["key"], name=party["name"]))
        ev_nodes.append(node(party["declaration_eid"], "Declaration", number=party["declaration"]))
        ev_rels.append(rel(party["rel_eid"], party["role"], party["declaration_eid"], party["eid"]))
        threshold = float(rule.params.get("threshold", 50))
        severity = None
        if listed_sources & set(rule.params.get("critical_sources", [])):
            severity = "CRITICAL"  # owned by persons designated under Japanese law or by the UN
        if "affiliates_rule_active" in rule.params:  # PS-06: HIGH only while the BIS rule is in force
            severity = "HIGH" if rule.params["affiliates_rule_active"] else "MEDIUM"
            texts.append("BIS Affiliates Rule " + ("in force" if rule.params["affiliates_rule_active"]
                                                   else "suspended: reported as a red flag"))
        rows.append({
            "severity": severity,
            "declaration": party["declaration"],
            "score": round(min(1.0, total / 100.0), 4),
            "explanation": (f"{party['role'].lower()} {party['name']!r} is owned {total:g} % in aggregate by listed "
                            f"persons (threshold {threshold:g} %): " + "; ".join(texts)),
            "evidence": evidence(ev_nodes, ev_rels),
            "matched": {"party": party["name"], "role": party["role"], "aggregate_pct": total,
                        "owners": owners, "threshold": threshold},
        })
    return rows
