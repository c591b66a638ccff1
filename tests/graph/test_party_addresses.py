"""The shared-address rule's input: the declarations' parties and each party's addresses, read apart.

A party under one key at many addresses recurs on many declarations; joined in the graph, one batch of a
1M-declaration world was 1.1M rows. Read apart, each party's addresses are held once and paired with each
declaration that names the party only as the rule walks them.
"""

from __future__ import annotations

from ecgraph.graph.rule_inputs import PartyAddresses

USES = [
    {"declaration": "D1", "role": "CONSIGNEE", "key": "p1"},
    {"declaration": "D2", "role": "CONSIGNEE", "key": "p1"},
    {"declaration": "D2", "role": "END_USER", "key": "p2"},
]
ADDRESSES = {
    "p1": [{"key": "p1", "address": "1 Industrial Road, Shenzhen", "country": "CN", "companies": 1},
           {"key": "p1", "address": "9 Free Zone, Dubai", "country": "AE", "companies": 40}],
    "p2": [{"key": "p2", "address": "", "country": "CN", "companies": 1}],
}


def test_every_use_is_paired_with_every_address_of_its_party_in_the_order_read() -> None:
    pairs = [(use["declaration"], use["role"], address["address"]) for use, address in
             PartyAddresses(USES, ADDRESSES).pairs()]
    assert pairs == [("D1", "CONSIGNEE", "1 Industrial Road, Shenzhen"), ("D1", "CONSIGNEE", "9 Free Zone, Dubai"),
                     ("D2", "CONSIGNEE", "1 Industrial Road, Shenzhen"), ("D2", "CONSIGNEE", "9 Free Zone, Dubai"),
                     ("D2", "END_USER", "")]


def test_each_partys_addresses_are_held_once_however_many_declarations_name_it() -> None:
    first, second = [address for use, address in PartyAddresses(USES, ADDRESSES).pairs()
                     if use["key"] == "p1" and address["country"] == "CN"]
    assert first is second


def test_kept_drops_addresses_not_uses() -> None:
    kept = PartyAddresses(USES, ADDRESSES).kept(lambda a: bool(a["address"]) and a["companies"] < 20)
    assert kept.uses == USES
    assert [(u["declaration"], a["address"]) for u, a in kept.pairs()] == [
        ("D1", "1 Industrial Road, Shenzhen"), ("D2", "1 Industrial Road, Shenzhen")]
