"""Product labels: JIS/IEC machine nameplates, a supplier's item label, a semiconductor reel/ESD label."""

from __future__ import annotations

import random

from benchmarks.blindlabels import places
from benchmarks.blindlabels.forms import Field, arrange, arrange_cols, make_field
from benchmarks.blindlabels.goods import Goods
from benchmarks.blindlabels.layouts import finish, modes, new_canvas
from benchmarks.blindlabels.render import Canvas


def nameplate(rng: random.Random, g: Goods) -> Canvas:
    """Bilingual rating plate: maker, product name, a model/serial/rating table, origin line, IEC mark."""
    paper = rng.choice(("silver", "silver", "black", "blue", "ivory"))
    ink = (235, 235, 230) if paper in ("black", "blue") else (20, 20, 26)
    cv = new_canvas(rng, rng.randint(700, 900), paper, ink, rng.choice(("ink", "ink", "ink", "dotmatrix")))
    x, w = 40, cv.w - 80
    y = 30.0
    ja = any(ord(c) > 0x2E80 for c in g.maker.value)
    cv.text(cv.w / 2, y, g.maker.value, rng.randint(30, 38), "head",
            (("company", g.maker.value, g.maker.norm, "manufacturer"),), max_w=w, align="center")
    y += 54
    title = rng.choice((g.desc_ja, g.desc_en, f"{g.desc_ja} {g.desc_en}"))
    cv.text(cv.w / 2, y, title, 24, ents=(("description", title, title, None),), max_w=w, align="center")
    y += 44
    mode = rng.choice(("bi", "ja", "en", "abbr")) if ja else rng.choice(("bi", "en", "abbr"))
    fields = [make_field(rng, g, n, mode) for n in ("model", "serial")]
    rating = (f"{rng.choice(('AC200V', 'AC100-240V', '3φ AC400V', 'DC24V'))} "
              f"{rng.choice(('50/60Hz', '50Hz', '60Hz', ''))} {rng.choice(('1.5kVA', '750W', '3.2A', '12kW'))}")
    fields.append(Field(rng.choice(("定格", "RATING", "定格 RATED", "INPUT")), rating.replace("  ", " ").strip(),
                        (("rating", rating.replace("  ", " ").strip(), rating.replace("  ", " ").strip(), None),)))
    fields += [make_field(rng, g, n, mode) for n in rng.sample(("date", "net", "lot"), k=2)]
    style = rng.choice(("table", "table", "left", "boxed", "grid"))
    y = arrange_cols(cv, rng, fields, x, y, w, style, rng.randint(24, 30), rng.randint(16, 20),
                     rng.choice((1, 1, 2)))
    mi = places.made_in(rng, g.origin)
    cv.text(cv.w / 2, y + 6, mi.value, 26, ents=(("country_of_origin", mi.value, mi.norm, None),), align="center")
    y += 44
    if rng.random() < 0.6:
        cv.text(x, y, rng.choice(("IEC 60204-1", "JIS B 9960-1", "IEC 61010-1", "CE  IP54")), 17)
    for cx in (14, cv.w - 26):
        for cy in (14, max(y + 20, 60)):
            cv.draw.ellipse((cx, cy, cx + 12, cy + 12), outline=cv.ink, width=2)
    return finish(cv, margin=34, border=rng.choice((4, 8)))


def supplier_item(rng: random.Random, g: Goods) -> Canvas:
    """A supplier's own item label: logo and name, description, fields in one/two columns, bars, RoHS."""
    cv = new_canvas(rng, rng.randint(760, 980), rng.choice(("white", "white", "ivory", "thermal")))
    x, w = 26, cv.w - 52
    y = 22.0
    cv.draw.ellipse((x, y, x + 56, y + 56), fill=cv.ink)
    cv.text(x + 70, y + 8, g.maker.value, rng.randint(28, 34), "head",
            (("company", g.maker.value, g.maker.norm, "manufacturer"),), max_w=w - 80)
    y += 72
    mode = modes(rng, 0.35)
    names = [rng.choice(("part", "model")), "desc", "qty", "lot", "date", "origin", "hs", "eccn"]
    if rng.random() < 0.5:
        names.append("serial")
    if rng.random() < 0.3:
        names.append("status")
    fields = [make_field(rng, g, n, mode) for n in names[:1] + rng.sample(names[1:], k=len(names) - 1)]
    style = rng.choice(("inline", "left", "above", "right", "boxed", "table", "grid"))
    y = arrange_cols(cv, rng, fields, x, y, w, style, rng.randint(22, 28), rng.randint(15, 19),
                     rng.choice((1, 2, 2)))
    cv.barcode(x, y + 4, w * 0.7, 50)
    if rng.random() < 0.5:
        cv.text(x + w * 0.75, y + 10, "RoHS", 26, "head")
    return finish(cv, border=rng.choice((0, 4)))


def reel_esd(rng: random.Random, g: Goods) -> Canvas:
    """Semiconductor reel label: ESD triangle, MFG/CUST P/N, QTY, D/C, LOT, MSL, COO, HTS, ECCN, 2-D code."""
    cv = new_canvas(rng, rng.randint(820, 1000), rng.choice(("white", "white", "thermal")),
                    process=rng.choice(("ink", "thermal", "thermal")))
    x = 130
    w = cv.w - x - 150
    cv.esd_symbol(20, 24, 90)
    y = 20.0
    cv.text(x, y, g.maker.value, 26, "head", (("company", g.maker.value, g.maker.norm, "manufacturer"),), max_w=w)
    y += 40
    msl = rng.choice(("MSL 3", "MSL: 2a", "MSL 1"))
    fields = [
        Field(rng.choice(("MFG P/N", "MPN", "Mfr Part #")), g.part.value,
              (("part_number", g.part.value, g.part.norm, None),), "code"),
        Field(rng.choice(("CUST P/N", "CPN", "Customer PN")), g.model.value,
              (("part_number", g.model.value, g.model.norm, None),), "code"),
        make_field(rng, g, "qty", "abbr"), make_field(rng, g, "date", "abbr"), make_field(rng, g, "lot", "abbr"),
        make_field(rng, g, "origin", "abbr"), make_field(rng, g, "hs", rng.choice(("abbr", "en"))),
        make_field(rng, g, "eccn", "abbr"),
    ]
    fields = fields[:2] + rng.sample(fields[2:], k=len(fields) - 2)
    style = rng.choice(("inline", "left", "above"))
    y = arrange_cols(cv, rng, fields, x, y, w, style, rng.randint(21, 26), rng.randint(15, 18), 2)
    cv.text(x, y, msl, 18)
    cv.matrix_code(cv.w - 140, 24, 120)
    if rng.random() < 0.5:
        arrange(cv, rng, [Field("", "ATTENTION: OBSERVE PRECAUTIONS FOR ESD SENSITIVE DEVICES")], 20, y + 30,
                cv.w - 40, "inline", 15, 14)
    return finish(cv, border=rng.choice((0, 3)))
