"""One consistent story per capture (who made what, where, shipped to whom) and the key/value fields
that print it in a chosen language."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from benchmarks.fieldlabels import keys, values
from benchmarks.fieldlabels.fieldgrid import Field
from benchmarks.fieldlabels.values import Company


@dataclass(frozen=True)
class Shipment:
    """The facts a label prints, drawn once and shared by every frame of a burst."""

    maker: Company
    maker_jp: Company
    shipper: Company
    consignee: Company
    hs6: str
    hs_printed: str
    desc_en: str
    desc_ja: str
    eccn: str
    model: str
    part: str
    customer_part: str
    serial: str
    origin: str
    qty: int
    net_kg: float
    gross_kg: float
    lot: str
    po: str
    invoice: str
    date: str


def draw(rnd: random.Random) -> Shipment:
    """Draw a shipment: most goods are Japanese-made, some come from elsewhere."""
    hs6, desc_en, desc_ja, eccns = rnd.choice(values.GOODS)
    origin = rnd.choice(("JP",) * 5 + ("DE", "US", "TW", "MY", "CN", "KR", "FR", "IT", "SG", "TH", "VN", "PH"))
    maker = values.company(rnd, origin if rnd.random() < 0.8 else None)
    maker_jp = values.company(rnd, "JP", japanese=True)
    net = values.weight(rnd, 0.3, 60.0)
    return Shipment(
        maker=maker, maker_jp=maker_jp, shipper=values.company(rnd, "JP", japanese=rnd.random() < 0.3),
        consignee=values.company(rnd), hs6=hs6, hs_printed=values.hs_printed(rnd, hs6), desc_en=desc_en,
        desc_ja=desc_ja, eccn=rnd.choice(eccns), model=values.model_number(rnd), part=values.part_number(rnd),
        customer_part=values.part_number(rnd), serial=values.serial_number(rnd), origin=origin,
        qty=rnd.choice((1, 1, 2, 4, 5, 10, 12, 20, 24, 50, 100, 250, 1000, 2500)), net_kg=net,
        gross_kg=round(net * rnd.uniform(1.05, 1.5) + 0.4, 1), lot=values.lot_number(rnd),
        po=values.order_number(rnd), invoice=values.order_number(rnd), date=values.date(rnd),
    )


def kv(rnd: random.Random, name: str, lang: str, value: str, ents: list[tuple[str, str, Any, str | None]],
       wrap: bool = False) -> Field:
    """A field whose key is `name` written in `lang` ('bi' = Japanese + English)."""
    key = keys.bilingual(rnd, name) if lang == "bi" else keys.key(rnd, name, lang)
    return Field(key, value, list(ents), wrap)


def model(rnd: random.Random, s: Shipment, lang: str) -> Field:
    return kv(rnd, "model_number", lang, s.model, [("model_number", s.model, s.model, None)])


def part(rnd: random.Random, s: Shipment, lang: str) -> Field:
    return kv(rnd, "part_number", lang, s.part, [("part_number", s.part, s.part, None)])


def serial(rnd: random.Random, s: Shipment, lang: str) -> Field:
    return kv(rnd, "serial_number", lang, s.serial, [("serial_number", s.serial, s.serial, None)])


def hs(rnd: random.Random, s: Shipment, lang: str) -> Field:
    return kv(rnd, "hs_code", lang, s.hs_printed, [("hs_code", s.hs_printed, s.hs6, None)])


def eccn(rnd: random.Random, s: Shipment, lang: str) -> Field:
    return kv(rnd, "eccn", lang, s.eccn, [("eccn", s.eccn, s.eccn, None)])


def company(rnd: random.Random, who: Company, role: str, lang: str, key_field: str | None = None) -> Field:
    return kv(rnd, key_field or role, lang, who.name, [("company", who.name, who.name, role)], wrap=False)


def description(rnd: random.Random, s: Shipment, lang: str) -> Field:
    text = s.desc_ja if lang == "ja" else s.desc_en
    if lang != "ja" and rnd.random() < 0.4:
        text = text.title()
    return kv(rnd, "description", lang, text, [("description", text, text, None)], wrap=True)


def quantity(rnd: random.Random, s: Shipment, lang: str) -> Field:
    unit = rnd.choice(("PCS", "pcs", "EA", "SETS", "個", "台")) if lang == "ja" else rnd.choice(("PCS", "pcs", "EA", "Stk."))
    text = f"{s.qty} {unit}" if unit.isascii() else f"{s.qty}{unit}"
    return kv(rnd, "quantity", lang, text, [("quantity", text, {"value": s.qty, "unit": unit}, None)])


def weight(rnd: random.Random, s: Shipment, lang: str, kind: str) -> Field:
    kg = s.net_kg if kind == "net" else s.gross_kg
    if rnd.random() < 0.15 and lang == "en":
        num, unit = round(kg * 2.20462, 1), "lb"
        text = f"{num} LBS"
    else:
        num, unit = kg, "kg"
        text = rnd.choice((f"{kg} KG", f"{kg} kg", f"{kg}kg"))
    return kv(rnd, kind, lang, text, [("weight", text, {"kind": kind, "value": num, "unit": unit}, None)])


def origin(rnd: random.Random, s: Shipment, lang: str) -> Field:
    """Country of origin as a keyed field (name, ISO code) or an unkeyed phrase (MADE IN …, 日本製)."""
    en, ja, native = values.COUNTRIES[s.origin]
    form = rnd.random()
    if form < 0.3:
        phrase = rnd.choice((f"MADE IN {en}", native, f"Made in {en.title()}")) if lang != "ja" else (
            f"{ja}製" if s.origin == "JP" or rnd.random() < 0.5 else f"原産国：{ja}")
        return Field(None, phrase, [("country_of_origin", phrase, s.origin, None)])
    shown = ja if lang == "ja" else rnd.choice((en, en, s.origin, en.title()))
    return kv(rnd, "country_of_origin", lang, shown, [("country_of_origin", shown, s.origin, None)])


def plain(rnd: random.Random, name: str, lang: str, value: str, type_: str | None = None) -> Field:
    """A field that is only a distractor (type None) or a simple entity whose norm is its value."""
    return kv(rnd, name, lang, value, [(type_, value, value, None)] if type_ else [])
