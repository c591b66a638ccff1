"""The flat label being designed: draws strings, rules and bars, and records every printed item and
every entity (with the exact substring it is printed as) for the truth file."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.fieldlabels import fonts, inkstyles

RGB = tuple[int, int, int]


def has_japanese(text: str) -> bool:
    """Whether text holds kana, kanji or full-width forms."""
    return any(ord(ch) >= 0x3000 for ch in text)


def lang_of(text: str) -> str:
    """`ja`, `mixed` or `en` (any Latin-script text) as the truth format spells languages."""
    if not has_japanese(text):
        return "en"
    latin = any(ch.isascii() and ch.isalpha() for ch in text)
    return "mixed" if latin else "ja"


@dataclass
class Item:
    """One printed string and where it sits on the flat label."""

    text: str
    box: tuple[int, int, int, int]
    face: str
    px: int
    style: str


@dataclass
class Entity:
    """A field value the reader should find, tied to the items it is printed in."""

    type: str
    value: str
    norm: Any
    role: str | None
    items: list[int]


@dataclass
class Label:
    """A designed label: the image, its items and entities, and what made it."""

    image: Image.Image
    template: str
    variant: str
    items: list[Item] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    faces: dict[str, str] = field(default_factory=dict)
    surface: str = "paper"
    reflective: bool = False
    curved: bool = False  # drums, reels, pipes: usually seen bent round a cylinder
    stock: RGB = (250, 250, 250)
    wear: list[str] = field(default_factory=list)


def contain_items(label: Label) -> None:
    """Grow the label (in its stock colour) if a design printed past its edge, so every item is on it."""
    w, h = label.image.size
    need_w = max([w] + [it.box[2] + 24 for it in label.items])
    need_h = max([h] + [it.box[3] + 24 for it in label.items])
    if (need_w, need_h) != (w, h):
        grown = Image.new("RGB", (need_w, need_h), label.stock)
        grown.paste(label.image, (0, 0))
        label.image = grown


class Canvas:
    """Drawing surface that keeps the truth while a design draws."""

    def __init__(self, size: tuple[int, int], stock: RGB, rnd: random.Random, template: str, variant: str):
        self.rnd = rnd
        self.label = Label(Image.new("RGB", size, stock), template, variant, stock=stock)
        self.draw = ImageDraw.Draw(self.label.image)
        self.stock = stock

    @property
    def width(self) -> int:
        return self.label.image.width

    @property
    def height(self) -> int:
        return self.label.image.height

    def use_faces(self, **roles: str) -> None:
        """Record which face plays which role (latin, jp, value, key …) for the truth file."""
        self.label.faces.update(roles)

    def measure(self, text: str, face: str, px: int) -> tuple[int, int]:
        """Width and height of text in a face."""
        left, top, right, bottom = fonts.load(self._face_for(text, face), px).getbbox(text)
        return int(right - left), int(bottom - top)

    def fit(self, text: str, face: str, px: int, width: float) -> int:
        """The largest size up to `px` at which text fits in `width` (long company names, addresses)."""
        while px > 12 and self.measure(text, face, px)[0] > width:
            px -= 1
        return px

    def _face_for(self, text: str, face: str) -> str:
        if has_japanese(text) and not fonts.covers_japanese(face):
            return self.label.faces.get("jp", "noto_sans_jp")
        return face

    def text(self, xy: tuple[float, float], text: str, face: str, px: int, fill: RGB = (20, 20, 20),
             style: str = "print", anchor: str = "la") -> int:
        """Print text with its box's top-left (anchor `la`), top-right (`ra`) or top-centre (`ma`) at xy;
        returns the item index."""
        face = self._face_for(text, face)
        ink = inkstyles.render(text, face, px, style, self.rnd)
        x0, y0, x1, y1 = ink.box
        x, y = xy
        if anchor == "ra":
            x -= x1
        elif anchor == "ma":
            x -= (x0 + x1) / 2
        x -= x0 if anchor == "la" else 0
        y -= y0
        ox, oy = round(x), round(y)
        if style == "stamped":
            light = tuple(min(255, c + 70) for c in self.stock)
            dark = tuple(max(0, c - 90) for c in self.stock)
            self.label.image.paste(light, (ox + ink.dx - 1, oy + ink.dy - 1), ink.mask)
            self.label.image.paste(dark, (ox + ink.dx + 1, oy + ink.dy + 1), ink.mask)
            fill = tuple(max(0, c - 75) for c in self.stock)  # type: ignore[assignment]
        self.label.image.paste(fill, (ox + ink.dx, oy + ink.dy), ink.mask)
        box = (ox + x0, oy + y0, ox + x1, oy + y1)
        self.label.items.append(Item(text, box, face, px, style))
        return len(self.label.items) - 1

    def entity(self, type_: str, value: str, norm: Any, item: int | list[int], role: str | None = None) -> None:
        """Declare that `value` (printed exactly as a substring of the item) is a field of `type_`."""
        items = [item] if isinstance(item, int) else item
        lines = value.split("\n")
        if len(lines) != len(items) and len(items) != 1:
            raise ValueError(f"{type_} value has {len(lines)} lines but {len(items)} items")
        for line, idx in zip(lines if len(items) > 1 else [value], items, strict=True):
            if line not in self.label.items[idx].text:
                raise ValueError(f"{type_} value {line!r} is not printed in {self.label.items[idx].text!r}")
        if type_ == "company":
            norm = unicodedata.normalize("NFKC", value)
        self.label.entities.append(Entity(type_, value, norm, role, items))

    def trim(self, height: int) -> None:
        """Cut the label to `height` (a design that ended early) and redraw the outer border."""
        height = max(min(height, self.height), max((it.box[3] for it in self.label.items), default=0) + 10)
        self.label.image = self.label.image.crop((0, 0, self.width, height))
        self.draw = ImageDraw.Draw(self.label.image)

    def rect(self, box: tuple[float, float, float, float], outline: RGB | None = (20, 20, 20),
             width: int = 2, fill: RGB | None = None) -> None:
        self.draw.rectangle(box, outline=outline, width=width, fill=fill)

    def line(self, xy: tuple[float, float, float, float], fill: RGB = (20, 20, 20), width: int = 2) -> None:
        self.draw.line(xy, fill=fill, width=width)

    def bars(self, box: tuple[float, float, float, float], fill: RGB = (15, 15, 15)) -> None:
        """Decorative 1D bars (Code 128-like widths; not a decodable symbology)."""
        x0, y0, x1, y1 = box
        x = x0 + 6
        module = max(1.5, (x1 - x0) / 190)
        dark = True
        while x < x1 - 6:
            w = module * self.rnd.choice((1, 1, 1, 2, 2, 3, 4))
            right = min(x + w, x1 - 6) - 0.5
            if dark and right > x:
                self.draw.rectangle((x, y0, right, y1), fill=fill)
            x += w
            dark = not dark

    def matrix_code(self, box: tuple[float, float, float, float], fill: RGB = (15, 15, 15)) -> None:
        """Decorative 2D code (Data Matrix look: L finder and clock track; not decodable)."""
        x0, y0, x1, _ = box
        n = self.rnd.choice((16, 18, 20, 24))
        cell = (x1 - x0) / n
        rs = np.random.default_rng(self.rnd.randrange(2**32))
        cells = rs.random((n, n)) < 0.5
        cells[:, 0] = True
        cells[n - 1, :] = True
        cells[0, ::2] = True
        cells[0, 1::2] = False
        cells[1::2, n - 1] = True
        cells[::2, n - 1] = False
        for r, c in zip(*np.nonzero(cells), strict=True):
            self.draw.rectangle((x0 + c * cell, y0 + r * cell, x0 + (c + 1) * cell - 0.5,
                                 y0 + (r + 1) * cell - 0.5), fill=fill)
