"""Company names by their legal form (株式会社, 有限会社, CO., LTD., GmbH, K.K. …) and their role.

The role comes from the nearest block heading above the name (SHIP FROM / SHIPPER, CONSIGNEE /
SHIP TO); on a rating plate every company is the manufacturer. A Japanese name whose kanji do not
read as words (`reads_as_words`) is taken as misread and left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Any

from rapidfuzz.distance import Levenshtein

from ecgraph.ingest.labels.extract.key_words import HEADING_FIELDS, key_alternation, key_words
from ecgraph.ingest.labels.extract.layout import boxes_right, column_overlap
from ecgraph.ingest.labels.extract.name_repair import japanese_forms, repair_name
from ecgraph.ingest.labels.ocr.base import OcrLine
from ecgraph.schemas.legal_forms import legal_forms, printed_forms

__all__ = [
    "JA_COMPANY",
    "LATIN_COMPANY",
    "ROLE_HEADINGS",
    "canonical_legal_form",
    "carrier_name",
    "company_parts",
    "cut_short",
    "ends_with_legal_form",
    "find_company",
    "heading_role",
    "intermediary",
    "reads_as_words",
    "role_above",
    "role_beside",
]

# the Japanese company forms of the shared legal-form table (schemas/legal_forms.csv)
_JA_FORMS = "|".join(form for form, generic in legal_forms("han") if generic == "kk")
JA_COMPANY = re.compile(rf"[\u30a0-\u30ff\u4e00-\u9fff々]*(?:{_JA_FORMS})[\u30a0-\u30ff\u4e00-\u9fff々]*")
# Latin legal forms as labels print them: data in schemas/legal_forms.csv (script `latin`).
_LATIN_FORMS = "|".join(form for form, _generic in legal_forms("latin"))
LATIN_COMPANY = re.compile(rf"^(?:[A-Z][A-Za-z0-9&'\-]*\.?,?\s+){{1,6}}(?:{_LATIN_FORMS})$", re.IGNORECASE)
# A heading before the name in the same box (`SHIP FROM: ACME CO., LTD.`, `MADE BY ACME LTD.`, CN22's
# `From`, CN23's `Sender`): a heading word of `key_words.csv`, then a colon or a space; or any short
# caption before a colon (`Hersteller / Manufacturer: ACME GmbH`) — the legal form still has to follow.
_HEADINGS = "|".join(key_alternation(role) for role in HEADING_FIELDS)
_LEADING_KEY = re.compile(rf"^(?:{_HEADINGS})(?:\s*[:：.]\s*|\s+)", re.IGNORECASE)
# A heading inside a box, after a name (`EXPORTER NEPTUNE LLC Importer Summit Inc.`): two blocks the
# engine read as one line; each part is a name of its own.
_INNER_HEADING = re.compile(rf"(?<=[.\s])(?=(?:{_HEADINGS})(?:\s*[:：.]\s*|\s+)[A-Z])", re.IGNORECASE)
_JA_HEADING = re.compile(rf"^(?:{_HEADINGS})[:：]?")
# A Japanese heading closing the box after a legal form (keys printed right of their values).
_TRAILING_HEADING = re.compile(
    rf"(?<=[\u30a0-\u30ff\u4e00-\u9fff々.)\s])\s*(?:{'|'.join(key_alternation(r) for r in HEADING_FIELDS)})[:：]?\s*$"
)
_DIGIT_LETTERS = str.maketrans("0158", "OISB")
_CAPTION = re.compile(r"^[^:：]{1,32}[:：]\s*")
# A go-between's caption: the carrier, forwarder or broker that moves the goods, or `c/o` (in care of) the
# party's agent. A company named after one is no party to the goods (shipper, consignee, manufacturer,
# customer); kept as a candidate, never a fact (`components.NOT_A_PARTY`).
_INTERMEDIARY = re.compile(
    r"^\s*(?:c\s?/\s?o\b|care\s+of\b|(?:freight\s+)?forwarder\b|forwarding\s+agent\b|carrier\b|"
    r"customs\s+broker\b|spediteur\b|transporteur\b|運送会社|運送業者|通関業者|乙仲)",
    re.IGNORECASE,
)

ROLE_HEADINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{key_alternation(role)})(?![A-Za-z])", re.IGNORECASE), role) for role in HEADING_FIELDS
)


# Legal forms are a closed vocabulary: OCR's `CO, LTD` or `PTE: LTD` is put back the way labels print it.
# (schemas/legal_forms.csv, script `latin_ocr`).
_CANONICAL_FORMS = tuple(
    (re.compile(pattern, re.IGNORECASE), printed) for pattern, printed in printed_forms("latin_ocr")
)


def canonical_legal_form(name: str) -> str:
    """The legal form spelt as printed on labels, in the name's own case style (`Co., Ltd.` / `CO., LTD.`)."""
    for pattern, form in _CANONICAL_FORMS:
        match = pattern.search(name)
        if match:
            printed = form if match.group(0)[:2].isupper() else form.title().replace("K.K.", "K.K.")
            name = name[: match.start()] + printed + name[match.end() :]
    return name


# The last word of each Latin legal form of more than one word (`BHD` of `SDN. BHD.`, `LTD` of `PTE. LTD.`).
_FORM_LAST_WORDS = frozenset(
    printed.split()[-1].strip(".,").upper()
    for _, printed in printed_forms("latin_ocr")
    if len(printed.split()) > 1
)


def ends_with_legal_form(text: str) -> bool:
    """Whether a box ends a company name: a name with its legal form (`ALS AG`), a legal form, or the last word
    of one whose first the engine lost (`BHD`): what is left of a name printed across the box beside it."""
    # a stand-in word before the box: a company needs a name, the box may hold only its form (`SDN. BHD.`)
    return find_company(f"ACME {text.strip()}") is not None or text.strip(" .,").upper() in _FORM_LAST_WORDS


def company_parts(text: str) -> list[tuple[str, int]]:
    """The parts of a box that each hold one block (a heading and its name), with their offsets: the
    box itself, or the box cut before each heading that follows a legal form."""
    parts: list[tuple[str, int]] = []
    start = 0
    for match in _INNER_HEADING.finditer(text):
        before = text[start : match.start()].strip()
        if match.start() > start and find_company(before):
            parts.append((text[start : match.start()], start))
            start = match.start()
    parts.append((text[start:], start))
    return parts


# A Japanese legal form as labels abbreviate it, before or after the name: `(株)光陽電機`, `㈱旭光バルブ`,
# `光陽電機（株）`; 株 kabushiki, 有 yūgen, 同 gōdō kaisha (NFKC turns `㈱` and `（株）` into `(株)`).
_JA_ABBREVIATION = re.compile(r"\([株有同]\)")
_JA_RUN = re.compile(r"[\u30a0-\u30ff\u4e00-\u9fff々]{2,}")


def _abbreviated_japanese(text: str) -> tuple[str, int] | None:
    """(name with its abbreviated legal form, offset) of a Japanese company written `(株)NAME` or `NAME(株)`,
    in NFKC; the name after the abbreviation is preferred (a heading may stand before it: `差出人(株)扇`)."""
    text = unicodedata.normalize("NFKC", text)
    form = _JA_ABBREVIATION.search(text)
    if form is None:
        return None
    after = _JA_RUN.match(text, form.end())
    if after:
        return text[form.start() : after.end()], form.start()
    before = re.search(rf"{_JA_RUN.pattern}$", text[: form.start()])
    if before is None:
        return None
    name = before.group(0)
    heading = _JA_HEADING.match(name)
    if heading and len(name) - heading.end() >= 2:  # `製造元光陽電機(株)`: the heading is no part of the name
        name = name[heading.end() :]
    start = form.start() - len(name)
    return text[start : form.end()], start


def find_company(text: str) -> tuple[str, int] | None:
    """(name as printed, offset in `text`) when the box holds a company with a legal form."""
    # a heading printed after the name, captions on the right (`若葉電子株式会社製造元`, `ACME Corp. 発送元`)
    trailing = _TRAILING_HEADING.search(text)
    if trailing and trailing.start() > 4:
        text = text[: trailing.start()]
    match = JA_COMPANY.search(text)
    if match and len(match.group(0)) > 4:
        # a heading printed without a space before the name (`製造元千代田製作所株式会社`) is no part of it
        heading = _JA_HEADING.match(match.group(0))
        cut = heading.end() if heading and len(match.group(0)) - heading.end() > 4 else 0
        return japanese_forms(match.group(0)[cut:]), match.start() + cut
    if abbreviated := _abbreviated_japanese(text):
        return abbreviated
    for prefix in (_LEADING_KEY, _CAPTION):
        stripped = _without_misread_heading(prefix.sub("", text))
        offset = len(text) - len(stripped)
        candidate = canonical_legal_form(repair_name(stripped.strip().rstrip(":;,")))
        if LATIN_COMPANY.match(candidate):
            return candidate, offset
    return None


@lru_cache(maxsize=1)
def _heading_words() -> frozenset[str]:
    """The Latin company headings of `key_words.csv`, letters only (`SHIPFROM`), five letters or more."""
    return frozenset(
        re.sub(r"[^A-Z]", "", word.key.upper())
        for word in key_words()
        if word.field in HEADING_FIELDS
        and word.key.isascii()
        and len(re.sub(r"[^A-Z]", "", word.key.upper())) >= 5
    )


def _without_misread_heading(text: str) -> str:
    """The box without a heading OCR misread by one letter before the name (`SHIPPFR ACME LTD.`, `C0NSIGNEE
    …`): one letter read for another, the length kept (a name's `SELLERS` is no slip of `SELLER`); exact
    headings are `_LEADING_KEY`'s."""
    words = text.split(" ")
    for count in (2, 1):
        if len(words) <= count + 1:
            continue
        head = re.sub(r"[^A-Z]", "", " ".join(words[:count]).upper().translate(_DIGIT_LETTERS))
        if len(head) >= 5 and any(
            len(head) == len(key) and Levenshtein.distance(head, key, score_cutoff=1) <= 1
            for key in _heading_words()
        ):
            return " ".join(words[count:])
    return text


@lru_cache(maxsize=1)
def _kakasi() -> Any:
    import pykakasi  # imported on first use: it loads its dictionary (~0.3 s)

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


_KANJI = re.compile(r"[\u4e00-\u9fff々]")
# Words of a Japanese company name that say what it does; the name proper is what is left between them.
_JA_TRADE_WORDS = re.compile(
    rf"(?:{_JA_FORMS}|製作所|工作所|製鋼所|鉄工所|製紙所|研究所|重工業|工業|産業|興業|電機|電気|電子|電工|"
    r"精機|精工|技研|光学|化学|計測|機械|機器|工機|商事|商会|通商|物産|貿易|製薬|建設|技術|工作)"
)


def reads_as_words(name: str) -> bool:
    """Whether a Japanese name's kanji read as words, as a company name's do (若葉|精機|株式会社).

    PP-OCR, trained mostly on Chinese, swaps a kanji for a look-alike (葉 → 巣, 穂 → 糖, 鷺 → 臂);
    the swapped pair is then no word, and pykakasi's dictionary reads it one kanji at a time
    (若|巣 `jaku su`). A name proper (legal form and trade words such as 精機, 製作所 set apart) with
    two such lone kanji in a row is taken as misread. One lone kanji is left alone: a single-kanji
    name (葵, 湊) is a word of its own. The cost: a real name of two rare kanji (酉島) is dropped too.
    """
    for part in _JA_TRADE_WORDS.split(name):
        if not _KANJI.search(part):
            continue
        lone = [
            len(item["orig"]) == 1 and bool(_KANJI.match(item["orig"])) for item in _kakasi().convert(part)
        ]
        if any(a and b for a, b in pairwise(lone)):
            return False
    return True


_TRADE_WORDS = tuple(  # the trade words alone, without the legal forms
    word for word in _JA_TRADE_WORDS.pattern[3:-1].split("|") if word not in _JA_FORMS.split("|")
)
_FORM_FIRST = re.compile(rf"^(?:{_JA_FORMS})")


_FORM_LAST = re.compile(rf"(?:{_JA_FORMS})$")


def cut_short(name: str) -> bool:
    """Whether a Japanese name was cut by the engine: printed legal form first (`株式会社山本化学`), it ends
    in the first part of a trade word (`株式会社山本化`, `株式会社岡本製作`); printed legal form last, its
    name proper is only the end of a trade word (`工株式会社` of `…電工株式会社`). The rest would link to
    another party."""
    if _FORM_FIRST.match(name):
        if any(name.endswith(word) for word in _TRADE_WORDS):
            return False
        return any(name.endswith(word[:cut]) for word in _TRADE_WORDS for cut in range(1, len(word)))
    form = _FORM_LAST.search(name)
    proper = name[: form.start()] if form else ""
    return bool(proper) and any(word.endswith(proper) and word != proper for word in _TRADE_WORDS)


# The trade words of carriers and forwarders (`YAMATO TRANSPORT CO., LTD.`, `…物流株式会社`): printed with no
# party heading over it, such a name is the go-between's (a carrier's logo line, a forwarder's stamp).
_CARRIER_WORDS = re.compile(
    r"\b(?:LOGISTICS|EXPRESS|TRANSPORT(?:ATION)?|FREIGHT|FORWARDING|AIR\s?LINES?|AIRWAYS|CARGO|COURIER|SHIPPING)\b"
    r"|運輸|運送|物流|通運|急便|航空|海運",
    re.IGNORECASE,
)


def carrier_name(name: str) -> bool:
    """Whether a company's name says it moves goods (LOGISTICS, EXPRESS, TRANSPORT, 運輸, 物流 …)."""
    return bool(_CARRIER_WORDS.search(name))


def intermediary(text: str) -> bool:
    """Whether the box opens with a go-between's caption (`c/o`, `CARRIER:`, `FORWARDER`, `通関業者`)."""
    return bool(_INTERMEDIARY.match(unicodedata.normalize("NFKC", text)))


# A caption printed in brackets (`(SENDER)`, `（製造者）`, `[EXPORTER]`), as forms print it under or beside
# the value it names: the same heading as without them.
_OPENING_BRACKETS = re.compile(r"^[\s(\[【〔]+")
_BRACKETED = re.compile(r"^\s*[(\[【〔][^()\[\]【】〔〕]{2,30}[)\]】〕]\s*$")


def heading_role(text: str) -> str | None:
    plain = _OPENING_BRACKETS.sub("", unicodedata.normalize("NFKC", text))
    for pattern, role in ROLE_HEADINGS:
        if pattern.search(plain):
            return role
    return None


def role_beside(lines: Sequence[OcrLine], index: int, *, gap: float = 2.0) -> str | None:
    """Role of a bracketed caption right beside box `index` on its row (`ORION CO., LTD.  (SENDER)`): forms
    that print each value's caption after it. Only a caption in brackets, alone in its box, counts: a bare
    heading to the right may head the next column's block instead."""
    anchor = lines[index]
    right = boxes_right(lines, index)
    if not right:
        return None
    caption = lines[right[0]]
    if caption.box[0] - anchor.box[2] > gap * max(anchor.height, caption.height, 1.0):
        return None
    text = unicodedata.normalize("NFKC", caption.text)
    return heading_role(text) if _BRACKETED.match(text) else None


def role_above(lines: Sequence[OcrLine], index: int) -> str | None:
    """Role of the nearest heading at or above box `index` in its column (None when there is none)."""
    anchor = lines[index]
    own = heading_role(anchor.text)
    if own:
        return own
    best: tuple[float, str] | None = None
    for line in lines:
        if line.box[1] >= anchor.box[1]:
            continue
        role = heading_role(line.text)
        if role is None:
            continue
        overlaps_column = column_overlap(anchor, line) > 0
        distance = anchor.box[1] - line.box[3]
        if overlaps_column and (best is None or distance < best[0]):
            best = (distance, role)
    return best[1] if best else None
