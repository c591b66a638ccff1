"""Instrument calibration tag / sticker: printed captions (EN or JP) with values filled by hand or by
a label printer; cal and due dates, asset and certificate numbers sit beside model and serial."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, values
from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.designs._kit import start
from benchmarks.fieldlabels.shipment import Shipment

# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "model_number", "serial_number"})
STOCKS = ((250, 236, 90), (120, 200, 120), (250, 250, 250), (150, 200, 240))
CAPTIONS = {"en": ("INSTRUMENT", "MODEL", "SERIAL NO.", "ASSET NO.", "CAL DATE", "DUE DATE", "BY", "CERT. NO."),
            "ja": ("機器名", "型式", "製造番号", "管理番号", "校正日", "次回校正", "校正者", "証明書番号")}


def draw(rnd: random.Random, s: Shipment) -> Label:
    variant = rnd.choice(("en_hand", "en_printed", "ja_hand", "ja_printed"))
    lang = variant[:2]
    hand = variant.endswith("hand")
    w, h = 1000, 720
    stock = rnd.choice(STOCKS)
    c = start(rnd, "calibration_tag", variant, (w, h), stock, "film", reflective=True)
    cap = rnd.choice(fonts.LATIN_SANS_BOLD + fonts.LATIN_CONDENSED) if lang == "en" else rnd.choice(fonts.JP_GOTHIC)
    fill = rnd.choice(fonts.LATIN_HAND) if hand else rnd.choice(fonts.LATIN_MONO + fonts.LATIN_CONDENSED)
    c.use_faces(caption=cap, filled=fill)
    style = "handwritten" if hand else "thermal"
    pen = rnd.choice(((25, 40, 130), (20, 20, 20))) if hand else (15, 15, 15)
    ink = (20, 20, 20)
    lab = values.company(rnd, "JP")
    title = "CALIBRATED" if lang == "en" else "校正済 CALIBRATED"
    c.rect((10, 10, w - 10, h - 10), width=4)
    c.text((w / 2, 24), title, cap, 46, ink, anchor="ma")
    i = c.text((w / 2, 84), lab.name, cap, c.fit(lab.name, cap, 24, w - 60), ink, anchor="ma")
    c.entity("company", lab.name, lab.name, i, None)
    caps = CAPTIONS[lang]
    vals = [s.desc_en.title() if lang == "en" else s.desc_ja, s.model, s.serial, f"A-{rnd.randint(10000, 99999)}",
            values.date(rnd, "iso"), values.date(rnd, "iso"), rnd.choice(("K. Sato", "T. Mori", "M. Ito", "Y. Abe")),
            values.order_number(rnd)]
    y = 132
    col = 290
    for n, (caption, val) in enumerate(zip(caps, vals, strict=True)):
        c.text((34, y + 8), caption, cap, 24, ink)
        c.line((col, y + 44, w - 34, y + 44), ink, 1)
        i = c.text((col + 10, y), val, fill, c.fit(val, fill, 32, w - col - 60), pen, style)
        if n == 1:
            c.entity("model_number", val, val, i)
        elif n == 2:
            c.entity("serial_number", val, val, i)
        y += 66
    return c.label
