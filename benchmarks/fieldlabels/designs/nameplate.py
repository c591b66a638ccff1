"""Machine rating plates: JIS-style Japanese-only, bilingual 型式/MODEL, and IEC/European (Typ, Nr.,
Hersteller) — etched, stamped or dot-peened into aluminium, stainless, brass or black anodising."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts, keys, shipment, values
from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.designs._kit import faces, start
from benchmarks.fieldlabels.fieldgrid import Field, GridStyle, layout
from benchmarks.fieldlabels.shipment import Shipment

PLATES = {"aluminium": ((198, 201, 204), (25, 25, 28)), "stainless": ((176, 178, 178), (30, 30, 30)),
          "brass": ((196, 168, 104), (40, 30, 12)), "anodised": ((34, 36, 40), (205, 207, 210)),
          "silver_film": ((214, 216, 220), (20, 20, 90))}


# entity types every label of this design carries (checked by the tests)
CARRIES = frozenset({"company", "model_number", "serial_number", "country_of_origin"})


def _rating(rnd: random.Random) -> str:
    return rnd.choice((f"AC{rnd.choice((100, 200, 380))}-{rnd.choice((120, 240, 480))}V {rnd.choice(('50/60Hz', '50Hz', '60Hz'))}",
                       f"3~ {rnd.choice((200, 400, 460))}V {rnd.uniform(0.4, 22):.1f}A",
                       f"DC{rnd.choice((12, 24, 48))}V {rnd.uniform(0.1, 9.5):.1f}A",
                       f"{rnd.choice((0.1, 0.2, 0.4, 0.75, 1.5, 3.7, 7.5))}kW {rnd.choice((1500, 1800, 3000))}r/min"))


def draw(rnd: random.Random, s: Shipment) -> Label:
    variant = rnd.choice(("jis_ja", "bilingual", "bilingual", "iec_de", "iec_en", "iec_fr", "iec_it"))
    plate = rnd.choice(tuple(PLATES))
    stock, ink = PLATES[plate]
    w = rnd.choice((960, 1040, 1120))
    h = int(w * rnd.uniform(0.5, 0.62))
    c = start(rnd, "nameplate", f"{variant}/{plate}", (w, h), stock,
              "metal" if plate != "silver_film" else "film", reflective=True)
    jp_face = rnd.choice(fonts.JP_GOTHIC)
    key_f, val_f, head_f = faces(rnd, fonts.LATIN_SANS + fonts.LATIN_CONDENSED,
                                 fonts.LATIN_SANS_BOLD + fonts.LATIN_MONO + fonts.LATIN_CONDENSED,
                                 fonts.LATIN_SANS_BOLD + fonts.LATIN_SERIF[3:])
    c.use_faces(jp=jp_face, key=key_f, value=val_f, header=head_f)
    engraving = rnd.choice(("print", "print", "stamped", "etched", "dotpeen")) if plate != "silver_film" else "print"
    maker = s.maker_jp if variant == "jis_ja" or (variant == "bilingual" and rnd.random() < 0.5) else s.maker
    lang = {"jis_ja": "ja", "bilingual": "bi", "iec_de": "de", "iec_en": "en", "iec_fr": "fr", "iec_it": "it"}[variant]
    title = s.desc_ja if lang == "ja" else (s.desc_en if lang != "bi" else f"{s.desc_ja}  {s.desc_en}")
    y = 40.0
    c.text((50, y), title, head_f if lang not in ("ja", "bi") else jp_face, rnd.randint(30, 36), ink, "print")
    y += 56
    flds: list[Field] = [shipment.model(rnd, s, lang)]
    ser = shipment.serial(rnd, s, lang)
    flds.append(ser)
    flds.append(Field(keys.key(rnd, "date", "ja" if lang == "bi" else lang) + ("" if lang != "bi" else " DATE"),
                      values.date(rnd, rnd.choice(("jp", "ym", "iso")) if lang in ("ja", "bi") else "ym")))
    rating = _rating(rnd)
    rk = {"ja": "定格", "bi": "定格 RATING", "de": "Nennwerte", "en": "RATING", "fr": "Caractéristiques",
          "it": "Dati nominali"}[lang]
    flds.append(Field(rk, rating, [("rating", rating, rating, None)]))
    flds.append(shipment.weight(rnd, s, "ja" if lang == "bi" else lang, "net"))
    if rnd.random() < 0.5:
        flds.append(Field("IP", rnd.choice(("IP54", "IP65", "IP20")), []))
    if rnd.random() < 0.4:
        flds.append(shipment.eccn(rnd, s, "en"))
    rnd.shuffle(flds[2:])
    pos = rnd.choice(("left", "left", "inline", "above", "right"))
    st = GridStyle(key_pos=pos, cols=rnd.choice((1, 2, 2, 3)) if pos == "above" else (rnd.choice((1, 2)) if pos == "inline" else 1), boxed=pos == "left" and rnd.random() < 0.7,
                   key_face=key_f, value_face=val_f, key_px=rnd.randint(20, 24), value_px=rnd.randint(28, 34),
                   key_style="print", value_style=engraving, ink=ink, key_ink=ink,
                   separator=rnd.choice((": ", " ", " : ")))
    y = layout(c, flds, (50, y, w - 50, h - 120), st)
    y = y + 30 if rnd.random() < 0.6 else max(y + 10, h - 110)  # plates are cut to their text, or not
    mf = keys.key(rnd, "manufacturer", "ja" if lang == "bi" else lang)
    text = maker.name if rnd.random() < 0.5 else f"{mf}: {maker.name}"
    i = c.text((50, y), text, head_f, rnd.randint(26, 32), ink, "print")
    c.entity("company", maker.name, maker.name, i, "manufacturer")
    origin = shipment.origin(rnd, s, "ja" if lang in ("ja", "bi") else lang)
    otext = origin.value if origin.key is None else f"{origin.key} {origin.value}"
    i = c.text((w - 50, y + 44), otext, key_f, rnd.randint(22, 28), ink, "print", anchor="ra")
    c.entity("country_of_origin", origin.entities[0][1], s.origin, i)
    c.text((50, y + 50), maker.phone if rnd.random() < 0.5 else maker.address[0], key_f, 18, ink, "print")
    c.trim(int(y + 100))
    h = c.height
    c.rect((8, 8, w - 8, h - 8), outline=ink, width=4)
    for hx, hy in ((26, 26), (w - 26, 26), (26, h - 26), (w - 26, h - 26)):  # rivets
        c.draw.ellipse((hx - 9, hy - 9, hx + 9, hy + 9), fill=tuple(max(0, v - 50) for v in stock))
    return c.label
