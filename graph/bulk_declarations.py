"""Declarations as importer CSVs: exactly the nodes, relationships and properties `graph.declarations` writes.

The rows are the loader's own (`DeclarationBatch` rows from `ingest.declarations.map.build_batch`); this
module does what each Cypher statement of `graph/declarations.py` does with them, so an offline import
and an online load of the same files give the same graph (tests/graph/test_bulk_declarations.py
compares the two). The caller decides which version of a declaration is current and how parties merge
across batches; here each row becomes its nodes and relationships.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ecgraph.graph.bulk_import import BulkFiles, Date, DateTime
from ecgraph.graph.connection import Graph
from ecgraph.graph.declarations import ROLE_TYPES

__all__ = ["DeclarationFiles", "restore_empty_lists"]


class DeclarationFiles:
    """Collects one bulk load's declarations; countries and HS codes once each, as MERGE would."""

    def __init__(self, files: BulkFiles, loaded_at: str) -> None:
        self.files = files
        self.loaded_at = DateTime(loaded_at)
        self.countries: set[str] = set()
        self.hs_codes: set[str] = set()
        self.addresses: set[str] = set()  # Address ids written (an order feed in the same import shares them)
        self.in_country: set[str] = set()  # of those, the ones with an IN_COUNTRY

    def version(self, number: str, date: str, version: Mapping[str, Any]) -> None:
        """A DeclarationVersion and its HAS_VERSION (current, replaced or history: all alike)."""
        self.files.node("DeclarationVersion", "id", {**version, "date": Date(date), "loaded_at": self.loaded_at})
        self.files.relationship("HAS_VERSION", ("Declaration", number), ("DeclarationVersion", version["id"]))

    def merged_nodes(self, row: Mapping[str, Any]) -> None:
        """The countries and HS codes a current row MERGEs: they stay even when a later version replaces it."""
        if row["destination"] is not None:  # a destination that names no country is kept as text only
            self.countries.add(row["destination"])
        self.countries.update(t["iso2"] for t in row["transits"])
        self.hs_codes.update(item["hs6"] for item in row["items"])

    def declaration(self, row: Mapping[str, Any], props: Mapping[str, Any]) -> None:
        """The current version's node (with `props`: `SET d += …` over every version that was current) and links."""
        number = row["number"]
        self.merged_nodes(row)
        self.files.node("Declaration", "number", {**props, "number": number, "date": Date(row["date"]),
                                                  "loaded_at": self.loaded_at})
        if row["destination"] is not None:
            self.files.relationship("DESTINED_TO", ("Declaration", number), ("Country", row["destination"]))
        for transit in row["transits"]:
            self.files.relationship("TRANSITS", ("Declaration", number), ("Country", transit["iso2"]),
                                    {"order": transit["order"]})
        for role in ROLE_TYPES:
            for key in row[role]:
                self.files.relationship(role, ("Declaration", number), ("Party", key))
        for item in row["items"]:
            self.files.node("GoodsItem", "id", {**item["props"], "id": item["id"]})
            self.files.relationship("HAS_ITEM", ("Declaration", number), ("GoodsItem", item["id"]))
            self.files.relationship("CLASSIFIED_AS", ("GoodsItem", item["id"]), ("HSCode", item["hs6"]))

    def party(self, state: Mapping[str, Any]) -> None:
        """A party as WRITE_PARTIES leaves it after every batch (`state` holds the merged properties)."""
        self.files.node("Party", "key", {**state, "first_seen": Date(state["first_seen"])})

    def address(self, row: Mapping[str, Any], party_keys: list[str]) -> None:
        """An address as its first row created it, LOCATED_AT from each party, IN_COUNTRY when it has one."""
        self.addresses.add(row["id"])
        self.files.node("Address", "id", {"id": row["id"], "raw": row["raw"], "norm": row["norm"],
                                          "country": row["country"]})
        for key in party_keys:
            self.files.relationship("LOCATED_AT", ("Party", key), ("Address", row["id"]))
        if row["country"] is not None:
            self.countries.add(row["country"])
            self.in_country.add(row["id"])
            self.files.relationship("IN_COUNTRY", ("Address", row["id"]), ("Country", row["country"]))

    def finish(self) -> BulkFiles:
        for iso2 in sorted(self.countries):
            self.files.node("Country", "iso2", {"iso2": iso2})
        for code in sorted(self.hs_codes):
            self.files.node("HSCode", "code", {"code": code})
        self.files.close()
        return self.files


def restore_empty_lists(graph: Graph) -> int:
    """The importer cannot store an empty list; online, `SET d += {transit: []}` does. Put them back."""
    counts = graph.write_autocommit(
        "MATCH (d:Declaration) WHERE d.transit IS NULL "
        "CALL (d) { SET d.transit = [] } IN TRANSACTIONS OF 20000 ROWS"
    )
    return counts.properties_set
