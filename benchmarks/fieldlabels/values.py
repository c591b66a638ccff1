"""Invented but realistic field values: companies, model/part/serial numbers, HS codes, ECCNs,
countries, and the numbers that only look like them (dates, lots, orders, phones, postcodes)."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

_SYL = ("ka", "ri", "to", "mo", "sa", "ne", "vi", "lo", "ra", "den", "tek", "mar", "sol", "quin", "bel",
        "dor", "fen", "gal", "hal", "kor", "lum", "nor", "pax", "rel", "tor", "ver", "zan", "ost", "ari")
_JP_NAMES = ("北斗", "白峰", "朝霧", "東雲", "若葉", "青嵐", "千早", "葛城", "鳴海", "月岡", "ステラ", "日向", "三峰",
             "高瀬", "浅間", "湊川", "桐生", "鷹野")
_JP_KINDS = ("精機", "電子", "工業", "製作所", "計測", "化学", "電機", "光学", "テクノ", "システムズ", "マテリアル")
_EN_KINDS = ("Instruments", "Microdevices", "Precision", "Controls", "Photonics", "Systems", "Materials",
             "Electronics", "Motion", "Scientific", "Technologies", "Industrial")
_DE_KINDS = ("Messtechnik", "Antriebstechnik", "Feinwerktechnik", "Elektronik", "Maschinenbau")
_FORMS = {"JP": ("Co., Ltd.", "Corporation", "K.K.", "Inc."), "DE": ("GmbH", "GmbH & Co. KG", "AG"),
          "FR": ("S.A.S.", "SARL", "S.A."), "IT": ("S.p.A.", "S.r.l."), "NL": ("B.V.",), "SE": ("AB",),
          "US": ("Inc.", "Corp.", "LLC"), "SG": ("Pte. Ltd.",), "CN": ("Co., Ltd.",), "TW": ("Co., Ltd.", "Corp."),
          "KR": ("Co., Ltd.",), "MY": ("Sdn. Bhd.",), "PL": ("Sp. z o.o.",), "FI": ("Oy",), "GB": ("Ltd.", "PLC")}

# ISO alpha-2 -> (English name, Japanese name, native-language phrasing of "made in")
COUNTRIES: dict[str, tuple[str, str, str]] = {
    "JP": ("JAPAN", "日本", "日本製"), "DE": ("GERMANY", "ドイツ", "Made in Germany"),
    "FR": ("FRANCE", "フランス", "Fabriqué en France"), "IT": ("ITALY", "イタリア", "Prodotto in Italia"),
    "US": ("U.S.A.", "米国", "Made in USA"), "CN": ("CHINA", "中国", "Made in China"),
    "TW": ("TAIWAN", "台湾", "Made in Taiwan"), "KR": ("KOREA", "韓国", "Made in Korea"),
    "MY": ("MALAYSIA", "マレーシア", "Made in Malaysia"), "SG": ("SINGAPORE", "シンガポール", "Made in Singapore"),
    "NL": ("NETHERLANDS", "オランダ", "Made in the Netherlands"), "SE": ("SWEDEN", "スウェーデン", "Made in Sweden"),
    "TH": ("THAILAND", "タイ", "Made in Thailand"), "VN": ("VIET NAM", "ベトナム", "Made in Vietnam"),
    "PH": ("PHILIPPINES", "フィリピン", "Made in Philippines"), "GB": ("UNITED KINGDOM", "英国", "Made in UK"),
    "CH": ("SWITZERLAND", "スイス", "Swiss Made"), "PL": ("POLAND", "ポーランド", "Made in Poland"),
}
NUMERIC_ISO = {"JP": "392", "DE": "276", "FR": "250", "IT": "380", "US": "840", "CN": "156", "TW": "158",
               "KR": "410", "MY": "458", "SG": "702", "NL": "528", "SE": "752", "TH": "764", "VN": "704",
               "PH": "608", "GB": "826", "CH": "756", "PL": "616"}

# (6-digit subheading, English description, Japanese description, plausible ECCNs)
GOODS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("8542.31", "MICROCONTROLLER IC", "集積回路", ("3A991.a", "5A992.c", "EAR99", "3A001.a.2")),
    ("8542.39", "FPGA DEVICE", "集積回路", ("3A001.a.7", "3A991.d", "EAR99")),
    ("8541.49", "PHOTODIODE ARRAY", "光電性半導体", ("6A002.a", "EAR99", "6A992")),
    ("8504.40", "SERVO AMPLIFIER", "サーボアンプ", ("EAR99", "3A991.b")),
    ("8501.52", "AC SERVO MOTOR", "ACサーボモータ", ("EAR99", "2B991")),
    ("9031.80", "LASER DISPLACEMENT SENSOR", "レーザ変位センサ", ("EAR99", "6A996")),
    ("9027.50", "SPECTROMETER", "分光光度計", ("EAR99", "3A999.f")),
    ("8471.50", "INDUSTRIAL COMPUTER", "産業用コンピュータ", ("5A992.c", "4A994.b", "EAR99")),
    ("8486.20", "WAFER PROCESS MODULE", "半導体製造装置", ("3B001.c", "3B991.b", "3B090.a")),
    ("9030.33", "DIGITAL MULTIMETER", "デジタルマルチメータ", ("EAR99", "3A992.a")),
    ("8459.61", "CNC MILLING HEAD", "フライス盤", ("2B001.b", "2B991", "EAR99")),
    ("8413.70", "CHEMICAL PUMP", "化学ポンプ", ("2B350.i", "EAR99")),
    ("8537.10", "PLC CONTROLLER", "プログラマブルコントローラ", ("EAR99", "5A992.c")),
    ("9013.20", "LASER MODULE", "レーザモジュール", ("6A005.b", "6A995", "EAR99")),
    ("8517.62", "ETHERNET SWITCH", "イーサネットスイッチ", ("5A991.b", "5A992.c", "EAR99")),
    ("8543.70", "SIGNAL GENERATOR", "信号発生器", ("3A002.d", "3A992.a", "EAR99")),
)
CHEMICALS: tuple[tuple[str, str, str, str, str], ...] = (
    # (hs, name, CAS, UN number, ECCN)
    ("2811.11", "HYDROGEN FLUORIDE", "7664-39-3", "UN 1052", "1C350"),
    ("2812.90", "TUNGSTEN HEXAFLUORIDE", "7783-82-6", "UN 2196", "EAR99"),
    ("2920.90", "TRIETHYL PHOSPHITE", "122-52-1", "UN 2323", "1C350"),
    ("2841.90", "POTASSIUM FLUOROZIRCONATE", "16923-95-8", "UN 3288", "EAR99"),
    ("2903.39", "SULFUR HEXAFLUORIDE BLEND", "2551-62-4", "UN 1080", "EAR99"),
    ("2921.19", "DIISOPROPYLAMINE", "108-18-9", "UN 1158", "1C350"),
    ("3824.99", "PHOTORESIST THINNER", "108-65-6", "UN 1993", "EAR99"),
)


@dataclass(frozen=True)
class Company:
    """A company with the country it sits in and its address lines."""

    name: str
    country: str
    address: tuple[str, ...]
    phone: str


def _word(rnd: random.Random, n: int = 2) -> str:
    return "".join(rnd.choice(_SYL) for _ in range(n)).capitalize()


def company(rnd: random.Random, country: str | None = None, japanese: bool = False) -> Company:
    """An invented company; Japanese ones may be written in kanji (株式会社…)."""
    country = country or rnd.choice(("JP", "JP", "JP", "DE", "US", "TW", "SG", "FR", "IT", "NL", "KR",
                                     "MY", "SE", "CN", "GB", "PL", "FI"))
    if country == "FI":
        country = "SE"
    if country == "JP" and japanese:
        base = rnd.choice(_JP_NAMES)
        name = rnd.choice((f"株式会社{base}{rnd.choice(_JP_KINDS)}", f"{base}{rnd.choice(_JP_KINDS)}株式会社",
                           f"有限会社{base}{rnd.choice(_JP_KINDS)}"))
    else:
        kinds = _DE_KINDS if country == "DE" and rnd.random() < 0.5 else _EN_KINDS
        stem = _word(rnd, rnd.choice((2, 2, 3)))
        name = f"{stem} {rnd.choice(kinds)} {rnd.choice(_FORMS.get(country, ('Ltd.',)))}"
        if rnd.random() < 0.5:
            name = name.upper()
    return Company(name, country, address(rnd, country, japanese), phone(rnd, country))


def address(rnd: random.Random, country: str, japanese: bool = False) -> tuple[str, ...]:
    """Two or three address lines in the country's usual order (postcode shapes are distractors)."""
    n = rnd.randint(1, 40)
    if country == "JP" and japanese:
        city = rnd.choice(("東京都大田区", "神奈川県川崎市", "大阪府堺市", "愛知県豊田市", "長野県諏訪市"))
        return (f"〒{rnd.randint(100, 999)}-{rnd.randint(0, 9999):04d}", f"{city}{rnd.choice('東西南北中')}町{n}-{rnd.randint(1, 30)}")
    city = {"JP": "Kawasaki-shi, Kanagawa", "DE": "Stuttgart", "FR": "Grenoble", "IT": "Torino",
            "US": "San Jose, CA", "TW": "Hsinchu", "SG": "Singapore", "NL": "Eindhoven", "KR": "Suwon",
            "MY": "Penang", "SE": "Göteborg", "CN": "Suzhou", "GB": "Cambridge", "PL": "Wrocław", "VN": "Hanoi",
            "PH": "Manila", "CH": "Basel", "TH": "Bangkok"}.get(country, "Bangkok")
    post = {"JP": f"{rnd.randint(100, 999)}-{rnd.randint(0, 9999):04d}", "DE": f"D-{rnd.randint(10000, 99999)}",
            "FR": f"F-{rnd.randint(10000, 99999)}", "US": f"{rnd.randint(10000, 99999)}",
            "NL": f"{rnd.randint(1000, 9999)} {rnd.choice(string.ascii_uppercase)}{rnd.choice(string.ascii_uppercase)}",
            "GB": f"CB{rnd.randint(1, 9)} {rnd.randint(1, 9)}{rnd.choice('ABDEFG')}{rnd.choice('HJLNPQ')}"}.get(
        country, f"{rnd.randint(10000, 999999)}")
    street = {"DE": f"{_word(rnd)}straße {n}", "FR": f"{n} rue {_word(rnd)}", "JP": f"{n}-{rnd.randint(1, 9)} {_word(rnd)}-cho",
              "IT": f"Via {_word(rnd)} {n}", "NL": f"{_word(rnd)}weg {n}", "SE": f"{_word(rnd)}gatan {n}",
              "PL": f"ul. {_word(rnd)} {n}", "MY": f"Lot {n}, {_word(rnd)} Industrial Park",
              "TW": f"No. {n}, {_word(rnd)} Rd."}.get(country, f"{n} {_word(rnd)} Road")
    return (street, f"{post} {city}", COUNTRIES[country][0])


def phone(rnd: random.Random, country: str) -> str:
    code = {"JP": "81", "DE": "49", "FR": "33", "IT": "39", "US": "1", "TW": "886", "SG": "65", "NL": "31",
            "KR": "82", "MY": "60", "SE": "46", "CN": "86", "GB": "44", "PL": "48"}.get(country, "66")
    return f"+{code}-{rnd.randint(2, 99)}-{rnd.randint(1000, 9999)}-{rnd.randint(1000, 9999)}"


def _pattern(rnd: random.Random, pattern: str) -> str:
    """A: letter, 9: digit, anything else literal."""
    out = []
    for ch in pattern:
        if ch == "A":
            out.append(rnd.choice("ABCDEFGHJKLMNPRSTUVWXZ"))
        elif ch == "9":
            out.append(rnd.choice(string.digits))
        else:
            out.append(ch)
    return "".join(out)


MODEL_SHAPES = ("AA-9999A", "AAA9999-A9", "AA99-999/A", "A9A-99AA", "AAAA-99A-A", "AA-9A99-AA", "AA9999",
                "AAA-999-99", "A99-AA9999", "AAA99A", "AA-999A9-A", "9AA-AA99")
PART_SHAPES = ("999-99999-99", "A99A-9999-999", "AA9999-99", "99A99999", "9999-999A", "A999999-99A")
SERIAL_SHAPES = ("A9999999", "99A9999999", "AA99A99999", "9999999999", "A99-999999", "99999A9999")


def model_number(rnd: random.Random) -> str:
    return _pattern(rnd, rnd.choice(MODEL_SHAPES))


def part_number(rnd: random.Random) -> str:
    return _pattern(rnd, rnd.choice(PART_SHAPES))


def serial_number(rnd: random.Random) -> str:
    return _pattern(rnd, rnd.choice(SERIAL_SHAPES))


def order_number(rnd: random.Random) -> str:
    """Order numbers look like model numbers on purpose."""
    return _pattern(rnd, rnd.choice(("AA-99999", "4500999999", "PO-99-9999", "A9999-99", "AAA-9999-A")))


def lot_number(rnd: random.Random) -> str:
    return _pattern(rnd, rnd.choice(("99A9999", "A999999-99", "L99999", "9999A99")))


def hs_printed(rnd: random.Random, hs6: str) -> str:
    """An HS code as printed: bare, with national digits, or without the dot."""
    digits = hs6.replace(".", "")
    return rnd.choice((hs6, hs6, digits, f"{hs6}-000", f"{hs6}.0000", f"{hs6}.00", f"{digits[:4]}.{digits[4:]}.{rnd.randint(10, 90)}",
                       f"{digits}{rnd.randint(1000, 9900)}", f"{digits[:4]} {digits[4:]}"))


def date(rnd: random.Random, style: str | None = None) -> str:
    y, m, d = rnd.randint(2021, 2026), rnd.randint(1, 12), rnd.randint(1, 28)
    style = style or rnd.choice(("iso", "eu", "us", "jp", "ym", "mon"))
    months = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    return {"iso": f"{y}-{m:02d}-{d:02d}", "eu": f"{d:02d}.{m:02d}.{y}", "us": f"{m:02d}/{d:02d}/{y}",
            "jp": f"{y}年{m}月", "ym": f"{y}.{m:02d}", "mon": f"{d:02d} {months[m - 1]} {y}"}[style]


def weight(rnd: random.Random, low: float, high: float) -> float:
    return round(rnd.uniform(low, high), rnd.choice((1, 1, 2)))
