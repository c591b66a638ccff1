"""Read declarations from JSON Lines (one nested declaration a line), streaming.

The shared JSON Lines reader (`ingest.json_lines`, policy: keep) streams the file in binary so that each
declaration's byte offset is known exactly; memory stays flat whatever the file size. A line that is not
a JSON object becomes a record with a reason (it goes to the rejects file) and the rest still loads.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.json_lines import json_lines

__all__ = ["read_jsonl"]


def read_jsonl(path: Path, *, start_offset: int = 0, start_line: int = 1) -> Iterator[SourceRecord]:
    """Yield every declaration from `start_offset` (a declaration boundary, e.g. a checkpoint)."""
    for got in json_lines(path, start_offset=start_offset, start_line=start_line):
        if got.value is not None:
            yield SourceRecord(got.value, got.text, got.line, got.end_offset)
        elif got.error and got.error.startswith("got "):  # JSON, but not an object
            yield SourceRecord(None, got.parsed, got.line, got.end_offset,
                               [f"line {got.line}: expected one JSON object per line, {got.error}"])
        else:
            yield SourceRecord(None, got.text.decode("utf-8", "replace"), got.line, got.end_offset,
                               [f"line {got.line}: {got.error}; each line must be one JSON object"])
