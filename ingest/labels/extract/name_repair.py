"""A Latin company name put back as printed where OCR's slip is one a closed vocabulary can undo.

Legal forms and the trade words of company names (INDUSTRIAL, INSTRUMENTS, TECHNOLOGIES …) are a closed
vocabulary, unlike the name proper (an invented KORTOR or LOLOTOR has nothing to check it against):

- a dotted abbreviation keeps its dots: `S.A` → `S.A.`, `S.PA` → `S.P.A.`, `K.K` → `K.K.` (the letters
  of a dotted form of `schemas/legal_forms.csv`, at least one dot read);
- a digit read for a letter in the legal form is that letter: `S.r.1.` → `S.r.l.`, `C0., LTD.`;
- a word one OCR slip away from a trade word (`Industrlal`, `Iindustrial`, `ELECTRONlCS`) is that word,
  in the case it was printed in. Only words of six letters or more, and only when one trade word is that
  close: a name word two trade words are one slip from is left as read.

A Japanese name (one with 株式会社, 有限会社 …) is written in Japanese kanji: PP-OCR, trained mostly on
Chinese, reads some as their simplified Chinese forms (鷹 → 鹰, 東 → 东, 電 → 电), which no Japanese name
prints; `japanese_forms` puts them back.

What is left misread stays misread: its confidence decides whether it is a fact.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ecgraph.schemas.legal_forms import printed_forms

__all__ = ["TRADE_WORDS", "japanese_forms", "repair_name"]

# Words company names use to say what the company does or is, in English and the spellings of the
# countries whose firms label goods for Japan; from trade practice, not from any benchmark's name list.
TRADE_WORDS = frozenset(
    [
        "ADVANCED",
        "AEROSPACE",
        "AUTOMATION",
        "AUTOMOTIVE",
        "BEARINGS",
        "CERAMICS",
        "CHEMICAL",
        "CHEMICALS",
        "CIRCUITS",
        "COMMUNICATIONS",
        "COMPONENTS",
        "COMPUTER",
        "COMPUTING",
        "CONNECTORS",
        "CONTROLS",
        "CORPORATION",
        "COMPANY",
        "DEVICES",
        "DIAGNOSTICS",
        "DISTRIBUTION",
        "DYNAMICS",
        "ELECTRIC",
        "ELECTRICAL",
        "ELECTRONIC",
        "ELECTRONICS",
        "ENERGY",
        "ENGINEERING",
        "ENTERPRISES",
        "EQUIPMENT",
        "EXPRESS",
        "FORWARDING",
        "GLOBAL",
        "HOLDINGS",
        "HYDRAULICS",
        "IMAGING",
        "INDUSTRIAL",
        "INDUSTRIES",
        "INDUSTRY",
        "INSTRUMENTS",
        "INTERNATIONAL",
        "LABORATORIES",
        "LOGISTICS",
        "MACHINERY",
        "MACHINES",
        "MANUFACTURING",
        "MATERIALS",
        "MEASUREMENT",
        "MECHANICAL",
        "MEDICAL",
        "METALS",
        "MICRODEVICES",
        "MICROSYSTEMS",
        "MOTION",
        "MOTORS",
        "NETWORKS",
        "OPTICAL",
        "OPTICS",
        "PHOTONICS",
        "PLASTICS",
        "PNEUMATICS",
        "POWER",
        "PRECISION",
        "PRODUCTS",
        "ROBOTICS",
        "SCIENTIFIC",
        "SEMICONDUCTOR",
        "SEMICONDUCTORS",
        "SENSORS",
        "SERVICES",
        "SHIPPING",
        "SOLUTIONS",
        "SUPPLY",
        "SYSTEMS",
        "TECHNICAL",
        "TECHNOLOGIES",
        "TECHNOLOGY",
        "TELECOM",
        "TRADING",
        "VALVES",
        "WIRELESS",
        "WORKS",
        "ANLAGENBAU",
        "ELEKTRONIK",
        "ELEKTROTECHNIK",
        "FEINMECHANIK",
        "MASCHINENBAU",
        "MESSTECHNIK",
        "TECHNIK",
        "WERKE",
        "ELETTRONICA",
        "INDUSTRIALE",
        "MECCANICA",
        "TECNOLOGIE",
        "ELECTRONIQUE",
        "INDUSTRIE",
        "INSTRUMENTATION",
    ]
)
# ... and their singulars (`CONTROL`, `DEVICE`, `TECHNOLOGY`): a name may print either, so neither is a
# slip of the other.
_LEXICON = TRADE_WORDS | frozenset(
    word[:-3] + "Y" if word.endswith("IES") else word[:-1] for word in TRADE_WORDS if word.endswith("S")
)
# Letters OCR reads for one another in Latin print (one slip: substitution, a letter added or lost).
_DIGIT_LETTER = str.maketrans({"1": "l", "|": "l", "0": "O"})
_DOTTED_FORM = re.compile(r"^(?:[A-Z]\.)+$")


@lru_cache(maxsize=1)
def _dotted_letters() -> frozenset[str]:
    """The letters of the dotted legal forms (`S.A.` → `SA`, `S.P.A.` → `SPA`)."""
    letters = set()
    for _form, printed in printed_forms("latin"):
        for word in printed.split():
            if _DOTTED_FORM.match(word) and len(word) >= 4:
                letters.add(word.replace(".", ""))
    return frozenset(letters)


def _dotted(token: str) -> str:
    """`S.A` → `S.A.`, `S.r.1` → `S.r.l.`: a dotted abbreviation read with a dot or a letter slipped."""
    if "." not in token:
        return token
    letters = token.replace(".", "").translate(_DIGIT_LETTER)
    if not letters.isalpha() or letters.upper() not in _dotted_letters():
        return token
    if all(char.isupper() for char in token if char.isalpha()):
        letters = letters.upper()  # `S.R.1.`: the digit stood for a capital
    return "".join(f"{letter}." for letter in letters)


def _in_case_of(word: str, printed: str) -> str:
    """`word` (capitals) in the case `printed` was read in, a slipped letter outvoted (`ELECTRONlCS`)."""
    letters = [char for char in printed if char.isalpha()]
    if sum(char.isupper() for char in letters) > len(letters) / 2:
        return word
    if printed[:1].isupper():
        return word.capitalize()
    return word.lower()


def _trade_word(word: str) -> str:
    """`Industrlal` → `Industrial`; any other word as it is."""
    core = word.rstrip(".,")
    if len(core) < 6 or not core.isalpha() and not re.fullmatch(r"[A-Za-z|10]+", core):
        return word
    upper = core.upper().translate(_DIGIT_LETTER).upper()
    if upper in _LEXICON:
        return word if upper == core.upper() else _in_case_of(upper, core) + word[len(core) :]
    close = [trade for trade in _LEXICON if Levenshtein.distance(upper, trade, score_cutoff=1) <= 1]
    if len(close) != 1:
        return word
    return _in_case_of(close[0], core) + word[len(core) :]


def repair_name(name: str) -> str:
    """The name with its legal form's dots and letters and its trade words put back as printed."""
    words = name.split(" ")
    if not words:
        return name
    words[-1] = _dotted(words[-1])
    return " ".join([*(_trade_word(word) for word in words[:-1]), words[-1]])


# Simplified Chinese forms that Japanese does not use, and the Japanese form of the same character (the
# common ones of company and place names; a character Japanese shares with simplified Chinese, 会 or 学,
# is not here).
_SIMPLIFIED = str.maketrans(
    dict(
        zip(
            "东电业产华鹰门丰岛泽滨冈开发钢铁气车阳荣丽云广关兴长乐马鸟鹤樱惠边须进达远运卫贸计测术设备动轮压铃绿纸织线组图际团风飞时间宫齐龙储场层尔贝实药钟银锦镜陆顺颜鲜鸣鹭黑让论调纲网罗胜苏蓝虾览觉认试询诚语说读谐贵资赵轻辉辽连选遗邮郑酱释钱铜锅销锁锐错锋锻镀闪阀阁陈隐难雾韩页顶项顾顿领频颗题饰馆驱骏鱼鲁鲸鸿鹏齿",
            "東電業産華鷹門豊島沢浜岡開発鋼鉄気車陽栄麗雲広関興長楽馬鳥鶴桜恵辺須進達遠運衛貿計測術設備動輪圧鈴緑紙織線組図際団風飛時間宮斉竜儲場層爾貝実薬鐘銀錦鏡陸順顔鮮鳴鷺黒譲論調綱網羅勝蘇藍蝦覧覚認試詢誠語説読諧貴資趙軽輝遼連選遺郵鄭醤釈銭銅鍋銷鎖鋭錯鋒鍛鍍閃閥閣陳隠難霧韓頁頂項顧頓領頻顆題飾館駆駿魚魯鯨鴻鵬歯",
            strict=True,
        )
    )
)


def japanese_forms(name: str) -> str:
    """A Japanese name with simplified Chinese kanji put back in their Japanese forms (`有限会社鹰野電子`
    → `有限会社鷹野電子`)."""
    return name.translate(_SIMPLIFIED)
