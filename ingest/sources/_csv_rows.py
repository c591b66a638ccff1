"""Header-checked CSV rows with the line each record starts on (for curated lists with a header): the shared
reader (`ingest.csv_rows`) with the exact header and wrong-width rows rejected."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from ecgraph.ingest.csv_rows import csv_rows
from ecgraph.ingest.source import ParseContext

__all__ = ["read_csv_rows", "stable_id"]


def read_csv_rows(path: Path, columns: list[str], ctx: ParseContext) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as dicts; a different header is a SourceError, a row of the wrong width is a reject."""
    return csv_rows(path, source=ctx.source, header=columns, exact=True,
                    reject=lambda line, cells, reason: ctx.reject(path, line, [reason], cells))


def stable_id(*raw_fields: str) -> str:
    """An id for lists that give none: hash of the fewest stable raw fields, uncleaned."""
    return hashlib.sha1("\x1f".join(raw_fields).encode("utf-8")).hexdigest()[:16]
