"""Carton and customs markings: Japanese carton marks, CN22 and CN23 declarations stuck on parcels."""

from __future__ import annotations

import random

from benchmarks.blindlabels import places
from benchmarks.blindlabels.forms import Field, arrange, arrange_cols, make_field
from benchmarks.blindlabels.goods import Goods
from benchmarks.blindlabels.layouts import finish, new_canvas
from benchmarks.blindlabels.logistics import address_block
from benchmarks.blindlabels.render import Canvas


def jp_carton(rng: random.Random, g: Goods) -> Canvas:
    """Stencil/stamp marks on kraft: a shipping-mark diamond, C/NO., then 品名/型式/数量/重量/原産国/統計品目番号."""
    ink = rng.choice(((25, 25, 30), (30, 40, 110), (20, 20, 20)))
    cv = new_canvas(rng, rng.randint(900, 1100), "kraft", ink)
    x, w = 30, cv.w - 60
    y = 26.0
    mark_w = 260
    left = rng.random() < 0.6
    mx = x if left else cv.w - x - mark_w
    cv.draw.polygon([(mx + mark_w / 2, y), (mx + mark_w, y + 90), (mx + mark_w / 2, y + 180), (mx, y + 90)],
                    outline=cv.ink, width=4)
    initials = "".join(wd[0] for wd in g.consignee.value.split()[:3]).upper()
    cv.text(mx + mark_w / 2, y + 68, initials, 40, "head", align="center")
    dest = rng.choice(("LOS ANGELES", "HAMBURG", "SINGAPORE", "KEELUNG", "PENANG", "TOKYO"))
    cv.text(mx + mark_w / 2, y + 196, dest, 30, "head", (("destination", dest, dest, None),), align="center")
    n = rng.randint(2, 30)
    cno = f"C/NO. {rng.randint(1, n)}-{n}" if rng.random() < 0.6 else f"C/NO. 1 OF {n}"
    cv.text(mx + mark_w / 2, y + 240, cno, 28, align="center")
    mi = places.made_in(rng, g.origin)
    cv.text(mx + mark_w / 2, y + 282, mi.value, 28, ents=(("country_of_origin", mi.value, mi.norm, None),),
            align="center", max_w=mark_w + 40)
    fx = x + mark_w + 40 if left else x
    fw = w - mark_w - 40
    mode = rng.choice(("ja", "ja", "bi"))
    names = ["desc", "model", "qty", "net", "gross", "hs"] + (["status"] if rng.random() < 0.5 else [])
    fields = [make_field(rng, g, n2, mode) for n2 in names]
    fields.append(Field(rng.choice(("荷主", "製造元", "輸出者")), g.shipper.value,
                        (("company", g.shipper.value, g.shipper.norm, "shipper"),)))
    arrange(cv, rng, fields, fx, y, fw, rng.choice(("left", "inline", "table", "right")), rng.randint(26, 32), 22)
    return finish(cv, margin=40)


def _cn_header(cv: Canvas, rng: random.Random, form: str, x: float, w: float, y: float) -> float:
    post = rng.choice(("JAPAN POST", "POSTE", "DESIGNATED OPERATOR", "日本郵便"))
    cv.text(x, y, post, 20, "head")
    cv.text(x + w, y, form, 34, "head", align="right")
    y += 34
    cv.text(x, y, rng.choice(("CUSTOMS DECLARATION", "DÉCLARATION EN DOUANE", "CUSTOMS DECLARATION / 税関告知書")), 24,
            "head", max_w=w * 0.75)
    y += 34
    cv.text(x, y, rng.choice(("May be opened officially", "Peut être ouvert d'office")), 15)
    y += 28
    cx = x
    for box in ("Gift", "Commercial sample", "Documents", "Other"):
        cv.box((cx, y, cx + 18, y + 18), width=2)
        if box == "Commercial sample" or (box == "Other" and rng.random() < 0.3):
            cv.draw.line((cx + 3, y + 9, cx + 8, y + 15, cx + 16, y + 2), fill=cv.ink, width=3)
        tw = cv.measure(box, 16)[0]
        cv.text(cx + 24, y, box, 16)
        cx += tw + 54
    return y + 34


def _cn_table(cv: Canvas, rng: random.Random, g: Goods, x: float, w: float, y: float) -> float:
    """Contents rows, then HS tariff number and country of origin of goods (commercial items)."""
    cols = (0.56, 0.2, 0.24)
    heads = ("Quantity and detailed description of contents", "Weight (kg)", "Value")
    rowh = 44
    cv.box((x, y, x + w, y + 34 + rowh * 2), width=2)
    cx = x
    for c, hd in zip(cols, heads):
        cv.text(cx + 4, y + 6, hd, 14, max_w=w * c - 8)
        cx += w * c
        cv.vline(cx, y, y + 34 + rowh * 2)
    y += 34
    cv.hline(x, x + w, y, 1)
    desc = f"{g.qty} x {g.desc_en.title()} {g.model.value}"
    cv.text(x + 6, y + 8, desc, 22, ents=(("model_number", g.model.value, g.model.norm, None),
                                          ("description", g.desc_en.title(), g.desc_en.title(), None)), max_w=w * 0.55 - 10)
    cv.text(x + w * 0.56 + 6, y + 8, f"{g.net_kg}", 22)
    cv.text(x + w * 0.76 + 6, y + 8, f"USD {rng.randint(40, 9000)}", 22)
    y += rowh * 2
    cv.box((x, y, x + w, y + 78), width=2)
    cv.vline(x + w / 2, y, y + 78)
    cv.text(x + 4, y + 4, "HS tariff number", 14)
    cv.text(x + w / 2 + 4, y + 4, "Country of origin of goods", 14)
    cv.text(x + 10, y + 32, g.hs.value, 30, "code", (("hs_code", g.hs.value, g.hs.norm, None),))
    co = places.country_word(rng, g.origin)
    cv.text(x + w / 2 + 10, y + 32, co.value, 30, ents=(("country_of_origin", co.value, co.norm, None),))
    return y + 90


def cn22(rng: random.Random, g: Goods) -> Canvas:
    """CN22: header with category boxes, contents table, HS/origin row, sender line and ECCN note."""
    cv = new_canvas(rng, rng.randint(780, 900), rng.choice(("white", "green", "ivory")))
    x, w = 20, cv.w - 40
    y = _cn_header(cv, rng, "CN 22", x, w, 18)
    y = _cn_table(cv, rng, g, x, w, y)
    fields = [Field(rng.choice(("Sender", "From", "差出人")), g.shipper.value,
                    (("company", g.shipper.value, g.shipper.norm, "shipper"),)),
              make_field(rng, g, "eccn", rng.choice(("en", "abbr")))]
    y = arrange(cv, rng, fields, x, y, w, rng.choice(("inline", "left")), 22, 16)
    cv.text(x, y + 8, "Date and sender's signature", 14)
    cv.hline(x + 220, x + w, y + 26, 1)
    return finish(cv, border=3)


def cn23(rng: random.Random, g: Goods) -> Canvas:
    """CN23: sender and addressee blocks beside each other, then the contents and commercial-items table."""
    cv = new_canvas(rng, rng.randint(960, 1100), rng.choice(("white", "green")))
    x, w = 20, cv.w - 40
    y = _cn_header(cv, rng, "CN 23", x, w, 18)
    ya = address_block(cv, rng, "From / Sender", g.shipper.value, g.origin, "shipper", x + 6, y, w / 2 - 20, 22)
    yb = address_block(cv, rng, "To / Addressee", g.consignee.value, g.consignee_country, "consignee",
                       x + w / 2 + 10, y, w / 2 - 20, 22)
    cv.box((x, y - 4, x + w, max(ya, yb)), width=2)
    cv.vline(x + w / 2, y - 4, max(ya, yb))
    y = max(ya, yb) + 10
    y = _cn_table(cv, rng, g, x, w, y)
    fields = [make_field(rng, g, n, "en") for n in ("eccn", "serial")]
    fields.append(Field("Licence No.", f"JP-{rng.randint(10000, 99999)}"))
    y = arrange_cols(cv, rng, fields, x, y, w, "inline", 20, 15, 2)
    return finish(cv, border=3)
