"""PS-02: a declaration party at (nearly) the same address as a listed entry, in the same country.

Addresses are compared after normalisation with rapidfuzz's token-sort ratio, within one country (not
the token-set ratio: it scores 100 whenever one address's words are a subset of the other's, so
"Latakia, SY" would match every building in Latakia);
addresses shared by many companies (registered agents, business centres) are skipped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

from rapidfuzz import fuzz, process

from ecgraph.graph.connection import Graph
from ecgraph.graph.rule_inputs import list_addresses, party_addresses
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node, rel

__all__ = ["normalise_address", "shared_address", "specific"]


def normalise_address(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def specific(address: str) -> bool:
    """Specific enough to name a building: a number and at least three other words."""
    tokens = address.split()
    return any(t.isdigit() or any(c.isdigit() for c in t) for t in tokens) and len(tokens) >= 4


def shared_address(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    params = rule.params
    cutoff = float(params.get("min_similarity", 0.9)) * 100
    mass = int(params.get("mass_registration_min", 20))
    high_sources = set(params.get("high_sources", []))
    parties = [p for p in party_addresses(graph, declarations, list(params.get("roles", ["CONSIGNEE", "END_USER"])))
               if p["address"] and p["country"] and p["companies"] < mass]
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in list_addresses(graph, sorted({p["country"] for p in parties})):
        if entry["address"]:
            by_country[entry["country"]].append(entry)
    choices = {c: [normalise_address(e["address"]) for e in entries] for c, entries in by_country.items()}
    rows = []
    # a consignee recurs on many declarations: compare each distinct address once
    found: dict[tuple[str, str], list[tuple[str, float, int]]] = {}
    for party in parties:
        candidates = choices.get(party["country"])
        if not candidates:
            continue
        query = normalise_address(party["address"])
        if not specific(query):  # "Pyongyang, KP" says nothing about a shared building
            continue
        key = (party["country"], query)
        if key not in found:
            found[key] = process.extract(query, candidates, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff,
                                         limit=5)
        for _, score, index in found[key]:
            entry = by_country[party["country"]][index]
            if entry["entry"] in party["matched_entries"]:
                continue  # the party *is* that entry (PS-01 reports it); sharing its address adds nothing
            severity = "HIGH" if entry["source"] in high_sources else "MEDIUM"
            rows.append({
                "declaration": party["declaration"], "score": round(score / 100, 4), "severity": severity,
                "party": party["key"], "entry": entry["entry"],
                "explanation": (f"{party['role'].lower()} {party['name']!r} at {party['address']!r} shares the address "
                                f"of {entry['source']} entry {entry['name']!r} ({entry['address']!r}; similarity "
                                f"{score / 100:.2f}; {party['companies']} {'company' if party['companies'] == 1 else 'companies'} at the party's "
                                f"address)"),
                "evidence": evidence(
                    [node(party["declaration_eid"], "Declaration", number=party["declaration"]),
                     node(party["party_eid"], "Party", key=party["key"], name=party["name"]),
                     node(party["address_eid"], "Address", raw=party["address"]),
                     node(entry["entry_eid"], "ListEntry", id=entry["entry"], name=entry["name"]),
                     node(entry["address_eid"], "Address", raw=entry["address"])],
                    [rel(party["role_eid"], party["role"], party["declaration_eid"], party["party_eid"]),
                     rel(party["located_eid"], "LOCATED_AT", party["party_eid"], party["address_eid"]),
                     rel(entry["located_eid"], "LOCATED_AT", entry["entry_eid"], entry["address_eid"])]),
                "matched": {"declared_address": party["address"], "listed_address": entry["address"],
                            "similarity": score / 100, "list": entry["source"], "listed": entry["name"]},
            })
    return rows
