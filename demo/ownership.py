"""Planted ownership chains and officer / registration networks for the demo, written as Beneficial
Ownership Data Standard statements.

Networks (PS-05) come in two shapes, cycled: `shared_director` (the consignee's board member also sits
on a listed company's board) and `shared_registration` (the consignee states the listed company's
registration number, punctuated differently).

Ownership chains come in four shapes, cycled: `direct` (one listed owner, 60 %), `aggregate` (two listed owners, 30 % + 25 %:
none alone passes 50 %, together they do), `chain` (listed owner 100 % of a holding that owns 51 %
of the consignee) and `minority` (listed 40 %, unlisted 60 %: not blocked, a PS-04 indicator).
The expectation for each is recorded in the truth file; the BODS 0.2 statements go beside it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from ecgraph.demo.catalogue import ListedEntity
from ecgraph.demo.parties import consignee, person

__all__ = ["CHAIN_KINDS", "NETWORK_KINDS", "NetworkLink", "OwnershipChain", "bods_statements", "make_chains",
           "make_networks", "network_statements"]

CHAIN_KINDS = ("direct", "aggregate", "chain", "minority")
NETWORK_KINDS = ("shared_director", "shared_registration")
PUBLISHER = {"name": "ecgraph demo generator"}


@dataclass
class OwnershipChain:
    kind: str
    target: dict[str, Any]  # the consignee party as it appears on declarations
    edges: list[tuple[str, str, float]]  # (owner id, owned id, percent)
    entities: dict[str, dict[str, Any]]  # id -> {name, country, listed: {source, source_id} | None}
    expected: str  # blocked (PS-03: ≥ 50 % in aggregate by listed owners) | minority (PS-04)
    declarations: list[str] = field(default_factory=list)


def make_chains(rng: random.Random, count: int, listed: list[ListedEntity], hubs: list[str]) -> list[OwnershipChain]:
    chains = []
    for index in range(count):
        kind = CHAIN_KINDS[index % len(CHAIN_KINDS)]
        country = rng.choice(hubs)
        target = consignee(rng, country)
        target["name"] = target["name"].replace(" ", f" {rng.choice(('Nord', 'Vega', 'Tian', 'Lumen'))} ", 1)
        target_id = f"demo-company-{index}-target"
        owners = rng.sample(listed, 2)
        entities: dict[str, dict[str, Any]] = {target_id: {"name": target["name"], "country": country, "listed": None}}
        for n, owner in enumerate(owners):
            entities[f"demo-company-{index}-owner{n}"] = {
                "name": owner.name, "country": owner.country,
                "listed": {"source": owner.source, "source_id": owner.source_id, "list": owner.list}}
        o0, o1 = f"demo-company-{index}-owner0", f"demo-company-{index}-owner1"
        if kind == "direct":
            edges, expected = [(o0, target_id, 60.0)], "blocked"
        elif kind == "aggregate":
            edges, expected = [(o0, target_id, 30.0), (o1, target_id, 25.0)], "blocked"
        elif kind == "chain":
            holding = f"demo-company-{index}-holding"
            entities[holding] = {"name": consignee(rng, country)["name"].replace(" ", " Holding ", 1),
                                 "country": country, "listed": None}
            del entities[o1]
            edges, expected = [(o0, holding, 100.0), (holding, target_id, 51.0)], "blocked"
        else:
            other = f"demo-company-{index}-other"
            entities[other] = {"name": consignee(rng, country)["name"], "country": country, "listed": None}
            del entities[o1]
            edges, expected = [(o0, target_id, 40.0), (other, target_id, 60.0)], "minority"
        chains.append(OwnershipChain(kind, target, edges, entities, expected))
    return chains


def bods_statements(chains: list[OwnershipChain], statement_date: str) -> list[dict[str, Any]]:
    """BODS 0.2: an entityStatement per company, an ownershipOrControlStatement per shareholding."""
    publication = {"publicationDate": statement_date, "bodsVersion": "0.2", "publisher": PUBLISHER}
    out: list[dict[str, Any]] = []
    for chain in chains:
        for entity_id, entity in chain.entities.items():
            identifiers = [{"scheme": "ecgraph-demo", "id": entity_id}]
            if entity["listed"]:
                identifiers.append({"schemeName": entity["listed"]["source"], "id": entity["listed"]["source_id"]})
            out.append({
                "statementID": f"{entity_id}-entity", "statementType": "entityStatement",
                "statementDate": statement_date, "entityType": "registeredEntity", "name": entity["name"],
                "incorporatedInJurisdiction": {"code": entity["country"]}, "identifiers": identifiers,
                "publicationDetails": publication,
            })
        for owner, owned, pct in chain.edges:
            out.append({
                "statementID": f"{owner}-owns-{owned}", "statementType": "ownershipOrControlStatement",
                "statementDate": statement_date,
                "subject": {"describedByEntityStatement": f"{owned}-entity"},
                "interestedParty": {"describedByEntityStatement": f"{owner}-entity"},
                "interests": [{"type": "shareholding", "directOrIndirect": "direct", "share": {"exact": pct},
                               "beneficialOwnershipOrControl": False}],
                "publicationDetails": publication,
            })
    return out


@dataclass
class NetworkLink:
    kind: str
    target: dict[str, Any]  # the consignee party as it appears on declarations
    listed: ListedEntity  # the listed company it is linked to
    link: str  # the director's name or the shared registration number
    declarations: list[str] = field(default_factory=list)


def make_networks(rng: random.Random, count: int, listed: list[ListedEntity], hubs: list[str]) -> list[NetworkLink]:
    networks = []
    for index in range(count):
        kind = NETWORK_KINDS[index % len(NETWORK_KINDS)]
        company = rng.choice(listed)
        country = company.country if company.country in hubs else rng.choice(hubs)
        target = consignee(rng, country)
        target["name"] = target["name"].replace(" ", f" {rng.choice(('Orion', 'Delta', 'Kestrel', 'Polar'))} ", 1)
        link = person(rng, country)["name"] if kind == "shared_director" else str(rng.randrange(10**8, 10**9))
        networks.append(NetworkLink(kind, target, company, link))
    return networks


def network_statements(networks: list[NetworkLink], statement_date: str) -> list[dict[str, Any]]:
    """BODS 0.2: the consignee and the listed company as entities; a person on both boards, or one
    registration number on both (written `123-456-789` on the consignee's statement)."""
    publication = {"publicationDate": statement_date, "bodsVersion": "0.2", "publisher": PUBLISHER}
    out: list[dict[str, Any]] = []
    for index, network in enumerate(networks):
        base = f"demo-network-{index}"
        shared = network.kind == "shared_registration"
        reg = network.link
        for suffix, name, country, number in (
                ("target", network.target["name"], network.target["country"], f"{reg[:3]}-{reg[3:6]}-{reg[6:]}"),
                ("listed", network.listed.name, network.listed.country, reg)):
            out.append({
                "statementID": f"{base}-{suffix}", "statementType": "entityStatement", "statementDate": statement_date,
                "entityType": "registeredEntity", "name": name, "incorporatedInJurisdiction": {"code": country},
                "identifiers": [{"scheme": "ecgraph-demo", "id": f"{base}-{suffix}"}]
                + ([{"scheme": "demo-registry", "id": number}] if shared else []),
                "publicationDetails": publication,
            })
        if shared:
            continue
        out.append({"statementID": f"{base}-director", "statementType": "personStatement",
                    "statementDate": statement_date, "personType": "knownPerson",
                    "names": [{"type": "individual", "fullName": network.link}],
                    "nationalities": [{"code": network.target["country"]}], "publicationDetails": publication})
        for suffix in ("target", "listed"):
            out.append({
                "statementID": f"{base}-director-{suffix}", "statementType": "ownershipOrControlStatement",
                "statementDate": statement_date,
                "subject": {"describedByEntityStatement": f"{base}-{suffix}"},
                "interestedParty": {"describedByPersonStatement": f"{base}-director"},
                "interests": [{"type": "boardMember", "directOrIndirect": "direct",
                               "beneficialOwnershipOrControl": False}],
                "publicationDetails": publication,
            })
    return out
