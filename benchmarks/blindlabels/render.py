"""A flat label canvas that draws text items and keeps their boxes and entities for the truth file.

Three print processes: ink (plain anti-aliased), dot-matrix (a grid of round dots) and thermal
(a coarse bitmap head, binarised, with its pixels doubled).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.blindlabels.fonts import FontSet, load

RGB = tuple[int, int, int]
Box = tuple[int, int, int, int]


@dataclass
class Item:
    """One printed string in the flat label."""

    text: str
    bbox: Box
    font: str
    font_px: int
    process: str
    lang: str


@dataclass
class Entity:
    """A typed value: `value` is a substring of each of its items' text (an address spans lines)."""

    type: str
    value: str
    norm: object
    role: str | None
    items: list[int] = field(default_factory=list)


Ent = tuple[str, str, object, str | None]  # type, value, norm, role


def is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E80 or unicodedata.east_asian_width(ch) in ("W", "F")


def lang_of(text: str) -> str:
    cjk = sum(is_cjk(c) for c in text)
    latin = sum(c.isascii() and c.isalnum() for c in text)
    return "ja" if cjk and not latin else "mixed" if cjk else "en"


class Canvas:
    """Draws a label and records every string as an item and every value as an entity."""

    def __init__(self, size: tuple[int, int], paper: RGB, ink: RGB, fonts: FontSet, rng: random.Random):
        self.w, self.h = size
        self.img = Image.new("RGB", size, paper)
        self.draw = ImageDraw.Draw(self.img)
        self.paper, self.ink, self.fonts, self.rng = paper, ink, fonts, rng
        self.items: list[Item] = []
        self.entities: list[Entity] = []
        self.used_fonts: dict[str, str] = {}

    def font_for(self, text: str, role: str) -> str:
        if lang_of(text) != "en":
            return self.fonts.ja
        return {"body": self.fonts.body, "head": self.fonts.head, "code": self.fonts.code}[role]

    def measure(self, text: str, px: int, role: str = "body") -> tuple[int, int]:
        l, t, r, b = load(self.font_for(text, role), px).getbbox(text)
        return int(r - l), int(b - t)

    def fit(self, text: str, px: int, max_w: float, role: str = "body") -> int:
        """The largest size <= px at which text fits max_w (never below 13 px)."""
        while px > 13 and self.measure(text, px, role)[0] > max_w:
            px -= 1
        return px

    def text(self, x: float, y: float, text: str, px: int, role: str = "body", ents: tuple[Ent, ...] = (),
             ink: RGB | None = None, max_w: float | None = None, align: str = "left") -> Box:
        """Draw text with its top-left at (x, y) ("right"/"center" move x to that edge) and record it."""
        if max_w is not None:
            px = self.fit(text, px, max_w, role)
        name = self.font_for(text, role)
        font = load(name, px)
        l, t, r, b = font.getbbox(text)
        if align == "right":
            x -= r
        elif align == "center":
            x -= (r + l) / 2
        x, y = int(x), int(y)
        colour = ink or self.ink
        if self.fonts.process == "ink":
            self.draw.text((x, y), text, font=font, fill=colour)
        else:
            self._stamp(x, y, text, font, colour, px)
        box = (max(0, x + int(l)), max(0, y + int(t)), min(self.w, x + int(r) + 1), min(self.h, y + int(b) + 1))
        self.items.append(Item(text, box, name, px, self.fonts.process, lang_of(text)))
        self.used_fonts.setdefault("jp" if name == self.fonts.ja else role, name)
        for etype, value, norm, erole in ents:
            assert value in text, (value, text)
            self.entities.append(Entity(etype, value, norm, erole, [len(self.items) - 1]))
        return box

    def _stamp(self, x: int, y: int, text: str, font: object, colour: RGB, px: int) -> None:
        """Dot-matrix or thermal rendering through a mask of the glyphs."""
        _, _, r, b = font.getbbox(text)  # type: ignore[attr-defined]
        mw, mh = int(r) + 4, int(b) + 4
        mask = Image.new("L", (mw, mh), 0)
        ImageDraw.Draw(mask).text((0, 0), text, font=font, fill=255)  # type: ignore[arg-type]
        if self.fonts.process == "thermal":
            cell = 2 if px < 30 else 3
            small = mask.resize((max(1, mw // cell), max(1, mh // cell)), Image.Resampling.BOX)
            small = small.point(lambda v: 255 if v > 100 else 0)
            mask = small.resize((mw, mh), Image.Resampling.NEAREST)
            self.img.paste(colour, (x, y), mask)
            return
        cell = max(2, px // (14 if lang_of(text) != "en" else 9))
        arr = np.asarray(mask, dtype=np.float32)
        gh, gw = mh // cell, mw // cell
        grid = arr[: gh * cell, : gw * cell].reshape(gh, cell, gw, cell).mean(axis=(1, 3))
        rad = cell * 0.46
        for gy, gx in zip(*np.nonzero(grid > 90)):
            cx, cy = x + gx * cell + cell / 2, y + gy * cell + cell / 2
            self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=colour)

    def entity(self, etype: str, value: str, norm: object, role: str | None, items: list[int]) -> None:
        """An entity over several items (an address block)."""
        self.entities.append(Entity(etype, value, norm, role, items))

    # decorations -----------------------------------------------------------------------------------
    def box(self, b: tuple[float, float, float, float], width: int = 2, fill: RGB | None = None) -> None:
        self.draw.rectangle(b, outline=self.ink, width=width, fill=fill)

    def hline(self, x0: float, x1: float, y: float, width: int = 2) -> None:
        self.draw.line((x0, y, x1, y), fill=self.ink, width=width)

    def vline(self, x: float, y0: float, y1: float, width: int = 2) -> None:
        self.draw.line((x, y0, x, y1), fill=self.ink, width=width)

    def barcode(self, x: float, y: float, w: float, h: float) -> None:
        """Decorative bars (not a decodable symbology)."""
        cx = x
        while cx < x + w - 4:
            bw = self.rng.choice((1, 1, 2, 3, 4))
            if self.rng.random() < 0.55:
                self.draw.rectangle((cx, y, cx + bw, y + h), fill=(20, 20, 20))
            cx += bw + self.rng.choice((1, 2, 2, 3))

    def matrix_code(self, x: float, y: float, s: float) -> None:
        """A decorative 2-D code square."""
        n = 18
        c = s / n
        for i in range(n):
            for j in range(n):
                edge = i == n - 1 or j == 0
                if edge or self.rng.random() < 0.45:
                    self.draw.rectangle((x + j * c, y + i * c, x + (j + 1) * c, y + (i + 1) * c), fill=(15, 15, 15))

    def esd_symbol(self, x: float, y: float, s: float) -> None:
        self.draw.polygon([(x + s / 2, y), (x + s, y + s * 0.9), (x, y + s * 0.9)], fill=(245, 200, 20),
                          outline=(10, 10, 10), width=3)
        self.draw.line((x + s * 0.35, y + s * 0.35, x + s * 0.65, y + s * 0.75), fill=(10, 10, 10), width=4)
