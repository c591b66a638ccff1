"""The flat CSV layout: one row per goods item, rows of one declaration contiguous.

Declaration-level columns repeat on every item row; a declaration is the run of rows with the same
(declaration_number, version). The reader streams: it reads the file as bytes, joins physical lines
into one logical row while a quoted field is open (RFC 4180 allows newlines inside quotes), and keeps
the byte offset of every declaration boundary for checkpoints. `declaration_to_rows` is the inverse,
used by the demo generator and the benchmark.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.validate import PARTY_ROLES
from ecgraph.schemas.errors import SourceError

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


def _logical_rows(fh: io.BufferedReader, offset: int, line_no: int) -> Iterator[tuple[bytes, int, int, int]]:
    """(row bytes, first line, last line, byte offset after the row): joins lines inside open quotes."""
    pending: list[bytes] = []
    quotes = 0
    first_line = line_no + 1
    for raw in fh:
        line_no += 1
        offset += len(raw)
        if not pending:
            first_line = line_no
        pending.append(raw)
        quotes += raw.count(b'"')
        if quotes % 2 == 0:
            yield b"".join(pending), first_line, line_no, offset
            pending, quotes = [], 0
    if pending:
        yield b"".join(pending), first_line, line_no, offset


def _header(path: Path) -> tuple[list[str], int]:
    with path.open("rb") as fh:
        first = fh.readline()
    try:
        text = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise SourceError(f"the header is not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as "
                          "UTF-8 CSV", source=SOURCE, file=str(path), line=1) from exc
    try:
        header = next(csv.reader([text]))
    except csv.Error as exc:
        raise SourceError(f"the header is not a CSV line ({exc})", source=SOURCE, file=str(path), line=1) from exc
    unknown = [c for c in header if c not in COLUMNS]
    if unknown or "declaration_number" not in header or "item_seq" not in header:
        raise SourceError(
            f"the header is not the flat declaration layout (unknown columns: {unknown or 'none'}; "
            f"declaration_number and item_seq are required). Expected columns: {', '.join(COLUMNS)}",
            source=SOURCE, file=str(path), line=1,
        )
    return header, len(first)


def read_csv(path: Path, *, start_offset: int = 0, start_line: int = 1) -> Iterator[SourceRecord]:
    """Yield one record per declaration (rows grouped by number + version), from a declaration boundary."""
    header, header_end = _header(path)
    offset = max(start_offset, header_end)
    line_no = max(start_line - 1, 1)
    group: list[dict[str, str]] = []
    group_key: tuple[str, str] | None = None
    group_line = last_line = 0
    problems: list[str] = []
    with path.open("rb") as fh:
        fh.seek(offset)
        for data, first_line, row_last, end in _logical_rows(fh, offset, line_no):
            text = data.decode("utf-8", "replace").rstrip("\r\n")
            if not text.strip():
                offset, last_line = end, row_last
                continue
            try:
                values = next(csv.reader([text]))
            except csv.Error as exc:  # e.g. a bare carriage return inside an unquoted field
                values = [f"unreadable CSV row ({exc})"]
            row = dict(zip(header, values))
            key = (row.get("declaration_number", ""), row.get("version", ""))
            if group and key != group_key:
                yield _finish(group, group_line, last_line, offset, problems)
                group, problems = [], []
            if not group:
                group_key, group_line = key, first_line
            if len(values) != len(header):
                problems.append(f"line {first_line}: {len(values)} fields, the header has {len(header)}")
            elif group and any(row.get(c) != group[0].get(c) for c in DECLARATION_COLUMNS if c in row):
                differing = [c for c in DECLARATION_COLUMNS if c in row and row[c] != group[0].get(c)]
                problems.append(f"line {first_line}: declaration columns differ from line {group_line}: "
                                f"{', '.join(differing)}")
            group.append(row)
            offset, last_line = end, row_last
        if group:
            yield _finish(group, group_line, last_line, offset, problems)


def _finish(rows: list[dict[str, str]], line: int, last_line: int, end_offset: int,
            problems: list[str]) -> SourceRecord:
    record = None if problems else rows_to_declaration(rows)
    return SourceRecord(record, rows, line, end_offset, problems, next_line=last_line + 1)
