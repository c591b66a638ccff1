"""CA-05 version 2: a Group A destination with diversion indicators, as the catalogue lists them.

Group A destinations are exempt from the objective catch-all requirement, but METI can inform where
diversion is feared. With CHPL tier 1-2 or 16(1) goods, any of these is reported (MEDIUM): an end user or
notify party in a country of concern / diversion hub; a consignee that is an intermediary (forwarder,
logistics, trading house; terms on token boundaries) with no end user stated; a party strongly matching a
restricted-party list entry. Version 1 knew only the first.
"""

from __future__ import annotations

from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.rules.classify.terms import TermMatcher
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node, rel
from ecgraph.rules.engine.shared_reads import declaration_facts, group_members, indicator_terms

__all__ = ["group_a_diversion"]


def group_a_diversion(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    params = rule.params
    group_a = str(params.get("group_a", "JP_GROUP_A"))
    concern = group_members(graph, list(params.get("concern_groups", []))) - group_members(graph, [group_a])
    intermediary = TermMatcher(indicator_terms(graph), [params.get("intermediary_category", "INTERMEDIARY")])
    tiers = {str(t) for t in params.get("tiers", ["1", "2"])}
    strong = float(params.get("strong", 0.92))
    rows = []
    for fact in declaration_facts(graph, declarations):
        if group_a not in (fact["destination_groups"] or []):
            continue
        goods = [i for i in fact["items"] if str(i["chpl_tier"]) in tiers or i["catchall"]]
        if not goods:
            continue
        roles = {p["role"] for p in fact["parties"]}
        reasons, parties = [], []
        for party in fact["parties"]:
            if party["role"] in ("END_USER", "NOTIFY_PARTY") and party["country"] in concern \
                    and party["country"] != fact["destination"]:
                reasons.append(f"{party['role'].lower()} {party['name']!r} is in {party['country']} "
                               "(country of concern / diversion hub)")
                parties.append(party)
            if party["role"] == "CONSIGNEE" and "END_USER" not in roles:
                hits = intermediary.find(party["name"])
                if hits:
                    reasons.append(f"consignee {party['name']!r} is an intermediary "
                                   f"({', '.join(repr(h.term) for h in hits)}) and no end user is stated")
                    parties.append(party)
            listed = [m for m in party["listed"] if (m["score"] or 0) >= strong]
            if listed:
                reasons.append(f"{party['role'].lower()} {party['name']!r} matches {listed[0]['source']} "
                               f"entry {listed[0]['name']!r}")
                parties.append(party)
        if not reasons:
            continue
        described = ", ".join(f"HS {i['hs_code']}" + (f" CHPL tier {i['chpl_tier']}" if i["chpl_tier"] else "")
                              + (" 16(1)" if i["catchall"] else "") for i in goods[:3])
        nodes = [node(fact["declaration_eid"], "Declaration", number=fact["declaration"])]
        nodes += [node(i["eid"], "GoodsItem", id=i["item"], hs_code=i["hs_code"], description=i["description"]) for i in goods[:3]]
        nodes += [node(p["eid"], "Party", key=p["key"], name=p["name"]) for p in parties]
        rels = [rel(p["rel_eid"], p["role"], fact["declaration_eid"], p["eid"]) for p in parties]
        rows.append({
            "declaration": fact["declaration"], "score": 0.5,
            "explanation": (f"{described} declared to Group A country {fact['destination']}, but " + "; ".join(reasons)
                            + " (basis for a METI inform)"),
            "evidence": evidence(nodes, rels),
            "matched": {"destination": fact["destination"], "indicators": reasons},
        })
    return rows
