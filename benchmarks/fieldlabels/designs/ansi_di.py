"""ANSI MH10.8.2 / AIAG B-10 style parts label: each field a block with a small title, the data
identifier printed before the value ((P), (1P), (Q), (S), (1T), (4L), (9D), (K)), usually bars below."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, values
from benchmarks.fieldlabels.canvas import Canvas, Label
from benchmarks.fieldlabels.designs._kit import faces, paper, start
from benchmarks.fieldlabels.shipment import Shipment

TITLES = {"P": ("CUST PART NO.", "CUSTOMER P/N", "PART NO."), "1P": ("SUPPLIER PART NO.", "MFR P/N", "MODEL"),
          "Q": ("QUANTITY", "QTY"), "S": ("SERIAL NO.", "SERIAL"), "1T": ("LOT NO.", "BATCH"),
          "4L": ("COUNTRY OF ORIGIN", "COO"), "9D": ("DATE CODE",), "K": ("PURCHASE ORDER", "PO NO."),
          "V": ("SUPPLIER ID",)}


# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "part_number", "hs_code", "eccn", "country_of_origin"})


TITLES_JA = {"P": ("客先品番", "お客様品番"), "1P": ("品番", "部品番号", "型式"), "Q": ("数量",), "S": ("製造番号",),
             "1T": ("ロット",), "4L": ("原産国",), "9D": ("製造年週",), "K": ("注文番号",)}


def draw(rnd: random.Random, s: Shipment) -> Label:
    variant = rnd.choice(("stacked_bars", "inline_di", "two_column", "no_bars"))
    japanese = rnd.random() < 0.3  # a Japanese supplier's layout: titles in Japanese, DIs unchanged
    stock = paper(rnd)
    w = rnd.choice((900, 1000, 1100))
    h = int(w * rnd.uniform(0.95, 1.2))
    c = start(rnd, "ansi_mh10", variant, (w, h), stock, "thermal" if rnd.random() < 0.6 else "paper")
    title_f, value_f, head_f = faces(rnd, fonts.LATIN_SANS + fonts.LATIN_CONDENSED,
                                     fonts.LATIN_SANS_BOLD + fonts.LATIN_MONO[4:] + ("liberation_narrow_bold",),
                                     fonts.LATIN_SANS_BOLD)
    style = "thermal" if c.label.surface == "thermal" and rnd.random() < 0.7 else "print"
    c.use_faces(title=title_f, value=value_f, header=head_f)
    ink = (15, 15, 15)
    margin = 30
    c.rect((10, 10, w - 10, h - 10), width=3)
    # header: supplier
    y = margin
    who = s.maker
    i = c.text((margin, y), who.name, head_f, c.fit(who.name, head_f, rnd.randint(28, 34), w - 2 * margin), ink, style)
    c.entity("company", who.name, who.name, i, "manufacturer")
    y += 42
    c.text((margin, y), f"{who.address[0]}, {who.address[1]}", title_f, 20, (50, 50, 50), style)
    y += 34
    c.line((10, y, w - 10, y), width=3)
    y += 14
    # the DI blocks
    qty_unit = rnd.choice(("", " PCS", " EA"))
    yyww = f"{rnd.randint(21, 26)}{rnd.randint(1, 52):02d}"
    blocks: list[tuple[str, str, str | None, object]] = [
        ("P", s.customer_part, "part_number", "customer"), ("1P", s.model if rnd.random() < 0.5 else s.part,
                                                          "model_number", "manufacturer"),
        ("Q", f"{s.qty}{qty_unit}", "quantity", None), ("S" if rnd.random() < 0.6 else "1T",
                                                        s.serial, "serial_number", None),
        ("4L", s.origin, "country_of_origin", None), ("9D", yyww, None, None), ("K", s.po, "po_number", None)]
    if blocks[1][1] == s.part:
        blocks[1] = ("1P", s.part, "part_number", "manufacturer")
    if blocks[3][0] == "1T":
        blocks[3] = ("1T", s.lot, None, None)
    rnd.shuffle(blocks[2:])
    body = blocks[:2] + blocks[2:]
    cols = 2 if variant == "two_column" else 1
    col_w = (w - 2 * margin) / cols
    value_px = rnd.randint(40, 52)
    bars = variant in ("stacked_bars", "two_column") or (variant == "inline_di" and rnd.random() < 0.5)
    drawn: set[str] = set()
    for n, (di, val, etype, role) in enumerate(body):
        if y > h - 190:
            break
        drawn.add(di)
        col = 0 if cols == 1 or n < 2 else (n - 2) % 2
        x = margin + col * col_w
        if variant == "inline_di":
            text = f"({di}) {val}"
        else:
            title = rnd.choice(TITLES_JA[di]) if japanese and di in TITLES_JA else rnd.choice(TITLES[di])
            c.text((x, y), f"{title} ({di})", title_f, 21, (40, 40, 40), style)
            y += 26
            text = f"{val}" if rnd.random() < 0.5 else f"{di} {val}"
        i = c.text((x + (0 if variant == "inline_di" else 10), y), text, value_f, value_px, ink, style)
        _declare(c, etype, val, role, i)
        y += value_px + 10
        if bars and (cols == 1 or n < 2):
            c.bars((x, y, x + min(col_w - 20, 620), y + rnd.randint(40, 60)))
            y += 72
        elif cols == 2 and col == 0 and n >= 2:
            y -= value_px + 10 + (26 if variant != "inline_di" else 0)
    # customs footer
    y = max(y, h - 150)
    c.line((10, y, w - 10, y), width=2)
    y += 14
    parts = [f"HTS {s.hs_printed}", f"ECCN {s.eccn}", f"MADE IN {values.COUNTRIES[s.origin][0]}"]
    with_origin = "4L" not in drawn or rnd.random() < 0.5
    line = "   ".join(parts if with_origin else parts[:2])
    i = c.text((margin, y), line, value_f, c.fit(line, value_f, rnd.randint(30, 34), w - 2 * margin), ink, style)
    c.entity("hs_code", s.hs_printed, s.hs6, i)
    c.entity("eccn", s.eccn, s.eccn, i)
    if "4L" not in drawn:
        c.entity("country_of_origin", parts[2], s.origin, i)
    c.text((margin, y + 40), f"PKG ID (3S) {values.order_number(rnd)}{rnd.randint(100, 999)}", title_f, 20,
           (40, 40, 40), style)
    return c.label


def _declare(c: Canvas, etype: str | None, val: str, role: object, item: int) -> None:
    if etype is None:
        return
    if etype == "quantity":
        unit = val.split(" ")[1] if " " in val else "PCS"
        c.entity("quantity", val, {"value": int(val.split(" ")[0]), "unit": unit}, item)
    elif etype in ("part_number", "model_number"):
        c.entity(etype, val, val, item, role if isinstance(role, str) else None)
    else:
        c.entity(etype, val, val, item)
