"""Orders → rows for `graph.ecommerce`: ids, redaction of contacts, per-batch de-duplication of accounts.

Ids: an order is `<operator>:<order_number>`, a version `<order id>:<sequence>`, an account
`<operator>:<account_id>`, an item `<order id>:<seq>`; a parcel is its tracking number. Addresses use the
declarations' address id (`ingest.declarations.map.address_id`), so an order shipped to a consignee's
address meets that consignee's Address node. The stored record of a version is *redacted*: phone and
e-mail are replaced by their keyed hashes before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from ecgraph.graph.ecommerce import OrderBatch
from ecgraph.ingest.declarations.map import address_id, normalise_name
from ecgraph.ingest.ecommerce.contacts import ContactHasher
from ecgraph.ingest.ecommerce.validate import ACCOUNT_ROLES

__all__ = ["PlannedOrder", "account_id", "build_order_batch", "order_id", "redact"]

ORDER_FIELDS = ("sequence", "status", "price", "price_jpy", "currency", "payment_method")
ITEM_FIELDS = ("seq", "title", "category", "quantity", "unit_price", "product_id", "brand", "model")


@dataclass
class PlannedOrder:
    record: dict[str, Any]  # redacted: no phone or e-mail in clear
    hash: str  # content hash of the record as sent (idempotency)
    action: str  # new | replace | history
    operator: str
    source_file: str
    line: int
    load_id: str
    contacts: dict[str, list[dict[str, str]]]  # role -> [{hash, kind}]


def order_id(operator: str, number: str) -> str:
    return f"{operator}:{number}"


def account_id(operator: str, account: dict[str, Any]) -> str:
    return f"{operator}:{account['account_id']}"


def redact(record: dict[str, Any], hasher: ContactHasher) -> tuple[dict[str, Any], dict[str, list[dict[str, str]]]]:
    """The record with phone/e-mail replaced by `phone_hash`/`email_hash`, and the hashes per role."""
    redacted = dict(record)
    contacts: dict[str, list[dict[str, str]]] = {}
    for role in ACCOUNT_ROLES:
        account = dict(record[role])
        found: list[dict[str, str]] = []
        phone = account.pop("phone", None)
        if phone:
            digest = hasher.phone(phone, account.get("country"))
            if digest:
                account["phone_hash"] = digest
                found.append({"hash": digest, "kind": "phone"})
        email = account.pop("email", None)
        if email:
            digest = hasher.email(email)
            if digest:
                account["email_hash"] = digest
                found.append({"hash": digest, "kind": "email"})
        redacted[role] = account
        contacts[role] = found
    return redacted, contacts


def _address(raw: str, country: str | None) -> dict[str, Any]:
    return {"id": address_id(raw, country), "raw": raw, "norm": normalise_name(raw), "country": country}


class _Once:
    """Rows keyed once per batch: the same account, address or contact in many orders is one row."""

    def __init__(self) -> None:
        self.rows: dict[Any, dict[str, Any]] = {}

    def add(self, key: Any, row: dict[str, Any]) -> dict[str, Any]:
        return self.rows.setdefault(key, row)

    def __call__(self) -> list[dict[str, Any]]:
        return list(self.rows.values())


def build_order_batch(planned: list[PlannedOrder]) -> OrderBatch:
    """All rows for one transaction, flat: each account, address and contact once however often it occurs."""
    batch = OrderBatch()
    accounts, contacts, addresses, account_contacts, account_addresses, countries = (_Once() for _ in range(6))
    address_cache: dict[tuple[str, str | None], dict[str, Any]] = {}

    def address(raw: str, country: str | None) -> dict[str, Any]:
        found = address_cache.get((raw, country))
        if found is None:
            found = address_cache[(raw, country)] = _address(raw, country)
            addresses.add(found["id"], found)
        return found

    for plan in planned:
        record = plan.record
        oid = order_id(plan.operator, record["order_number"])
        version = {
            "id": f"{oid}:{record['sequence']}", "order_id": oid, "sequence": record["sequence"],
            "status": record["status"], "hash": plan.hash, "record": orjson.dumps(record).decode(),
            "source_file": plan.source_file, "source_line": plan.line, "load_id": plan.load_id,
        }
        if plan.action == "history":
            batch.history.append({"order": oid, "version": version})
            continue
        if plan.action == "replace":
            batch.replaced.append(oid)
        ids = {}
        for role in ACCOUNT_ROLES:
            account = record[role]
            aid = ids[role] = account_id(plan.operator, account)
            if aid not in accounts.rows:  # a shop recurs on many orders of a batch: its row is built once
                accounts.add(aid, {
                    "id": aid, "operator": plan.operator, "account_id": account["account_id"],
                    "name": account["name"], "name_norm": normalise_name(account["name"]),
                    "country": account.get("country"), "kind": account.get("kind")})
            for contact in plan.contacts[role]:
                contacts.add(contact["hash"], contact)
                account_contacts.add((aid, contact["hash"]), {"account": aid, "hash": contact["hash"]})
            for raw in account.get("addresses") or []:
                xid = address(raw, account.get("country"))["id"]
                account_addresses.add((aid, xid), {"account": aid, "address": xid})
        ship_to = record["ship_to"]
        ship_to_id = address(ship_to["address"], ship_to.get("country"))["id"]
        if ship_to.get("country") is not None:  # a country kept as text only (`country_text`) has no node
            countries.add(ship_to_id, {"address": ship_to_id, "country": ship_to["country"]})
        items = record["items"]
        props = {f: record[f] for f in ORDER_FIELDS if f in record}
        props.update({"operator": plan.operator, "number": record["order_number"], "hash": plan.hash,
                      "ship_to_country": ship_to.get("country"), "ship_to_country_text": ship_to.get("country_text"),
                      "item_count": len(items),
                      "source_file": plan.source_file, "source_line": plan.line})
        batch.orders.append({"id": oid, "placed_at": record["order_time"], "props": props, "version": version,
                             "seller": ids["seller"], "buyer": ids["buyer"], "ship_to": ship_to_id,
                             "ship_to_name": ship_to.get("name")})
        batch.items.extend({"id": f"{oid}:{i['seq']}", "order_id": oid, **{k: i[k] for k in ITEM_FIELDS if k in i}}
                           for i in items)
        all_seqs = [i["seq"] for i in items]
        batch.parcels.extend({"order": oid, "tracking_number": p["tracking_number"], "carrier": p["carrier"],
                              "weight_kg": p.get("weight_kg"), "operator": plan.operator,
                              "items": p.get("items") or all_seqs} for p in record.get("parcels") or [])
    batch.accounts, batch.contacts, batch.addresses = accounts(), contacts(), addresses()
    batch.account_contacts, batch.account_addresses, batch.address_countries = (
        account_contacts(), account_addresses(), countries())
    return batch
