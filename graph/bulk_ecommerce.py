"""Orders as importer CSVs: exactly the nodes, relationships and properties `graph.ecommerce` writes.

The rows are the online loader's own (`OrderBatch` from `ingest.ecommerce.map.build_order_batch`); each
method does what one statement of `write_order_batch` does with them, in the same order, so an offline
import and an online load of the same feed give the same graph (tests/ingest/ecommerce/test_bulk.py
compares the two). What MERGE and `SET` decide against the graph online (first row creates, last row
sets) is kept here in memory, one small entry per account, parcel, contact and address; an order's own
node and links are written once, for its final current version (`current_order`), by the caller.

Declarations imported in the same run (`ingest declarations` first, as an online backfill would load
them) share Address and Country nodes: `addresses` and `countries` are the declarations' sets, so a node
both feeds name is written once, as the declarations created it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ecgraph.graph.bulk_import import BulkFiles, Date, DateTime
from ecgraph.graph.ecommerce import OrderBatch

__all__ = ["OrderFiles", "SharedRows"]


@dataclass
class SharedRows:
    """Rows whose winner depends on every batch before them: what one part of a parallel bulk load leaves
    to the merge (`OrderFiles.merge`, in part order), each already de-duplicated within the part."""

    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)  # MERGE … SET: the last row wins
    parcels: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # MERGE … SET: the last row wins
    contacts: dict[str, str] = field(default_factory=dict)  # ON CREATE: the first kind stays
    addresses: dict[str, dict[str, Any]] = field(default_factory=dict)  # ON CREATE: the first writer's row
    has_contact: dict[tuple[str, str], None] = field(default_factory=dict)  # MERGE: once (ordered set)
    located: dict[tuple[str, str], None] = field(default_factory=dict)
    in_country: dict[str, str] = field(default_factory=dict)  # address id -> country: the first one


class OrderFiles:
    """Collects one bulk load's orders; shared nodes (accounts, parcels, contacts, addresses) once each.

    With `defer_shared` (a worker's part of a parallel load) addresses and links are kept in `shared`
    rather than written: another part may have written them first."""

    def __init__(self, files: BulkFiles, loaded_at: str, *, addresses: set[str] | None = None,
                 countries: set[str] | None = None, located_countries: set[str] | None = None,
                 defer_shared: bool = False) -> None:
        self.files = files
        self.loaded_at = DateTime(loaded_at)
        self.defer_shared = defer_shared
        self.addresses: set[str] = addresses if addresses is not None else set()  # ids already written
        self.countries: set[str] = countries if countries is not None else set()  # iso2 codes written by finish()
        self.in_country: set[str] = located_countries if located_countries is not None else set()  # IN_COUNTRY made
        self.shared = SharedRows()
        self.accounts, self.parcels, self.contacts = self.shared.accounts, self.shared.parcels, self.shared.contacts
        self.has_contact: set[tuple[str, str]] = set()
        self.located: set[tuple[str, str]] = set()

    def batch(self, batch: OrderBatch) -> None:
        """One transaction's shared nodes and its history versions (`write_order_batch`, statement by statement)."""
        for row in batch.accounts:  # MERGE … SET every property: the last batch's row wins
            self.accounts[row["id"]] = row
        for row in batch.contacts:  # ON CREATE: the first kind stays
            self.contacts.setdefault(row["hash"], row["kind"])
        if self.defer_shared:
            shared = self.shared
            for row in batch.addresses:
                shared.addresses.setdefault(row["id"], row)
            for row in batch.account_contacts:
                shared.has_contact[(row["account"], row["hash"])] = None
            for row in batch.account_addresses:
                shared.located[(row["account"], row["address"])] = None
            for row in batch.address_countries:
                if row["country"] is not None:
                    shared.in_country.setdefault(row["address"], row["country"])
        else:
            for row in batch.addresses:
                self._address(row)
            for row in batch.account_contacts:
                self._has_contact((row["account"], row["hash"]))
            for row in batch.account_addresses:
                self._located((row["account"], row["address"]))
            for row in batch.address_countries:
                if row["country"] is not None:
                    self._in_country(row["address"], row["country"])
        for row in batch.orders:  # the version node now; the order node and links once it is final
            self.files.node("OrderVersion", "id", {**row["version"], "loaded_at": self.loaded_at})
            self.files.relationship("HAS_ORDER_VERSION", ("Order", row["id"]), ("OrderVersion", row["version"]["id"]))
        for row in batch.parcels:  # MERGE … SET: the last row wins
            self.parcels[row["tracking_number"]] = (row["carrier"], row["weight_kg"], row["operator"], row["items"])
        for row in batch.history:
            self.files.node("OrderVersion", "id", {**row["version"], "loaded_at": self.loaded_at})
            self.files.relationship("HAS_ORDER_VERSION", ("Order", row["order"]), ("OrderVersion", row["version"]["id"]))

    def merge(self, part: SharedRows) -> None:
        """A later part's shared rows, as if its batches had followed this load's: first and last writers kept."""
        for key, row in part.accounts.items():
            self.accounts[key] = row
        for digest, kind in part.contacts.items():
            self.contacts.setdefault(digest, kind)
        for row in part.addresses.values():
            self._address(row)
        for pair in part.has_contact:
            self._has_contact(pair)
        for pair in part.located:
            self._located(pair)
        for address, country in part.in_country.items():
            self._in_country(address, country)
        for tracking_number, parcel in part.parcels.items():
            self.parcels[tracking_number] = parcel

    def _address(self, row: dict[str, Any]) -> None:  # ON CREATE: the first writer's raw, norm and country stay
        if row["id"] not in self.addresses:
            self.addresses.add(row["id"])
            self.files.node("Address", "id", row)

    def _has_contact(self, pair: tuple[str, str]) -> None:
        if pair not in self.has_contact:
            self.has_contact.add(pair)
            self.files.relationship("HAS_CONTACT", ("Account", pair[0]), ("Contact", pair[1]))

    def _located(self, pair: tuple[str, str]) -> None:
        if pair not in self.located:
            self.located.add(pair)
            self.files.relationship("LOCATED_AT", ("Account", pair[0]), ("Address", pair[1]))

    def _in_country(self, address: str, country: str) -> None:
        if address not in self.in_country:
            self.in_country.add(address)  # an address id carries its country: one IN_COUNTRY each
            self.countries.add(country)
            self.files.relationship("IN_COUNTRY", ("Address", address), ("Country", country))

    def current_order(self, row: Mapping[str, Any], props: Mapping[str, Any], items: list[dict[str, Any]],
                      parcels: list[str]) -> None:
        """An order's final node (`props`: `SET o += …` over every version that was current) and its links."""
        oid = row["id"]
        placed = datetime.fromisoformat(row["placed_at"])
        self.files.node("Order", "id", {**props, "id": oid, "placed_at": DateTime(row["placed_at"]),
                                        "date": Date(placed.date().isoformat()), "loaded_at": self.loaded_at})
        self.files.relationship("SOLD_BY", ("Order", oid), ("Account", row["seller"]))
        self.files.relationship("BOUGHT_BY", ("Order", oid), ("Account", row["buyer"]))
        self.files.relationship("SHIPS_TO", ("Order", oid), ("Address", row["ship_to"]), {"name": row["ship_to_name"]})
        for item in items:
            self.files.node("OrderItem", "id", item)
            self.files.relationship("HAS_ORDER_ITEM", ("Order", oid), ("OrderItem", item["id"]))
        for tracking_number in parcels:
            self.files.relationship("SHIPPED_IN", ("Order", oid), ("Parcel", tracking_number))

    def finish(self, *, close: bool = True) -> BulkFiles:
        """The shared nodes as the last write left them; with `close`, the Country nodes too."""
        for row in self.accounts.values():
            self.files.node("Account", "id", row)
        for tracking_number, (carrier, weight, operator, items) in self.parcels.items():
            self.files.node("Parcel", "tracking_number", {"tracking_number": tracking_number, "carrier": carrier,
                                                          "weight_kg": weight, "operator": operator, "items": items})
        for digest, kind in self.contacts.items():
            self.files.node("Contact", "hash", {"hash": digest, "kind": kind})
        if close:
            for iso2 in sorted(self.countries):
                self.files.node("Country", "iso2", {"iso2": iso2})
            self.files.close()
        return self.files
