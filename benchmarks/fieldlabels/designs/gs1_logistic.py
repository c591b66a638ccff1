"""GS1 logistic label (A6/A5): FROM/TO block, human-readable data with titles, and GS1-128 bars with
application identifiers in the text below ((00) SSCC, (02)/(01) GTIN, (37), (10), (21), (240), (241),
(422) origin as ISO numeric, (400), (3103) net kg)."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, values
from benchmarks.fieldlabels.canvas import Canvas, Label
from benchmarks.fieldlabels.designs._kit import faces, paper, start
from benchmarks.fieldlabels.shipment import Shipment

# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "model_number", "country_of_origin", "serial_number"})


def check_digit(digits: str) -> str:
    """GS1 mod-10 check digit."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def draw(rnd: random.Random, s: Shipment) -> Label:
    variant = rnd.choice(("titled", "ai_lines", "compact"))
    w = rnd.choice((820, 900))
    h = int(w * rnd.uniform(1.22, 1.38))
    c = start(rnd, "gs1_logistic", variant, (w, h), paper(rnd), "thermal")
    small, big, hri = faces(rnd, fonts.LATIN_SANS + fonts.LATIN_CONDENSED[:2], fonts.LATIN_SANS_BOLD + ("liberation_narrow_bold",),
                            fonts.LATIN_MONO + fonts.LATIN_SANS)
    style = rnd.choice(("thermal", "print"))
    c.use_faces(small=small, big=big, hri=hri)
    ink = (15, 15, 15)
    m = 28
    c.rect((6, 6, w - 6, h - 6), width=3)
    # FROM / TO
    c.text((m, m), "FROM", small, 18, ink, style)
    who = s.shipper if s.shipper.name.isascii() else s.maker
    half = w / 2 - m - 10 if variant != "compact" else w - 2 * m
    i = c.text((m, m + 24), who.name, big, c.fit(who.name, big, 28, half), ink, style)
    c.entity("company", who.name, who.name, i, "shipper")
    c.text((m, m + 60), who.address[0], small, 20, ink, style)
    c.text((m, m + 86), who.address[1], small, 20, ink, style)
    c.line((w / 2, 6, w / 2, 140) if variant != "compact" else (6, 140, 6, 140), width=2)
    if variant != "compact":
        c.text((w / 2 + 16, m), "TO", small, 18, ink, style)
        i = c.text((w / 2 + 16, m + 24), s.consignee.name, big, c.fit(s.consignee.name, big, 26, half), ink, style)
        c.entity("company", s.consignee.name, s.consignee.name, i, "consignee")
        c.text((w / 2 + 16, m + 58), s.consignee.address[1], small, 19, ink, style)
    y = 150
    c.line((6, y, w - 6, y), width=3)
    gtin = "4" + "".join(rnd.choice("0123456789") for _ in range(11))
    gtin += check_digit(gtin)
    gtin14 = "0" + gtin
    sscc_body = "3" + gtin[:8] + "".join(rnd.choice("0123456789") for _ in range(8))
    sscc = sscc_body + check_digit(sscc_body)
    iso = values.NUMERIC_ISO[s.origin]
    net = round(s.net_kg, 3)
    single = rnd.random() < 0.3  # one trade item: (01) GTIN, no count
    rows = [("SSCC", "00", sscc, None), ("CONTENT" if not single else "GTIN", "02" if not single else "01", gtin14, None),
            ("COUNT", "37", str(s.qty), "quantity"),
            ("MODEL", "240", s.model, "model_number"), ("SERIAL", "21", s.serial, "serial_number"),
            ("BATCH/LOT", "10", s.lot, None), ("ORIGIN", "422", iso, "country_of_origin"),
            ("NET WEIGHT (kg)", "3103", f"{net:.3f}", "weight"), ("CUSTOMER PO", "400", s.po, "po_number")]
    if rnd.random() < 0.5:
        rows.insert(4, ("CUST. PART", "241", s.customer_part, "part_number"))
    if single:
        rows = [r for r in rows if r[1] != "37"]
    body = rows[1:]
    rnd.shuffle(body[3:])
    y += 16
    vpx = rnd.randint(30, 36)
    for title, ai, val, etype in [rows[0]] + body:
        if y > h - 330:
            break
        if variant == "titled":
            c.text((m, y), title, small, 20, ink, style)
            i = c.text((m + 300, y - 4), val, big, vpx, ink, style)
        else:
            text = f"({ai}) {val}" if variant == "ai_lines" else f"{title} ({ai}) {val}"
            i = c.text((m, y), text, big if variant == "ai_lines" else hri, vpx, ink, style)
        _declare(c, etype, val, s, i)
        y += vpx + 16
    if rnd.random() < 0.7 and y < h - 380:  # the shipper's customs note in the free area
        note = rnd.choice((f"HS {s.hs_printed}  ECCN {s.eccn}", f"Tariff No. {s.hs_printed} / {s.eccn}",
                           f"HTS: {s.hs_printed}"))
        i = c.text((m, y + 10), note, hri, 30, ink, style)
        c.entity("hs_code", s.hs_printed, s.hs6, i)
        if s.eccn in note:
            c.entity("eccn", s.eccn, s.eccn, i)
    # bars with human-readable AI strings
    y = max(y + 6, h - 320)
    c.line((6, y, w - 6, y), width=3)
    content = f"(01){gtin14}(21){s.serial}" if single else f"(02){gtin14}(37){s.qty}(10){s.lot}"
    for hr in (content, f"(00){sscc}"):
        c.bars((m + 20, y + 16, w - m - 20, y + 106))
        c.text((w / 2, y + 114), hr, hri, 22, ink, style, anchor="ma")
        y += 150
    return c.label


def _declare(c: Canvas, etype: str | None, val: str, s: Shipment, item: int) -> None:
    """Declare a data row's entity; GS1 prints origin as ISO numeric and weight in kg."""
    if etype == "quantity":
        c.entity("quantity", val, {"value": int(val), "unit": "PCS"}, item)
    elif etype == "country_of_origin":
        c.entity("country_of_origin", val, s.origin, item)
    elif etype == "weight":
        c.entity("weight", val, {"kind": "net", "value": float(val), "unit": "kg"}, item)
    elif etype == "part_number":
        c.entity("part_number", val, val, item, "customer")
    elif etype is not None:
        c.entity(etype, val, val, item)
