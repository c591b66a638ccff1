"""Targeted second look at faint and dotted print: only the lines the page pass was unsure of, and only
text the page detector found nowhere, read from the contrast-normalised copy (`normalise.py`).

Why: the whole-page normalised pass (ECGRAPH_OCR_NORMALISE=1) read a few more true values but about
doubled a frame's CPU, and a surer normalised line (with its own, new box) replaced a line extraction
had paired. This reader costs a fraction of it: the lines read under `FAINT_BELOW` are recognised again
(recognition only, in their own box, so the layout extraction pairs on does not move), and the
normalised copy is detected at `NEW_TEXT_SIDE` px to find text no page line covers; only those new
boxes are recognised. A re-read line replaces the first reading only when it is surer and loses none of
its accepted identifiers (`extract.anchors.surer_reading`); a line read at or above `FAINT_BELOW` is
never touched.

What it does not do: read dot-matrix print better. On the dev captures (labelgen dev/dev2, fieldlabels
seed 7) the recogniser read 20 of 90 dotted true values in their page boxes, and no crop treatment
(blur 1.2-10 % of the line height, CLAHE, grey opening or closing, median, 2x cubic) read more than 14
of them alone, 26 taken together; the whole-page pass's gain came mostly from confident lines read
differently in the boxes its own detector drew, which a targeted reader cannot select.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ecgraph.ingest.labels.ocr.base import SAME_LINE_IOU, OcrLine, _iou

__all__ = ["FAINT_BELOW", "NEW_TEXT_SIDE", "faint_lines", "merge_faint", "uncovered"]

# Lines read less confidently than this are recognised again from the normalised copy. On the dev
# captures the lines under 0.95 (about a quarter of them) held every value such a re-read gained but one.
FAINT_BELOW = 0.95
# Long side (px) of the normalised copy when looking for text no page line covers: 640 px costs about
# a third of the page detector's 960 px and found the same new values on the dev captures but one.
NEW_TEXT_SIDE = 640
# A recognised line below this confidence is dropped (RapidOCR's own `text_score`).
MIN_CONFIDENCE = 0.5


def faint_lines(lines: Sequence[OcrLine], below: float = FAINT_BELOW) -> list[int]:
    """Indices of the lines worth a second look: read under `below`, with a polygon to cut them out by."""
    return [index for index, line in enumerate(lines) if line.confidence < below and len(line.poly) == 4]


def uncovered(boxes: Sequence[OcrLine], lines: Sequence[OcrLine]) -> list[OcrLine]:
    """The `boxes` (found on the normalised copy) that are the same line as none of the page's `lines`."""
    return [box for box in boxes if all(_iou(box.box, line.box) <= SAME_LINE_IOU for line in lines)]


def merge_faint(
    lines: Sequence[OcrLine],
    rereads: dict[int, OcrLine],
    added: Sequence[OcrLine],
    better: Callable[[OcrLine, OcrLine], bool],
) -> list[OcrLine]:
    """`lines` with each re-read line (by index) taking the place of the first reading when `better(new,
    old)`, keeping the first reading's box and polygon; then the `added` lines read where no line was."""
    merged = list(lines)
    for index, new in rereads.items():
        old = merged[index]
        if new.confidence >= MIN_CONFIDENCE and better(new, old):
            merged[index] = replace(new, box=old.box, poly=old.poly)
    merged.extend(line for line in added if line.confidence >= MIN_CONFIDENCE)
    return merged
