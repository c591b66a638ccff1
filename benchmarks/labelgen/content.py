"""What a generated label says: companies, model and serial numbers, HS codes, ECCNs, countries.

Values are drawn from shapes real labels carry. HS codes are real HS 2022 subheadings (the project's
controls data) of the chapters industrial cargo falls in; model and serial numbers leave out the
letters O, I and Q, as numbering schemes do (ISO 3779), so a truth value never hinges on O versus 0.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Facts", "draw_facts", "hs_pool", "print_hs"]

_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
_LATIN_WORDS = [
    "KESTREL",
    "ORION",
    "HALCYON",
    "VERTEX",
    "NORDIC",
    "ALTAIR",
    "MERIDIAN",
    "CORVUS",
    "SUMMIT",
    "PACIFIC",
    "ZENITH",
    "ATLAS",
    "BOREAL",
    "CASCADE",
    "DELTA",
    "FALCON",
    "GRANITE",
    "HARBOR",
    "IRONWOOD",
    "JUNIPER",
    "KEYSTONE",
    "LANTERN",
    "MAPLE",
    "NEPTUNE",
    "OSPREY",
    "PINNACLE",
    "QUANTUM",
    "REDWOOD",
    "SILVERLINE",
    "TRIDENT",
    "UNITY",
    "VANGUARD",
    "WESTGATE",
    "ARGON",
    "BEACON",
    "CYPRESS",
    "DYNAMO",
    "EVEREST",
]
_LATIN_TRADES = [
    "PRECISION",
    "ELECTRONICS",
    "INSTRUMENTS",
    "MACHINERY",
    "MICRODEVICES",
    "PHOTONICS",
    "DYNAMICS",
    "SYSTEMS",
    "TECHNOLOGIES",
    "INDUSTRIES",
    "CONTROLS",
    "ENGINEERING",
    "OPTICS",
    "MATERIALS",
    "SEMICONDUCTOR",
    "MOTION",
    "TRADING",
]
_LATIN_FORMS = (
    "CO., LTD.",
    "CORPORATION",
    "INC.",
    "GMBH",
    "PTE. LTD.",
    "K.K.",
    "LTD.",
    "LLC",
    "SDN. BHD.",
    "AG",
)
_JA_NAMES = [
    "北斗",
    "若葉",
    "東和",
    "大和",
    "三協",
    "日光",
    "富士",
    "中央",
    "昭和",
    "朝日",
    "新光",
    "太陽",
    "明星",
    "光陽",
    "千代田",
    "丸山",
    "高橋",
    "山本",
    "松本",
    "青葉",
    "旭",
    "桜井",
    "菊池",
    "白鳥",
    "東邦",
    "日進",
    "共栄",
    "協和",
    "平和",
    "大成",
    "正和",
    "豊田",
    "吉田",
    "岡本",
    "三和",
    "新日本",
    "東洋",
    "西日本",
    "山陽",
]
_JA_TRADES = [
    "精機",
    "電機",
    "工業",
    "製作所",
    "電子",
    "産業",
    "技研",
    "光学",
    "化学",
    "計測",
    "機械",
    "電工",
    "商事",
]
_HS_CHAPTERS = ("84", "85", "90", "38", "39", "28", "73", "76", "81", "93", "29", "40", "87", "88")
_ECCNS = (
    "EAR99",
    "3A001.a.7",
    "5A992.c",
    "4A994.b",
    "2B001.a",
    "3A991.p",
    "5D002.c.1",
    "1C010.b",
    "3A090.a",
    "2B350.g",
    "6A003.b.4",
    "9A610.x",
    "3B001.c",
    "4A003.b",
    "1C350",
)
COUNTRIES = ("JP", "CN", "DE", "US", "KR", "TW", "TH", "VN", "MY", "SG", "FR", "GB", "IT", "MX")
COUNTRY_NAMES = {
    "JP": ("JAPAN", "日本", "392"),
    "CN": ("CHINA", "中国", "156"),
    "DE": ("GERMANY", "ドイツ", "276"),
    "US": ("U.S.A.", "米国", "840"),
    "KR": ("KOREA", "韓国", "410"),
    "TW": ("TAIWAN", "台湾", "158"),
    "TH": ("THAILAND", "タイ", "764"),
    "VN": ("VIETNAM", "ベトナム", "704"),
    "MY": ("MALAYSIA", "マレーシア", "458"),
    "SG": ("SINGAPORE", "シンガポール", "702"),
    "FR": ("FRANCE", "フランス", "250"),
    "GB": ("UNITED KINGDOM", "英国", "826"),
    "IT": ("ITALY", "イタリア", "380"),
    "MX": ("MEXICO", "メキシコ", "484"),
}


@dataclass(frozen=True)
class Facts:
    """The facts one label prints (truth), plus decoration that is printed but not scored."""

    shipper: str
    consignee: str
    manufacturer_ja: bool
    model: str
    serial: str
    part: str
    hs_digits: str  # 6 digits of a real subheading
    hs_printed: str
    eccn: str
    origin: str  # ISO alpha-2
    quantity: int
    net_kg: float
    gross_kg: float
    lot: str
    date: str
    tracking: str
    description: str
    description_ja: str


@lru_cache(maxsize=1)
def hs_pool() -> tuple[str, ...]:
    """Real HS 2022 subheadings (6 digits) of the chapters generated cargo falls in."""
    from ecgraph.ingest.labels.extract.patterns import hs_subheadings

    return tuple(sorted(code for code in hs_subheadings() if code[:2] in _HS_CHAPTERS))


def print_hs(digits: str, rng: random.Random) -> str:
    """An HS code as labels print it: `8504.40`, `850440`, `8504.40-000`, `8504.40.0000`, `8504.40.00`."""
    style = rng.randrange(5)
    if style == 0:
        return f"{digits[:4]}.{digits[4:]}"
    if style == 1:
        return digits
    if style == 2:
        return f"{digits[:4]}.{digits[4:]}-{rng.randrange(1000):03d}"
    if style == 3:
        return f"{digits[:4]}.{digits[4:]}.{rng.randrange(10000):04d}"
    return f"{digits[:4]}.{digits[4:]}.{rng.randrange(100):02d}"


def _code(template: str, rng: random.Random) -> str:
    """`L` a letter (no O, I, Q), `D` a digit, anything else itself."""
    return "".join(
        rng.choice(_LETTERS) if c == "L" else str(rng.randrange(10)) if c == "D" else c for c in template
    )


_MODEL_SHAPES = (
    "LLDD-DDLL",
    "LLLL-DLDLDDL",
    "LL-LD-DDL",
    "LDDL-DDLL/LL",
    "LLD-DDDDDL",
    "LLLD-DDD",
    "LDDD-LLDD",
    "LLL-DDDD-L",
    "DLLD-DDLL",
    "LL-DDDL-DD",
    "LLLLDDL-DD",
    "LDD-DDLD-L",
)
_SERIAL_SHAPES = ("LDDDDDDD", "DDLDDDDDDD", "DDDDDDDD", "LLDDDDDDD", "DDDDLDDDD")


def _latin_company(rng: random.Random) -> str:
    words = [rng.choice(_LATIN_WORDS)]
    if rng.random() < 0.7:
        words.append(rng.choice(_LATIN_TRADES))
    name = " ".join(words) + " " + rng.choice(_LATIN_FORMS)
    return name if rng.random() < 0.6 else name.title().replace("Gmbh", "GmbH").replace("K.K.", "K.K.")


def _japanese_company(rng: random.Random) -> str:
    name = rng.choice(_JA_NAMES) + rng.choice(_JA_TRADES)
    return f"株式会社{name}" if rng.random() < 0.6 else f"{name}株式会社"


_DESCRIPTIONS = (
    ("AC SERVO MOTOR", "ACサーボモータ"),
    ("INFRARED CAMERA", "赤外線カメラ"),
    ("FREQUENCY INVERTER", "インバータ"),
    ("VACUUM PUMP", "真空ポンプ"),
    ("OSCILLOSCOPE", "オシロスコープ"),
    ("LASER DIODE MODULE", "レーザーダイオード"),
    ("PRESSURE SENSOR", "圧力センサ"),
    ("CNC CONTROLLER", "数値制御装置"),
    ("SPECTRUM ANALYZER", "スペクトラムアナライザ"),
)


def draw_facts(rng: random.Random, japanese_shipper: bool) -> Facts:
    digits = rng.choice(hs_pool())
    description, description_ja = rng.choice(_DESCRIPTIONS)
    net = round(rng.uniform(0.4, 60.0), 1)
    return Facts(
        shipper=unicodedata.normalize(
            "NFKC", _japanese_company(rng) if japanese_shipper else _latin_company(rng)
        ),
        consignee=_latin_company(rng),
        manufacturer_ja=japanese_shipper,
        model=_code(rng.choice(_MODEL_SHAPES), rng),
        serial=_code(rng.choice(_SERIAL_SHAPES), rng),
        part=_code("LLL-DDDDD-DD", rng),
        hs_digits=digits,
        hs_printed=print_hs(digits, rng),
        eccn=rng.choice(_ECCNS),
        origin=rng.choice(COUNTRIES),
        quantity=rng.randrange(1, 60),
        net_kg=net,
        gross_kg=round(net + rng.uniform(0.3, 8.0), 1),
        lot=_code("DDLDDD", rng),
        date=f"20{rng.randrange(21, 27)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        tracking=" ".join(_code("DDDD", rng) for _ in range(3)),
        description=description,
        description_ja=description_ja,
    )
