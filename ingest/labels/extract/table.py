"""Values in the columns of a printed table: a header row of keys, one value per row below each key.

Invoices, packing lists and pallet manifests print their goods as a table (`PART NO. | DESCRIPTION |
QTY | HS | COO`), one line per item, so a key is the caption of every cell under it, not only of the
nearest one (`components.key_values` pairs a caption with the one box next to it). A row of two or
more boxes that are only keys is a header; a header key's column runs between the midpoints to its
neighbouring header boxes, and its cells are the boxes below whose left edge falls in it, down to the
first box that is itself a key or carries a data identifier, or a vertical gap wider than a few rows.
Each cell's value must still pass its key's check (an HS 2022 subheading, a code with a digit); the
cell's type is the header's (a table of part numbers lists parts, whatever the page's other keys).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ecgraph.ingest.labels.extract.components import UNCHECKED_CODES, _value_in, caption_rest, key_matches
from ecgraph.ingest.labels.extract.entity import LabelEntity
from ecgraph.ingest.labels.extract.key_words import strength_of
from ecgraph.ingest.labels.extract.layout import same_row
from ecgraph.ingest.labels.extract.standards import has_identifiers
from ecgraph.ingest.labels.ocr.base import OcrLine

__all__ = ["COLUMN_TYPES", "MAX_ROW_GAP", "header_rows", "table_columns"]

# Types read down a column: the identifiers a rule links on.
COLUMN_TYPES = frozenset({*UNCHECKED_CODES, "hs_code"})
# A column ends at a vertical gap wider than this many cell heights (the table's end, a footer).
MAX_ROW_GAP = 2.5
_MAX_ROWS = 40


def _only_key(text: str) -> bool:
    """Whether a box is nothing but keys (a caption): `PART NO.`, `HS Code`, `Qty`, `Modèle / Réf.`."""
    matches = key_matches(text)
    rest = text[matches[-1][1] :] if matches else ""
    return bool(matches) and matches[0][0] == 0 and (not rest.strip(" )]:：.#") or caption_rest(rest))


def header_rows(lines: list[OcrLine]) -> list[list[int]]:
    """Rows of two or more caption boxes, each row's boxes left to right."""
    captions = [i for i, line in enumerate(lines) if _only_key(line.text) and not has_identifiers(line.text)]
    rows: list[list[int]] = []
    seen: set[int] = set()
    for index in captions:
        if index in seen:
            continue
        row = [i for i in captions if i == index or same_row(lines[index], lines[i])]
        seen.update(row)
        if len(row) >= 2:
            rows.append(sorted(row, key=lambda i: lines[i].box[0]))
    return rows


def _column(lines: list[OcrLine], header: int) -> tuple[float, float]:
    """Left and right bounds of the column under `header`: halfway to the nearest boxes beside it on its
    row, whatever they hold (a neighbouring caption misread is still the next column's)."""
    box = lines[header].box
    row = [line.box for i, line in enumerate(lines) if i != header and same_row(lines[header], line)]
    left = max((other[2] for other in row if other[2] <= box[0] + 1), default=float("-inf"))
    right = min((other[0] for other in row if other[0] >= box[2] - 1), default=float("inf"))
    return (left + box[0]) / 2, (box[2] + right) / 2


def _cells(lines: list[OcrLine], header: int, bounds: tuple[float, float]) -> list[int]:
    """The boxes under `header` whose left edge is in its column (or a line height left of it: a tilted label's
    rows drift) and that share some of its width, top to bottom, to the column's end."""
    head = lines[header].box
    top = head[3]
    below = sorted(
        (
            i
            for i, line in enumerate(lines)
            if line.centre_y > top
            # a line height of slack on the left: a tilted label's column drifts row by row
            and bounds[0] - line.height <= line.box[0] < bounds[1]
            and min(line.box[2], head[2]) > max(line.box[0], head[0])
        ),
        key=lambda i: lines[i].box[1],
    )
    cells: list[int] = []
    bottom = top
    for i in below:
        line = lines[i]
        keys = key_matches(line.text)
        if line.box[1] - bottom > MAX_ROW_GAP * max(line.height, 1.0) or (keys and keys[0][0] == 0):
            break
        if has_identifiers(line.text):
            break  # `(241) CUST. PART No.`: the caption of the next field, whose value is under it
        cells.append(i)
        bottom = max(bottom, line.box[3])
        if len(cells) >= _MAX_ROWS:
            break
    return cells


def table_columns(doc: Doc) -> Doc:
    """Every cell value under a header key of `COLUMN_TYPES`, as sure as its box."""
    lines: list[OcrLine] = doc.user_data["lines"]
    listed: set[tuple[str, str]] = set()
    for row in header_rows(lines):
        for header in row:
            start, end, pattern = key_matches(lines[header].text)[0]
            if pattern.type not in COLUMN_TYPES:
                continue
            strength = strength_of(lines[header].text[start:end])
            for cell in _cells(lines, header, _column(lines, header)):
                found = _value_in(lines[cell].text, pattern)
                if found is None or has_identifiers(lines[cell].text):
                    continue
                value, norm = found
                confidence = lines[cell].confidence * strength
                doc.user_data["entities"].append(
                    LabelEntity(pattern.type, value, norm, None, confidence, (header, cell))
                )
                listed.add((pattern.type, str(norm)))
    # A caption's first cell read as the goods' model number (`key_values`: a carton's P/N) is one row of
    # a table of parts: the table says what it is.
    doc.user_data["entities"] = [
        e
        for e in doc.user_data["entities"]
        if not (e.type == "model_number" and ("part_number", str(e.norm)) in listed)
    ]
    return doc
