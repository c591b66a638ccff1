"""Draw a label design flat: rows of cells in a face, with rules, grid boxes and decorative bars.

Returns the RGB label and, for each cell that prints a scored fact, its box in label pixels, so
`capture.py` can follow every fact through the camera's geometry (occlusion, text height).
Print modes: `plain`; `dotmatrix` (each glyph drawn as a grid of dots, as impact printers do);
`thermal` (grey ink, a dead print-head dot leaving a white streak down the label, uneven darkness).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from benchmarks.labelgen.fonts import Font, load

__all__ = ["Cell", "Design", "Row", "Truth", "render"]

_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Truth:
    """A scored fact: entity type, value as printed, canonical norm, role."""

    type: str
    value: str
    norm: str
    role: str | None = None


@dataclass
class Cell:
    text: str
    x: float = 0.0  # start as a share of the label's inner width
    scale: float = 1.0
    bold: bool = False
    truths: tuple[Truth, ...] = ()


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)
    kind: str = "text"  # text | bars | rule
    boxed: bool = False
    gap: float = 0.35  # space after the row, in base line heights


@dataclass
class Design:
    standard: str
    layout: str
    rows: list[Row]
    latin: Font
    japanese: Font
    bold_latin: Font | None
    base_px: int
    mode: str  # plain | dotmatrix | thermal
    paper: tuple[int, int, int]
    ink: tuple[int, int, int]


def _face(design: Design, cell: Cell, size: int) -> ImageFont.FreeTypeFont:
    if _JA.search(cell.text):
        return load(design.japanese, size)
    if cell.bold and design.bold_latin is not None:
        return load(design.bold_latin, size)
    return load(design.latin, size)


def _dots(mask: NDArray[np.uint8], pitch: int) -> NDArray[np.uint8]:
    """A glyph mask redrawn as round dots on a `pitch` grid (an impact printer's 7x9 look)."""
    height, width = mask.shape
    out = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(out)
    radius = max(pitch * 0.45, 0.8)
    for y in range(pitch // 2, height, pitch):
        for x in range(pitch // 2, width, pitch):
            block = mask[
                max(y - pitch // 2, 0) : y + pitch // 2 + 1, max(x - pitch // 2, 0) : x + pitch // 2 + 1
            ]
            if block.size and block.mean() > 90:
                draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
    return np.asarray(out, np.uint8)


def render(
    design: Design, rng: random.Random
) -> tuple[NDArray[np.uint8], list[tuple[Truth, tuple[int, int, int, int]]]]:
    """The flat label (RGB, uint8) and the label-pixel box of every scored fact."""
    base = design.base_px
    margin = int(base * 1.2)
    sized: list[list[tuple[Cell, ImageFont.FreeTypeFont, tuple[int, int, int, int]]]] = []
    inner = 0
    for row in design.rows:
        cells = []
        for cell in row.cells:
            face = _face(design, cell, max(int(base * cell.scale), 8))
            bbox = tuple(int(v) for v in face.getbbox(cell.text))
            assert len(bbox) == 4
            cells.append((cell, face, (bbox[0], bbox[1], bbox[2], bbox[3])))
            width = bbox[2] - bbox[0]
            inner = max(inner, int(width / max(1.0 - cell.x, 0.2)) + base)
        sized.append(cells)
    heights = []
    for row, cells in zip(design.rows, sized, strict=True):
        if row.kind == "bars":
            heights.append(int(base * 2.2))
        elif row.kind == "rule":
            heights.append(int(base * 0.5))
        else:
            heights.append(int(max((b[3] for _, _, b in cells), default=base) + base * 0.25))
    total_h = sum(heights) + sum(int(base * row.gap) for row in design.rows) + 2 * margin
    width = inner + 2 * margin
    mask = Image.new("L", (width, total_h), 0)
    draw = ImageDraw.Draw(mask)
    boxes: list[tuple[Truth, tuple[int, int, int, int]]] = []
    y = margin
    for row, cells, height in zip(design.rows, sized, heights, strict=True):
        if row.kind == "bars":
            x = margin
            while x < width - margin:
                bar = rng.choice((1, 1, 2, 3, 4))
                draw.rectangle((x, y, x + bar * base // 8, y + height), fill=255)
                x += (bar + rng.choice((1, 2, 3))) * base // 8 + 1
        elif row.kind == "rule":
            draw.rectangle(
                (margin, y + height // 2, width - margin, y + height // 2 + max(base // 12, 1)), fill=255
            )
        for cell, face, bbox in cells:
            x = margin + int(cell.x * inner)
            draw.text((x - bbox[0], y), cell.text, font=face, fill=255)
            if cell.truths:
                box = (x, y + bbox[1], x + bbox[2] - bbox[0], y + bbox[3])
                boxes.extend((truth, box) for truth in cell.truths)
        if row.boxed:
            pad = base // 4
            line = max(base // 14, 1)
            draw.rectangle(
                (margin - pad, y - pad, width - margin + pad, y + height + pad), outline=255, width=line
            )
            for cell, _, _ in cells[1:]:
                cx = margin + int(cell.x * inner) - pad
                draw.rectangle((cx, y - pad, cx + line, y + height + pad), fill=255)
        y += height + int(base * row.gap)
    ink_mask = np.asarray(mask, np.uint8)
    if design.mode == "dotmatrix":
        ink_mask = _dots(ink_mask, max(base // 7, 2))
    alpha = ink_mask.astype(np.float32) / 255.0
    ink = np.array(design.ink, np.float32)
    if design.mode == "thermal":
        # Grey, uneven darkness across the head, and dead dots drawing white streaks down the label.
        darkness = 0.75 + 0.25 * np.sin(np.linspace(0, rng.uniform(2, 6), width))[None, :]
        alpha = alpha * darkness.astype(np.float32)
        for _ in range(rng.randrange(1, 4)):
            column = rng.randrange(margin, width - margin)
            alpha[:, column : column + max(base // 16, 1)] = 0
        ink = ink * 0.4 + 60
    paper = np.array(design.paper, np.float32)
    image = paper[None, None, :] * (1 - alpha[..., None]) + ink[None, None, :] * alpha[..., None]
    return np.clip(image, 0, 255).astype(np.uint8), boxes
