"""Reader for OFAC's legacy CSV files (sdn/alt/add/sdn_comments, cons_prim/alt/add/comments).

No header; fields quoted, numbers bare; null is the literal `-0-` followed by a space; CRLF line
ends; the file ends with a lone Ctrl-Z (0x1A) line. Rows come back as dicts with `None` for nulls
and the line they start on, so rejects and errors can name it. A file whose first row does not
have the expected columns is not this format at all: that is a SourceError, not a reject.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ecgraph.ingest.source import ParseContext

__all__ = ["COLUMNS", "read_legacy_csv"]

NULL = "-0-"
CTRL_Z = "\x1a"
COLUMNS: dict[str, list[str]] = {
    "main": ["ent_num", "name", "type", "program", "title", "call_sign", "vess_type", "tonnage", "grt",
             "vess_flag", "vess_owner", "remarks"],
    "alt": ["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"],
    "add": ["ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks"],
    "comments": ["ent_num", "remarks_extended"],
}


def _value(field: str) -> str | None:
    text = field.strip()
    return None if text == NULL or text == "" else text


def read_legacy_csv(path: Path, kind: str, ctx: ParseContext) -> Iterator[tuple[int, dict[str, str | None]]]:
    """Rows of one legacy file (`kind` = main | alt | add | comments), nulls as None."""
    columns = COLUMNS[kind]
    line = 1
    first = True
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            for record in reader:
                start, line = line, reader.line_num + 1
                if record == [CTRL_Z] or record == []:
                    continue  # the end-of-file marker (and blank lines around it)
                if len(record) != len(columns):
                    if first:
                        raise ctx.fail(
                            f"{len(record)} fields where the OFAC legacy {kind} file has {len(columns)} "
                            f"({', '.join(columns)}): this is not an OFAC legacy CSV of that kind", path, start)
                    ctx.reject(path, start, [f"{len(record)} fields, expected {len(columns)}"], record)
                    continue
                first = False
                row = dict(zip(columns, map(_value, record), strict=True))
                if not (row["ent_num"] or "").isdigit():
                    ctx.reject(path, start, [f"ent_num {row['ent_num']!r} is not a number"], record)
                    continue
                yield start, row
    except csv.Error as exc:
        raise ctx.fail(f"unreadable CSV ({exc})", path, line) from exc
    except UnicodeDecodeError as exc:
        raise ctx.fail(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path, line) from exc
