"""One consignment's facts (what the label is about) and the key words labels print before them."""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.blindlabels import content, places
from benchmarks.blindlabels.content import Printed


@dataclass
class Goods:
    """Everything a label of any standard might print about one shipment."""

    hs_sub: str
    desc_en: str
    desc_ja: str
    part: Printed
    model: Printed
    serial: Printed
    hs: Printed
    eccn: Printed
    origin: str
    maker: Printed
    shipper: Printed
    consignee: Printed
    consignee_country: str
    qty: int
    unit: str
    net_kg: float
    gross_kg: float
    lot: str
    date: str
    po: str
    jp_status: str

    @classmethod
    def draw(cls, rng: random.Random) -> Goods:
        sub, en, ja = rng.choice(content.HS_GOODS)
        maker = content.company(rng)
        net = round(rng.uniform(0.2, 80.0), 1)
        origin = places.pick_country(rng)
        if rng.random() < 0.5:
            origin = "JP" if "株式会社" in maker.value or "有限会社" in maker.value else origin
        return cls(
            hs_sub=sub, desc_en=en, desc_ja=ja,
            part=content.part_number(rng), model=content.part_number(rng), serial=content.serial_number(rng),
            hs=content.hs_code(rng, sub), eccn=content.eccn(rng), origin=origin, maker=maker,
            shipper=rng.choice((maker, content.company(rng))), consignee=content.company(rng, japanese=False),
            consignee_country=rng.choice(("US", "DE", "SG", "TW", "MY", "GB", "JP")),
            qty=rng.choice((1, 2, 4, 5, 10, 12, 20, 24, 50, 100, 250, 500, 1000, 2500, 3000)),
            unit=rng.choice(("PCS", "PCS", "EA", "SETS", "UNITS")),
            net_kg=net, gross_kg=round(net * rng.uniform(1.05, 1.4) + 0.3, 1),
            lot=content._fill(rng, rng.choice(("LDDDDD", "DDLDDDD", "DDDDDDLL", "LLDDDD-DD"))),
            date=rng.choice((f"20{rng.randint(22, 26)}-{rng.randint(1, 12):02d}",
                             f"{rng.randint(22, 26)}{rng.randint(1, 52):02d}",
                             f"20{rng.randint(22, 26)}.{rng.randint(1, 12):02d}")),
            po=content._fill(rng, rng.choice(("DDDDDDDDDD", "PO-DDDDDD", "LDDDDDDD", "4500DDDDDD"))),
            jp_status=rng.choice(content.JP_CONTROL),
        )


# Key words from real labels per field, in English, abbreviated, Japanese and bilingual forms.
KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    "part": {"en": ("PART NO.", "Part Number", "Item No.", "Article No."), "abbr": ("P/N", "PN", "MPN", "P/N:"),
             "ja": ("品番", "部品番号", "品目コード"), "bi": ("品番 P/N", "部品番号 PART NO.")},
    "model": {"en": ("MODEL", "Model No.", "TYPE", "Type"), "abbr": ("MOD.", "MDL", "Typ"),
              "ja": ("型式", "形式", "形名", "機種"), "bi": ("型式 MODEL", "形式 TYPE", "形名 MODEL NO.")},
    "serial": {"en": ("SERIAL NO.", "Serial Number", "SER. NO."), "abbr": ("S/N", "SN", "SER#"),
               "ja": ("製造番号", "シリアル番号", "製番"), "bi": ("製造番号 SER. NO.", "製造番号 S/N")},
    "hs": {"en": ("HS CODE", "H.S. CODE", "Tariff No.", "Commodity Code", "HS Tariff No."),
           "abbr": ("HS", "HTS", "HTS#", "HSC"), "ja": ("統計品目番号", "HSコード", "関税番号"),
           "bi": ("統計品目番号 HS CODE", "HSコード HS")},
    "eccn": {"en": ("ECCN", "Export Class", "EXPORT CLASSIFICATION"), "abbr": ("ECCN", "ECCN#", "ECN"),
             "ja": ("ECCN", "輸出規制番号"), "bi": ("ECCN 輸出規制", "ECCN")},
    "origin": {"en": ("COUNTRY OF ORIGIN", "Origin", "ORIGIN", "Country of Manufacture"),
               "abbr": ("COO", "C/O", "CoO", "ORIG."), "ja": ("原産国", "生産国", "原産地"),
               "bi": ("原産国 ORIGIN", "原産国 C/O")},
    "qty": {"en": ("QUANTITY", "Quantity", "QTY"), "abbr": ("QTY", "Q'TY", "QTY."), "ja": ("数量", "入数"),
            "bi": ("数量 QTY", "入数 Q'TY")},
    "desc": {"en": ("DESCRIPTION", "Description", "Contents", "ITEM"), "abbr": ("DESC.", "DESC"),
             "ja": ("品名", "品目", "内容品"), "bi": ("品名 DESCRIPTION", "品名 ITEM")},
    "lot": {"en": ("LOT NO.", "Lot", "BATCH"), "abbr": ("LOT", "L/N"), "ja": ("ロット", "ロットNo."),
            "bi": ("ロット LOT",)},
    "date": {"en": ("DATE CODE", "MFG DATE", "Date"), "abbr": ("D/C", "DC", "MFD"), "ja": ("製造年月", "製造日"),
             "bi": ("製造年月 DATE",)},
    "maker": {"en": ("MANUFACTURER", "Manufacturer", "SUPPLIER", "Vendor"), "abbr": ("MFR", "MFG", "SUPP."),
              "ja": ("製造元", "製造者", "販売元"), "bi": ("製造者 MFR",)},
    "net": {"en": ("NET WEIGHT", "NET WT"), "abbr": ("N.W.", "NW"), "ja": ("正味重量", "純重量"),
            "bi": ("正味重量 N.W.",)},
    "gross": {"en": ("GROSS WEIGHT", "GROSS WT"), "abbr": ("G.W.", "GW"), "ja": ("総重量",), "bi": ("総重量 G.W.",)},
    "po": {"en": ("PO NUMBER", "Purchase Order"), "abbr": ("PO#", "P.O."), "ja": ("注文番号", "発注番号"),
           "bi": ("注文番号 P.O.",)},
    "status": {"en": ("JP EXPORT CONTROL",), "abbr": ("該非",), "ja": ("該非判定", "該非区分"),
               "bi": ("該非判定 JP CTRL",)},
}


def key(rng: random.Random, field: str, mode: str) -> str:
    return rng.choice(KEYS[field][mode])
