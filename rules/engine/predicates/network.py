"""PS-05: a declaration party within two hops of a listed party through shared addresses, officers or identifiers.

The search for a party's nearest listed neighbours (`graph.nearest_listed`) is made once per party in a
screening run, not once per batch: at national scale most of a batch's parties were searched by the batches
before it (the 652,853 declarations a list update reached in a 1M world named 23,805 parties, searched
132,849 times). Each finding gives the row, explanation and evidence the rule's single Cypher query gave
(PS-05 v3), so stored alerts keep their hashes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.nearest_listed import NearListed, declaration_evidence, declared_parties, nearest_listed
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.shared_reads import once_per_run_each

__all__ = ["explanation_of", "network_proximity"]

# Declaration-party uses whose evidence (the declaration's node and role) is read at once.
EVIDENCE_SLICE = 5_000


def explanation_of(role: str, finding: NearListed) -> str | None:
    """What the analyst reads; None when a name it needs is missing (the engine then shows the rule's name)."""
    if None in (finding.name, finding.neighbour, finding.list, finding.listed):
        return None
    through = ", then ".join(finding.via) if finding.via else f"a direct {finding.first_link.lower()} link"
    return (f"{role.lower()} {finding.name} is {finding.hops} hop(s) from {finding.neighbour}, which matches "
            f"{finding.list} entry \"{finding.listed}\", through {through}")


def _row(use: dict[str, Any], finding: NearListed,
         own: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> dict[str, Any]:
    nodes = {n["element_id"]: n for n in own[0]}
    for n in finding.nodes:
        nodes.setdefault(n["element_id"], n)
    rels = {r["element_id"]: r for r in own[1]}
    for r in finding.relationships:
        rels.setdefault(r["element_id"], r)
    return {
        "declaration": use["declaration"],
        "score": 0.6 if finding.hops == 1 else 0.4,
        "severity": "MEDIUM" if finding.hops == 1 or len(finding.kinds) >= 2 else "LOW",
        "explanation": explanation_of(use["role"], finding),
        # keys in the order v3's Cypher map gave them: `matched` is stored (and hashed) as written
        "matched": {"listed_within_reach": finding.reachable, "role": use["role"], "listed": finding.listed,
                    "neighbour": finding.neighbour, "links": [kind.lower() for kind in finding.kinds],
                    "hops": finding.hops, "list": finding.list, "party": finding.name, "via": list(finding.via)},
        "evidence": {"nodes": list(nodes.values()), "relationships": list(rels.values())},
    }


def network_proximity(graph: Graph, rule: Rule, declarations: list[str]) -> Iterator[dict[str, Any]]:
    """One row per (declaration party, nearest listed party), in declaration order, made a slice of
    `EVIDENCE_SLICE` declarations at a time: the engine writes them as they come, so a batch's rows (about
    five per declaration in a 1M world) never all exist at once."""
    params = rule.params
    roles = list(params.get("roles", ["CONSIGNEE", "END_USER", "NOTIFY_PARTY"]))
    uses = sorted(declared_parties(graph, declarations, roles), key=lambda u: (u["declaration"], u["role"], u["party"]))
    strong = float(params.get("strong", 0.92))
    mass = int(params.get("mass_registration_min", 20))
    nearest = int(params.get("max_listed_neighbours", 10))
    found = once_per_run_each(f"nearest_listed:{strong}:{mass}:{nearest}", sorted({u["party"] for u in uses}),
                              lambda parties: nearest_listed(graph, parties, strong=strong, mass_registration_min=mass,
                                                             max_listed_neighbours=nearest))
    near = [use for use in uses if found[use["party"]]]
    for start in range(0, len(near), EVIDENCE_SLICE):
        part = near[start:start + EVIDENCE_SLICE]
        own = declaration_evidence(graph, sorted({u["declaration"] for u in part}), roles,
                                   sorted({u["party"] for u in part}))
        for use in part:
            for finding in found[use["party"]]:
                yield _row(use, finding, own[(use["declaration"], use["role"], use["party"])])
