"""Key/value fields and the ways labels arrange them: inline, key left/above/right, boxed, table."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from benchmarks.blindlabels import places
from benchmarks.blindlabels.goods import Goods, key
from benchmarks.blindlabels.render import Canvas, Ent

STYLES = ("inline", "left", "above", "right", "boxed", "table", "grid")


@dataclass
class Field:
    """A key word and the value printed with it; ents are substrings of value."""

    key: str
    value: str
    ents: tuple[Ent, ...] = ()
    role: str = "body"


def make_field(rng: random.Random, g: Goods, name: str, mode: str) -> Field:
    """The standard field `name` of goods g with a key word in `mode` (en, abbr, ja, bi)."""
    k = key(rng, name, mode)
    ja = mode == "ja" or (mode == "bi" and rng.random() < 0.5)
    if name in ("part", "model", "serial"):
        p = {"part": g.part, "model": g.model, "serial": g.serial}[name]
        etype = {"part": "part_number", "model": "model_number", "serial": "serial_number"}[name]
        return Field(k, p.value, ((etype, p.value, p.norm, None),), "code")
    if name == "hs":
        return Field(k, g.hs.value, (("hs_code", g.hs.value, g.hs.norm, None),), "code")
    if name == "eccn":
        return Field(k, g.eccn.value, (("eccn", g.eccn.value, g.eccn.norm, None),), "code")
    if name == "origin":
        c = places.country_word(rng, g.origin, japanese=ja)
        return Field(k, c.value, (("country_of_origin", c.value, c.norm, None),))
    if name == "qty":
        v = f"{g.qty} {g.unit}" if rng.random() < 0.8 else f"{g.qty:,} {g.unit.lower()}"
        return Field(k, v, (("quantity", v, {"value": g.qty, "unit": g.unit}, None),))
    if name == "desc":
        d = g.desc_ja if ja else g.desc_en
        return Field(k, d, (("description", d, d, None),))
    if name in ("net", "gross"):
        w = g.net_kg if name == "net" else g.gross_kg
        v = f"{w} {rng.choice(('KG', 'kg', 'KGS'))}"
        return Field(k, v, (("weight", v, {"kind": name, "value": w, "unit": "kg"}, None),))
    if name == "maker":
        return Field(k, g.maker.value, (("company", g.maker.value, g.maker.norm, "manufacturer"),))
    if name == "date":
        return Field(k, g.date, (("date", g.date, g.date, None),))
    if name == "po":
        return Field(k, g.po, (("po_number", g.po, g.po, None),), "code")
    if name == "lot":
        return Field(k, g.lot, (), "code")
    if name == "status":
        return Field(k, g.jp_status, (("jp_control_status", g.jp_status, g.jp_status, None),))
    raise ValueError(f"unknown field {name!r}; known: {sorted(set(KNOWN))}")


KNOWN = ("part", "model", "serial", "hs", "eccn", "origin", "qty", "desc", "net", "gross", "maker", "date",
         "po", "lot", "status")


def _colon(rng: random.Random, k: str) -> str:
    return k + rng.choice(("", "", ":", " :", "：")) if k and not k.endswith(":") else k


def arrange(cv: Canvas, rng: random.Random, fields: list[Field], x: float, y: float, w: float, style: str,
            vpx: int, kpx: int, gap: int = 8) -> float:
    """Draw fields in one column from (x, y) and return the y below them."""
    if style == "inline":
        sep = rng.choice((": ", " ", "：", " - ", "  "))
        for f in fields:
            cv.text(x, y, f"{f.key}{sep}{f.value}" if f.key else f.value, vpx, f.role, f.ents, max_w=w)
            y += vpx * 1.35 + gap
        return y
    keys = [_colon(rng, f.key) for f in fields]
    kw = min(max(cv.measure(k, kpx)[0] for k in keys) + 16, w * 0.45)
    if style in ("left", "table"):
        row = vpx * 1.45 + gap
        if style == "table":
            cv.box((x, y, x + w, y + row * len(fields)), width=2)
            cv.vline(x + kw + 4, y, y + row * len(fields))
        for i, (k, f) in enumerate(zip(keys, fields)):
            ty = y + (row - vpx) / 2
            cv.text(x + 6, ty + (vpx - kpx) * 0.5, k, kpx, max_w=kw - 8)
            cv.text(x + kw + 12, ty, f.value, vpx, f.role, f.ents, max_w=w - kw - 18)
            y += row
            if style == "table" and i < len(fields) - 1:
                cv.hline(x, x + w, y, width=1)
        return y + gap
    if style == "above":
        for k, f in zip(keys, fields):
            cv.text(x, y, k, kpx, max_w=w)
            y += kpx * 1.3
            cv.text(x + 4, y, f.value, vpx, f.role, f.ents, max_w=w - 4)
            y += vpx * 1.3 + gap
        return y
    if style == "right":
        for f in fields:
            kwid = cv.measure(f.key, kpx)[0]
            cv.text(x, y, f.value, vpx, f.role, f.ents, max_w=w - kwid - 20)
            cv.text(x + w, y + (vpx - kpx) * 0.6, f"({f.key})" if rng.random() < 0.3 else f.key, kpx,
                    align="right")
            y += vpx * 1.4 + gap
        return y
    if style == "boxed":
        for k, f in zip(keys, fields):
            h = kpx * 1.3 + vpx * 1.3 + 12
            cv.box((x, y, x + w, y + h), width=2)
            cv.text(x + 6, y + 4, k, kpx, max_w=w - 12)
            cv.text(x + 10, y + 6 + kpx * 1.3, f.value, vpx, f.role, f.ents, max_w=w - 20)
            y += h + max(2, gap // 2)
        return y + gap
    if style == "grid":  # boxes side by side, up to three per row, key small in the top-left corner
        per = 3 if w > 700 else 2
        cw = w / per
        h = kpx * 1.3 + vpx * 1.3 + 14
        for i, (k, f) in enumerate(zip(keys, fields)):
            cx, cy = x + (i % per) * cw, y + (i // per) * h
            cv.box((cx, cy, cx + cw, cy + h), width=2)
            cv.text(cx + 6, cy + 4, k, kpx, max_w=cw - 12)
            cv.text(cx + 8, cy + 6 + kpx * 1.3, f.value, vpx, f.role, f.ents, max_w=cw - 16)
        return y + h * math.ceil(len(fields) / per) + gap
    raise ValueError(f"unknown style {style!r}; known: {STYLES}")


def arrange_cols(cv: Canvas, rng: random.Random, fields: list[Field], x: float, y: float, w: float, style: str,
                 vpx: int, kpx: int, cols: int) -> float:
    """One or two columns of fields (left column first in reading order)."""
    if cols == 1 or len(fields) < 4 or style == "grid":
        return arrange(cv, rng, fields, x, y, w, style, vpx, kpx)
    half = (len(fields) + 1) // 2
    cw = (w - 24) / 2
    y1 = arrange(cv, rng, fields[:half], x, y, cw, style, vpx, kpx)
    y2 = arrange(cv, rng, fields[half:], x + cw + 24, y, cw, style, vpx, kpx)
    return max(y1, y2)
