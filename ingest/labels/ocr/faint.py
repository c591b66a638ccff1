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

Off unless ECGRAPH_OCR_FAINT=1 (`rapidocr.py`), by measurement (`benchmarks/labels_ocr.py`, 40 singles
each; fieldlabels seed 7 and labelgen dev/dev2 for development, fieldlabels seed 97 held out): it costs
+0.12 CPU-s per frame (median of 12 dev frames, one onnxruntime thread: 1.02 -> 1.12; the whole-page
pass +0.82 on the same frames), but it gains no model number or HS code on any set. Company names:
labelgen dev 0.63 -> 0.65 at precision 0.92 -> 0.89, dev2 0.51 -> 0.53 at 0.96 -> 0.93 (two right and
two wrong names, all from lines re-read), fieldlabels seed 7 unchanged at 0.75, held-out 0.67 -> 0.69
at 0.97; country of origin one right more on dev2, one fewer on dev and held out. The text found only on
the normalised copy added one wrong ECCN on dev2 and nothing right.

What it does not do: read dot-matrix print better. On the dev captures the recogniser read 20 of 90
dotted true values (model/part/serial numbers, HS codes, companies) in their page boxes; none of 13 crop
treatments (blur of 4-10 % of the line height, blur 1.2 with CLAHE, grey opening or closing, median,
each at 1x or 2x cubic) read more than those 20 alone, and all of them together 26. The dotted lines
are found by the page detector; their recognition fails. The whole-page pass's gain came mostly from
lines read confidently (0.94-0.99) and wrongly in the page pass that it read rightly in the slightly
different boxes its own detector drew: no confidence or texture test picks those lines out (re-reading
every line in its page box from the normalised copy put 5 more of 458 true values in the text, for
about 0.5 CPU-s).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ecgraph.ingest.labels.ocr.base import OcrLine

__all__ = ["FAINT_BELOW", "NEW_TEXT_SIDE", "faint_lines", "merge_faint", "uncovered"]

# Lines read less confidently than this are recognised again from the normalised copy. On the dev
# captures the lines under 0.95 (about a quarter of them) held 3 of the 5 true values that re-reading
# every line put in the text, and under 0.9 only 1.
FAINT_BELOW = 0.95
# Long side (px) of the normalised copy when looking for text no page line covers: 640 px costs about
# a third of the page detector's 960 px and found the same new values on the dev captures but one.
NEW_TEXT_SIDE = 640
# A box found on the normalised copy is new text when page lines cover at most this share of it. Boxes
# the normalised detector drew around part of a line the page read (a word, a key) are not: read
# again, on the dev captures they added a stray ECCN, countries and duplicate fragments.
MAX_COVERED = 0.3
# A recognised line below this confidence is dropped (RapidOCR's own `text_score`).
MIN_CONFIDENCE = 0.5


def faint_lines(lines: Sequence[OcrLine], below: float = FAINT_BELOW) -> list[int]:
    """Indices of the lines worth a second look: read under `below`, with a polygon to cut them out by."""
    return [index for index, line in enumerate(lines) if line.confidence < below and len(line.poly) == 4]


def _covered(box: tuple[float, float, float, float], by: tuple[float, float, float, float]) -> float:
    """Share of `box`'s area inside `by`."""
    width = min(box[2], by[2]) - max(box[0], by[0])
    height = min(box[3], by[3]) - max(box[1], by[1])
    area = (box[2] - box[0]) * (box[3] - box[1])
    return width * height / area if width > 0 and height > 0 and area > 0 else 0.0


def uncovered(boxes: Sequence[OcrLine], lines: Sequence[OcrLine]) -> list[OcrLine]:
    """The `boxes` (found on the normalised copy) that no line of the page covers more than `MAX_COVERED`
    of: text the page pass found nowhere, not a piece of a line it read."""
    return [box for box in boxes if all(_covered(box.box, line.box) <= MAX_COVERED for line in lines)]


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
