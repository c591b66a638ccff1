"""Conventional catch-all informed by military indicators (catalogue CA-03 and CA-04, version 2).

Version 1 knew only End User List CW entries. The catalogue also counts what the declaration itself says:
a military end use in the goods description (MU-03 terms) and a military / defence-industrial name of the
consignee or end user (MU-01 score ≥ `mu_threshold`). Which one fired is named in the alert.

- CA-03 (`scope: un_arms_embargo`): destination in JP_UN_ARMS_EMBARGO, item-16 goods, no licence; an EUL CW
  entry, an MU-03 end use or an MU-01 name → HIGH; 16(1) goods with none of these → MEDIUM (review).
- CA-04 (`scope: general`): destination neither Group A nor embargoed, 16(1) goods, no licence; an EUL CW
  entry or an MU-03 end use → HIGH; an MU-01 name only → MEDIUM.
"""

from __future__ import annotations

from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.rules.classify.terms import TermMatcher
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node, rel
from ecgraph.rules.engine.shared_reads import declaration_facts, indicator_terms

__all__ = ["military_catchall"]


def _name_score(matcher: TermMatcher, names: list[str]) -> tuple[float, list[str]]:
    """MU-01's score: 1 − Π(1 − weight) over the strongest term per category."""
    best: dict[str, tuple[float, str]] = {}
    for name in names:
        for hit in matcher.find(name):
            if hit.weight > best.get(hit.category, (0.0, ""))[0]:
                best[hit.category] = (hit.weight, hit.term)
    remaining = 1.0
    for weight, _ in best.values():
        remaining *= 1.0 - weight
    return 1.0 - remaining, [f"{c} {t!r}" for c, (_, t) in sorted(best.items())]


def military_catchall(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    params = rule.params
    terms = indicator_terms(graph)
    names = TermMatcher(terms, params.get("mu_categories", []))
    end_use = TermMatcher(terms, [params.get("end_use_category", "END_USE_MILITARY")])
    embargo_scope = params.get("scope") == "un_arms_embargo"
    item16 = {str(c) for c in params.get("item16_chapters", [])}
    threshold = float(params.get("mu_threshold", 0.5))
    rows = []
    for fact in declaration_facts(graph, declarations):
        groups = set(fact["destination_groups"] or [])
        if fact["licence"] or fact["destination"] is None:
            continue
        if embargo_scope and params["embargo_group"] not in groups:
            continue
        if not embargo_scope and groups & {params["embargo_group"], params["group_a"]}:
            continue
        specified = [i for i in fact["items"] if i["catchall"]]
        goods = [i for i in fact["items"] if (i["hs_code"] or "")[:2] in item16] if embargo_scope else specified
        if not goods:
            continue
        reasons_high: list[str] = []
        reasons_medium: list[str] = []
        nodes: list[dict[str, Any]] = []
        rels: list[dict[str, Any]] = []
        for party in fact["parties"]:
            if party["role"] not in ("CONSIGNEE", "END_USER"):
                continue
            for m in party["listed"]:
                if m["source"] == params["eul_source"] and m["score"] >= float(params.get("strong", 0.85)) \
                        and "CW" in (m["programs"] or []):
                    reasons_high.append(f"{party['role'].lower()} {party['name']!r} is on the METI End User List "
                                        f"for conventional weapons ({m['name']!r})")
                    nodes += [node(party["eid"], "Party", key=party["key"], name=party["name"]), node(m["entry_eid"], "ListEntry", id=m["entry"], name=m["name"])]
                    rels += [rel(party["rel_eid"], party["role"], fact["declaration_eid"], party["eid"]),
                             rel(m["rel_eid"], "MATCHES", party["eid"], m["entry_eid"])]
            party_names = [n for n in [party["name"], party.get("name_latin"), *(party.get("names") or [])] if n]
            score, found = _name_score(names, party_names)
            if score >= threshold:
                (reasons_high if embargo_scope else reasons_medium).append(
                    f"{party['role'].lower()} {party['name']!r} carries military name indicators "
                    f"{', '.join(found)} (MU-01 score {score:.2f} ≥ {threshold:g})")
                nodes.append(node(party["eid"], "Party", key=party["key"], name=party["name"]))
                rels.append(rel(party["rel_eid"], party["role"], fact["declaration_eid"], party["eid"]))
        for item in fact["items"]:
            used = end_use.find(item["description"])
            if used:
                reasons_high.append(f"goods description {item['description']!r} states a military end use "
                                    f"({', '.join(repr(h.term) for h in used)}; MU-03)")
                nodes.append(node(item["eid"], "GoodsItem", id=item["item"], hs_code=item["hs_code"], description=item["description"]))
        if reasons_high:
            severity, score_out, reasons = "HIGH", 0.8, reasons_high
        elif reasons_medium or (embargo_scope and specified):
            severity, score_out = "MEDIUM", 0.5
            reasons = reasons_medium or [f"16(1) goods (item {', '.join(specified[0]['catchall'])}) with no other indicator (review)"]
        else:
            continue
        described = ", ".join(f"HS {i['hs_code']}" + (f" (16(1) item {', '.join(i['catchall'])})" if i["catchall"] else "")
                              for i in goods[:3])
        where = "is under a UN arms embargo" if embargo_scope else "is outside Group A (general country)"
        nodes += [node(fact["declaration_eid"], "Declaration", number=fact["declaration"])]
        nodes += [node(i["eid"], "GoodsItem", id=i["item"], hs_code=i["hs_code"], description=i["description"]) for i in goods[:3]]
        rows.append({
            "declaration": fact["declaration"], "severity": severity, "score": score_out,
            "explanation": (f"destination {fact['destination']} {where}; catch-all goods {described}; no licence number; "
                            + "; ".join(reasons)),
            "evidence": evidence(nodes, rels),
            "matched": {"destination": fact["destination"], "hs_codes": [i["hs_code"] for i in goods],
                        "indicators": reasons},
        })
    return rows
