"""What the readers yield: one declaration as read from a file, with where it came from.

`end_offset` is the byte offset just after the declaration in its file: a checkpoint taken there
lets an interrupted load resume at the next declaration without gaps or duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["SourceRecord"]


@dataclass
class SourceRecord:
    record: dict[str, Any] | None  # the declaration as nested JSON; None when it could not be read
    raw: Any  # what the file holds: the JSON line, or the CSV rows as dicts
    line: int  # first line of the declaration in its file (1-based)
    end_offset: int  # byte offset just after the declaration
    reasons: list[str] = field(default_factory=list)  # read errors (bad JSON, inconsistent CSV rows)
    next_line: int = 0  # line number of whatever follows the declaration

    def __post_init__(self) -> None:
        if not self.next_line:
            self.next_line = self.line + 1
