"""Retention of order details (APPI: keep personal data no longer than the purpose needs).

`ECGRAPH_ECOMMERCE_RETENTION_DAYS=N` purges the details of orders placed more than N days ago after
every feed load, and `ecgraph ecommerce purge` does it on demand. Purging removes the order's price,
payment kind, items, ship-to link and the stored records of its versions, and, once all of an
account's orders are purged, the account's name and addresses. It keeps what links: the order and
parcel nodes with their link to the customs declaration (customs' own record), and the accounts' keyed
contact hashes, so a returning phone or e-mail still meets its history. Unset: nothing is purged.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from ecgraph.graph.connection import Graph
from ecgraph.graph.ecommerce import purge_orders
from ecgraph.schemas.errors import ConfigError

__all__ = ["RETENTION_SETTING", "apply_retention", "purge_older_than", "retention_days"]

RETENTION_SETTING = "ECGRAPH_ECOMMERCE_RETENTION_DAYS"


def retention_days(env: dict[str, str] | None = None) -> int | None:
    value = (os.environ if env is None else env).get(RETENTION_SETTING, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ConfigError(f"{RETENTION_SETTING}={value!r} is not a whole number of days ≥ 1 (e.g. 365); "
                          "unset it to keep order details", setting=RETENTION_SETTING)
    return int(value)


def purge_older_than(graph: Graph, days: int, now: datetime | None = None) -> dict[str, int]:
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    return {**purge_orders(graph, cutoff.isoformat()), "days": days}


def apply_retention(graph: Graph) -> dict[str, int] | None:
    """Purge per the setting; None when no retention is set."""
    days = retention_days()
    return None if days is None else purge_older_than(graph, days)
