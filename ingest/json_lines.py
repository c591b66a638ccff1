"""JSON Lines files (FtM entity exports, BODS statements, custom watch lists), read one way.

A list file is loaded as a version that replaces the previous one, so a damaged file must stop the
load: a line that is not a JSON object would otherwise delist every entry after it. The error names
the source, the file and the line, and says what the file should hold. Lines are streamed (an
OpenSanctions export is gigabytes); blank lines are skipped; a UTF-8 byte-order mark is allowed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecgraph.schemas.errors import SourceError

__all__ = ["json_objects"]


def json_objects(path: Path, source: str, expected: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; `expected` says what a line should be
    (e.g. "one FtM entity object per line") in the error for a line that is not a JSON object."""
    line_no = 0
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SourceError(f"not a JSON object ({exc.msg} at column {exc.colno}): the file is truncated "
                                      f"or not JSON Lines; expected {expected}",
                                      source=source, file=str(path), line=line_no) from exc
                if not isinstance(value, dict):
                    raise SourceError(f"not a JSON object; expected {expected}",
                                      source=source, file=str(path), line=line_no)
                yield line_no, value
    except UnicodeDecodeError as exc:
        # text is decoded in blocks, so the bad byte is somewhere after the last line read
        raise SourceError(f"not UTF-8 text ({exc.reason}) after line {line_no}; save the file as UTF-8",
                          source=source, file=str(path)) from exc
