"""Chemical drum / canister label (GHS): product name, product code, CAS and UN numbers (digit strings
that are neither HS nor model), hazard pictograms and statements, supplier block, net weight, lot,
HS code and ECCN (1C350 precursors). Usually wrapped round a drum."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, keys, values
from benchmarks.fieldlabels.canvas import Canvas, Label
from benchmarks.fieldlabels.designs._kit import start
from benchmarks.fieldlabels.shipment import Shipment

# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "part_number", "hs_code", "eccn", "description", "weight"})
HAZARDS = ("H314 Causes severe skin burns and eye damage.", "H330 Fatal if inhaled.",
           "H300+H310 Fatal if swallowed or in contact with skin.", "H225 Highly flammable liquid and vapour.",
           "H280 Contains gas under pressure; may explode if heated.", "H373 May cause damage to organs.")


def _pictogram(c: Canvas, cx: float, cy: float, r: float, mark: str, face: str) -> None:
    c.draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=(255, 255, 255),
                   outline=(200, 20, 20))
    c.draw.polygon([(cx, cy - r + 6), (cx + r - 6, cy), (cx, cy + r - 6), (cx - r + 6, cy)], outline=(200, 20, 20),
                   width=7)
    c.draw.text((cx, cy), mark, fill=(10, 10, 10), font=fonts.load(face, int(r * 0.9)), anchor="mm")


def draw(rnd: random.Random, s: Shipment) -> Label:
    hs6, name, cas, un, eccn = rnd.choice(values.CHEMICALS)
    variant = rnd.choice(("ghs_en", "ghs_bilingual", "ghs_de"))
    w, h = 1200, rnd.choice((820, 880))
    c = start(rnd, "chemical_drum", variant, (w, h), (250, 250, 248), "film", reflective=rnd.random() < 0.5)
    face = rnd.choice(fonts.LATIN_SANS + fonts.LATIN_CONDENSED[:2] + fonts.LATIN_SERIF[:2])
    bold = rnd.choice(fonts.LATIN_SANS_BOLD + fonts.LATIN_CONDENSED[2:])
    c.use_faces(body=face, title=bold)
    ink = (15, 15, 15)
    c.rect((8, 8, w - 8, h - 8), outline=(200, 20, 20), width=8)
    lang = {"ghs_en": "en", "ghs_bilingual": "ja", "ghs_de": "de"}[variant]
    i = c.text((40, 34), name, bold, c.fit(name, bold, 50, w * 0.62), ink)
    c.entity("description", name, name, i)
    code = s.part
    i = c.text((40, 100), f"{keys.key(rnd, 'part_number', lang)} {code}", face, 30, ink)
    c.entity("part_number", code, code, i)
    c.text((40, 142), f"CAS No. {cas}    {un}", face, 28, ink)
    signal = {"en": "DANGER", "ja": "危険 DANGER", "de": "GEFAHR"}[lang]
    c.text((40, 190), signal, bold, 44, (190, 20, 20))
    for k, mark in enumerate(rnd.sample(("!", "☠", "♨", "⚠"), 2)):
        _pictogram(c, w - 300 + k * 150, 120, 68, mark, "dejavu_sans_bold")
    y = 250.0
    for text in rnd.sample(HAZARDS, 2):
        c.text((40, y), text, face, c.fit(text, face, 24, w - 80), ink)
        y += 34
    y += 10
    c.line((8, y, w - 8, y), (200, 20, 20), 4)
    y += 18
    net = rnd.choice((5, 10, 20, 25, 50, 180, 200))
    wtext = f"{keys.key(rnd, 'net', lang)} {net} kg"
    i = c.text((40, y), wtext, face, 32, ink)
    c.entity("weight", f"{net} kg", {"kind": "net", "value": float(net), "unit": "kg"}, i)
    c.text((w * 0.5, y), f"{keys.key(rnd, 'lot', lang)} {s.lot}", face, 32, ink)
    y += 50
    i = c.text((40, y), f"HS {hs6 if rnd.random() < 0.5 else hs6.replace('.', '') + '00'}   ECCN {eccn}", face, 32, ink)
    hs_shown = c.label.items[i].text.split()[1]
    c.entity("hs_code", hs_shown, hs6, i)
    c.entity("eccn", eccn, eccn, i)
    c.text((w * 0.62, y), f"{keys.key(rnd, 'date', lang)} {values.date(rnd, 'iso')}", face, 28, ink)
    y += 60
    c.line((8, y, w - 8, y), (200, 20, 20), 4)
    y += 16
    maker = s.maker
    i = c.text((40, y), maker.name, bold, c.fit(maker.name, bold, 32, w - 80), ink)
    c.entity("company", maker.name, maker.name, i, "manufacturer")
    c.text((40, y + 44), ", ".join(maker.address), face, c.fit(", ".join(maker.address), face, 24, w - 80), ink)
    c.text((40, y + 80), f"Emergency {maker.phone}", face, 24, ink)
    origin = f"Made in {values.COUNTRIES[maker.country][0].title()}"
    i = c.text((w - 40, y + 80), origin, face, 26, ink, anchor="ra")
    c.entity("country_of_origin", origin, maker.country, i)
    c.trim(int(y + 130))
    c.rect((8, 8, w - 8, c.height - 8), outline=(200, 20, 20), width=8)
    c.label.curved = True
    return c.label
