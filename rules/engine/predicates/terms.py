"""Rules that read words: control markings and codes (CL-02), a stated military end use (MU-03),
intermediaries as consignee or end user (RF-02) and residential addresses (RF-03).

Version 2 of each: terms match on token boundaries as their `span` says (rules/classify/terms.py), so
"guitar" never fires ITAR and "guava" never fires UAV; control codes count only when a loaded control list
holds them and the text calls them one. Version 1 (substring Cypher) is kept in git history and the stored
alerts keep their version.
"""

from __future__ import annotations

from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.rules.classify.terms import TermHit, TermMatcher
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node, rel
from ecgraph.rules.engine.predicates.control_codes import KnownCodes, find_codes
from ecgraph.rules.engine.shared_reads import control_codes, declaration_facts, indicator_terms

__all__ = ["control_markings", "intermediary_party", "military_end_use", "residential_address"]


def _matcher(graph: Graph, categories: list[str]) -> TermMatcher:
    return TermMatcher(indicator_terms(graph), categories)


def _terms(hits: list[TermHit]) -> str:
    return ", ".join(f"{h.term!r} ({h.span}, {h.category})" for h in hits)


def _in(groups: list[str] | None, wanted: Any) -> bool:
    return bool(set(groups or []) & set(wanted or []))


def _hub(fact: dict[str, Any], params: dict[str, Any]) -> bool:
    """A destination of concern or a diversion hub (DIVERSION_HUB excludes Group A)."""
    groups = fact["destination_groups"]
    return _in(groups, params.get("concern_groups")) and not _in(groups, [params.get("group_a", "JP_GROUP_A")])


def _item_node(fact: dict[str, Any], item: dict[str, Any]) -> list[dict[str, Any]]:
    return [node(item["eid"], "GoodsItem", id=item["item"], hs_code=item["hs_code"], description=item["description"]),
            node(fact["declaration_eid"], "Declaration", number=fact["declaration"])]


def _party_evidence(fact: dict[str, Any], party: dict[str, Any], address: dict[str, Any] | None = None) -> dict[str, Any]:
    nodes = [node(party["eid"], "Party", key=party["key"], name=party["name"]),
             node(fact["declaration_eid"], "Declaration", number=fact["declaration"])]
    rels = [rel(party["rel_eid"], party["role"], fact["declaration_eid"], party["eid"])]
    if address is not None:
        nodes.append(node(address["eid"], "Address", id=address["id"], raw=address["raw"]))
    return evidence(nodes, rels)


def control_markings(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    """CL-02: CONTROL_MARKING terms or control codes in a goods description, no licence number."""
    params = rule.params
    matcher = _matcher(graph, [params.get("category", "CONTROL_MARKING")])
    known = KnownCodes(control_codes(graph))
    rows = []
    for fact in declaration_facts(graph, declarations):
        if fact["licence"]:
            continue
        for item in fact["items"]:
            hits = matcher.find(item["description"])
            codes = [c for c in find_codes(item["description"], known) if c.kind != "ear99"]
            real = [c for c in codes if c.validated]
            if not hits and not codes:
                continue
            hub = _hub(fact, params)
            if real or (hits and hub):
                severity, score = "HIGH", 0.7
            elif hits:
                severity, score = "MEDIUM", 0.5
            else:
                severity, score = "LOW", float(params.get("look_alike_weight", 0.1))
            found = []
            if hits:
                found.append("control markings " + _terms(hits))
            found += [c.describe() for c in codes]
            rows.append({
                "declaration": fact["declaration"], "severity": severity, "score": score,
                "explanation": (f"goods description {item['description']!r} (HS {item['hs_code']}): " + "; ".join(found)
                                + ("; destination " + str(fact["destination"]) + " is a concern/hub destination" if hub else "")
                                + "; no licence number"),
                "evidence": evidence(_item_node(fact, item)),
                "matched": {"description": item["description"], "terms": [h.term for h in hits],
                            "codes": [{"code": c.code, "as_written": c.text, "in_lists": list(c.lists),
                                       "context": c.context, "validated": c.validated} for c in codes]},
            })
    return rows


def military_end_use(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    """MU-03: END_USE_MILITARY terms in a goods description (MEDIUM: a description, not a document)."""
    params = rule.params
    matcher = _matcher(graph, [params.get("category", "END_USE_MILITARY")])
    fp_context = TermMatcher([{"term": t, "category": "FP", "weight": 0, "match": "word"}
                              for t in params.get("false_positive_context", [])])
    rows = []
    for fact in declaration_facts(graph, declarations):
        for item in fact["items"]:
            hits = matcher.find(item["description"])
            if not hits or fp_context.find(item["description"]):
                continue
            rows.append({
                "declaration": fact["declaration"], "score": 0.6,
                "explanation": (f"goods description {item['description']!r} (HS {item['hs_code']}) states a military "
                                f"end use: {_terms(hits)}"),
                "evidence": evidence(_item_node(fact, item)),
                "matched": {"description": item["description"], "terms": [h.term for h in hits]},
            })
    return rows


def intermediary_party(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    """RF-02: an intermediary (forwarder, logistics, trading house) as end user, or as consignee with no
    end user, receiving CHPL / 16(1) / control-correlated goods; HIGH to a hub with CHPL tier 1-2 goods."""
    params = rule.params
    matcher = _matcher(graph, [params.get("category", "INTERMEDIARY")])
    high_tiers = {str(t) for t in params.get("high_tiers", ["1", "2"])}
    rows = []
    for fact in declaration_facts(graph, declarations):
        goods = [i for i in fact["items"] if i["chpl_tier"] or i["catchall"] or i["correlated"]]
        if params.get("require_sensitive_goods", True) and not goods:
            continue
        roles = {p["role"] for p in fact["parties"]}
        forwarders = {p["key"] for p in fact["parties"] if p["role"] == "FORWARDER"}
        for party in fact["parties"]:
            if party["role"] != "END_USER" and not (party["role"] == "CONSIGNEE" and "END_USER" not in roles):
                continue
            names = [n for n in [party["name"], party.get("name_latin"), *(party.get("names") or [])] if n]
            hits = {h.term: h for n in names for h in matcher.find(n)}
            is_forwarder = party["role"] == "END_USER" and party["key"] in forwarders
            if not hits and not is_forwarder:
                continue
            hub = _hub(fact, params)
            top = any(str(i["chpl_tier"]) in high_tiers for i in goods)
            severity = "HIGH" if hub and top else "MEDIUM"
            described = "; ".join(f"HS {i['hs_code']}" + (f" CHPL tier {i['chpl_tier']}" if i["chpl_tier"] else "")
                                  + (f" 16(1) item {', '.join(i['catchall'])}" if i["catchall"] else "") for i in goods[:3])
            rows.append({
                "declaration": fact["declaration"], "severity": severity, "score": 0.6 if severity == "HIGH" else 0.5,
                "explanation": (f"{party['role'].lower()} {party['name']!r} is an intermediary"
                                + (" (also the forwarder)" if is_forwarder else "")
                                + (f": {_terms(list(hits.values()))}" if hits else "")
                                + (f"; receives {described}" if described else "")
                                + (f"; destination {fact['destination']} is a transshipment hub" if hub else "")),
                "evidence": _party_evidence(fact, party),
                "matched": {"party": party["name"], "role": party["role"], "terms": sorted(hits),
                            "forwarder": is_forwarder, "hub": hub},
            })
    return rows


def residential_address(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    """RF-03: consignee / end user at a residential address (MEDIUM with CHPL or 16(1) goods, else LOW), or
    at an address shared by many companies (LOW; MEDIUM from `address_hub_medium`).

    Every address of the party is asked, not the first one the store returns: "is this party at a
    residential address" is true when any of its addresses is, and which one comes first changes with
    unrelated writes. One finding per address that qualifies, each naming its address."""
    params = rule.params
    matcher = _matcher(graph, [params.get("category", "RESIDENTIAL_ADDRESS")])
    hub_min, hub_medium = int(params.get("address_hub_min", 5)), int(params.get("address_hub_medium", 20))
    rows = []
    for fact in declaration_facts(graph, declarations):
        sensitive = any(i["chpl_tier"] or i["catchall"] for i in fact["items"])
        for party, address in ((p, a) for p in fact["parties"] for a in p["addresses"]):
            if party["role"] not in params.get("roles", ["CONSIGNEE", "END_USER"]) or not address["raw"]:
                continue
            hits = matcher.find(address["raw"])
            companies = int(address["companies"] or 0)
            if not hits and companies < hub_min:
                continue
            medium = (hits and sensitive) or companies >= hub_medium
            reasons = []
            if hits:
                reasons.append(f"residential address ({_terms(hits)})")
            if companies >= hub_min:
                reasons.append(f"{companies} companies share this address")
            rows.append({
                "declaration": fact["declaration"], "severity": "MEDIUM" if medium else "LOW",
                "score": 0.4 if medium else 0.2,
                "explanation": (f"{party['role'].lower()} {party['name']!r} at {address['raw']!r}: " + "; ".join(reasons)
                                + ("; goods are CHPL / 16(1)" if hits and sensitive else "")),
                "evidence": _party_evidence(fact, party, address),
                "matched": {"address": address["raw"], "residential_terms": [h.term for h in hits],
                            "companies": companies, "sensitive_goods": sensitive},
            })
    return rows
