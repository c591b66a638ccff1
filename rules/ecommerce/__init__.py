"""E-commerce orders linked into the graph: parcels → ECM declarations, accounts → parties and list
entries, item titles → HS and control candidates. Reuses resolution and classify; never imports ingest.
The rules that read these links are data: rules/packs/ecommerce.yaml."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.rules.ecommerce.accounts import AccountReport, resolve_accounts
from ecgraph.rules.ecommerce.items import ItemReport, classify_order_items
from ecgraph.rules.ecommerce.parcels import ParcelLinkReport, link_parcels, score_pair

__all__ = [
    "AccountReport",
    "EcommerceLinkReport",
    "ItemReport",
    "ParcelLinkReport",
    "classify_order_items",
    "link_ecommerce",
    "link_parcels",
    "resolve_accounts",
    "score_pair",
]


@dataclass
class EcommerceLinkReport:
    parcels: ParcelLinkReport
    accounts: AccountReport
    items: ItemReport

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def link_ecommerce(graph: Graph, cache_dir: Path | None, *, relink: bool = False) -> EcommerceLinkReport:
    """Parcels first (accounts are resolved against the parties of the declarations parcels reach)."""
    parcels = link_parcels(graph, relink=relink)
    accounts = resolve_accounts(graph, cache_dir)
    items = classify_order_items(graph, all_items=relink)
    return EcommerceLinkReport(parcels, accounts, items)
