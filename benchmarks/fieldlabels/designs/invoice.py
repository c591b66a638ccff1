"""A commercial-invoice snippet taped to a carton (film glare): seller, invoice number and date, buyer,
and a goods table with several lines — model, HS code, quantity, origin per line — plus the
exporter's 該非判定 (export-control classification) statement."""

from __future__ import annotations

import random
from typing import Any

from PIL import Image, ImageDraw

from benchmarks.fieldlabels import fonts, keys, values
from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.designs._kit import start
from benchmarks.fieldlabels.shipment import Shipment

# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "model_number", "hs_code", "invoice_number", "country_of_origin"})


WORDS: dict[str, dict[str, Any]] = {
    "en": {"title": "COMMERCIAL INVOICE", "date": "DATE", "buyer": "SOLD TO / CONSIGNEE:",
           "columns": ("No.", "Description", "Model", "HS Code", "Q'ty", "Origin", "Amount")},
    "de": {"title": "HANDELSRECHNUNG / COMMERCIAL INVOICE", "date": "Datum", "buyer": "Empfänger / Käufer:",
           "columns": ("Pos.", "Bezeichnung", "Typ / Art.-Nr.", "Zolltarifnr.", "Menge", "Ursprung", "Betrag")},
    "fr": {"title": "FACTURE COMMERCIALE", "date": "Date", "buyer": "Destinataire / Acheteur :",
           "columns": ("N°", "Désignation", "Modèle / Réf.", "Code SH", "Qté", "Origine", "Montant")},
}


def draw(rnd: random.Random, s: Shipment) -> Label:
    style = rnd.choice(("typed_serif", "erp_mono", "erp_sans"))
    lang = rnd.choice(("en", "en", "de", "fr"))
    variant = f"{style}/{lang}"
    words = WORDS[lang]
    w, h = 1200, rnd.choice((880, 940))
    c = start(rnd, "invoice_snippet", variant, (w, h), (252, 252, 250), "film", reflective=True)
    face = {"typed_serif": rnd.choice(fonts.LATIN_SERIF[:3]), "erp_mono": rnd.choice(fonts.LATIN_MONO[:4]),
            "erp_sans": rnd.choice(fonts.LATIN_SANS + fonts.LATIN_CONDENSED[:2])}[style]
    bold = rnd.choice(fonts.LATIN_SANS_BOLD + fonts.LATIN_SERIF[3:])
    c.use_faces(body=face, title=bold)
    ink = (25, 25, 30)
    seller = s.shipper if s.shipper.name.isascii() else s.maker
    c.text((w / 2, 24), words["title"], bold, c.fit(words["title"], bold, 40, w - 60), ink, anchor="ma")
    i = c.text((30, 84), seller.name, bold, c.fit(seller.name, bold, 28, w * 0.55), ink)
    c.entity("company", seller.name, seller.name, i, "shipper")
    c.text((30, 120), ", ".join(seller.address[:2]), face, 20, ink)
    c.text((30, 148), f"TEL {seller.phone}", face, 20, ink)
    inv = values.order_number(rnd)
    i = c.text((w * 0.62, 84), f"{keys.key(rnd, 'invoice_number', lang)} {inv}", face, 26, ink)
    c.entity("invoice_number", inv, inv, i)
    c.text((w * 0.62, 118), f"{words['date']} {values.date(rnd, rnd.choice(('mon', 'iso', 'eu')))}", face, 24, ink)
    c.text((w * 0.62, 150), f"{keys.key(rnd, 'po_number', lang)} {s.po}", face, 24, ink)
    c.text((30, 186), words["buyer"], face, 20, ink)
    i = c.text((30, 212), s.consignee.name, face, c.fit(s.consignee.name, face, 26, w * 0.55), ink)
    c.entity("company", s.consignee.name, s.consignee.name, i, "consignee")
    c.text((30, 246), ", ".join(s.consignee.address[1:]), face, 20, ink)
    # goods table
    cols = list(zip(words["columns"], (0.0, 0.05, 0.34, 0.53, 0.67, 0.75, 0.87), strict=True))
    y = 290
    x0, x1 = 24, w - 24
    c.line((x0, y, x1, y), ink, 2)
    for title, at in cols:
        c.text((x0 + 6 + at * (x1 - x0), y + 8), title, bold, 20, ink)
    y += 40
    c.line((x0, y, x1, y), ink, 1)
    lines = [(s.desc_en, s.model, s.hs_printed, s.hs6, s.qty, s.origin)]
    for _ in range(rnd.randint(1, 3)):
        hs6, desc, _ja, _e = rnd.choice(values.GOODS)
        origin = rnd.choice(("JP", "JP", "CN", "MY", "DE"))
        lines.append((desc, values.model_number(rnd), values.hs_printed(rnd, hs6), hs6, rnd.randint(1, 40), origin))
    rnd.shuffle(lines)
    px = 22
    for n, (desc, model, hs_shown, hs6, qty, origin) in enumerate(lines, start=1):
        cells = [str(n), desc.title() if style != "erp_mono" else desc, model, hs_shown, str(qty),
                 rnd.choice((origin, values.COUNTRIES[origin][0])), f"{rnd.randint(100, 9000) * 10:,}.00"]
        ids = []
        for text, (_title, at) in zip(cells, cols, strict=True):
            size = c.fit(text, face, px, (x1 - x0) * 0.18 if at == 0.05 else (x1 - x0) * 0.13)
            ids.append(c.text((x0 + 6 + at * (x1 - x0), y + 10), text, face, size, ink))
        c.entity("model_number", model, model, ids[2])
        c.entity("hs_code", hs_shown, hs6, ids[3])
        c.entity("quantity", str(qty), {"value": qty, "unit": "PCS"}, ids[4])
        c.entity("country_of_origin", cells[5], origin, ids[5])
        y += px + 24
    c.line((x0, y + 6, x1, y + 6), ink, 2)
    y += 24
    if rnd.random() < 0.7:
        status = "非該当" if s.eccn.startswith("EAR99") or rnd.random() < 0.5 else "該当"
        i = c.text((30, y), f"該非判定: {status}  ECCN {s.eccn}", face, 24, ink)
        c.entity("jp_control_status", status, status, i)
        c.entity("eccn", s.eccn, s.eccn, i)
        y += 40
    c.text((30, y), rnd.choice(("We hereby certify that the above goods are of the origin stated.",
                                "Terms: FCA Narita   Payment: T/T 30 days", "Packing: 3 cartons  G.W. see packing list")),
           face, 20, ink)
    c.trim(int(y + 60))
    _tape(c.label.image, rnd)
    return c.label


def _tape(img: Image.Image, rnd: random.Random) -> None:
    """Clear packing tape over the top corners: slightly yellow, slightly brighter, with a sheen edge."""
    w = img.width
    for x0 in (rnd.uniform(-40, 60), rnd.uniform(w - 260, w - 120)):
        box = (int(max(0, x0)), 0, int(min(w, x0 + 180)), int(rnd.uniform(50, 90)))
        region = img.crop(box)
        tint = Image.new("RGB", region.size, (255, 248, 215))
        img.paste(Image.blend(region, tint, 0.22), box)
        ImageDraw.Draw(img).line((box[0], box[3], box[2], box[3]), fill=(235, 235, 225), width=2)
