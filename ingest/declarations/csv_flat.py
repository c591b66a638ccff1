"""The flat CSV layout: one row per goods item, rows of one declaration contiguous.

Declaration-level columns repeat on every item row; a declaration is the run of rows with the same
(declaration_number, version). The reader streams: it reads the file as bytes, joins physical lines
into one logical row while a quoted field is open (RFC 4180 allows newlines inside quotes), and keeps
the byte offset of every declaration boundary for checkpoints. `declaration_to_rows` is the inverse,
used by the demo generator and the benchmark.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecgraph.ingest.declarations.flat_groups import FlatLayout, read_flat_groups
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.validate import PARTY_ROLES

__all__ = ["COLUMNS", "declaration_to_rows", "read_csv", "rows_to_declaration"]

PARTY_FIELDS = ("name", "name_latin", "address", "country", "corporate_number")
HEAD_COLUMNS = ("declaration_number", "version", "declaration_date", "declaration_type")
PARTY_COLUMNS = tuple(f"{role}_{f}" for role in PARTY_ROLES for f in PARTY_FIELDS)
SHIPMENT_COLUMNS = ("destination_country", "transit_countries", "port_of_loading", "transport_mode",
                    "vessel_flight", "invoice_number", "invoice_value", "declared_value_jpy", "currency", "licence_number", "ecommerce",
                    "tracking_number")
ITEM_COLUMNS = ("item_seq", "hs_code", "description", "quantity", "unit", "net_weight_kg", "item_value",
                "item_value_jpy", "origin_country")
COLUMNS: tuple[str, ...] = HEAD_COLUMNS + PARTY_COLUMNS + SHIPMENT_COLUMNS + ITEM_COLUMNS
DECLARATION_COLUMNS = HEAD_COLUMNS + PARTY_COLUMNS + SHIPMENT_COLUMNS
# CSV column -> goods item field
ITEM_FIELDS = {"item_seq": "seq", "hs_code": "hs_code", "description": "description", "quantity": "quantity",
               "unit": "unit", "net_weight_kg": "net_weight_kg", "item_value": "value", "item_value_jpy": "value_jpy",
               "origin_country": "origin_country"}
INT_FIELDS = frozenset({"version", "seq"})
FLOAT_FIELDS = frozenset({"invoice_value", "declared_value_jpy", "quantity", "net_weight_kg", "value", "value_jpy"})
SOURCE = "declarations_csv"


def declaration_to_rows(record: dict[str, Any]) -> list[dict[str, str]]:
    """One CSV row per goods item (declaration columns repeated), every value as text."""
    head: dict[str, str] = {c: _text(record.get(c)) for c in HEAD_COLUMNS}
    for role in PARTY_ROLES:
        party = record.get(role) or {}
        for f in PARTY_FIELDS:
            head[f"{role}_{f}"] = _text(party.get(f))
    for c in SHIPMENT_COLUMNS:
        value = record.get(c)
        head[c] = ";".join(value) if c == "transit_countries" and value else _text(value)
    rows = []
    for item in record.get("items") or []:
        row = dict(head)
        for column, f in ITEM_FIELDS.items():
            row[column] = _text(item.get(f))
        rows.append(row)
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def rows_to_declaration(rows: list[dict[str, str]]) -> dict[str, Any]:
    """The nested record of one declaration's rows; numbers that do not parse stay text (the schema says why)."""
    first = rows[0]
    record: dict[str, Any] = {}
    for c in HEAD_COLUMNS:
        _put(record, c, first.get(c, ""))
    for role in PARTY_ROLES:
        party: dict[str, Any] = {}
        for f in PARTY_FIELDS:
            _put(party, f, first.get(f"{role}_{f}", ""))
        if party:
            record[role] = party
    for c in SHIPMENT_COLUMNS:
        value = first.get(c, "")
        if c == "transit_countries":
            if value:
                record[c] = [v.strip() for v in value.split(";") if v.strip()]
        elif c == "ecommerce":
            if value:
                record[c] = {"true": True, "1": True, "yes": True, "false": False, "0": False,
                             "no": False}.get(value.strip().lower(), value)
        else:
            _put(record, c, value)
    items = []
    for row in rows:
        item: dict[str, Any] = {}
        for column, f in ITEM_FIELDS.items():
            _put(item, f, row.get(column, ""))
        items.append(item)
    record["items"] = items
    return record


def _put(target: dict[str, Any], key: str, value: str) -> None:
    if value == "":
        return
    if key in INT_FIELDS:
        try:
            target[key] = int(value)
            return
        except ValueError:
            pass
    elif key in FLOAT_FIELDS:
        try:
            target[key] = float(value)
            return
        except ValueError:
            pass
    target[key] = value


LAYOUT = FlatLayout(SOURCE, "declaration", COLUMNS, ("declaration_number", "version"),
                    ("declaration_number", "item_seq"), DECLARATION_COLUMNS, rows_to_declaration)


def read_csv(path: Path, *, start_offset: int = 0, start_line: int = 1) -> Iterator[SourceRecord]:
    """Yield one record per declaration (rows grouped by number + version), from a declaration boundary."""
    return read_flat_groups(path, LAYOUT, start_offset=start_offset, start_line=start_line)
