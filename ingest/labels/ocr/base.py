"""What every OCR engine returns: lines of text with an axis-aligned box and a confidence.

Extraction pairs keys with values by box position, so an engine must keep its boxes; it must not
join the page into one string. Text is normalised (`text.normalise_line`) here, once, for every engine.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from ecgraph.ingest.labels.text import normalise_line

__all__ = ["OcrEngine", "OcrLine", "OcrPage", "deskew", "make_line", "merge_lines", "reading_order"]


@dataclass(frozen=True)
class OcrLine:
    """One recognised line: normalised text, its box (x0, y0, x1, y1) in image pixels, confidence 0–1."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float
    raw: str = ""
    poly: tuple[tuple[float, float], ...] = ()  # TL, TR, BR, BL as the engine gave them (RapidOCR)

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def centre_y(self) -> float:
        return (self.box[1] + self.box[3]) / 2


@dataclass(frozen=True)
class OcrPage:
    """Everything one engine read from one image."""

    engine: str
    image: str
    width: int
    height: int
    seconds: float
    lines: tuple[OcrLine, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def confidence(self) -> float:
        """Mean line confidence weighted by text length (0 for an empty page)."""
        total = sum(len(line.text) for line in self.lines)
        if not total:
            return 0.0
        return sum(line.confidence * len(line.text) for line in self.lines) / total


class OcrEngine(Protocol):
    """An OCR engine: a name, and `read(path)` that gives an OcrPage with lines in reading order."""

    name: str

    def read(self, path: Path) -> OcrPage: ...


def make_line(
    raw: str,
    box: tuple[float, float, float, float],
    confidence: float,
    poly: tuple[tuple[float, float], ...] = (),
) -> OcrLine | None:
    """A normalised line, or None when nothing readable is left after normalisation."""
    text = normalise_line(raw)
    if not text:
        return None
    return OcrLine(text=text, box=box, confidence=max(0.0, min(1.0, confidence)), raw=raw, poly=poly)


def _iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


# Two boxes overlapping this much (intersection over union) are one printed line read twice.
SAME_LINE_IOU = 0.3


def merge_lines(first: list[OcrLine], second: list[OcrLine]) -> list[OcrLine]:
    """Two readings of one image (same pixel frame) as one: a line of `second` that is the same line as
    no line of `first` is added; one that is the same line as exactly one line of `first` replaces it
    when it is read more confidently.

    A blurred pass often joins two printed lines into one tall box that the sharper pass splits; the
    split lines overlap the joined box too little to count as the same line, so they are added (the
    joined box stays: a stricter rule that kept `first`'s boxes there lost HS codes, measured).
    """
    merged = list(first)
    for line in second:
        hits = [i for i, other in enumerate(merged) if _iou(other.box, line.box) > SAME_LINE_IOU]
        if not hits:
            merged.append(line)
        elif len(hits) == 1 and line.confidence > merged[hits[0]].confidence:
            merged[hits[0]] = line
    return merged


def deskew(lines: list[OcrLine], width: int, height: int) -> list[OcrLine]:
    """Boxes in the label's own frame: rotate every polygon by the median text angle of the page.

    Glasses captures are tilted by up to ~15°; on a tilted nameplate the value cell to the right of
    `型式 MODEL` sits half a line lower, so same-row pairing fails unless the boxes are turned back.
    Only the boxes used for layout change; the text does not.
    """
    angles = [
        math.atan2(line.poly[1][1] - line.poly[0][1], line.poly[1][0] - line.poly[0][0])
        for line in lines
        if len(line.poly) == 4 and (line.box[2] - line.box[0]) > 2 * max(line.height, 1.0)
    ]
    if not angles:
        return lines
    angle = statistics.median(angles)
    if abs(angle) < math.radians(1.0):
        return lines
    cos, sin, cx, cy = math.cos(-angle), math.sin(-angle), width / 2, height / 2
    turned = []
    for line in lines:
        if len(line.poly) != 4:
            turned.append(line)
            continue
        points = [
            (cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos) for x, y in line.poly
        ]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        turned.append(replace(line, box=(min(xs), min(ys), max(xs), max(ys))))
    return turned


def reading_order(lines: list[OcrLine]) -> tuple[OcrLine, ...]:
    """Top-to-bottom rows (boxes whose vertical centres lie within half a line height), left to right."""
    ordered = sorted(lines, key=lambda line: line.centre_y)
    rows: list[list[OcrLine]] = []
    for line in ordered:
        if rows:
            anchor = rows[-1][0]
            if abs(line.centre_y - anchor.centre_y) <= 0.5 * max(anchor.height, line.height, 1.0):
                rows[-1].append(line)
                continue
        rows.append([line])
    return tuple(line for row in rows for line in sorted(row, key=lambda item: item.box[0]))
