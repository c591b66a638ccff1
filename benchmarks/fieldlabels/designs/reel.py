"""Semiconductor reel / moisture-barrier-bag label: small thermal print in a condensed or mono face,
one field per line with bars beside or under it, a 2D code, MSL and date code (D/C) distractors."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, values
from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.designs._kit import start
from benchmarks.fieldlabels.shipment import Shipment

# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "part_number", "hs_code", "eccn", "country_of_origin", "quantity"})


def draw(rnd: random.Random, s: Shipment) -> Label:
    variant = rnd.choice(("bars_right", "bars_under", "text_only"))
    w = rnd.choice((760, 820, 880))
    h = int(w * rnd.uniform(0.58, 0.66)) if variant != "bars_under" else int(w * 0.95)
    c = start(rnd, "semiconductor_reel", variant, (w, h), (250, 250, 250), "thermal")
    face = rnd.choice(fonts.LATIN_CONDENSED + fonts.LATIN_MONO)
    bold = rnd.choice(fonts.LATIN_SANS_BOLD + ("liberation_narrow_bold", "dejavu_sans_condensed_bold"))
    c.use_faces(body=face, brand=bold)
    style = rnd.choice(("thermal", "thermal", "print"))
    ink = (12, 12, 12)
    maker = s.maker
    i = c.text((24, 18), maker.name, bold, c.fit(maker.name, bold, 32, w * 0.7), ink, style)
    c.entity("company", maker.name, maker.name, i, "manufacturer")
    c.matrix_code((w - 190, 14, w - 24, 180))
    dc = f"{rnd.randint(21, 26)}{rnd.randint(1, 52):02d}"
    en = values.COUNTRIES[s.origin][0]
    origin = rnd.choice((f"COO: {s.origin}", f"ASSEMBLED IN {en}", f"MADE IN {en}", f"C/O {en}"))
    origin_value = origin.split(": ")[-1] if ": " in origin else (origin if origin.startswith(("MADE", "ASSEM")) else en)
    rows = [(rnd.choice(("MFG P/N", "MPN", "(1P) MFR PART")), s.part, "part_number:manufacturer"),
            (rnd.choice(("CPN", "(P) CUST PART", "CUST P/N")), s.customer_part, "part_number:customer"),
            (rnd.choice(("QTY", "(Q) QTY")), str(s.qty * 10), "quantity"),
            (rnd.choice(("D/C", "(9D) DATE CODE", "DATE CODE")), dc, None),
            (rnd.choice(("LOT", "(1T) LOT", "LOT NO")), s.lot, None),
            ("MSL", f"{rnd.choice((1, 2, 3, '2a'))}  PEAK {rnd.choice((245, 250, 260))}°C", None),
            ("HTS", s.hs_printed, "hs"), ("ECCN", s.eccn, "eccn")]
    head = rows[:2]
    tail = rows[2:]
    rnd.shuffle(tail)
    y = 70
    px = rnd.randint(28, 32)
    sep = rnd.choice((": ", " ", ":"))
    for key, val, kind in head + tail:
        i = c.text((24, y), f"{key}{sep}{val}", face, px, ink, style)
        if kind and kind.startswith("part_number"):
            c.entity("part_number", val, val, i, kind.split(":")[1])
        elif kind == "quantity":
            c.entity("quantity", val, {"value": int(val), "unit": "PCS"}, i)
        elif kind == "hs":
            c.entity("hs_code", val, s.hs6, i)
        elif kind == "eccn":
            c.entity("eccn", val, val, i)
        if variant == "bars_right" and kind in ("part_number:manufacturer", "part_number:customer", "quantity", None):
            c.bars((w * 0.6, y, w - 24, y + px))
        y += px + 10
        if variant == "bars_under" and kind and kind.startswith(("part", "quantity")):
            c.bars((24, y, 24 + 520, y + 46))
            y += 56
    i = c.text((w - 24, y + 4), origin, bold, 30, ink, style, anchor="ra")
    c.entity("country_of_origin", origin_value, s.origin, i)
    c.trim(int(y + 60))
    c.rect((3, 3, w - 3, c.height - 3), outline=(60, 60, 60), width=2)
    c.label.curved = rnd.random() < 0.5  # reels and bags are rarely flat
    return c.label
