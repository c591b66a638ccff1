"""Invented but realistic label values: part numbers, serials, HS codes, ECCNs, companies, countries.

Every generator returns the printed form together with its canonical norm, so the truth JSON never
has to re-parse what was printed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


@dataclass(frozen=True)
class Printed:
    """A value as printed plus its norm (the README's canonical form)."""

    value: str
    norm: object


def _fill(rng: random.Random, pattern: str) -> str:
    """Expand L (letter), D (digit), X (letter or digit); other characters stay."""
    out = []
    for ch in pattern:
        if ch == "L":
            out.append(rng.choice(LETTERS))
        elif ch == "D":
            out.append(str(rng.randint(0, 9)))
        elif ch == "X":
            out.append(rng.choice(LETTERS + "0123456789"))
        else:
            out.append(ch)
    return "".join(out)


# Manufacturer styles of model / part numbers (servo drives, PLCs, sensors, ICs, valves, instruments).
PART_PATTERNS = (
    "LDDL-DDDD-LDDD", "LLDL-DDLL/LL", "LLLDL-DRDLDDL", "LDL-LDD DM", "LL-LLDDDLL", "DLLD DDD-DLLDD-DLLD",
    "LLLDLDDDDLLLL", "LLDDDDLLLL", "LLDLDDDL-DLLGDDDL", "LLLDDD", "LDLLDDDLLLL", "LL-DLL-LDD",
    "LDDDDL", "L-DDDD-DDDD", "LLDDDD-D-DD", "LLL-DDDLDL", "LLDDDDD-DD", "LDDLL-DDLL-D",
    "LLLL-DDDD", "DDD-DDDD-DD", "LL-DDDD/DD", "LLLD-DDLL-LD", "LLDD-LLDDD", "LDDDD-DDLLL",
)
SERIAL_PATTERNS = (
    "LDDDDDDD", "DDLDDDDDDD", "LLDDDD-DDDDDD", "LLDDDDDDDD", "LL-DDDDDDD", "DDDDLDDDDD", "DDDDDDDDD",
    "LDDLDDDDD", "DDLLDDDDD",
)


def part_number(rng: random.Random) -> Printed:
    v = _fill(rng, rng.choice(PART_PATTERNS)).replace("R", rng.choice("R0"))
    return Printed(v, v)


def serial_number(rng: random.Random) -> Printed:
    v = _fill(rng, rng.choice(SERIAL_PATTERNS))
    return Printed(v, v)


# Real HS 2022 subheadings of dual-use-ish goods, with a short English/Japanese description.
HS_GOODS: tuple[tuple[str, str, str], ...] = (
    ("8456.11", "LASER CUTTING MACHINE", "レーザー加工機"),
    ("8457.10", "VERTICAL MACHINING CENTER", "マシニングセンタ"),
    ("8458.11", "CNC LATHE", "NC旋盤"),
    ("8460.12", "SURFACE GRINDING MACHINE", "平面研削盤"),
    ("8466.93", "SPINDLE UNIT", "主軸ユニット"),
    ("8471.50", "INDUSTRIAL COMPUTER", "産業用コンピュータ"),
    ("8471.70", "SOLID STATE DRIVE", "記憶装置"),
    ("8473.30", "PROCESSOR BOARD", "プロセッサボード"),
    ("8486.20", "WAFER PROCESSING EQUIPMENT", "半導体製造装置"),
    ("8504.40", "SERVO AMPLIFIER", "サーボアンプ"),
    ("8517.62", "ETHERNET SWITCH", "通信機器"),
    ("8525.89", "THERMAL IMAGING CAMERA", "赤外線カメラ"),
    ("8526.91", "GNSS RECEIVER MODULE", "GNSS受信モジュール"),
    ("8532.24", "CERAMIC CAPACITOR", "セラミックコンデンサ"),
    ("8536.50", "SAFETY RELAY", "安全リレー"),
    ("8541.51", "PRESSURE TRANSDUCER CHIP", "圧力センサ素子"),
    ("8542.31", "FPGA", "集積回路"),
    ("8542.32", "MEMORY IC", "メモリIC"),
    ("8542.33", "RF AMPLIFIER IC", "高周波増幅IC"),
    ("8543.70", "SIGNAL GENERATOR", "信号発生器"),
    ("9013.80", "OPTICAL ASSEMBLY", "光学部品"),
    ("9027.50", "SPECTROPHOTOMETER", "分光光度計"),
    ("9027.81", "MASS SPECTROMETER", "質量分析計"),
    ("9030.33", "DIGITAL MULTIMETER", "デジタルマルチメータ"),
    ("9031.49", "3D MEASURING SENSOR", "三次元測定センサ"),
    ("9031.80", "LINEAR ENCODER", "リニアエンコーダ"),
    ("9026.20", "PRESSURE GAUGE", "圧力計"),
    ("8481.80", "CONTROL VALVE", "制御弁"),
    ("8481.40", "SAFETY VALVE", "安全弁"),
    ("8413.81", "METERING PUMP", "定量ポンプ"),
    ("8414.10", "VACUUM PUMP", "真空ポンプ"),
    ("8419.89", "FREEZE DRYER", "凍結乾燥機"),
    ("2811.11", "HYDROGEN FLUORIDE", "フッ化水素"),
    ("3824.99", "CHEMICAL PREPARATION", "化学調製品"),
    ("9014.20", "GYROSCOPE", "ジャイロスコープ"),
    ("8526.10", "RADAR MODULE", "レーダーモジュール"),
)


def hs_code(rng: random.Random, sub: str) -> Printed:
    """Print a subheading the ways people do: 8471.50, 847150, 8471.50.0100, 8471.50-000, 8471 50."""
    h4, h2 = sub.split(".")
    style = rng.choice(("dot", "plain", "us10", "jp9", "space", "eu8", "eu8sp", "dot8"))
    v = {
        "dot": f"{h4}.{h2}",
        "plain": f"{h4}{h2}",
        "us10": f"{h4}.{h2}.{rng.randint(0, 99):02d}{rng.choice(('00', '10', '20', '40', '80'))}",
        "jp9": f"{h4}.{h2}-{rng.choice(('000', '010', '090', '100', '200'))}",
        "space": f"{h4} {h2}",
        "eu8": f"{h4}{h2}{rng.choice(('00', '10', '90', '80'))}",
        "eu8sp": f"{h4} {h2} {rng.choice(('00', '10', '90', '80'))}",
        "dot8": f"{h4}.{h2}.{rng.choice(('00', '10', '90', '80'))}",
    }[style]
    return Printed(v, sub)


ECCNS = (
    "3A001.a.2", "3A001.b.4", "3A991.a", "3A991.c", "3A992.a", "5A992.c", "5A002.a", "4A994.b",
    "2B001.b", "2B201.a", "2B350.g", "2B991.d", "6A003.b.4", "6A993.a", "7A994", "1C350.d", "3B001.c",
    "EAR99", "EAR99", "EAR99", "5A991.b", "9A991.d", "2B999.h", "6A005.b",
)


def eccn(rng: random.Random) -> Printed:
    v = rng.choice(ECCNS)
    return Printed(v, v)


JP_CONTROL = ("非該当", "該当", "非該当", "非該当")

EN_STEMS = (
    "Kestrel", "Orinoco", "Brightwater", "Halvorsen", "Quantis", "Meridian", "Vantage", "Solenne",
    "Arcadia", "Tessaract", "Norrland", "Pacific Rim", "Redwood", "Altura", "Cobalt Ridge", "Sunward",
    "Ferrox", "Lumera", "Stellion", "Harrowgate", "Bluestone", "Zenkai", "Hoshimi", "Taiyo Keiki",
)
EN_NOUNS = (
    "Microdevices", "Precision", "Instruments", "Electronics", "Motion", "Photonics", "Fluidics",
    "Controls", "Sensor Systems", "Technologies", "Machine Tools", "Semiconductor", "Industries",
    "Components", "Analytical", "Automation",
)
EN_FORMS = (
    "Co., Ltd.", "CO., LTD.", "Inc.", "GmbH", "Pte. Ltd.", "PTE. LTD.", "K.K.", "Corporation", "Corp.",
    "AG", "B.V.", "S.A.", "Sdn. Bhd.", "Ltd.", "LLC", "S.r.l.", "AB", "Limited",
)
JA_STEMS = (
    "北斗", "東和", "三峰", "大洋", "昭栄", "晴海", "明星", "旭光", "瑞穂", "富岳", "白鷺", "光陽",
    "朝霧", "千歳", "青葉", "若葉", "丸菱", "宝来", "日進", "扇",
)
JA_NOUNS = (
    "精機", "電子工業", "計測", "光学", "製作所", "電機", "化学", "工業", "テクノ", "エンジニアリング",
    "精密", "バルブ", "システムズ", "マシナリー",
)


def company(rng: random.Random, japanese: bool | None = None) -> Printed:
    """An English or Japanese legal name; norm is the NFKC of the value (the writer applies it)."""
    if japanese is None:
        japanese = rng.random() < 0.35
    if japanese:
        name = rng.choice(JA_STEMS) + rng.choice(JA_NOUNS)
        form = rng.choice(("株式会社{}", "{}株式会社", "有限会社{}", "{}有限会社", "(株){}", "㈱{}"))
        v = form.format(name)
    else:
        stem, noun = rng.choice(EN_STEMS), rng.choice(EN_NOUNS)
        v = f"{stem} {noun} {rng.choice(EN_FORMS)}"
        if rng.random() < 0.45:
            v = v.upper()
    return Printed(v, v)
