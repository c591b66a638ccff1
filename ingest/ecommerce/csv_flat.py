"""The flat CSV layout of the operator feed: one row per order item, the rows of one order contiguous.

Order columns repeat on every item row; an order is the run of rows with the same (order_number,
sequence). Each row also names the parcel that carries its item (`parcel_*`), so an order's parcels are
the distinct tracking numbers of its rows. Streaming and byte offsets (for checkpoints) come from the
flat-CSV reader the declarations use too (`ingest.declarations.flat_groups`). `order_to_rows` is the inverse, used by the demo generator and the benchmark.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecgraph.ingest.declarations.flat_groups import FlatLayout, read_flat_groups
from ecgraph.ingest.declarations.source_record import SourceRecord

__all__ = ["COLUMNS", "order_to_rows", "read_orders_csv", "rows_to_order"]

ADDRESS_SEPARATOR = " | "
HEAD = ("operator", "order_number", "sequence", "status", "order_time", "price", "price_jpy", "currency",
        "payment_method")
ACCOUNT_FIELDS = ("account_id", "name", "addresses", "country", "phone", "email", "kind")
ACCOUNTS = tuple(f"{role}_{f}" for role in ("seller", "buyer") for f in ACCOUNT_FIELDS)
SHIP_TO = ("ship_to_name", "ship_to_address", "ship_to_country")
ITEM = ("item_seq", "item_title", "item_category", "item_quantity", "item_unit_price", "item_product_id",
        "item_brand", "item_model")
PARCEL = ("parcel_tracking_number", "parcel_carrier", "parcel_weight_kg")
COLUMNS: tuple[str, ...] = HEAD + ACCOUNTS + SHIP_TO + ITEM + PARCEL
ORDER_COLUMNS = HEAD + ACCOUNTS + SHIP_TO
INTS = frozenset({"sequence", "seq", "quantity"})
FLOATS = frozenset({"price", "price_jpy", "unit_price", "weight_kg"})
SOURCE = "ecommerce_csv"


def order_to_rows(record: dict[str, Any]) -> list[dict[str, str]]:
    """One CSV row per item (order columns repeated; the parcel that carries the item)."""
    head = {c: _text(record.get(c)) for c in HEAD}
    for role in ("seller", "buyer"):
        account = record.get(role) or {}
        for f in ACCOUNT_FIELDS:
            value = account.get(f)
            head[f"{role}_{f}"] = ADDRESS_SEPARATOR.join(value) if f == "addresses" and value else _text(value)
    ship_to = record.get("ship_to") or {}
    for c in SHIP_TO:
        head[c] = _text(ship_to.get(c.removeprefix("ship_to_")))
    carrier_of: dict[int, dict[str, Any]] = {}
    parcels = record.get("parcels") or []
    for parcel in parcels:
        for seq in parcel.get("items") or [i["seq"] for i in record["items"]]:
            carrier_of.setdefault(seq, parcel)
    rows = []
    for item in record["items"]:
        row = dict(head)
        for c in ITEM:
            row[c] = _text(item.get(c.removeprefix("item_")))
        parcel = carrier_of.get(item["seq"], {})
        for c in PARCEL:
            row[c] = _text(parcel.get(c.removeprefix("parcel_")))
        rows.append(row)
    return rows


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def rows_to_order(rows: list[dict[str, str]]) -> dict[str, Any]:
    """The nested record of one order's rows; numbers that do not parse stay text (the schema says why)."""
    first = rows[0]
    record: dict[str, Any] = {}
    for c in HEAD:
        _put(record, c, first.get(c, ""))
    for role in ("seller", "buyer"):
        account: dict[str, Any] = {}
        for f in ACCOUNT_FIELDS:
            value = first.get(f"{role}_{f}", "")
            if f == "addresses":
                if value:
                    account[f] = [a.strip() for a in value.split(ADDRESS_SEPARATOR.strip()) if a.strip()]
            else:
                _put(account, f, value)
        record[role] = account
    ship_to: dict[str, Any] = {}
    for c in SHIP_TO:
        _put(ship_to, c.removeprefix("ship_to_"), first.get(c, ""))
    record["ship_to"] = ship_to
    items: list[dict[str, Any]] = []
    parcels: dict[str, dict[str, Any]] = {}
    for row in rows:
        item: dict[str, Any] = {}
        for c in ITEM:
            _put(item, c.removeprefix("item_"), row.get(c, ""))
        items.append(item)
        tracking = row.get("parcel_tracking_number", "")
        if tracking:
            parcel = parcels.setdefault(tracking, {"tracking_number": tracking, "items": []})
            _put(parcel, "carrier", row.get("parcel_carrier", ""))
            _put(parcel, "weight_kg", row.get("parcel_weight_kg", ""))
            if "seq" in item:
                parcel["items"].append(item["seq"])
    record["items"] = items
    if parcels:
        record["parcels"] = list(parcels.values())
    return record


def _put(target: dict[str, Any], key: str, value: str) -> None:
    if value == "":
        return
    try:
        if key in INTS:
            target[key] = int(value)
            return
        if key in FLOATS:
            target[key] = float(value)
            return
    except ValueError:
        pass
    target[key] = value


def _parcel_without_order(row: dict[str, str], line: int) -> str | None:
    if not row.get("order_number") and row.get("parcel_tracking_number"):
        return (f"line {line}: parcel {row['parcel_tracking_number']} has no order (order_number is empty); "
                "send the parcel on its order's item rows")
    return None


LAYOUT = FlatLayout(SOURCE, "order", COLUMNS, ("order_number", "sequence"), ("order_number", "item_seq"),
                    ORDER_COLUMNS, rows_to_order, lone=_parcel_without_order)


def read_orders_csv(path: Path, *, start_offset: int = 0, start_line: int = 1) -> Iterator[SourceRecord]:
    """Yield one record per order (rows grouped by number + sequence), from an order boundary."""
    return read_flat_groups(path, LAYOUT, start_offset=start_offset, start_line=start_line)
