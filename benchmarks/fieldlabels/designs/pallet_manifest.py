"""House style 1: a forwarder's pallet manifest sheet in a plastic sleeve — big destination code and
pallet count, then a dot-matrix printed table, one line per carton: C/NO, part number, description,
quantity, HS, origin. Several products per capture."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, values
from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.designs._kit import start
from benchmarks.fieldlabels.shipment import Shipment

# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "part_number", "hs_code", "country_of_origin", "destination"})


def draw(rnd: random.Random, s: Shipment) -> Label:
    variant = rnd.choice(("dotmatrix", "dotmatrix", "laser"))
    w, h = 1260, 960
    c = start(rnd, "pallet_manifest", variant, (w, h), (248, 248, 240), "film", reflective=True)
    mono = rnd.choice(fonts.LATIN_MONO)
    big = rnd.choice(fonts.LATIN_SANS_BOLD + fonts.LATIN_CONDENSED[2:])
    c.use_faces(table=mono, big=big)
    style = "dotmatrix" if variant == "dotmatrix" else "print"
    ink = (30, 30, 40) if style == "dotmatrix" else (15, 15, 15)
    dest = rnd.choice(("FRA", "AMS", "ORD", "SIN", "HKG", "MXP", "PEN", "BKK"))
    i = c.text((30, 20), dest, big, 120, ink)
    c.entity("destination", dest, dest, i)
    n = rnd.randint(1, 6)
    c.text((w - 30, 30), f"PLT {n}/{n + rnd.randint(0, 6)}", big, 60, ink, anchor="ra")
    fwd = values.company(rnd, "JP")
    c.text((w - 30, 104), f"c/o {fwd.name}", mono, c.fit(f"c/o {fwd.name}", mono, 24, w * 0.5), ink, anchor="ra")
    c.text((30, 160), "SHIPPER: ", mono, 26, ink, style)
    shipper = s.shipper if s.shipper.name.isascii() else s.maker
    i = c.text((30 + c.measure("SHIPPER: ", mono, 26)[0] + 14, 160), shipper.name, mono, 26, ink, style)
    c.entity("company", shipper.name, shipper.name, i, "shipper")
    c.text((30, 196), f"MAWB {rnd.randint(100, 999)}-{rnd.randint(10000000, 99999999)}   "
                      f"TEL {shipper.phone}", mono, 24, ink, style)
    y = 246
    c.line((20, y, w - 20, y), ink, 2)
    header = f"{'C/NO':<6}{'PART NO.':<16}{'DESCRIPTION':<22}{'QTY':>6}  {'HS':<12}{'COO':<4}"
    px = 28
    c.text((30, y + 10), header, mono, px, ink, style)
    y += 50
    rows = [(s.part, s.desc_en, s.qty, s.hs_printed, s.hs6, s.origin)]
    for _ in range(rnd.randint(2, 5)):
        hs6, desc, _ja, _e = rnd.choice(values.GOODS)
        rows.append((values.part_number(rnd), desc, rnd.randint(1, 200), values.hs_printed(rnd, hs6), hs6,
                     rnd.choice(("JP", "JP", "CN", "TW", "MY"))))
    rnd.shuffle(rows)
    for k, (part, desc, qty, hs_shown, hs6, origin) in enumerate(rows, start=1):
        line = f"{k:<6}{part:<16}{desc[:20]:<22}{qty:>6}  {hs_shown:<12}{origin:<4}"
        i = c.text((30, y), line, mono, px, ink, style)
        c.entity("part_number", part, part, i)
        c.entity("hs_code", hs_shown, hs6, i)
        c.entity("country_of_origin", origin, origin, i)
        y += px + 16
    c.line((20, y + 4, w - 20, y + 4), ink, 2)
    c.text((30, y + 18), f"TOTAL {len(rows)} CTNS   G.W. {s.gross_kg * len(rows):.1f} KG   "
                         f"{values.date(rnd, 'mon')}", mono, px, ink, style)
    c.trim(int(y + 80))
    return c.label
