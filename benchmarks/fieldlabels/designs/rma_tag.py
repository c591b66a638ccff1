"""House style 2: a repair-and-return tag wired to a unit coming back from a customer — red band,
修理品 / RETURN FOR REPAIR, pre-printed captions, the rest written in marker or pen; the HS code is
written for the re-export, and the fault text is full of numbers."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, keys, values
from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.designs._kit import start
from benchmarks.fieldlabels.shipment import Shipment

# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "model_number", "serial_number", "hs_code", "country_of_origin"})
FAULTS = ("E-24 overcurrent at 3.2 A", "no output on CH2 since 2024-11-02", "fan noise, 4200 rpm",
          "err code 0x1F after 120 h", "display dead, fuse F2 5A blown", "drift +0.8% at 25°C")


def draw(rnd: random.Random, s: Shipment) -> Label:
    variant = rnd.choice(("ja_marker", "en_pen", "bilingual_pen"))
    lang = {"ja_marker": "ja", "en_pen": "en", "bilingual_pen": "bi"}[variant]
    w, h = 820, 1150
    c = start(rnd, "rma_tag", variant, (w, h), rnd.choice(((250, 248, 240), (255, 236, 200), (236, 244, 255))), "paper")
    cap = rnd.choice(fonts.LATIN_SANS_BOLD) if lang == "en" else rnd.choice(fonts.JP_GOTHIC)
    pen_face = rnd.choice(fonts.LATIN_HAND)
    c.use_faces(caption=cap, filled=pen_face)
    pen = rnd.choice(((20, 20, 20), (25, 40, 140), (150, 20, 20)))
    red = (200, 30, 30)
    c.draw.rectangle((0, 0, w, 150), fill=red)
    c.draw.ellipse((w / 2 - 34, 26, w / 2 + 34, 94), fill=(230, 230, 230), outline=(120, 120, 120), width=6)
    title = {"ja": "修理品 返却", "en": "RETURN FOR REPAIR", "bi": "修理品 RETURN FOR REPAIR"}[lang]
    c.text((w / 2, 104), title, cap, c.fit(title, cap, 38, w - 40), (255, 255, 255), anchor="ma")
    y = 180
    klang = "ja" if lang != "en" else "en"
    customer = s.consignee
    rma = f"RMA-{rnd.randint(20, 26)}-{rnd.randint(1000, 9999)}"
    rows = [("RMA No.", rma, None), (keys.key(rnd, "model_number", klang), s.model, "model_number"),
            (keys.key(rnd, "serial_number", klang), s.serial, "serial_number"),
            ("Customer" if klang == "en" else "顧客", customer.name, "company"),
            ("Fault" if klang == "en" else "不具合", rnd.choice(FAULTS), None),
            (keys.key(rnd, "hs_code", klang), s.hs_printed, "hs_code"),
            (keys.key(rnd, "country_of_origin", klang), values.COUNTRIES[s.origin][0].title(), "country_of_origin"),
            (keys.key(rnd, "date", klang), values.date(rnd, rnd.choice(("iso", "eu"))), None)]
    if rnd.random() < 0.6:
        rows.append(("ECCN" if klang == "en" else "該非 / ECCN", s.eccn, "eccn"))
    body = rows[1:]
    rnd.shuffle(body[3:])
    for caption, val, kind in [rows[0]] + body:
        c.text((30, y), caption, cap, 24, (40, 40, 40))
        y += 34
        px = c.fit(val, pen_face, 38, w - 80)
        i = c.text((50, y), val, pen_face, px, pen, "handwritten")
        c.line((40, y + 50, w - 40, y + 50), (150, 150, 150), 1)
        if kind == "company":
            c.entity("company", val, val, i, "customer")
        elif kind == "hs_code":
            c.entity("hs_code", val, s.hs6, i)
        elif kind == "country_of_origin":
            c.entity("country_of_origin", val, s.origin, i)
        elif kind:
            c.entity(kind, val, val, i)
        y += 76
    c.trim(int(y + 20))
    c.rect((2, 2, w - 2, c.height - 2), outline=(120, 120, 120), width=3)
    return c.label
