"""RF-10 version 2: the dormant-then-surge lane as the catalogue states it, "with CHPL goods and
destination not Group A". Version 1 reported any surging lane (three sake shipments to a regular buyer
fired it); version 2 keeps version 1's lane arithmetic and reports only declarations that carry CHPL goods
to a destination outside Group A, naming the tier in the explanation."""

from __future__ import annotations

from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates.statistics import dormant_then_surge
from ecgraph.rules.engine.shared_reads import declaration_facts

__all__ = ["dormant_then_surge_chpl"]


def dormant_then_surge_chpl(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    group_a = str(rule.params.get("group_a", "JP_GROUP_A"))
    rows = dormant_then_surge(graph, rule, declarations)
    if not rows:
        return []
    facts = {f["declaration"]: f for f in declaration_facts(graph, sorted({r["declaration"] for r in rows}))}
    kept = []
    for row in rows:
        fact = facts.get(row["declaration"])
        if fact is None or group_a in (fact["destination_groups"] or []):
            continue
        tiers = sorted({str(i["chpl_tier"]) for i in fact["items"] if i["chpl_tier"]})
        if not tiers:
            continue
        row["explanation"] += f"; CHPL tier {', '.join(tiers)} goods to {fact['destination']} (not Group A)"
        row["matched"] = {**row["matched"], "chpl_tiers": tiers, "destination": fact["destination"]}
        kept.append(row)
    return kept
