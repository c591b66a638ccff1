"""Japanese export carton markings printed on kraft: shipping mark diamond, 品名/型式/品番/数量/原産国/
製造者/輸出者 lines (inkjet, rubber stamp or flexo print), often with a pasted English parts sticker."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, shipment, values
from benchmarks.fieldlabels.canvas import Canvas, Label
from benchmarks.fieldlabels.designs._kit import start
from benchmarks.fieldlabels.fieldgrid import Field, GridStyle, layout
from benchmarks.fieldlabels.shipment import Shipment

KRAFT = ((190, 152, 104), (201, 166, 118), (178, 140, 96), (214, 190, 150))
INKS = ((25, 25, 30), (30, 45, 110), (120, 30, 30), (40, 40, 40))


# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "model_number", "description", "quantity", "country_of_origin"})


def _shipping_mark(c: Canvas, rnd: random.Random, s: Shipment, x: float, y: float, size: float,
                   face: str, ink: tuple[int, int, int], style: str) -> None:
    """Diamond with the buyer's initials, port below, case number — the classic export shipping mark."""
    cx, cy = x + size / 2, y + size / 2
    c.draw.polygon([(cx, y), (x + size, cy), (cx, y + size), (x, cy)], outline=ink, width=5)
    initials = "".join(word[0] for word in s.consignee.name.split()[:3]).upper()
    c.text((cx, cy - size * 0.12), initials, face, int(size * 0.22), ink, style, anchor="ma")
    port = rnd.choice(("HAMBURG", "ROTTERDAM", "LOS ANGELES", "SINGAPORE", "KAOHSIUNG", "BUSAN", "ANTWERP"))
    c.text((cx, y + size + 10), port, face, int(size * 0.14), ink, style, anchor="ma")
    n = rnd.randint(1, 9)
    c.text((cx, y + size + 10 + size * 0.2), f"C/NO. {n}/{n + rnd.randint(0, 12)}", face, int(size * 0.13), ink,
           style, anchor="ma")


def _sticker(c: Canvas, rnd: random.Random, s: Shipment, box: tuple[float, float, float, float]) -> None:
    """A white thermal parts sticker pasted on the carton (English, keys inline)."""
    x0, y0, x1, y1 = box
    c.rect(box, outline=(120, 120, 120), width=1, fill=(246, 246, 242))
    face = rnd.choice(fonts.LATIN_MONO + fonts.LATIN_CONDENSED)
    flds = [shipment.part(rnd, s, "en"), shipment.quantity(rnd, s, "en"), shipment.hs(rnd, s, "en")]
    if rnd.random() < 0.6:
        flds.append(shipment.eccn(rnd, s, "en"))
    flds.append(Field(rnd.choice(("LOT", "D/C")), s.lot))
    st = GridStyle("inline", 1, False, face, face, 26, 28, value_style="thermal", separator=rnd.choice((": ", " ")))
    layout(c, flds, (x0 + 12, y0 + 12, x1 - 12, y1), st)


def draw(rnd: random.Random, s: Shipment) -> Label:
    variant = rnd.choice(("ja_left", "ja_table", "bilingual_columns", "ja_above", "ja_grid2", "ja_right"))
    w = rnd.choice((1100, 1200))
    h = int(w * rnd.uniform(0.66, 0.8))
    c = start(rnd, "carton_jp", variant, (w, h), rnd.choice(KRAFT), "kraft")
    ink = rnd.choice(INKS)
    style = rnd.choice(("inkjet", "print", "print"))
    jp_face = rnd.choice(fonts.JP_GOTHIC + fonts.JP_MINCHO)
    latin = rnd.choice(fonts.LATIN_SANS_BOLD + fonts.LATIN_CONDENSED + fonts.LATIN_MONO[4:])
    c.use_faces(jp=jp_face, latin=latin)
    value_style = "inkjet" if style == "inkjet" else "print"
    mark = rnd.random() < 0.6
    left = 40.0
    if mark:
        _shipping_mark(c, rnd, s, 40, 50, 230, latin, ink, value_style)
        left = 320.0
    ja = variant != "bilingual_columns"
    flds: list[Field] = [shipment.description(rnd, s, "ja"), shipment.model(rnd, s, "ja")]
    if rnd.random() < 0.6:
        flds.append(shipment.part(rnd, s, "ja"))
    flds += [shipment.quantity(rnd, s, "ja"), shipment.origin(rnd, s, "ja"),
             shipment.company(rnd, s.maker_jp, "manufacturer", "ja"),
             shipment.company(rnd, s.shipper, "shipper", "ja")]
    if rnd.random() < 0.5:
        flds.append(shipment.weight(rnd, s, "ja", rnd.choice(("net", "gross"))))
    if rnd.random() < 0.5:
        flds.append(shipment.plain(rnd, "po_number", "ja", s.po, "po_number"))
    if rnd.random() < 0.45 or not ja:
        flds.append(shipment.hs(rnd, s, "ja"))
    rnd.shuffle(flds[2:])
    px = rnd.randint(32, 46)
    pos = {"ja_left": "left", "ja_table": "left", "bilingual_columns": "inline", "ja_above": "above",
           "ja_grid2": "above", "ja_right": "right"}[variant]
    st = GridStyle(pos, 2 if variant == "ja_grid2" else 1, variant in ("ja_table", "ja_grid2"), jp_face, jp_face, px - 4, px, value_style=value_style,
                   key_style="print", ink=ink, key_ink=ink, separator=rnd.choice(("：", ": ", "　")))
    right = w - 40 if ja or not mark else w * 0.62
    if not ja:
        right = w * 0.6
    y = layout(c, flds, (left, 40, right, h - 40), st)
    if not ja:  # English column on the right
        en = [shipment.description(rnd, s, "en"), shipment.model(rnd, s, "en"), shipment.origin(rnd, s, "en"),
              shipment.weight(rnd, s, "en", "gross")]
        est = GridStyle("inline", 1, False, latin, latin, px - 6, px - 6, value_style=value_style, ink=ink)
        layout(c, en, (w * 0.62, 40, w - 30, h - 40), est)
    if rnd.random() < 0.55 and y < h - 240:
        x0 = rnd.uniform(40, w - 560)
        _sticker(c, rnd, s, (x0, max(y + 20, h - 260), x0 + 520, h - 30))
    elif y < h - 60:
        text = f"MADE IN {values.COUNTRIES[s.origin][0]}"
        c.text((w - 40, h - 60), text, latin, 30, ink, value_style, anchor="ra")
    return c.label
