"""Ways a string gets onto a label: laser/offset print, dot-matrix, thermal, inkjet, stamped or etched
metal, dot-peen, and handwriting. Each turns text into an alpha mask plus the text's box."""

from __future__ import annotations

import random
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from benchmarks.fieldlabels import fonts

STYLES = ("print", "dotmatrix", "thermal", "inkjet", "stamped", "etched", "dotpeen", "handwritten")


@dataclass(frozen=True)
class Ink:
    """A rendered string: `mask` goes at (x + dx, y + dy); `box` is the text box relative to (x, y)."""

    mask: Image.Image
    dx: int
    dy: int
    box: tuple[int, int, int, int]


def _print_mask(text: str, face: str, px: int, pad: int) -> Ink:
    font = fonts.load(face, px)
    left, top, right, bottom = (int(v) for v in font.getbbox(text))
    mask = Image.new("L", (right + 2 * pad, bottom + 2 * pad), 0)
    ImageDraw.Draw(mask).text((pad, pad), text, font=font, fill=255)
    return Ink(mask, -pad, -pad, (left, top, right, bottom))


def _dots(ink: Ink, cell: float, radius: float, rnd: random.Random, dropout: float, soft: float) -> Ink:
    """Resample a solid mask onto a grid of round dots (print head or inkjet nozzle grid)."""
    arr = np.asarray(ink.mask, dtype=np.float32) / 255.0
    h, w = arr.shape
    gw, gh = max(1, int(w / cell)), max(1, int(h / cell))
    grid = cv2.resize(arr, (gw, gh), interpolation=cv2.INTER_AREA) > 0.33
    if dropout > 0:
        rs = np.random.default_rng(rnd.randrange(2**32))
        grid &= rs.random(grid.shape) >= dropout
    out = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(out)
    ys, xs = np.nonzero(grid)
    for gy, gx in zip(ys.tolist(), xs.tolist(), strict=True):
        cx, cy = (gx + 0.5) * w / gw, (gy + 0.5) * h / gh
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=255)
    if soft > 0:
        out = out.filter(ImageFilter.GaussianBlur(soft))
    return Ink(out, ink.dx, ink.dy, ink.box)


def _thermal(ink: Ink, px: int) -> Ink:
    """203-dpi thermal look: a coarse binary pixel grid, slightly grey."""
    arr = np.asarray(ink.mask, dtype=np.float32)
    h, w = arr.shape
    step = max(1.5, px / 14)
    small = cv2.resize(arr, (max(1, int(w / step)), max(1, int(h / step))), interpolation=cv2.INTER_AREA)
    binary = np.where(small > 110, 235, 0).astype(np.uint8)
    big = cv2.resize(binary, (w, h), interpolation=cv2.INTER_NEAREST)
    return Ink(Image.fromarray(big), ink.dx, ink.dy, ink.box)


def _handwritten(text: str, face: str, px: int, rnd: random.Random) -> Ink:
    """Pen on a form: each letter drawn alone with its own size, slant and baseline."""
    pad = px
    width = int(px * 1.2 * len(text) + 3 * pad)
    mask = Image.new("L", (width, int(px * 3.2)), 0)
    x = float(pad)
    base = pad + px * 1.1
    pen = rnd.choice((0, 0, 1, 3))
    tops: list[float] = []
    bottoms: list[float] = []
    drift = rnd.uniform(-0.04, 0.04)
    for i, ch in enumerate(text):
        size = max(6, int(px * rnd.uniform(0.9, 1.08)))
        font = fonts.load(face, size)
        if ch == " ":
            x += size * rnd.uniform(0.3, 0.45)
            continue
        left, top, right, bottom = font.getbbox(ch, anchor="ls")
        tile = Image.new("L", (int(right - left) + 2 * size, int(bottom - top) + 2 * size), 0)
        ImageDraw.Draw(tile).text((size - left, size - top), ch, font=font, fill=255, anchor="ls")
        tile = tile.rotate(rnd.uniform(-7, 7), resample=Image.Resampling.BICUBIC)
        y = base + drift * i * px + rnd.uniform(-0.05, 0.05) * px
        mask.paste(255, (int(x + left - size), int(y + top - size)), tile)
        tops.append(y + top)
        bottoms.append(y + bottom)
        x += (right - left) + size * rnd.uniform(0.02, 0.12)
    if pen:
        mask = mask.filter(ImageFilter.MaxFilter(pen))
    y0 = int(min(tops, default=pad)) - 1
    y1 = int(max(bottoms, default=pad + px)) + 1
    return Ink(mask, -pad, -int(pad), (0, y0 - pad, int(x) - pad + 2, y1 - pad))


def render(text: str, face: str, px: int, style: str, rnd: random.Random) -> Ink:
    """Render `text` in `face` at `px` pixels in one of STYLES."""
    if style == "handwritten":
        return _handwritten(text, face, px, rnd)
    ink = _print_mask(text, face, px, pad=max(2, px // 4))
    if style == "dotmatrix":
        cell = max(2.0, px / 8.5)
        return _dots(ink, cell, cell * 0.42, rnd, 0.0, 0.0)
    if style == "inkjet":
        cell = max(2.5, px / 7.0)
        return _dots(ink, cell, cell * rnd.uniform(0.45, 0.6), rnd, 0.04, 0.8)
    if style == "dotpeen":
        cell = max(2.0, px / 11.0)
        return _dots(ink, cell, cell * 0.52, rnd, 0.0, 0.6)
    if style == "thermal":
        return _thermal(ink, px)
    if style not in STYLES:
        raise ValueError(f"unknown ink style {style!r}; use one of {', '.join(STYLES)}")
    return ink
