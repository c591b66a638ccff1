"""Read a control-data CSV strictly: UTF-8 (with or without BOM), the documented header, values as text.

The reader is the shared one (`ingest.csv_rows`) with the header checked by name."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ecgraph.ingest.csv_rows import csv_rows

__all__ = ["read_rows"]


def read_rows(path: Path, source: str, header: Sequence[str], *, optional: Sequence[str] = ()) -> Iterator[
        tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; stops with the file named if the header is not as documented."""
    return csv_rows(path, source=source, header=header, optional=optional)
