"""Flat CSV files whose records span contiguous rows (a declaration's items, an order's items), read once.

Both flat layouts (declarations: `csv_flat.py`, e-commerce orders: `ecommerce/csv_flat.py`) repeat the
record's columns on every item row; a record is the run of rows with the same key columns. This reader
streams bytes, joins physical lines while a quoted field is open (RFC 4180 allows newlines inside quotes),
and keeps the byte offset of every record boundary for checkpoints. Its error policy is the same for both:
a header that is not UTF-8 CSV of the layout stops the load; a row with the wrong field count, an
unreadable row, or record columns that differ between the rows of one record make that record a reject.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.schemas.errors import SourceError

__all__ = ["FlatLayout", "logical_rows", "read_flat_groups", "read_header"]


@dataclass(frozen=True)
class FlatLayout:
    source: str  # the source name errors carry (declarations_csv, ecommerce_csv)
    noun: str  # what one record is, in messages: "declaration", "order"
    columns: tuple[str, ...]  # every column the layout knows
    key: tuple[str, str]  # the columns whose values delimit a record: number and version
    required: tuple[str, ...]  # columns the header must have
    shared: tuple[str, ...]  # columns every row of one record repeats
    build: Callable[[list[dict[str, str]]], dict[str, Any]]  # rows of one record -> the record
    # a row that cannot belong to any record (returns the reason), or None when every row can
    lone: Callable[[dict[str, str], int], str | None] | None = None


def logical_rows(fh: io.BufferedReader, offset: int, line_no: int) -> Iterator[tuple[bytes, int, int, int]]:
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


def read_header(path: Path, layout: FlatLayout) -> tuple[list[str], int]:
    """The header's columns and its length in bytes; a clear error when it is not the layout's."""
    with path.open("rb") as fh:
        first = fh.readline()
    try:
        text = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise SourceError(f"the header is not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as "
                          "UTF-8 CSV", source=layout.source, file=str(path), line=1) from exc
    try:
        header = next(csv.reader([text]))
    except csv.Error as exc:
        raise SourceError(f"the header is not a CSV line ({exc})", source=layout.source, file=str(path),
                          line=1) from exc
    unknown = [c for c in header if c not in layout.columns]
    if unknown or any(c not in header for c in layout.required):
        raise SourceError(
            f"the header is not the flat {layout.noun} layout (unknown columns: {unknown or 'none'}; "
            f"{' and '.join(layout.required)} are required). Expected columns: {', '.join(layout.columns)}",
            source=layout.source, file=str(path), line=1,
        )
    return header, len(first)


def read_flat_groups(path: Path, layout: FlatLayout, *, start_offset: int = 0,
                     start_line: int = 1) -> Iterator[SourceRecord]:
    """Yield one record per run of rows with the same key, starting at a record boundary."""
    header, header_end = read_header(path, layout)
    offset = max(start_offset, header_end)
    group: list[dict[str, str]] = []
    group_key: tuple[str, str] | None = None
    group_line = last_line = 0
    problems: list[str] = []
    with path.open("rb") as fh:
        fh.seek(offset)
        for data, first_line, row_last, end in logical_rows(fh, offset, max(start_line - 1, 1)):
            text = data.decode("utf-8", "replace").rstrip("\r\n")
            if not text.strip():
                offset, last_line = end, row_last
                continue
            try:
                values = next(csv.reader([text]))
            except csv.Error as exc:  # e.g. a bare carriage return inside an unquoted field
                values = [f"unreadable CSV row ({exc})"]
            row = dict(zip(header, values))
            alone = layout.lone(row, first_line) if layout.lone else None
            if alone is not None:
                if group:
                    yield _finish(layout, group, group_line, last_line, offset, problems)
                    group, problems, group_key = [], [], None
                yield SourceRecord(None, [row], first_line, end, [alone], next_line=row_last + 1)
                offset, last_line = end, row_last
                continue
            key = (row.get(layout.key[0], ""), row.get(layout.key[1], ""))
            if group and key != group_key:
                yield _finish(layout, group, group_line, last_line, offset, problems)
                group, problems = [], []
            if not group:
                group_key, group_line = key, first_line
            if len(values) != len(header):
                problems.append(f"line {first_line}: {len(values)} fields, the header has {len(header)}")
            elif group and any(row.get(c) != group[0].get(c) for c in layout.shared if c in row):
                differing = [c for c in layout.shared if c in row and row[c] != group[0].get(c)]
                problems.append(f"line {first_line}: {layout.noun} columns differ from line {group_line}: "
                                f"{', '.join(differing)}")
            group.append(row)
            offset, last_line = end, row_last
        if group:
            yield _finish(layout, group, group_line, last_line, offset, problems)


def _finish(layout: FlatLayout, rows: list[dict[str, str]], line: int, last_line: int, end_offset: int,
            problems: Sequence[str]) -> SourceRecord:
    record = None if problems else layout.build(rows)
    return SourceRecord(record, rows, line, end_offset, list(problems), next_line=last_line + 1)
