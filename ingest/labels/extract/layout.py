"""Where a key's value is: after it in the same box, in the box to its right, or in the box below.

Labels are tables, not prose: `型式 MODEL` sits in one cell and `RW-R1-15J` in the next, and an OCR
engine may emit them in any order. So a value is paired with its key by box position, never by
line order. Where the caption sits differs from label to label (left of, over, under or right of its
value), so a box next to a caption is its value only when no other caption is nearer to it
(`claimed_by`): a label groups a caption with its own value more tightly than with its neighbour's.
"""

from __future__ import annotations

from collections.abc import Sequence

from ecgraph.ingest.labels.ocr.base import OcrLine

__all__ = [
    "box_above",
    "box_below",
    "boxes_left",
    "boxes_right",
    "claimed_by",
    "column_overlap",
    "gap",
    "ghosts",
    "same_row",
    "vertical_overlap",
]


def vertical_overlap(a: OcrLine, b: OcrLine) -> float:
    """Share of the shorter box's height that the two boxes have in common (0–1)."""
    top = max(a.box[1], b.box[1])
    bottom = min(a.box[3], b.box[3])
    shorter = max(min(a.height, b.height), 1.0)
    return max(0.0, bottom - top) / shorter


def column_overlap(a: OcrLine, b: OcrLine) -> float:
    """Width the two boxes have in common left to right, in pixels (negative: the space between them)."""
    return min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])


def same_row(a: OcrLine, b: OcrLine) -> bool:
    return vertical_overlap(a, b) >= 0.5


def boxes_right(lines: Sequence[OcrLine], index: int) -> list[int]:
    """Indexes of the boxes on the same row to the right of box `index`, nearest first."""
    anchor = lines[index]
    found = [
        (line.box[0] - anchor.box[2], i)
        for i, line in enumerate(lines)
        if i != index and same_row(anchor, line) and line.box[0] >= anchor.box[2] - 0.5 * anchor.height
    ]
    return [i for _, i in sorted(found)]


def box_below(lines: Sequence[OcrLine], index: int) -> int | None:
    """The nearest box under box `index` that shares its column, within two line heights (of the taller)."""
    anchor = lines[index]
    best: tuple[float, int] | None = None
    for i, line in enumerate(lines):
        if i == index or line.box[1] < anchor.box[1] + 0.5 * anchor.height:
            continue
        gap = line.box[1] - anchor.box[3]
        overlaps_column = column_overlap(anchor, line) > 0
        # Two heights of the taller box: a value is often printed larger than its caption.
        reach = 2.0 * max(anchor.height, line.height, 1.0)
        if overlaps_column and gap <= reach and (best is None or gap < best[0]):
            best = (gap, i)
    return best[1] if best else None


def boxes_left(lines: Sequence[OcrLine], index: int) -> list[int]:
    """Indexes of the boxes on the same row to the left of box `index`, nearest first."""
    anchor = lines[index]
    found = [
        (anchor.box[0] - line.box[2], i)
        for i, line in enumerate(lines)
        if i != index and same_row(anchor, line) and line.box[2] <= anchor.box[0] + 0.5 * anchor.height
    ]
    return [i for _, i in sorted(found)]


def box_above(lines: Sequence[OcrLine], index: int) -> int | None:
    """The nearest box over box `index` that shares its column, within two line heights."""
    anchor = lines[index]
    best: tuple[float, int] | None = None
    for i, line in enumerate(lines):
        # Its top well over the caption's top: OCR boxes are padded, so a caption printed tight under
        # its value (or a tilted label) has boxes that overlap.
        if i == index or line.box[1] > anchor.box[1] - 0.4 * anchor.height:
            continue
        distance = max(0.0, anchor.box[1] - line.box[3])
        overlaps_column = column_overlap(anchor, line) > 0
        if (
            overlaps_column
            and distance <= 2.0 * max(line.height, 1.0)
            and (best is None or distance < best[0])
        ):
            best = (distance, i)
    return best[1] if best else None


def gap(a: OcrLine, b: OcrLine) -> float:
    """Empty space between two boxes side by side or one over the other; infinite otherwise.

    One over the other means sharing more of a column than OCR's padding does: a key column's box and the
    value column's box a row lower touch by a few pixels (`DESCRIPTION` over `TCP7-663`, beside `MODEL NO`),
    which made the key of the row above the nearer caption of the value."""
    if same_row(a, b):
        return max(0.0, max(a.box[0], b.box[0]) - min(a.box[2], b.box[2]))
    if column_overlap(a, b) > 0.5 * max(min(a.height, b.height), 1.0):
        return max(0.0, max(a.box[1], b.box[1]) - min(a.box[3], b.box[3]))
    return float("inf")


def claimed_by(lines: Sequence[OcrLine], value: int, key: int, captions: Sequence[int]) -> bool:
    """Whether box `value` belongs to caption box `key`: no other caption box is nearer to it. A caption with
    a box between it and the value (a row of its own in the value's column) is not near it, however small
    the gap: it reaches past its own row (`(4L) COUNTRY OF ORIGIN`, wide, two rows under another's value)."""
    own = gap(lines[key], lines[value])
    return all(
        other in (key, value)
        or gap(lines[other], lines[value]) >= own
        or _row_between(lines, other, value)
        or _read_after(lines, key, other, value)
        for other in captions
    )


def _read_after(lines: Sequence[OcrLine], key: int, other: int, value: int) -> bool:
    """Whether caption `other` comes after box `value` in a row that `key` opens: in `MODEL  LN3B-42DA/GG
    NET WEIGHT  46.6 kg` the code is the model's, however near the next caption is. Rows are read left to
    right; a caption right of its value only claims a value no caption precedes."""
    key_line, other_line, value_line = lines[key], lines[other], lines[value]
    return (
        same_row(key_line, value_line)
        and same_row(other_line, value_line)
        and key_line.box[2] <= value_line.box[0] + 0.5 * value_line.height
        and other_line.box[0] >= value_line.box[2] - 0.5 * value_line.height
    )


def _row_between(lines: Sequence[OcrLine], a: int, b: int) -> bool:
    """Whether some box lies between boxes `a` and `b`, one over the other, in `b`'s column."""
    top, bottom = sorted((lines[a], lines[b]), key=lambda line: line.box[1])
    if same_row(top, bottom):
        return False
    column = lines[b].box
    return any(
        i not in (a, b)
        and line.centre_y > top.box[3]
        and line.centre_y < bottom.box[1]
        and min(line.box[2], column[2]) > max(line.box[0], column[0])
        for i, line in enumerate(lines)
    )


# A box at least this many times taller than another box that reads the same text is the detector's merge of
# two rows, recognised as one of them.
_GHOST_HEIGHT = 1.6


def ghosts(lines: Sequence[OcrLine]) -> set[int]:
    """Boxes the detector drew over two rows whose text the recogniser read as one of them, which another box
    reads too: `(SERIAL)` two rows tall over `(形名)`, beside the `(SERIAL)` of its own row. Such a box repeats
    a caption or a value where it is not printed, and would claim the value of the box it covers."""
    found = set()
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        twin = any(
            other != index
            and lines[other].text.strip() == text
            and line.height >= _GHOST_HEIGHT * lines[other].height
            for other in range(len(lines))
        )
        if twin and any(
            other != index and lines[other].text.strip() != text and _covered(lines[other], line) >= 0.5
            for other in range(len(lines))
        ):
            found.add(index)
    return found


def _covered(inner: OcrLine, outer: OcrLine) -> float:
    """Share of `inner`'s area inside `outer`."""
    a, b = inner.box, outer.box
    width, height = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    area = (a[2] - a[0]) * (a[3] - a[1])
    return width * height / area if width > 0 and height > 0 and area > 0 else 0.0
