"""E-commerce operators' order feeds: read (JSON Lines, flat CSV), validate, hash contacts, load; demo feed.

Streaming, rejects file, idempotent content hash, resumable checkpoints and amendments as versions are
the declarations' mechanisms (`ingest.declarations`), reused. Phones and e-mails are stored only as
keyed hashes (`contacts`). The record is `schemas/records/ecommerce_order.schema.json`.
"""

from __future__ import annotations

from ecgraph.ingest.ecommerce.contacts import (
    ContactHasher,
    load_or_create_key,
    normalise_email,
    normalise_phone,
)
from ecgraph.ingest.ecommerce.csv_flat import COLUMNS, order_to_rows, read_orders_csv
from ecgraph.ingest.ecommerce.load import OrderLoadResult, load_orders
from ecgraph.ingest.ecommerce.validate import validate_order

__all__ = [
    "COLUMNS",
    "ContactHasher",
    "OrderLoadResult",
    "load_or_create_key",
    "load_orders",
    "normalise_email",
    "normalise_phone",
    "order_to_rows",
    "read_orders_csv",
    "validate_order",
]
