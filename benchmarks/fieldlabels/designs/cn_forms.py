"""Postal customs forms stuck on parcels: CN22 (small, EN/FR captions) and a CN23 snippet with sender
block, filled in by hand (pen render) or typed."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, values
from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.designs._kit import start
from benchmarks.fieldlabels.shipment import Shipment

PENS = ((28, 44, 140), (20, 20, 24), (30, 30, 90))


# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "hs_code", "country_of_origin"})


def draw(rnd: random.Random, s: Shipment) -> Label:
    variant = rnd.choice(("cn22", "cn22", "cn23"))
    w, h = (1000, 640) if variant == "cn22" else (1180, 860)
    c = start(rnd, "cn_customs_form", variant, (w, h), (250, 250, 246), "paper")
    cap = rnd.choice(fonts.LATIN_SANS + fonts.LATIN_CONDENSED[:2])
    cap_b = rnd.choice(fonts.LATIN_SANS_BOLD)
    typed = rnd.random() < 0.25
    hand = rnd.choice(fonts.LATIN_MONO[:4]) if typed else rnd.choice(fonts.LATIN_HAND)
    pen = (20, 20, 20) if typed else rnd.choice(PENS)
    fill_style = "print" if typed else "handwritten"
    c.use_faces(caption=cap, caption_bold=cap_b, filled=hand)
    ink = (30, 30, 30)
    c.rect((6, 6, w - 6, h - 6), width=3)
    c.text((24, 18), "CUSTOMS DECLARATION" if variant == "cn22" else "DÉCLARATION EN DOUANE", cap_b, 30, ink)
    c.text((w - 24, 18), "CN 22" if variant == "cn22" else "CN 23", cap_b, 40, ink, anchor="ra")
    c.text((24, 58), "May be opened officially / Peut être ouvert d'office", cap, 18, ink)
    y = 92
    if variant == "cn23":
        c.line((6, y, w - 6, y))
        c.text((24, y + 8), "From / Expéditeur   Name / Nom, Business / Entreprise", cap, 17, ink)
        i = c.text((60, y + 40), s.shipper.name if s.shipper.name.isascii() else s.maker.name, hand, 34, pen, fill_style)
        who = s.shipper if s.shipper.name.isascii() else s.maker
        c.entity("company", who.name, who.name, i, "shipper")
        c.text((60, y + 92), ", ".join(who.address[:2]), hand, 28, pen, fill_style)
        c.text((60, y + 136), f"Tel. {who.phone}", hand, 26, pen, fill_style)
        y += 190
    c.line((6, y, w - 6, y))
    for n, (box, label_text) in enumerate((("Gift / Cadeau", 0), ("Documents", 1), ("Commercial sample / Échantillon", 2),
                                            ("Other / Autre", 3))):
        bx = 24 + (n % 2) * (w // 2)
        by = y + 10 + (n // 2) * 34
        c.rect((bx, by + 2, bx + 22, by + 24), width=2)
        c.text((bx + 32, by), box, cap, 19, ink)
        del label_text
    c.text((24 + w // 2 + 2, y + 44), "X", hand, 24, pen, fill_style) if rnd.random() < 0.5 else None
    y += 84
    c.line((6, y, w - 6, y))
    c.text((24, y + 6), "Quantity and detailed description of contents (1)", cap, 17, ink)
    c.text((w * 0.64, y + 6), "Weight (kg) (2)", cap, 17, ink)
    c.text((w * 0.82, y + 6), "Value (3)", cap, 17, ink)
    c.line((w * 0.62, y, w * 0.62, y + 190), width=1)
    c.line((w * 0.8, y, w * 0.8, y + 190), width=1)
    n = rnd.choice((1, 2, 3, 5))
    word = s.desc_en.title() if rnd.random() < 0.6 else s.desc_en.lower()
    code = s.model if rnd.random() < 0.6 else s.part
    desc = f"{n} x {word} {code}" if rnd.random() < 0.5 else f"{n} {word}, {code}"
    lines = [desc]
    if c.measure(desc, hand, 32)[0] > w * 0.58:
        cut = desc.rfind(" ", 0, int(len(desc) * 0.6))
        lines = [desc[:cut], desc[cut + 1:]]
    items = []
    for k, line in enumerate(lines):
        items.append(c.text((30, y + 40 + k * 46), line, hand, 32, pen, fill_style))
    hit = [i for i in items if code in c.label.items[i].text]
    c.entity("model_number" if code == s.model else "part_number", code, code, hit[0])
    kg = round(s.net_kg if s.net_kg < 20 else s.net_kg / 10, 2)
    i = c.text((w * 0.64, y + 40), f"{kg}", hand, 32, pen, fill_style)
    c.entity("weight", f"{kg}", {"kind": "net", "value": kg, "unit": "kg"}, i)
    c.text((w * 0.82, y + 40), f"{rnd.choice(('JPY', 'USD', 'EUR'))} {rnd.randint(20, 900) * 100}", hand, 30, pen, fill_style)
    y += 190
    c.line((6, y, w - 6, y))
    c.text((24, y + 6), "For commercial items only: HS tariff number (4) and country of origin of goods (5)", cap, 17, ink)
    c.line((w * 0.45, y + 30, w * 0.45, y + 110), width=1)
    i = c.text((40, y + 50), s.hs_printed, hand, 36, pen, fill_style)
    c.entity("hs_code", s.hs_printed, s.hs6, i)
    en, _, _ = values.COUNTRIES[s.origin]
    shown = rnd.choice((en.title(), en, s.origin))
    i = c.text((w * 0.48, y + 50), shown, hand, 36, pen, fill_style)
    c.entity("country_of_origin", shown, s.origin, i)
    y += 116
    c.line((6, y, w - 6, y))
    c.text((24, y + 6), "Date and sender's signature / Date et signature de l'expéditeur", cap, 17, ink)
    c.text((40, y + 38), values.date(rnd, rnd.choice(("eu", "iso", "us"))), hand, 30, pen, fill_style)
    if variant == "cn22":
        who = s.maker if s.maker.name.isascii() else s.consignee
        i = c.text((w * 0.42, y + 36), who.name, hand, 30, pen, fill_style)
        c.entity("company", who.name, who.name, i, "shipper")
    return c.label
