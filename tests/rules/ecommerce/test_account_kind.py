"""A marketplace account says what it is (issue 20): a private person's name is screened as a person's.

51 of 55 EC-03 demo alerts were private buyers whose names shared a family name with a list entry of
unknown type ("Marco Taylor" ~ "Maurice Taylor", 0.89). With `kind: person` the account is searched as a
person, entries listed as organisations are no candidates, and every name word must agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecgraph.graph import Graph, Settings
from ecgraph.ingest.ecommerce import ContactHasher, load_or_create_key, load_orders
from ecgraph.ingest.lists import load_custom_list
from ecgraph.rules.ecommerce import resolve_accounts
from ecgraph.rules.ecommerce.accounts import account_query, person_names_agree
from tests.ingest.ecommerce.factory import OPERATOR, order, write_jsonl


@pytest.mark.parametrize(("account", "listed", "agree"), [
    ("Marco Taylor", "Maurice Taylor", False),  # a shared family name is not the person
    ("Sofia Rossi", "Sofia Rossini", False),
    ("Mohammed Ali", "Muhammad Ali", True),  # a romanisation variant of one given name
    ("Ali Hassan", "HASSAN, Ali", True),  # family name first, with a comma
    ("Emily Carter", "E. Carter", True),  # an initial
    ("Noah Lin", "Lin Noah Wei", True),  # the listed name adds a middle name
])
def test_person_names_agree_word_by_word(account: str, listed: str, agree: bool) -> None:
    assert person_names_agree(account, listed) is agree
    assert person_names_agree(listed, account) is agree


def test_the_kind_decides_how_the_name_is_read() -> None:
    assert account_query({"name": "Marco Taylor", "country": "US", "kind": "person"}).entity_type == "person"
    assert account_query({"name": "Acme Trading LLC", "country": "AE", "kind": "company"}).entity_type == "organization"
    unknown = account_query({"name": "Marco Taylor", "country": "US"})
    assert unknown.entity_type == "unknown" and unknown.countries == ["US"]


def _buyer(account_id: str, name: str, kind: str | None) -> dict[str, object]:
    buyer: dict[str, object] = {"account_id": account_id, "name": name, "country": "US",
                                "addresses": [f"{account_id} Maple Street, Springfield, US"]}
    return buyer if kind is None else {**buyer, "kind": kind}


def test_a_person_account_matches_only_the_person_it_is(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    watch = tmp_path / "watch.jsonl"
    watch.write_text("".join(json.dumps(e) + "\n" for e in (
        {"id": "w1", "name": "Maurice Taylor", "country": "US"},  # type unknown, as many list entries are
        {"id": "w2", "name": "Taylor Marco Holdings", "country": "US", "type": "organization"})), encoding="utf-8")
    load_custom_list(graph, "watch", watch, data_dir=settings.data_dir)
    orders: list[object] = [order(order_number=f"K-{n}", buyer=_buyer(f"B{n}", name, kind),
                    parcels=[{"tracking_number": f"EM00000000{n}JP", "carrier": "Japan Post", "items": [1]}])
              for n, (name, kind) in enumerate((("Marco Taylor", None), ("Marco Taylor", "person"),
                                                ("Maurice Taylor", "person")))]
    hasher = ContactHasher(load_or_create_key(settings.config_dir))
    load_orders(graph, write_jsonl(tmp_path / "o.jsonl", orders), operator=OPERATOR, hasher=hasher,
                state_dir=tmp_path / "state")
    resolve_accounts(graph, tmp_path / "cache")
    matched = {r["account"]: r["entries"] for r in graph.read(
        "MATCH (a:Account) WHERE a.account_id STARTS WITH 'B' OPTIONAL MATCH (a)-[:ACCOUNT_MATCHES]->(e:ListEntry) "
        "RETURN a.account_id AS account, collect(e.name) AS entries")}
    assert matched["B0"], "read as a party of unknown kind, the name still resembles the entry (the old behaviour)"
    assert matched["B1"] == [], "a person whose given name differs is not the listed person"
    assert matched["B2"] == ["Maurice Taylor"], "the listed person is still found, and no company"
