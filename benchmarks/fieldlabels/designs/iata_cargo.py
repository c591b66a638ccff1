"""IATA air-cargo label (Resolution 606 look: airline, air waybill number, destination, pieces) with
the forwarder's shipment block below (shipper, consignee, goods with model, HS code)."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, keys, values
from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.designs._kit import faces, paper, start
from benchmarks.fieldlabels.shipment import Shipment

# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "hs_code", "tracking_number", "destination"})
AIRLINES = (("NIPPON CARGO AIRLINES", "933"), ("ALL NIPPON AIRWAYS", "205"), ("JAPAN AIRLINES", "131"),
            ("LUFTHANSA CARGO", "020"), ("CATHAY CARGO", "160"), ("KOREAN AIR CARGO", "180"))
AIRPORTS = ("FRA", "AMS", "ORD", "LAX", "SIN", "HKG", "ICN", "CDG", "MXP", "TPE", "BKK", "LHR")


def draw(rnd: random.Random, s: Shipment) -> Label:
    variant = rnd.choice(("awb_top", "awb_left", "hawb_only"))
    w, h = rnd.choice(((1000, 1000), (1000, 1150)))
    c = start(rnd, "iata_cargo", variant, (w, h), paper(rnd), rnd.choice(("paper", "thermal")))
    cap, big, body = faces(rnd, fonts.LATIN_SANS + fonts.LATIN_CONDENSED, fonts.LATIN_SANS_BOLD + fonts.LATIN_CONDENSED[2:],
                           fonts.LATIN_SANS + fonts.LATIN_MONO + fonts.LATIN_SERIF[:3])
    c.use_faces(caption=cap, big=big, body=body)
    ink = (15, 15, 15)
    c.rect((6, 6, w - 6, h - 6), width=3)
    airline, prefix = rnd.choice(AIRLINES)
    serial7 = rnd.randint(1000000, 9999999)
    awb = f"{prefix}-{serial7}{serial7 % 7}"
    if variant == "hawb_only":
        airline = f"{values.company(rnd, 'JP').name.split()[0].upper()} LOGISTICS"
        awb = f"HAWB {rnd.choice('ABCDEFGHJK')}{rnd.choice('ABCDEFGHJK')}{rnd.randint(10000000, 99999999)}"
    c.text((28, 24), airline, big, 36, ink)
    y = 80
    c.line((6, y, w - 6, y), width=3)
    c.text((28, y + 8), "Air Waybill No." if variant != "hawb_only" else "House Waybill No.", cap, 20, ink)
    number = awb.split(" ")[-1]
    i = c.text((28, y + 36), awb, big, 64, ink)
    c.entity("tracking_number", number, number, i)
    y += 120
    c.line((6, y, w - 6, y), width=3)
    dest = rnd.choice(AIRPORTS)
    pieces = rnd.randint(1, 12)
    c.text((28, y + 8), "Destination", cap, 20, ink)
    i = c.text((28, y + 36), dest, big, 110, ink)
    c.entity("destination", dest, dest, i)
    c.line((w * 0.55, y, w * 0.55, y + 170), width=2)
    c.text((w * 0.57, y + 8), "Total No. of Pieces", cap, 20, ink)
    i = c.text((w * 0.57, y + 36), f"{pieces}", big, 80, ink)
    c.entity("package_count", f"{pieces}", pieces, i)
    if rnd.random() < 0.6:
        c.text((w * 0.78, y + 8), "Origin", cap, 20, ink)
        c.text((w * 0.78, y + 36), rnd.choice(("NRT", "KIX", "HND", "NGO")), big, 60, ink)
    y += 170
    c.line((6, y, w - 6, y), width=3)
    if rnd.random() < 0.6:
        c.bars((40, y + 16, w - 40, y + 110))
        y += 126
        c.line((6, y, w - 6, y), width=2)
    # the forwarder's block
    px = rnd.randint(26, 30)
    lang = rnd.choice(("en", "en", "de", "fr"))
    lines: list[tuple[str, str, str | None]] = [
        (keys.key(rnd, "shipper", lang), s.maker.name, "company:shipper"),
        (keys.key(rnd, "consignee", lang), s.consignee.name, "company:consignee"),
        (keys.key(rnd, "description", lang), f"{s.desc_en} {rnd.choice(('MODEL', 'TYPE', 'P/N'))} {s.model}", "goods"),
        (keys.key(rnd, "hs_code", lang), s.hs_printed, "hs"),
        (keys.key(rnd, "gross", lang), f"{s.gross_kg} KG", "gross"),
    ]
    if rnd.random() < 0.5:
        lines.append(("ECCN", s.eccn, "eccn"))
    if rnd.random() < 0.5:
        lines.append(("Tel.", s.consignee.phone, None))
    y += 16
    for key, val, kind in lines:
        if y > h - 50:
            break
        text = f"{key}: {val}"
        if kind == "goods" and c.measure(text, body, px)[0] > w - 60:  # wrapped to a second line
            i = c.text((28, y), f"{key}: {s.desc_en}", body, px, ink)
            c.entity("description", s.desc_en, s.desc_en, i)
            y += px + 10
            i = c.text((28 + px, y), val[len(s.desc_en) + 1:], body, px, ink)
            c.entity("model_number", s.model, s.model, i)
            y += px + 14
            continue
        if c.measure(text, body, px)[0] > w - 60:
            text = val
            c.text((28, y), f"{key}:", cap, 20, ink)
            y += 26
        i = c.text((28, y), text, body, c.fit(text, body, px, w - 56), ink)
        if kind and kind.startswith("company"):
            c.entity("company", val, val, i, kind.split(":")[1])
        elif kind == "goods":
            c.entity("model_number", s.model, s.model, i)
            c.entity("description", s.desc_en, s.desc_en, i)
        elif kind == "hs":
            c.entity("hs_code", val, s.hs6, i)
        elif kind == "gross":
            c.entity("weight", val, {"kind": "gross", "value": s.gross_kg, "unit": "kg"}, i)
        elif kind == "eccn":
            c.entity("eccn", val, val, i)
        y += px + 14
    c.trim(int(y + 40))
    c.rect((6, 6, w - 6, c.height - 6), width=3)
    return c.label
