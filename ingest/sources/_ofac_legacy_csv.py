"""Reader for OFAC's legacy CSV files (sdn/alt/add/sdn_comments, cons_prim/alt/add/comments).

No header; fields quoted, numbers bare; null is the literal `-0-` followed by a space; CRLF line
ends; the file ends with a lone Ctrl-Z (0x1A) line. Rows come back as dicts with `None` for nulls
and the line they start on, so rejects and errors can name it. A file whose first row does not
have the expected columns is not this format at all: that is a SourceError, not a reject.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ecgraph.ingest.csv_rows import csv_rows
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
    seen_a_row = False

    def wrong_width(line: int, cells: list[str], reason: str) -> None:
        if not seen_a_row:
            raise ctx.fail(f"{len(cells)} fields where the OFAC legacy {kind} file has {len(columns)} "
                           f"({', '.join(columns)}): this is not an OFAC legacy CSV of that kind", path, line)
        ctx.reject(path, line, [reason], cells)

    for line, cells in csv_rows(path, source=ctx.source, header=columns, header_row=False, encodings=("utf-8",),
                                skip=lambda cells: cells in ([], [CTRL_Z]), reject=wrong_width, advice=""):
        seen_a_row = True
        row = {column: _value(cell) for column, cell in cells.items()}
        if not (row["ent_num"] or "").isdigit():
            ctx.reject(path, line, [f"ent_num {row['ent_num']!r} is not a number"], list(cells.values()))
            continue
        yield line, row
