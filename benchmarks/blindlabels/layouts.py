"""The label standards this generator draws, as one table, plus the shared canvas set-up.

Each standard is a function (rng, goods) -> Canvas with its own variants (field order, key language,
key position, columns, boxes); see logistics.py, product.py and customs.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np
from PIL import ImageDraw

from benchmarks.blindlabels.fonts import pick_fontset
from benchmarks.blindlabels.goods import Goods
from benchmarks.blindlabels.render import RGB, Canvas

PAPERS: dict[str, RGB] = {
    "white": (246, 246, 242), "ivory": (240, 234, 214), "thermal": (250, 250, 247), "yellow": (246, 222, 120),
    "kraft": (196, 158, 112), "silver": (186, 190, 192), "black": (32, 33, 36), "blue": (40, 70, 130),
    "green": (214, 232, 208), "orange": (244, 160, 60),
}


def new_canvas(rng: random.Random, width: int, paper: str = "white", ink: RGB = (18, 18, 22),
               process: str | None = None) -> Canvas:
    """A tall blank label of `width`; finish() crops it to what was drawn."""
    fonts = pick_fontset(rng, process)
    return Canvas((width, 2600), PAPERS[paper], ink, fonts, rng)


def finish(cv: Canvas, margin: int = 24, border: int = 0) -> Canvas:
    """Crop to the content and optionally draw an outer frame."""
    grid = np.asarray(cv.img)[::2, ::3].astype(np.int16)
    ink = np.abs(grid - np.array(cv.paper, dtype=np.int16)).max(axis=2) > 40
    rows = np.nonzero(ink.any(axis=1))[0] * 2
    bottom = min(cv.h, max([it.bbox[3] for it in cv.items] + [int(rows[-1]) if len(rows) else 100]) + margin)
    cv.img = cv.img.crop((0, 0, cv.w, bottom))
    cv.h = bottom
    cv.draw = ImageDraw.Draw(cv.img)
    if cv.fonts.process == "thermal" and cv.rng.random() < 0.5:  # dead heater dots leave white streaks
        for _ in range(cv.rng.randint(1, 3)):
            x = cv.rng.randint(10, cv.w - 10)
            cv.draw.line((x, 0, x, bottom), fill=cv.paper, width=cv.rng.choice((1, 2)))
    if border:
        cv.draw.rectangle((border, border, cv.w - 1 - border, bottom - 1 - border), outline=cv.ink, width=3)
    return cv


def modes(rng: random.Random, japanese_bias: float = 0.3) -> str:
    """Key language of one label: English, abbreviated, Japanese or bilingual."""
    r = rng.random()
    if r < japanese_bias:
        return rng.choice(("ja", "bi"))
    return rng.choice(("en", "abbr", "en", "abbr", "bi"))


Layout = Callable[[random.Random, Goods], Canvas]


def registry() -> dict[str, Layout]:
    """Standard name -> layout function (one visible table)."""
    from benchmarks.blindlabels import customs, logistics, product

    return {
        "ansi_mh10": logistics.ansi_mh10,
        "gs1_logistic": logistics.gs1_logistic,
        "iata_cargo": logistics.iata_cargo,
        "pallet_placard": logistics.pallet_placard,
        "nameplate": product.nameplate,
        "supplier_item": product.supplier_item,
        "reel_esd": product.reel_esd,
        "jp_carton": customs.jp_carton,
        "cn22": customs.cn22,
        "cn23": customs.cn23,
    }
