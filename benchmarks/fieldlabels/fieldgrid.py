"""Key/value fields laid out in one to three columns, key left of, above, right of or inline with its
value, optionally boxed, with long values wrapped to a second line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from benchmarks.fieldlabels.canvas import RGB, Canvas

EntitySpec = tuple[str, str, Any, str | None]  # type, printed value (substring), norm, role


@dataclass
class Field:
    """A printed field: optional key, the value string, and the entities it carries."""

    key: str | None
    value: str
    entities: list[EntitySpec] = field(default_factory=list)
    wrap: bool = False


@dataclass
class GridStyle:
    """How a grid prints: positions, faces, sizes and inks."""

    key_pos: str  # left | above | right | inline
    cols: int
    boxed: bool
    key_face: str
    value_face: str
    key_px: int
    value_px: int
    key_style: str = "print"
    value_style: str = "print"
    ink: RGB = (20, 20, 20)
    key_ink: RGB = (60, 60, 60)
    separator: str = ": "


def _split(canvas: Canvas, text: str, face: str, px: int, width: float) -> list[str]:
    """Break text at spaces (or anywhere for Japanese) into at most two lines that fit."""
    if canvas.measure(text, face, px)[0] <= width:
        return [text]
    words = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    for cut in range(len(words) - 1, 0, -1):
        head = joiner.join(words[:cut])
        if canvas.measure(head, face, px)[0] <= width:
            return [head, joiner.join(words[cut:])]
    return [text]


def _declare(canvas: Canvas, fld: Field, items: list[int], lines: list[str]) -> None:
    for type_, value, norm, role in fld.entities:
        if len(lines) > 1 and value == fld.value:
            canvas.entity(type_, "\n".join(lines), norm if type_ != "description" else "\n".join(lines),
                          items, role)
            continue
        hit = [i for i, line in zip(items, lines, strict=True) if value in canvas.label.items[i].text]
        if hit:
            canvas.entity(type_, value, norm, hit[0], role)


def _value_lines(canvas: Canvas, fld: Field, st: GridStyle, width: float) -> list[str]:
    return _split(canvas, fld.value, st.value_face, st.value_px, width) if fld.wrap else [fld.value]


def layout(canvas: Canvas, fields: list[Field], box: tuple[float, float, float, float], st: GridStyle) -> float:
    """Print `fields` row by row inside `box`; returns the y just below the last row."""
    x0, y0, x1, _ = box
    col_w = (x1 - x0) / st.cols
    pad = max(4, st.value_px // 4)
    gap = int(st.value_px * 0.35)
    y = y0
    key_w = 0.0
    if st.key_pos in ("left", "right"):
        key_w = max((canvas.measure(f.key, st.key_face, st.key_px)[0] for f in fields if f.key), default=0)
        key_w = min(key_w + pad * 2, col_w * 0.48)
    for row_start in range(0, len(fields), st.cols):
        row = fields[row_start:row_start + st.cols]
        row_h = 0.0
        for c, fld in enumerate(row):
            cx = x0 + c * col_w
            h = _cell(canvas, fld, st, cx + pad, y + pad, col_w - 2 * pad, key_w)
            row_h = max(row_h, h + 2 * pad)
        if st.boxed:
            for c in range(len(row)):
                canvas.rect((x0 + c * col_w, y, x0 + (c + 1) * col_w, y + row_h), outline=st.ink, width=2)
                if st.key_pos in ("left", "right") and key_w:
                    kx = x0 + c * col_w + (key_w if st.key_pos == "left" else col_w - key_w)
                    canvas.line((kx, y, kx, y + row_h), fill=st.ink, width=1)
        y += row_h + (0 if st.boxed else gap)
    return y


def _cell(canvas: Canvas, fld: Field, st: GridStyle, x: float, y: float, width: float, key_w: float) -> float:
    """Print one field at (x, y); returns its height."""
    vh = canvas.measure("Hg", st.value_face, st.value_px)[1]
    kh = canvas.measure("Hg", st.key_face, st.key_px)[1]
    if st.key_pos == "inline" or not fld.key:
        text = f"{fld.key}{st.separator}{fld.value}" if fld.key else fld.value
        items = [canvas.text((x, y), text, st.value_face, st.value_px, st.ink, st.value_style)]
        _declare(canvas, fld, items, [text])
        return vh
    if st.key_pos == "above":
        canvas.text((x, y), fld.key, st.key_face, st.key_px, st.key_ink, st.key_style)
        lines = _value_lines(canvas, fld, st, width)
        vy = y + kh + max(3, st.key_px // 3)
    elif st.key_pos == "right":  # value first, its key just after it (e.g. `FX-220  TYPE`)
        lines = _value_lines(canvas, fld, st, width - key_w)
        vw = max(canvas.measure(line, st.value_face, st.value_px)[0] for line in lines)
        kx = x + vw + max(18, st.value_px * 0.8)
        canvas.text((kx, y + max(0, (vh - kh) / 2)), fld.key, st.key_face, st.key_px, st.key_ink, st.key_style)
        vy = y
    else:
        canvas.text((x, y + max(0, (vh - kh) / 2)), fld.key, st.key_face, st.key_px, st.key_ink, st.key_style)
        lines = _value_lines(canvas, fld, st, width - key_w)
        vy = y
        x = x + key_w
    items = []
    for line in lines:
        items.append(canvas.text((x, vy), line, st.value_face, st.value_px, st.ink, st.value_style))
        vy += vh * 1.3
    _declare(canvas, fld, items, lines)
    return vy - y - vh * 0.3
