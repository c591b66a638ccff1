"""Key-anchored re-read: OCR a small region of the page again, upscaled, where a key's value should be.

Why: on the bundled captures most missed HS codes and model numbers are 5–10 px lines whose key
(`HS:`, `MODEL:`) was read while the value was not, or was misread (`H5: 8540.69`, `HS: 863224`).
At that size the recogniser sees a few pixels per character; the same pixels warped to ~3x (cubic)
give it more to go on. Which regions to re-read is extraction's decision (`extract/anchors.py`);
this module cuts them out, reads them and maps the lines back into page coordinates.

The same upscaled reads also check the values the page did accept (`verify_lines`): a value that two
re-reads of its line agree is another value of the same kind is a misreading (a confident
`HUTD-2PSM45D` for `HUTD-2P5M45D`, re-read twice as `HUTD-2PSM4SD`), so its line loses its
confidence and extraction drops it.

A region is a quadrilateral in the capture (TL, TR, BR, BL), usually tilted with the text; it is
warped to an upright rectangle, so the re-read also undoes the page's rotation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np

from ecgraph.ingest.labels.ocr.base import OcrLine, _iou

__all__ = [
    "SCALE",
    "Region",
    "confirmed",
    "contradicted",
    "line_region",
    "merge_reread",
    "read_region",
    "region_below",
    "region_right",
    "verify_lines",
]

Point = tuple[float, float]
Quad = tuple[Point, Point, Point, Point]

# Upscale factor of a re-read region (text of 5–10 px becomes 15–30 px, what the recogniser is
# trained on); the crop's height is also kept at least MIN_HEIGHT px.
SCALE = 3.0
MIN_HEIGHT = 48


@dataclass(frozen=True)
class Region:
    """Where to look again: a quad in page pixels, and the index of the line that asked for it."""

    quad: Quad
    anchor: int
    reason: str  # "value" (the key's own box, value misread) | "right" | "below"


def _frame(poly: tuple[Point, ...]) -> tuple[Any, Any, Any, float, float]:
    """Origin, unit direction along the text, unit normal (down), width and height of a line polygon."""
    tl, tr, _, bl = (np.asarray(p, np.float64) for p in poly)
    along = tr - tl
    width = float(np.linalg.norm(along)) or 1.0
    u = along / width
    down = bl - tl
    height = float(np.linalg.norm(down)) or 1.0
    v = np.array([-u[1], u[0]])
    if float(np.dot(v, down)) < 0:
        v = -v
    return tl, u, v, width, height


def _quad(origin: Any, u: Any, v: Any, x0: float, x1: float, y0: float, y1: float) -> Quad:
    corners = [origin + x * u + y * v for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
    return tuple((float(c[0]), float(c[1])) for c in corners)  # type: ignore[return-value]


def line_region(line: OcrLine, anchor: int, extend: float = 1.0, pad: float = 0.1) -> Region | None:
    """The line's own box, `pad` line heights taller each side and `extend` further right (a value
    cut short). The detector's box is already padded; more would take in the neighbouring lines."""
    if len(line.poly) != 4:
        return None
    origin, u, v, width, height = _frame(line.poly)
    quad = _quad(origin, u, v, -0.3 * height, width + extend * height, -pad * height, (1 + pad) * height)
    return Region(quad, anchor, "value")


def region_right(
    line: OcrLine, anchor: int, key_fraction: float = 1.0, length: float = 14.0
) -> Region | None:
    """Right of a key on the same text line: from where the key ends, `length` line heights long."""
    if len(line.poly) != 4:
        return None
    origin, u, v, width, height = _frame(line.poly)
    start = max(0.0, key_fraction * width - 0.3 * height)
    quad = _quad(origin, u, v, start, width + length * height, -0.35 * height, 1.35 * height)
    return Region(quad, anchor, "right")


def region_below(line: OcrLine, anchor: int, length: float = 14.0) -> Region | None:
    """The next text line under a key, in its column."""
    if len(line.poly) != 4:
        return None
    origin, u, v, width, height = _frame(line.poly)
    quad = _quad(origin, u, v, -0.5 * height, max(width, length * height), 0.9 * height, 2.6 * height)
    return Region(quad, anchor, "below")


def _clip(quad: Quad, width: int, height: int) -> Quad:
    return tuple((min(max(x, 0.0), width - 1.0), min(max(y, 0.0), height - 1.0)) for x, y in quad)  # type: ignore[return-value]


def read_region(
    image: Any,
    region: Region,
    recognise: Callable[[Any], list[OcrLine]],
    scale: float = SCALE,
    detect: bool = True,
) -> list[OcrLine]:
    """OCR one region of `image` (BGR) upscaled by `scale`; the lines come back in page coordinates.

    `recognise(crop)` gives lines in crop pixels. With `detect` the crop gets a border (the detector
    finds little at the very edge); without, `recognise` reads the crop as one line whose box is the crop.
    """
    page_h, page_w = image.shape[:2]
    quad = _clip(region.quad, page_w, page_h)
    src = np.asarray(quad, np.float32)
    width = float(np.linalg.norm(src[1] - src[0]))
    height = float(np.linalg.norm(src[3] - src[0]))
    if width < 4 or height < 4:
        return []
    factor = max(scale, MIN_HEIGHT / height)
    out_w, out_h = round(width * factor), round(height * factor)
    dst = np.asarray([(0, 0), (out_w - 1, 0), (out_w - 1, out_h - 1), (0, out_h - 1)], np.float32)
    forward = cv2.getPerspectiveTransform(src, dst)
    crop = cv2.warpPerspective(
        image, forward, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    pad = out_h // 2 if detect else 0
    if pad:
        crop = cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    back = np.linalg.inv(forward)
    lines = []
    for line in recognise(crop):
        points = np.asarray(line.poly or _corners(line.box), np.float64) - pad
        mapped = cv2.perspectiveTransform(points.reshape(-1, 1, 2), back).reshape(-1, 2)
        poly = tuple((float(x), float(y)) for x, y in mapped)
        xs, ys = [p[0] for p in poly], [p[1] for p in poly]
        lines.append(
            OcrLine(line.text, (min(xs), min(ys), max(xs), max(ys)), line.confidence, line.raw, poly)
        )
    return lines


def _corners(box: tuple[float, float, float, float]) -> list[Point]:
    x0, y0, x1, y1 = box
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


# A re-read line overlapping a first-pass line this much (intersection over union) is the same line.
SAME_LINE_IOU = 0.3


def merge_reread(
    lines: list[OcrLine], reread: list[OcrLine], better: Callable[[OcrLine, OcrLine], bool]
) -> list[OcrLine]:
    """First-pass lines with the re-read ones merged in: a re-read line replaces the one line it overlaps
    when `better(new, old)`, and is added when it overlaps none."""
    merged = list(lines)
    for line in reread:
        hits = [i for i, other in enumerate(merged) if _iou(other.box, line.box) > SAME_LINE_IOU]
        if not hits:
            merged.append(line)
        elif len(hits) == 1 and better(line, merged[hits[0]]):
            merged[hits[0]] = line
    return merged


Value = tuple[str, str]  # (entity type, normalised value)


def _plain(text: str) -> str:
    return "".join(char for char in text.upper() if char.isalnum())


def contradicted(first: list[Value], reads: list[list[Value]]) -> list[Value]:
    """Those of a line's values that the re-reads overrule: every re-read gives another value of the same
    type, all the same one, and none gives this one. Values are compared on their letters and digits: a
    small crop often loses a `/` or `-` (`YN3E-07UX/RT` re-read as `YN3E-07UXRT` is the same value), and
    re-reads that disagree with each other (`FFU3WV2-22`, `FFU3VV2-22`) overrule nothing. A re-read
    that finds nothing of the type abstains, so it overrules nothing either."""
    if not reads:
        return []
    overruled = []
    for kind, norm in first:
        others = [{_plain(n) for k, n in read if k == kind} for read in reads]
        if any(_plain(norm) in found for found in others):
            continue
        if all(others) and set.intersection(*others):
            overruled.append((kind, norm))
    return overruled


def verify_lines(
    image: Any,
    lines: list[OcrLine],
    recognise: Callable[[Any], list[OcrLine]],
    values: Callable[[str], list[Value]],
    scales: tuple[float, ...],
    detect: bool = True,
) -> list[OcrLine]:
    """`lines` with confidence 0 for each line one of whose `values` the re-reads at all `scales`
    overrule (`contradicted`). Only lines carrying a value are read again, in their own box; the next
    scale is read only while some value stands overruled, so a confirmed line costs one re-read.

    A line whose re-read gives every one of its values again is as sure as the surer of the two readings
    (`confirmed`): the upscaled crop shows the recogniser more pixels per character, and its confidence in
    the same value is a reading of its own, not a guess."""
    checked = []
    for index, line in enumerate(lines):
        first = values(line.text)
        region = line_region(line, index) if first else None
        if region is not None:
            reads: list[list[Value]] = []
            for scale in scales:
                found = read_region(image, region, recognise, scale, detect)
                reads.append([value for read in found for value in values(read.text)])
                if not contradicted(first, reads):
                    line = replace(line, confidence=max(line.confidence, confirmed(first, found, values)))
                    break
            else:
                line = replace(line, confidence=0.0)
        checked.append(line)
    return checked


def confirmed(first: list[Value], found: list[OcrLine], values: Callable[[str], list[Value]]) -> float:
    """The confidence of the re-read line that gives all of `first` again (compared as `contradicted`
    compares), else 0."""
    wanted = {(kind, _plain(norm)) for kind, norm in first}
    sure = [
        read.confidence
        for read in found
        if wanted <= {(kind, _plain(norm)) for kind, norm in values(read.text)}
    ]
    return max(sure, default=0.0)
