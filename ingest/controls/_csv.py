"""Read a source CSV strictly: UTF-8 (with or without BOM), the exact header, every value as text."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from ecgraph.schemas.errors import SourceError

__all__ = ["read_rows"]


def read_rows(path: Path, source: str, header: Sequence[str], *, optional: Sequence[str] = ()) -> Iterator[
        tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; stops with the file named if the header is not as documented."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceError(f"cannot open: {exc.strerror}", source=source, file=str(path)) from exc
    with handle:
        reader = csv.DictReader(handle)
        found = list(reader.fieldnames or [])
        missing = [c for c in header if c not in found]
        unknown = [c for c in found if c not in header and c not in optional]
        if missing or unknown:
            raise SourceError(
                f"header is {found}; expected {list(header)}"
                + (f" (optional: {list(optional)})" if optional else "")
                + (f"; missing {missing}" if missing else "") + (f"; unknown {unknown}" if unknown else ""),
                source=source, file=str(path), line=1,
            )
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None}
