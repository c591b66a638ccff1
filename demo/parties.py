"""Made-up but real-looking parties for the demo, and the perturbations applied to listed names.

Japanese exporters get kanji/katakana names with 株式会社 and a romanised name with "Co., Ltd.", an
address in a real prefecture and a 法人番号 with a valid check digit. Listed names are perturbed the
way they arrive on declarations: typos, a changed legal form, a transliteration, spacing/case.
"""

from __future__ import annotations

import random
import re
from typing import Any

from stdnum.jp import cn as corporate_number

__all__ = [
    "PERTURBATIONS",
    "consignee",
    "corporate_no",
    "customs_broker",
    "forwarder",
    "japanese_company",
    "person",
    "perturb",
]

JP_STEMS = (("東洋", "Toyo"), ("日本", "Nihon"), ("大和", "Daiwa"), ("北辰", "Hokushin"), ("三協", "Sankyo"),
            ("旭", "Asahi"), ("富士", "Fuji"), ("中央", "Chuo"), ("平和", "Heiwa"), ("昭和", "Showa"),
            ("太平洋", "Taiheiyo"), ("関東", "Kanto"), ("東邦", "Toho"), ("三栄", "San-ei"), ("協和", "Kyowa"),
            ("光陽", "Koyo"), ("新星", "Shinsei"), ("明和", "Meiwa"), ("丸紅", "Marube"), ("山陽", "Sanyo"))
JP_TRADES = (("精機", "Seiki"), ("電子", "Denshi"), ("工業", "Kogyo"), ("化学", "Kagaku"), ("産業", "Sangyo"),
             ("光学", "Kogaku"), ("電機", "Denki"), ("製作所", "Seisakusho"), ("マテリアル", "Material"),
             ("テクノロジー", "Technology"), ("エレクトロニクス", "Electronics"), ("商事", "Shoji"))
JP_PLACES = (("東京都大田区蒲田", "Kamata, Ota-ku, Tokyo"), ("大阪府東大阪市高井田", "Takaida, Higashiosaka, Osaka"),
             ("愛知県名古屋市港区", "Minato-ku, Nagoya, Aichi"), ("神奈川県川崎市中原区", "Nakahara-ku, Kawasaki, Kanagawa"),
             ("京都府京都市南区", "Minami-ku, Kyoto"), ("静岡県浜松市中央区", "Chuo-ku, Hamamatsu, Shizuoka"),
             ("埼玉県川口市", "Kawaguchi, Saitama"), ("兵庫県神戸市中央区", "Chuo-ku, Kobe, Hyogo"),
             ("長野県諏訪市", "Suwa, Nagano"), ("福岡県北九州市小倉北区", "Kokurakita-ku, Kitakyushu, Fukuoka"))
FOREIGN = {
    "CN": (("Shenzhen", "Dongguan", "Suzhou", "Ningbo", "Chengdu"), ("Co., Ltd.", "Technology Co., Ltd.")),
    "HK": (("Kowloon", "Kwun Tong", "Tsuen Wan"), ("Limited", "Company Limited")),
    "US": (("Austin", "San Jose", "Columbus", "Phoenix"), ("Inc.", "LLC", "Corp.")),
    "KR": (("Seoul", "Busan", "Incheon"), ("Co., Ltd.",)), "TW": (("Taipei", "Hsinchu", "Taichung"), ("Co., Ltd.",)),
    "DE": (("Stuttgart", "München", "Düsseldorf"), ("GmbH", "AG")), "SG": (("Jurong", "Tuas"), ("Pte. Ltd.",)),
    "TH": (("Bangkok", "Chonburi"), ("Co., Ltd.",)), "VN": (("Hanoi", "Hai Phong"), ("Co., Ltd.", "JSC")),
    "MY": (("Penang", "Johor Bahru"), ("Sdn. Bhd.",)), "IN": (("Pune", "Chennai", "Bengaluru"), ("Pvt. Ltd.",)),
    "AE": (("Jebel Ali", "Sharjah", "Dubai"), ("FZE", "FZCO", "LLC")), "TR": (("Istanbul", "Izmir"), ("Ltd. Şti.", "A.Ş.")),
    "KZ": (("Almaty", "Astana"), ("LLP",)), "AM": (("Yerevan",), ("LLC",)), "KG": (("Bishkek",), ("LLC",)),
    "UZ": (("Tashkent",), ("LLC",)), "GE": (("Tbilisi",), ("LLC",)), "MX": (("Monterrey", "Querétaro"), ("S.A. de C.V.",)),
    "GB": (("Sheffield", "Coventry"), ("Ltd",)), "NL": (("Eindhoven", "Rotterdam"), ("B.V.",)),
    "ID": (("Bekasi", "Surabaya"), ("PT",)), "PH": (("Cavite", "Laguna"), ("Inc.",)), "AU": (("Perth", "Adelaide"), ("Pty Ltd",)),
    "RU": (("Moscow", "Saint Petersburg", "Novosibirsk"), ("LLC", "JSC")),
}
FOREIGN_TRADES = ("Precision", "Electronics", "Industrial Supply", "Automation", "Components", "Machinery",
                  "Instruments", "Materials", "Tech", "Engineering", "Optics", "Semiconductor")
FOREIGN_STEMS = ("Apex", "Golden Bridge", "Sino", "Evergreen", "Unity", "Pioneer", "Orient", "Silk Road", "Nova",
                 "Delta", "Crown", "Harmony", "Grand", "Polar", "Zenith", "Vector", "Atlas", "Horizon")
GIVEN = ("Wei", "Li", "Ivan", "Aram", "Dmitry", "Mehmet", "Aigerim", "Chen", "Nurlan", "Sergei", "Ahmad", "Olga")
FAMILY = ("Zhang", "Petrov", "Sargsyan", "Ivanova", "Yilmaz", "Wang", "Abdullaev", "Karimov", "Liu", "Smirnov")
LEGAL_FORMS = (("CO., LTD.", "COMPANY LIMITED"), ("LLC", "LIMITED LIABILITY COMPANY"), ("JSC", "JOINT STOCK COMPANY"),
               ("LTD", "LIMITED"), ("INC.", "INCORPORATED"), ("FZE", "FZCO"), ("OOO", "LLC"), ("CORP.", "CORPORATION"))
_CYRILLIC = {"SHCH": "Щ", "SH": "Ш", "CH": "Ч", "ZH": "Ж", "KH": "Х", "TS": "Ц", "YU": "Ю", "YA": "Я", "A": "А",
             "B": "Б", "V": "В", "G": "Г", "D": "Д", "E": "Е", "Z": "З", "I": "И", "Y": "Й", "K": "К", "L": "Л",
             "M": "М", "N": "Н", "O": "О", "P": "П", "R": "Р", "S": "С", "T": "Т", "U": "У", "F": "Ф"}
_CYR_PATTERN = re.compile("|".join(sorted(_CYRILLIC, key=len, reverse=True)))
PERTURBATIONS = ("exact", "typo", "legal_form", "transliteration", "spacing_case")


def corporate_no(rng: random.Random) -> str:
    body = f"{rng.randrange(10**11, 10**12):012d}"
    return str(corporate_number.calc_check_digit(body)) + body


def japanese_company(rng: random.Random) -> dict[str, Any]:
    stem, stem_r = rng.choice(JP_STEMS)
    trade, trade_r = rng.choice(JP_TRADES)
    place, place_r = rng.choice(JP_PLACES)
    block = f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
    latin = f"{stem_r} {trade_r} Co., Ltd."
    kanji = f"株式会社{stem}{trade}" if rng.random() < 0.5 else f"{stem}{trade}株式会社"
    party = {"country": "JP", "corporate_number": corporate_no(rng)}
    if rng.random() < 0.7:  # most NACCS declarations carry the Japanese name with a romanised one
        party.update(name=kanji, name_latin=latin, address=f"{place}{block}")
    else:
        party.update(name=latin, address=f"{block} {place_r}, Japan")
    return party


def customs_broker(rng: random.Random) -> dict[str, Any]:
    """A Japanese customs broker (通関業者): the usual declarant and often the forwarder."""
    stem, stem_r = rng.choice(JP_STEMS)
    place, _ = rng.choice(JP_PLACES)
    return {"name": f"{stem}通運株式会社", "name_latin": f"{stem_r} Customs Brokerage Co., Ltd.",
            "address": f"{place}{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}", "country": "JP",
            "corporate_number": corporate_no(rng)}


def consignee(rng: random.Random, country: str) -> dict[str, Any]:
    cities, forms = FOREIGN.get(country, (("Central District",), ("Ltd.",)))
    city = rng.choice(cities)
    name = f"{rng.choice(FOREIGN_STEMS)} {rng.choice(FOREIGN_TRADES)} {rng.choice(forms)}"
    if country in ("CN", "VN", "TH") and rng.random() < 0.5:
        name = f"{city} {name}"
    return {"name": name, "address": f"{rng.randint(1, 999)} {rng.choice(('Industrial Road', 'Science Park', 'Free Zone', 'Avenue'))}, {city}, {country}",
            "country": country}


def forwarder(rng: random.Random, country: str, terms: tuple[str, ...]) -> dict[str, Any]:
    term = rng.choice([t for t in terms if " " not in t] or ["logistics"]).title()
    cities, _ = FOREIGN.get(country, (("Central District",), ("Ltd.",)))
    city = rng.choice(cities)
    return {"name": f"{rng.choice(FOREIGN_STEMS)} {term} {rng.choice(('Co., Ltd.', 'LLC', 'Limited'))}",
            "address": f"Warehouse {rng.randint(1, 60)}, Logistics Park, {city}, {country}", "country": country}


def person(rng: random.Random, country: str) -> dict[str, Any]:
    cities, _ = FOREIGN.get(country, (("Central District",), ("Ltd.",)))
    return {"name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
            "address": f"Apt {rng.randint(1, 300)}, {rng.randint(1, 200)} Residential Street, {rng.choice(cities)}, {country}",
            "country": country}


def perturb(name: str, kind: str, rng: random.Random) -> str:
    """The listed name as a declarant might write it; `kind` is one of PERTURBATIONS (never unchanged but for exact)."""
    changed = _perturb(name, kind, rng)
    if changed == name and kind != "exact":
        changed = _CYR_PATTERN.sub(lambda m: _CYRILLIC[m.group(0)], name.upper())
    return changed if changed != name or kind == "exact" else name + " LLC"


def _perturb(name: str, kind: str, rng: random.Random) -> str:
    if kind == "typo" and len(name) > 4:
        i = rng.randrange(1, len(name) - 2)
        op = rng.choice(("swap", "drop", "double"))
        if op == "swap":
            return name[:i] + name[i + 1] + name[i] + name[i + 2:]
        if op == "drop":
            return name[:i] + name[i + 1:]
        return name[:i] + name[i] + name[i:]
    if kind == "legal_form":
        upper = name.upper()
        for short, long in LEGAL_FORMS:
            for old, new in ((short, long), (long, short)):
                if upper.endswith(" " + old):
                    return name[: len(name) - len(old)] + new
        return f"{name} {rng.choice(('LLC', 'CO., LTD.', 'LIMITED'))}"
    if kind == "transliteration":
        if re.search(r"[A-Za-z]", name) and rng.random() < 0.5:
            return _CYR_PATTERN.sub(lambda m: _CYRILLIC[m.group(0)], name.upper())
        return name.replace("TECHNOLOGY", "TEKHNOLOGIYA").replace("Y", "I").replace("KH", "H")
    if kind == "spacing_case":
        return " ".join(name.replace(",", "").replace(".", "").split()).title()
    return name
