"""JSON Lines files, read one way: list files (FtM exports, BODS statements, watch lists), declarations
and e-commerce feeds alike. What differs is the error policy, a parameter:

- `json_objects` (policy: stop): a list file is loaded as a version that replaces the previous one, so a
  damaged line must stop the load, or every entry after it would be delisted. The error names the source,
  the file and the line, and says what the file should hold.
- `json_lines` (policy: keep): a declaration or order feed keeps going; each bad line comes back with
  its reason, for the loader to write to the rejects file while the good lines still land.

Lines are streamed in binary (an OpenSanctions export is gigabytes; a checkpoint needs each line's byte
offset), blank lines are skipped, a UTF-8 byte-order mark at the start is allowed, and JSON is parsed
with orjson.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

import orjson

from ecgraph.schemas.errors import SourceError

__all__ = ["FilePart", "JsonLine", "PartReader", "json_lines", "json_objects", "split_feed"]

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class JsonLine:
    line: int  # 1-based line number
    end_offset: int  # byte offset just after the line
    text: bytes  # the line without surrounding whitespace
    value: dict[str, Any] | None  # the object; None when the line is not one
    error: str | None = None  # why not: "invalid JSON (…)", "not UTF-8 text (…)" or "got list"
    parsed: Any = None  # what a line that is JSON but not an object holds


def json_lines(path: Path, *, start_offset: int = 0, start_line: int = 1) -> Iterator[JsonLine]:
    """Every non-blank line from `start_offset` (a line boundary, e.g. a checkpoint); never raises on content."""
    with path.open("rb") as fh:
        fh.seek(start_offset)
        offset, line_no = start_offset, start_line - 1
        for raw_line in fh:
            line_no += 1
            offset += len(raw_line)
            text = raw_line.strip()
            if offset == len(raw_line) and text.startswith(_BOM):  # the first line of the file
                text = text[len(_BOM):].strip()
            if not text:
                continue
            try:
                value = orjson.loads(text)
            except orjson.JSONDecodeError as exc:
                yield JsonLine(line_no, offset, text, None, _why(text, exc))
                continue
            if not isinstance(value, dict):
                yield JsonLine(line_no, offset, text, None, f"got {type(value).__name__}", value)
                continue
            yield JsonLine(line_no, offset, text, value)


def _why(text: bytes, exc: orjson.JSONDecodeError) -> str:
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"not UTF-8 text ({bad.reason} at byte {bad.start})"
    return f"invalid JSON ({exc.msg} at column {exc.colno})"


def json_objects(path: Path, source: str, expected: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line, stopping at the first line that is not a JSON object;
    `expected` says what a line should be (e.g. "one FtM entity object per line") in that error."""
    for got in json_lines(path):
        if got.value is not None:
            yield got.line, got.value
            continue
        assert got.error is not None
        if got.error.startswith("not UTF-8"):
            raise SourceError(f"{got.error}; save the file as UTF-8", source=source, file=str(path), line=got.line)
        if got.error.startswith("invalid JSON"):
            raise SourceError(f"not a JSON object ({got.error.removeprefix('invalid JSON (')}: the file is truncated "
                              f"or not JSON Lines; expected {expected}", source=source, file=str(path), line=got.line)
        raise SourceError(f"not a JSON object; expected {expected}", source=source, file=str(path), line=got.line)

class _Ended(Protocol):
    @property
    def end_offset(self) -> int: ...


_Record_co = TypeVar("_Record_co", bound=_Ended, covariant=True)


class PartReader(Protocol[_Record_co]):
    """A loader's reader of one file format (`read_jsonl`, `read_csv`, …): records from a record boundary on."""

    def __call__(self, path: Path, *, start_offset: int = 0, start_line: int = 1) -> Iterator[_Record_co]: ...


@dataclass(frozen=True)
class FilePart:
    """Whole batches of one input file, from `start_offset` (a record boundary) up to `end_offset`: what one bulk
    loader worker reads (`split_feed` finds the offsets)."""

    index: int  # ordinal over every part of every file, in file order
    file_index: int
    path: Path
    fmt: str
    start_offset: int
    start_line: int
    end_offset: int | None  # None: to the end of the file
    folder: Path  # the part's own scratch and CSV folder

    def records(self, read: PartReader[_Record_co]) -> Iterator[_Record_co]:
        """The part's records as `read` gives them (the loader's reader for the part's format), stopping at
        the first one that ends past `end_offset`: the next part starts there."""
        for record in read(self.path, start_offset=self.start_offset, start_line=self.start_line):
            if self.end_offset is not None and record.end_offset > self.end_offset:
                return
            yield record

    def read_from(self, offset: int, line: int) -> FilePart:
        """The same file read from `offset` (a record boundary at `line`) to its end: to read one record again."""
        return replace(self, start_offset=offset, start_line=line, end_offset=None)


def split_feed(path: Path, fmt: str, batch_size: int, parts: int) -> list[tuple[int, int, int | None]]:
    """(start offset, start line, end offset) of up to `parts` runs of whole batches of similar size: where the
    bulk loaders' workers each start reading (a file that is not JSON Lines, or a small one, is one run)."""
    size = path.stat().st_size
    if fmt != "jsonl" or parts <= 1 or size < parts * 1024:
        return [(0, 1, None)]
    targets = [size * k // parts for k in range(1, parts)]
    cuts: list[tuple[int, int]] = [(0, 1)]
    offset = line = records = 0
    with path.open("rb") as fh:
        for raw in fh:
            line += 1
            text = raw.strip()
            if line == 1 and text.startswith(_BOM):
                text = text[len(_BOM):].strip()
            if text:
                if records and records % batch_size == 0 and targets and offset >= targets[0]:
                    cuts.append((offset, line))
                    while targets and offset >= targets[0]:
                        targets.pop(0)
                records += 1
            offset += len(raw)
    ends: list[int | None] = [start for start, _ in cuts[1:]]
    return [(start, first, end) for (start, first), end in zip(cuts, [*ends, None], strict=True)]
