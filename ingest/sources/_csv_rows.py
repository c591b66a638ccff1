"""Header-checked CSV rows with the line each record starts on (for curated lists with a header)."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path

from ecgraph.ingest.source import ParseContext

__all__ = ["read_csv_rows", "stable_id"]


def read_csv_rows(path: Path, columns: list[str], ctx: ParseContext) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as dicts; a different header is a SourceError, a row of the wrong width is a reject."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header != columns:
                raise ctx.fail(f"unexpected header {header!r}; expected {', '.join(columns)}", path, 1)
            start = 2
            for record in reader:
                if len(record) != len(columns):
                    ctx.reject(path, start, [f"{len(record)} fields, expected {len(columns)}"], record)
                else:
                    yield start, dict(zip(columns, record, strict=True))
                start = reader.line_num + 1
    except csv.Error as exc:
        raise ctx.fail(f"unreadable CSV ({exc})", path) from exc
    except UnicodeDecodeError as exc:
        raise ctx.fail(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path) from exc


def stable_id(*raw_fields: str) -> str:
    """An id for lists that give none: hash of the fewest stable raw fields, uncleaned."""
    return hashlib.sha1("\x1f".join(raw_fields).encode("utf-8")).hexdigest()[:16]
