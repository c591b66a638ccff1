"""Countries (names in English and Japanese, ISO alpha-2/alpha-3, GS1 numeric) and street addresses."""

from __future__ import annotations

import random

from benchmarks.blindlabels.content import Printed

# iso2: (English names, Japanese names, alpha-3, ISO numeric)
COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str, str]] = {
    "JP": (("JAPAN", "Japan"), ("日本",), "JPN", "392"),
    "US": (("U.S.A.", "USA", "United States", "UNITED STATES OF AMERICA"), ("米国", "アメリカ"), "USA", "840"),
    "DE": (("GERMANY", "Germany", "Deutschland"), ("ドイツ",), "DEU", "276"),
    "CN": (("CHINA", "P.R. China", "PEOPLE'S REPUBLIC OF CHINA"), ("中国",), "CHN", "156"),
    "TW": (("TAIWAN", "Taiwan"), ("台湾",), "TWN", "158"),
    "KR": (("KOREA", "Republic of Korea", "SOUTH KOREA"), ("韓国",), "KOR", "410"),
    "SG": (("SINGAPORE", "Singapore"), ("シンガポール",), "SGP", "702"),
    "MY": (("MALAYSIA", "Malaysia"), ("マレーシア",), "MYS", "458"),
    "TH": (("THAILAND", "Thailand"), ("タイ",), "THA", "764"),
    "VN": (("VIETNAM", "Viet Nam"), ("ベトナム",), "VNM", "704"),
    "GB": (("UNITED KINGDOM", "U.K.", "Great Britain"), ("英国", "イギリス"), "GBR", "826"),
    "FR": (("FRANCE", "France"), ("フランス",), "FRA", "250"),
    "IT": (("ITALY", "Italy"), ("イタリア",), "ITA", "380"),
    "CH": (("SWITZERLAND", "Switzerland"), ("スイス",), "CHE", "756"),
    "NL": (("NETHERLANDS", "The Netherlands"), ("オランダ",), "NLD", "528"),
    "SE": (("SWEDEN", "Sweden"), ("スウェーデン",), "SWE", "752"),
    "IL": (("ISRAEL", "Israel"), ("イスラエル",), "ISR", "376"),
    "IN": (("INDIA", "India"), ("インド",), "IND", "356"),
    "MX": (("MEXICO", "Mexico"), ("メキシコ",), "MEX", "484"),
    "PH": (("PHILIPPINES", "Philippines"), ("フィリピン",), "PHL", "608"),
}
ORIGIN_WEIGHTS = {"JP": 8, "US": 4, "DE": 4, "CN": 4, "TW": 3, "KR": 2, "SG": 1, "MY": 2, "TH": 1, "VN": 1,
                  "GB": 1, "FR": 1, "IT": 1, "CH": 1, "NL": 1, "SE": 1, "IL": 1, "IN": 1, "MX": 1, "PH": 1}


def pick_country(rng: random.Random) -> str:
    codes = list(ORIGIN_WEIGHTS)
    return rng.choices(codes, weights=[ORIGIN_WEIGHTS[c] for c in codes])[0]


def country_word(rng: random.Random, iso2: str, japanese: bool = False, codes: bool = True) -> Printed:
    """The country as written after a key: a name, a Japanese name, alpha-2 or alpha-3."""
    en, ja, a3, _ = COUNTRIES[iso2]
    if japanese:
        return Printed(rng.choice(ja), iso2)
    forms = list(en) + ([iso2, a3] if codes else [])
    return Printed(rng.choice(forms), iso2)


def made_in(rng: random.Random, iso2: str) -> Printed:
    """A stand-alone origin statement: MADE IN JAPAN, Made in Germany, 日本製, 原産国：日本."""
    en, ja, _, _ = COUNTRIES[iso2]
    style = rng.random()
    if style < 0.55:
        return Printed(f"MADE IN {rng.choice(en).upper()}", iso2)
    if style < 0.75:
        return Printed(f"Made in {en[-1] if len(en) > 1 else en[0]}", iso2)
    if style < 0.9:
        return Printed(f"{ja[0]}製", iso2)
    return Printed(f"原産国：{ja[0]}", iso2)


def gs1_country(iso2: str) -> Printed:
    """GS1 AI (422) carries the ISO 3166 numeric code."""
    return Printed(COUNTRIES[iso2][3], iso2)


STREETS = ("Harbor Rd", "Industrial Pkwy", "Kestrel Ave", "Tech Park Dr", "Mill St", "Riverside Blvd",
           "Ring Str.", "Hafenweg", "Jalan Perusahaan", "Science Park Rd", "Innovation Way")
CITIES = {
    "US": ("San Jose, CA 95134", "Austin, TX 78741", "Nashua, NH 03062"),
    "DE": ("70565 Stuttgart", "81379 München", "01109 Dresden"),
    "SG": ("Singapore 118222", "Singapore 609930"),
    "TW": ("Hsinchu 300", "Taichung 407"),
    "MY": ("11900 Penang", "81200 Johor Bahru"),
    "GB": ("Cambridge CB4 0WS", "Bristol BS34 8QZ"),
}
JA_ADDR = ("東京都大田区下丸子{}-{}-{}", "神奈川県川崎市高津区坂戸{}-{}-{}", "大阪府東大阪市高井田{}-{}-{}",
           "愛知県名古屋市港区潮見町{}-{}", "長野県諏訪市湖南{}-{}", "静岡県浜松市中央区高丘{}-{}-{}")
JA_ADDR_EN = ("{}-{}-{} Shimomaruko, Ota-ku, Tokyo", "{}-{} Shiomi-cho, Minato-ku, Nagoya",
              "{}-{}-{} Takaida, Higashiosaka, Osaka", "{}-{} Konan, Suwa, Nagano")


def address_lines(rng: random.Random, iso2: str, japanese: bool = False) -> list[str]:
    """Two or three address lines, ending with the country for foreign addresses."""
    n = (rng.randint(1, 5), rng.randint(1, 30), rng.randint(1, 20))
    if iso2 == "JP":
        if japanese:
            return [rng.choice(JA_ADDR).format(*n), f"〒{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}"]
        return [rng.choice(JA_ADDR_EN).format(*n), f"{rng.randint(100, 999)}-{rng.randint(0, 9999):04d} JAPAN"]
    city = rng.choice(CITIES.get(iso2, ("Central District",)))
    return [f"{rng.randint(1, 2999)} {rng.choice(STREETS)}", city, COUNTRIES[iso2][0][0]]
