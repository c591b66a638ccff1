"""PS-02: a declaration party at the same address, building or street as a listed entry.

v2 (`shared_address.v2`) takes both addresses apart (`address_parts`: building, street, number,
unit, floor, city, country, with Hong Kong / Macau / Taiwan placed alike however the country field
is written) and grades the agreement: same address, same building (two units of one tower), same
street; each grade has its own score and severity in the rule's params and its own explanation line.
v1 compares the whole normalised text with rapidfuzz's token-sort ratio within one country (not the
token-set ratio: it scores 100 whenever one address's words are a subset of the other's, so
"Latakia, SY" would match every building in Latakia), and is kept so stored hits keep their meaning.
Addresses shared by many companies (registered agents, business centres) are skipped by both.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rapidfuzz import fuzz, process

from ecgraph.graph.connection import Graph
from ecgraph.graph.rule_inputs import PartyAddresses, list_addresses, party_addresses
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node, rel
from ecgraph.rules.engine.predicates.address_parts import (
    AddressParts,
    PartsTable,
    grade_addresses,
    parse_address,
    region_of,
)
from ecgraph.rules.engine.shared_reads import once_per_run
from ecgraph.schemas.names import list_key

__all__ = ["normalise_address", "shared_address", "shared_address_graded", "specific"]


# The whole-text form v1 compares: the list store form (schemas.names), as lists store their addresses.
normalise_address = list_key


def specific(address: str) -> bool:
    """Specific enough to name a building: a number and at least three other words."""
    tokens = address.split()
    return any(t.isdigit() or any(c.isdigit() for c in t) for t in tokens) and len(tokens) >= 4


def _shared_address_evidence(party: dict[str, Any], entry: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The declaration, the party at its address, and the listed entry at the address it shares."""
    return evidence(
        [node(party["declaration_eid"], "Declaration", number=party["declaration"]),
         node(party["party_eid"], "Party", key=party["key"], name=party["name"]),
         node(party["address_eid"], "Address", raw=party["address"]),
         node(entry["entry_eid"], "ListEntry", id=entry["entry"], name=entry["name"]),
         node(entry["address_eid"], "Address", raw=entry["address"])],
        [rel(party["role_eid"], party["role"], party["declaration_eid"], party["party_eid"]),
         rel(party["located_eid"], "LOCATED_AT", party["party_eid"], party["address_eid"]),
         rel(entry["located_eid"], "LOCATED_AT", entry["entry_eid"], entry["address_eid"])])


def _parties(graph: Graph, params: dict[str, Any], declarations: list[str]) -> PartyAddresses:
    """Declaration parties with their addresses that have a country and are not mass-registration addresses."""
    mass = int(params.get("mass_registration_min", 20))
    roles = list(params.get("roles", ["CONSIGNEE", "END_USER"]))
    return party_addresses(graph, declarations, roles).kept(
        lambda a: bool(a["address"] and a["country"]) and a["companies"] < mass)


def shared_address(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    params = rule.params
    cutoff = float(params.get("min_similarity", 0.9)) * 100
    high_sources = set(params.get("high_sources", []))
    parties = _parties(graph, params, declarations)
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in list_addresses(graph, sorted({a["country"] for _, a in parties.pairs()})):
        if entry["address"]:
            by_country[entry["country"]].append(entry)
    choices = {c: [normalise_address(e["address"]) for e in entries] for c, entries in by_country.items()}
    rows = []
    # a consignee recurs on many declarations: compare each distinct address once
    found: dict[tuple[str, str], list[tuple[str, float, int]]] = {}
    for use, address in parties.pairs():
        candidates = choices.get(address["country"])
        if not candidates:
            continue
        party = {**use, **address}
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
                "evidence": _shared_address_evidence(party, entry),
                "matched": {"declared_address": party["address"], "listed_address": entry["address"],
                            "similarity": score / 100, "list": entry["source"], "listed": entry["name"]},
            })
    return rows


_CHINA_WIDE = ("CN", "HK", "MO", "TW")
_DEFAULT_GRADES: dict[str, dict[str, Any]] = {
    "same_address": {"score": 0.95, "severity": "MEDIUM", "high_source_severity": "HIGH"},
    "same_building": {"score": 0.8, "severity": "MEDIUM", "high_source_severity": "MEDIUM"},
    "same_street": {"score": 0.5, "severity": "LOW", "high_source_severity": "LOW"},
}


def shared_address_graded(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    """v2: same address / same building / same street, each with its own score, severity and explanation."""
    params = rule.params
    min_similarity = float(params.get("min_similarity", 0.9))
    high_sources = set(params.get("high_sources", []))
    grades = {**_DEFAULT_GRADES, **params.get("grades", {})}
    parties = _parties(graph, params, declarations)
    countries = {a["country"] for _, a in parties.pairs()}
    if countries & set(_CHINA_WIDE):
        countries |= set(_CHINA_WIDE)  # a list may file a Hong Kong address under CN, a party under HK
    parsed: dict[tuple[str, str | None], AddressParts] = once_per_run("address_parts", dict)

    def parts_of(text: str, country: str | None) -> AddressParts:  # each address is taken apart once per run
        if (text, country) not in parsed:
            parsed[(text, country)] = parse_address(text, country)
        return parsed[(text, country)]

    by_region: dict[str | None, list[tuple[dict[str, Any], AddressParts]]] = defaultdict(list)
    for entry in list_addresses(graph, sorted(countries)):
        if entry["address"]:
            parts = parts_of(entry["address"], entry["country"])
            by_region[parts.country].append((entry, parts))
    # each distinct party address is graded once, against the listed addresses of its region, all of a
    # region's addresses in one pass (`PartsTable`)
    asked: dict[str | None, list[tuple[tuple[str, str], AddressParts]]] = defaultdict(list)
    graded: dict[tuple[str, str], list[tuple[dict[str, Any], str, str]]] = {}
    for _, party in parties.pairs():
        key = (party["country"], party["address"])
        if key in graded:
            continue
        graded[key] = []
        mine = parts_of(party["address"], party["country"])
        region = region_of(party["address"], party["country"])
        if (specific(normalise_address(party["address"])) or mine.building) and by_region.get(region):
            asked[region].append((key, mine))
    for region, queries in asked.items():
        listed = by_region[region]
        candidates = PartsTable([parts for _, parts in listed]).could_agree([q for _, q in queries], min_similarity)
        for (key, mine), indices in zip(queries, candidates, strict=True):
            for index in indices:  # in the listed order, as a pair-by-pair pass finds them
                entry, theirs = listed[index]
                found = grade_addresses(mine, theirs, min_similarity)
                if found is not None:
                    graded[key].append((entry, *found))
    rows = []
    for use, address in parties.pairs():
        hits = graded[(address["country"], address["address"])]
        party = {**use, **address} if hits else use
        for entry, grade, why in hits:
            if entry["entry"] in party["matched_entries"]:
                continue  # the party *is* that entry (PS-01 reports it); sharing its address adds nothing
            level = grades[grade]
            severity = level["high_source_severity"] if entry["source"] in high_sources else level["severity"]
            rows.append({
                "declaration": party["declaration"], "score": float(level["score"]), "severity": severity,
                "party": party["key"], "entry": entry["entry"],
                "explanation": (f"{party['role'].lower()} {party['name']!r} at {party['address']!r}: {why} as "
                                f"{entry['source']} entry {entry['name']!r} ({entry['address']!r}; "
                                f"{party['companies']} companies at the party's address)"),
                "evidence": _shared_address_evidence(party, entry),
                "matched": {"declared_address": party["address"], "listed_address": entry["address"],
                            "grade": grade, "why": why, "list": entry["source"], "listed": entry["name"]},
            })
    return rows
