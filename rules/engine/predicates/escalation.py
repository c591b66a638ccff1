"""Severity raised for high-priority goods or transshipment-hub destinations (catalogue PS-04, RF-08).

The catalogue raises several red flags one level when the goods are CHPL tier 1-2 (or 16(1) specified
items) or the destination is a country of concern / diversion hub. `escalated(base)` wraps a predicate:
its rows keep their logic and gain the raise, with the reason appended to the explanation. Parameters
(under `escalate` in the rule): `tiers`, `catchall` (16(1) goods count), `groups`, `group_a`, `to`
(the raised severity) and `require`: `any` (goods or destination) or `all` (goods and destination).
"""

from __future__ import annotations

from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.rules.engine.engine import Predicate
from ecgraph.rules.engine.model import SEVERITY_ORDER, Rule
from ecgraph.rules.engine.shared_reads import declaration_facts

__all__ = ["escalated"]


def _reasons(fact: dict[str, Any], spec: dict[str, Any]) -> tuple[list[str], list[str]]:
    tiers = {str(t) for t in spec.get("tiers", ["1", "2"])}
    goods = [f"CHPL tier {i['chpl_tier']} goods HS {i['hs_code']}" for i in fact["items"] if str(i["chpl_tier"]) in tiers]
    if spec.get("catchall", False):
        goods += [f"16(1) goods HS {i['hs_code']}" for i in fact["items"] if i["catchall"]]
    groups = set(fact["destination_groups"] or [])
    place = []
    if groups & set(spec.get("groups", [])) and spec.get("group_a", "JP_GROUP_A") not in groups:
        place.append(f"destination {fact['destination']} is a country of concern / transshipment hub")
    return goods, place


def escalated(base: Predicate) -> Predicate:
    def run(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
        rows = list(base(graph, rule, declarations))
        spec = dict(rule.params.get("escalate") or {})
        if not rows or not spec:
            return rows
        target = str(spec.get("to", "HIGH"))
        facts = {f["declaration"]: f for f in declaration_facts(graph, sorted({r["declaration"] for r in rows}))}
        for row in rows:
            fact = facts.get(row["declaration"])
            if fact is None:
                continue
            goods, place = _reasons(fact, spec)
            hit = (goods and place) if spec.get("require", "any") == "all" else (goods or place)
            current = str(row.get("severity") or rule.severity)
            if hit and SEVERITY_ORDER[target] > SEVERITY_ORDER[current]:
                row["severity"] = target
                row["explanation"] = (f"{row.get('explanation') or rule.name}; raised to {target}: "
                                      + "; ".join(goods[:2] + place))
                row.setdefault("matched", {})
                row["matched"] = {**(row["matched"] or {}), "escalated_by": goods[:2] + place}
        return rows

    run.__doc__ = f"{base.__name__} with severity raised for high-priority goods or hub destinations"
    return run
