"""Read declarations from JSON Lines (one nested declaration a line), streaming.

The file is read line by line in binary so that each declaration's byte offset is known exactly;
memory stays flat whatever the file size. A line that is not valid JSON becomes a record with a
reason (it goes to the rejects file) and the rest of the file still loads.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson

from ecgraph.ingest.declarations.source_record import SourceRecord

__all__ = ["read_jsonl"]


def read_jsonl(path: Path, *, start_offset: int = 0, start_line: int = 1) -> Iterator[SourceRecord]:
    """Yield every declaration from `start_offset` (a declaration boundary, e.g. a checkpoint)."""
    with path.open("rb") as fh:
        fh.seek(start_offset)
        offset = start_offset
        line_no = start_line - 1
        for raw_line in fh:
            line_no += 1
            offset += len(raw_line)
            text = raw_line.strip()
            if not text:
                continue
            try:
                record = orjson.loads(text)
            except orjson.JSONDecodeError as exc:
                yield SourceRecord(None, text.decode("utf-8", "replace"), line_no, offset,
                                   [f"line {line_no}: invalid JSON ({exc}); each line must be one JSON object"])
                continue
            if not isinstance(record, dict):
                yield SourceRecord(None, record, line_no, offset,
                                   [f"line {line_no}: expected one JSON object per line, got {type(record).__name__}"])
                continue
            yield SourceRecord(record, text, line_no, offset)
