"""Logistics labels: ANSI MH10.8.2 data identifiers, GS1 logistic label, IATA air cargo, pallet placard."""

from __future__ import annotations

import random

from benchmarks.blindlabels import places
from benchmarks.blindlabels.forms import Field, arrange, arrange_cols, make_field
from benchmarks.blindlabels.goods import Goods
from benchmarks.blindlabels.layouts import finish, modes, new_canvas
from benchmarks.blindlabels.render import Canvas

DI_TITLES = {
    "P": ("CUST PART NO.", "CUSTOMER P/N", "Customer Part"), "1P": ("SUPPLIER PART NO.", "MFG P/N", "Supplier P/N"),
    "Q": ("QUANTITY", "QTY"), "S": ("SERIAL NO.", "SERIAL"), "1T": ("LOT NO.", "LOT/BATCH"),
    "4L": ("COUNTRY OF ORIGIN", "ORIGIN", "COO"), "9D": ("DATE CODE", "D/C"), "K": ("PO NO.", "ORDER NO."),
}


def address_block(cv: Canvas, rng: random.Random, title: str, company: str, iso2: str, role: str,
                  x: float, y: float, w: float, px: int, japanese: bool = False) -> float:
    """FROM/TO block: title, company (entity), address lines (one address entity)."""
    cv.text(x, y, title, max(14, px - 6), role="head")
    y += px * 1.15
    cv.text(x, y, company, px, ents=(("company", company, company, role),), max_w=w)
    y += px * 1.3
    lines = places.address_lines(rng, iso2, japanese)
    first = len(cv.items)
    for line in lines:
        cv.text(x, y, line, max(14, px - 4), max_w=w)
        y += px * 1.15
    norm = iso2 if role == "consignee" else "\n".join(lines)
    cv.entity("address", "\n".join(lines), norm, role, list(range(first, len(cv.items))))
    return y + 6


def ansi_mh10(rng: random.Random, g: Goods) -> Canvas:
    """MH10.8.2 item label: each field a DI title, value, bars and the DI-prefixed human-readable line."""
    cv = new_canvas(rng, rng.randint(820, 1000), rng.choice(("white", "white", "thermal", "ivory")))
    x, w = 28, cv.w - 56
    y = 24.0
    cv.text(x, y, g.maker.value, rng.randint(28, 36), "head", (("company", g.maker.value, g.maker.norm,
                                                                   "manufacturer"),), max_w=w)
    y += 52
    cv.hline(0, cv.w, y)
    y += 14
    origin = rng.choice((g.origin, places.COUNTRIES[g.origin][2]))
    dis: list[tuple[str, str, tuple[tuple[str, str, object, str | None], ...]]] = [
        ("P", g.model.value, (("part_number", g.model.value, g.model.norm, None),)),
        ("1P", g.part.value, (("part_number", g.part.value, g.part.norm, None),)),
        ("Q", str(g.qty), (("quantity", str(g.qty), {"value": g.qty, "unit": "PCS"}, None),)),
        ("S", g.serial.value, (("serial_number", g.serial.value, g.serial.norm, None),)),
        ("1T", g.lot, ()), ("4L", origin, (("country_of_origin", origin, g.origin, None),)),
        ("9D", g.date.replace("-", "").replace(".", "")[-4:], ()),
        ("K", g.po, (("po_number", g.po, g.po, None),)),
    ]
    order = dis[:2] + rng.sample(dis[2:], k=rng.randint(3, 6))
    variant = rng.choice(("title_left", "title_above", "hr_under_bars"))
    vpx, kpx = rng.randint(26, 34), rng.randint(16, 20)
    for di, value, ents in order:
        title = rng.choice(DI_TITLES[di])
        if variant == "title_left":
            cv.text(x, y + 6, f"({di})", kpx, "head")
            cv.text(x, y + 8 + kpx * 1.2, title, max(13, kpx - 4), max_w=170)
            cv.text(x + 190, y, value, vpx, "code", ents, max_w=w - 200)
            cv.barcode(x + 190, y + vpx * 1.3, min(w - 200, 420), 34)
            y += vpx * 1.3 + 48
        elif variant == "title_above":
            cv.text(x, y, f"{title} ({di})", kpx, max_w=w)
            cv.text(x, y + kpx * 1.3, value, vpx, "code", ents, max_w=w * 0.5)
            cv.barcode(x + w * 0.52, y + kpx * 1.3, w * 0.46, vpx + 8)
            y += kpx * 1.3 + vpx * 1.3 + 16
        else:
            cv.text(x, y, title, kpx, max_w=w)
            cv.barcode(x, y + kpx * 1.3, min(w, 520), 40)
            cv.text(x, y + kpx * 1.3 + 46, f"({di}) {value}" if rng.random() < 0.5 else f"{di}{value}", vpx,
                    "code", ents, max_w=w)
            y += kpx * 1.3 + 46 + vpx * 1.4
        cv.hline(x, x + w, y - 6, width=1)
    mode = rng.choice(("en", "abbr"))
    extra = [make_field(rng, g, "hs", mode), make_field(rng, g, "eccn", mode)]
    if rng.random() < 0.5:
        extra.append(make_field(rng, g, "desc", "en"))
    y = arrange_cols(cv, rng, extra, x, y + 8, w, rng.choice(("inline", "left")), vpx - 4, kpx, rng.choice((1, 2)))
    if rng.random() < 0.5:
        cv.matrix_code(cv.w - 150, 90, 120)
    return finish(cv, border=rng.choice((0, 6)))


def gs1_logistic(rng: random.Random, g: Goods) -> Canvas:
    """GS1 logistic label: FROM/TO, a content block of AIs with titles, and bar codes with HRI."""
    cv = new_canvas(rng, rng.randint(760, 920), rng.choice(("white", "thermal")))
    x, w = 24, cv.w - 48
    px = rng.randint(20, 26)
    y = 20.0
    if rng.random() < 0.5:
        ya = address_block(cv, rng, "FROM", g.shipper.value, g.origin, "shipper", x, y, w / 2 - 12, px)
        yb = address_block(cv, rng, "TO", g.consignee.value, g.consignee_country, "consignee",
                           x + w / 2 + 12, y, w / 2 - 12, px)
        cv.vline(x + w / 2, y, max(ya, yb))
        y = max(ya, yb)
    else:
        y = address_block(cv, rng, rng.choice(("SHIP FROM:", "FROM:")), g.shipper.value, g.origin, "shipper", x, y,
                          w, px)
        y = address_block(cv, rng, rng.choice(("SHIP TO:", "TO:")), g.consignee.value, g.consignee_country,
                          "consignee", x, y, w, px)
    cv.hline(0, cv.w, y, 3)
    y += 14
    sscc = f"3 {rng.randint(4500000, 4999999)} {rng.randint(0, 999999999):09d} {rng.randint(0, 9)}"
    cv.text(x, y, "SSCC", 18, "head")
    cv.text(x + 90, y - 4, sscc, px + 4, "code")
    y += px * 1.6
    c = places.gs1_country(g.origin)
    ais = [
        Field("(240) ADDITIONAL ID", g.model.value, (("model_number", g.model.value, g.model.norm, None),), "code"),
        Field("(241) CUST. PART No.", g.part.value, (("part_number", g.part.value, g.part.norm, None),), "code"),
        Field("(21) SERIAL", g.serial.value, (("serial_number", g.serial.value, g.serial.norm, None),), "code"),
        Field("(10) BATCH/LOT", g.lot, (), "code"),
        Field("(37) COUNT", str(g.qty), (("quantity", str(g.qty), {"value": g.qty, "unit": "PCS"}, None),)),
        Field("(422) ORIGIN", c.value, (("country_of_origin", c.value, c.norm, None),)),
    ]
    if rng.random() < 0.5:
        ais = [Field(f.key.split(") ")[1], f.value, f.ents, f.role) if rng.random() < 0.5 else f for f in ais]
    ais = ais[:2] + rng.sample(ais[2:], k=len(ais) - 2)
    y = arrange_cols(cv, rng, ais, x, y, w, rng.choice(("above", "left", "boxed", "grid")), px + 4, 16, rng.choice((1, 2)))
    extra = [make_field(rng, g, "hs", rng.choice(("en", "abbr"))), make_field(rng, g, "eccn", "abbr")]
    y = arrange(cv, rng, extra, x, y, w, "inline", px, 16)
    cv.hline(0, cv.w, y, 3)
    y += 12
    for _ in range(rng.randint(1, 2)):
        cv.barcode(x + 40, y, w - 80, 70)
        cv.text(cv.w / 2, y + 76, f"(00){sscc.replace(' ', '')}", 18, "code", align="center")
        y += 110
    return finish(cv, border=rng.choice((0, 0, 5)))


def iata_cargo(rng: random.Random, g: Goods) -> Canvas:
    """Air cargo label in boxes: airline, air waybill number, destination, pieces, then shipper info."""
    cv = new_canvas(rng, rng.randint(900, 1040), rng.choice(("white", "orange", "yellow")))
    x, w = 16, cv.w - 32
    y = 16.0
    airline = rng.choice(("KESTREL AIR CARGO", "ORIENT SKY FREIGHT", "NIPPON AERO EXPRESS", "PACIFICA CARGO"))
    cv.box((x, y, x + w, y + 70), width=3)
    cv.text(x + 16, y + 14, airline, 36, "head", max_w=w - 32)
    y += 78
    prefix = rng.choice(("176", "205", "131", "618", "020", "157"))
    serial = f"{rng.randint(1000000, 9999999)}"
    awb = f"{prefix}-{serial[:4]} {serial[4:]}{rng.randint(0, 6)}" if rng.random() < 0.5 else f"{prefix}-{serial}{rng.randint(0, 6)}"
    cells = [("Air Waybill No." if rng.random() < 0.5 else "AWB NO.", awb, "tracking_number"),
             ("Destination", rng.choice(("NRT", "KIX", "LAX", "FRA", "SIN", "TPE")), "destination"),
             ("Total No. of Pieces", f"{rng.randint(1, 9)}/{rng.randint(9, 20)}", "package_count")]
    for i, (k, v, t) in enumerate(cells):
        h = 110 if i == 0 else 90
        cv.box((x, y, x + w, y + h), width=3)
        cv.text(x + 10, y + 6, k, 18)
        cv.text(x + 20, y + 30, v, 58 if i == 0 else 46, "head", ((t, v, v, None),), max_w=w - 40)
        y += h + 6
    cv.box((x, y, x + w, y + 8), width=0, fill=cv.ink)
    y += 18
    mode = modes(rng, 0.2)
    fields = [make_field(rng, g, n, mode) for n in ("desc", "model", "hs", "origin", "eccn")]
    fields.insert(0, Field(rng.choice(("SHIPPER", "Shipper", "荷送人")), g.shipper.value,
                           (("company", g.shipper.value, g.shipper.norm, "shipper"),)))
    y = arrange_cols(cv, rng, fields, x + 8, y, w - 16, rng.choice(("left", "inline", "table")),
                     rng.randint(22, 28), 17, rng.choice((1, 2)))
    return finish(cv)


def pallet_placard(rng: random.Random, g: Goods) -> Canvas:
    """A pallet placard in huge type: pallet count, ship-to, PO and part number, origin and HS."""
    cv = new_canvas(rng, rng.randint(900, 1100), rng.choice(("white", "yellow", "green")))
    x, w = 30, cv.w - 60
    y = 26.0
    n = rng.randint(2, 9)
    cv.text(x, y, f"PALLET {rng.randint(1, n)} OF {n}", 64, "head", max_w=w)
    y += 90
    y = address_block(cv, rng, "SHIP TO:", g.consignee.value, g.consignee_country, "consignee", x, y, w, 30)
    cv.hline(0, cv.w, y, 4)
    y += 12
    mode = rng.choice(("en", "abbr"))
    names = ["po", rng.choice(("part", "model")), "qty", "origin", "hs"] + (["eccn"] if rng.random() < 0.6 else [])
    fields = [make_field(rng, g, nm, mode) for nm in names]
    y = arrange(cv, rng, fields, x, y, w, rng.choice(("inline", "left", "above", "right")), rng.randint(36, 46), 22)
    cv.text(x, y + 4, f"FROM: {g.shipper.value}", 24, ents=(("company", g.shipper.value, g.shipper.norm,
                                                                   "shipper"),), max_w=w)
    return finish(cv, border=8)
