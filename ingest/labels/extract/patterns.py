"""Key-anchored patterns: the printed keys (MODEL/型式, HS, ECCN, N.W. …) and what their values look like.

Matching is on text, never on tokens: spaCy's tokenizer splits `MR-J4-70B` and `8525.89.1834`.
Each key says which entity type its value is, the value's shape, and how to normalise it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ecgraph.ingest.labels.extract.key_words import key_alternation
from ecgraph.schemas.countries import read_countries

__all__ = [
    "KEYS",
    "OTHER_TYPE",
    "KeyPattern",
    "country_iso2",
    "hs_subheadings",
    "norm_code",
    "norm_hs_code",
    "norm_quantity",
    "norm_weight",
    "opens_with_key",
    "valid_hs_code",
]

CODE = r"[A-Z0-9][A-Z0-9\-/.]*[A-Z0-9]"
# OCR reads the dot of `8532.24` as `:` or `/`, or drops it for a space.
HS = r"\d{4}(?:[.:/]|\s)?\d{2}(?:[.\-\s]\d{2,4})?"
ECCN = r"(?:EAR99|\d[A-E]\d{3}(?:\.[A-Za-z0-9]{1,3})*)"
NUMBER_UNIT = r"\d+(?:[.,]\d+)?\s*(?:KGS?|LBS?|G)\b"
QUANTITY = r"\d+\s*(?:PCS|PC|SETS|SET|ROLLS|ROLL|UNITS|EA|CTNS)\b"
# The type of the `other` keys' values; never an entity (their value pattern matches nothing).
OTHER_TYPE = "other"
COUNTRY_WORD = r"[A-Z][A-Z .]{1,30}[A-Z.]|[\u30a0-\u30ff\u4e00-\u9fff]{2,6}|[A-Z]{2}"


def country_iso2(text: str) -> str | None:
    """ISO 3166 alpha-2 for a country as printed (`JAPAN`, `日本`, `JP`, `U.A.E.`), else None.

    One country reader for all of ecgraph (`ecgraph.schemas.countries`); a label names one country.
    """
    reading = read_countries(text.strip().strip(":").strip())
    if any(re.search(r"\d", part) for part in reading.unread):
        return None  # `LN3B-42DA/GG` is a code ending in a slash and two letters, not Guernsey
    return reading.code


def norm_hs_code(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return f"{digits[:4]}.{digits[4:6]}"


@lru_cache(maxsize=1)
def hs_subheadings() -> frozenset[str]:
    """The 6-digit subheadings of the HS 2022 nomenclature in the data snapshot (`controls/hs/`)."""
    from ecgraph.ingest.controls.hs_nomenclature import parse_hs
    from ecgraph.ingest.snapshot import snapshot_dir

    return frozenset(r.code for r in parse_hs(snapshot_dir() / "controls" / "hs") if r.level == "subheading")


def valid_hs_code(value: str) -> str | None:
    """The 6-digit heading `NNNN.NN` when it exists in HS 2022, else None.

    A label's HS code is always a real subheading, and only 5,613 of the million 6-digit strings are,
    so a misread (`8528.89` for `8525.89`, `8632.24` for `8532.24`) is rarely another real code and is
    dropped. (Correcting it by the one look-alike digit swap that makes it real was measured too: it
    fixed as many codes as it got wrong, because a blurred code often has two misread digits.)
    """
    norm = norm_hs_code(value)
    return norm if norm.replace(".", "") in hs_subheadings() else None


def norm_weight(value: str, kind: str) -> dict[str, Any]:
    match = re.match(r"(\d+(?:[.,]\d+)?)\s*([A-Z]+)", value.upper())
    assert match, value
    unit = "lb" if match.group(2).startswith("LB") else ("g" if match.group(2) == "G" else "kg")
    return {"kind": kind, "value": float(match.group(1).replace(",", ".")), "unit": unit}


def norm_quantity(value: str) -> dict[str, Any]:
    match = re.match(r"(\d+)\s*([A-Z]+)", value.upper())
    assert match, value
    return {"value": int(match.group(1)), "unit": match.group(2)}


@dataclass(frozen=True)
class KeyPattern:
    """A printed key, the entity type of its value, the value's shape and its normaliser."""

    name: str
    type: str
    key: re.Pattern[str]
    value: re.Pattern[str]
    norm: Callable[[str], Any]
    kind: str | None = None  # weights: net / gross / unit


# What separates a key from its value: a colon (or the comma OCR reads for a dot), or a dash or an equals sign
# (`HS CODE - 8471.30`, `機種-PZC9-34NH`, `TYPE = AB-12`).
SEPARATOR = r"\s*[:.#：,\-–—=]?\s*"


def _key(pattern: str) -> re.Pattern[str]:
    # A key ends at an optional separator; it must not be glued to the letters before it.
    return re.compile(rf"(?<![A-Za-z])(?:{pattern}){SEPARATOR}", re.IGNORECASE)


def _code_key(pattern: str) -> re.Pattern[str]:
    """A model, part or serial key as any standard prints it: its word, then an optional number word
    (`Typ-Nr.`, `Serial No`, `Part #`, `Modell-Nummer`, `型式番号`, `Model N0.`) and an optional closing bracket
    (`(MODEL)`, `[TYPE]`), then the colon. The number word is the key's, whatever the key word before it."""
    # `N0.`/`Nc.`: OCR's reading of `No.`, taken only before its dot or colon (`N0-1234` is a code).
    suffix = r"(?:[\s\-/]*(?:NO|NR|Nº|N°|NUMBER|NUMMER|NUMERO|#|番号|N[0C](?=\s*[.:：]))(?![A-Za-z])\.?)?"
    return re.compile(rf"(?<![A-Za-z])(?:{pattern}){suffix}\s*[)\]]?{SEPARATOR}", re.IGNORECASE)


def _value(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern})", flags)


def _same(value: str) -> str:
    return value


def norm_code(value: str) -> str | None:
    """A model, part or serial number as compared: the letter O read as the digit 0.

    Such codes carry a digit and at least four characters (not `MOTEL`, `YM`). OCR cannot tell O
    from 0 in a code (no word context, and the two glyphs differ by a few pixels), which is why
    numbering schemes leave the letter O out (ISO 3779 VINs; many makers' part numbers): a code's O
    is taken as 0, so `VJ-AO-07H` and `VJ-A0-07H` are one code. The value keeps what was read.
    """
    if len(value) < 4 or not any(c.isdigit() for c in value):
        return None  # a digit only the fold would make (`LAYU-OZ`) is no evidence of a code
    return value.upper().replace("O", "0")


def _country(value: str) -> str:
    return country_iso2(value) or value


KEYS: tuple[KeyPattern, ...] = (
    KeyPattern(
        # `MODEL` as blurred frames read it: `M0DEL`, `1ODEL`, `NODEL` (the recogniser's N for M).
        "model",
        "model_number",
        _code_key(rf"{key_alternation('model')}|[MN1][O0]DEL\s*NO\.?|[MN1][O0]DEL"),
        _value(CODE),
        norm_code,
    ),
    KeyPattern(
        "part", "part_number", _code_key(rf"{key_alternation('part')}|PART\s*NO\.?"), _value(CODE), norm_code
    ),
    KeyPattern(
        "serial",
        "serial_number",
        _code_key(rf"{key_alternation('serial')}|SER\.?\s*NO\.?|SERIAL\s*NO\.?"),
        _value(CODE),
        norm_code,
    ),
    KeyPattern(
        "hs",
        "hs_code",
        _key(
            r"H\.?[S5]\.?[\s:]*C[O0][D0]E|(?:H\.?S\.?\s*)?TARIFF\s*(?:NO\.?|NUMBER)|"
            rf"{key_alternation('hs')}|[HN][S5](?!\d)"
        ),
        _value(HS),
        valid_hs_code,
    ),
    KeyPattern("eccn", "eccn", _key(r"E[CEG][CEG]N"), _value(ECCN, 0), _same),
    KeyPattern(
        "coo",
        "country_of_origin",
        _key(r"COUNTRY\s*OF\s*ORIGIN(?:\s*OF\s*GOODS)?|C\.?O\.?O\.?"),
        _value(COUNTRY_WORD, 0),
        _country,
    ),
    KeyPattern(
        "net",
        "weight",
        _key(r"N\.?W\.?|NET\s*WT\.?|NET\s*WEIGHT"),
        _value(NUMBER_UNIT),
        lambda v: norm_weight(v, "net"),
        "net",
    ),
    KeyPattern(
        "gross",
        "weight",
        _key(r"G\.?W\.?|GROSS\s*WT\.?|GROSS\s*WEIGHT|WT"),
        _value(NUMBER_UNIT),
        lambda v: norm_weight(v, "gross"),
        "gross",
    ),
    KeyPattern(
        "unit_weight",
        "weight",
        _key(r"WEIGHT|MASS|重量|質量"),
        _value(NUMBER_UNIT),
        lambda v: norm_weight(v, "unit"),
        "unit",
    ),
    KeyPattern("qty", "quantity", _key(r"QTY|QUANTITY"), _value(QUANTITY), norm_quantity),
    KeyPattern(
        "desc",
        "description",
        _key(r"DESC|CONTENTS|DESCRIPTION|品名"),
        _value(r"[A-Z\u3040-\u30ff\u4e00-\u9fff][A-Z0-9 \-/\u3040-\u30ff\u4e00-\u9fff]{2,60}"),
        _same,
    ),
    KeyPattern(
        "trk", "tracking_number", _key(r"TRK|TRACKING\s*NO\.?"), _value(r"\d{4}(?: ?\d{4}){1,3}"), _same
    ),
    KeyPattern("invoice", "invoice_number", _key(r"INVOICE\s*NO\.?|INV\.?\s*NO\.?"), _value(CODE), _same),
    KeyPattern("po", "po_number", _key(r"P\.?O\.?\s*NO\.?"), _value(CODE), _same),
    KeyPattern("carton", "carton_number", _key(r"C/NO\.?"), _value(r"\d+\s*[-/]\s*\d+"), _same),
    KeyPattern(
        "meas",
        "dimensions",
        _key(r"MEAS\.?|DIMENSIONS?"),
        _value(r"\d+\s*[xX×]\s*\d+\s*[xX×]\s*\d+\s*(?:CM|MM)"),
        _same,
    ),
    KeyPattern(
        "pkg",
        "package_count",
        _key(r"PKG|PKGS"),
        _value(r"\d+\s*OF\s*\d+"),
        lambda v: dict(zip(("n", "of"), map(int, re.findall(r"\d+", v)), strict=False)),
    ),
    KeyPattern("tel", "phone", _key(r"TEL|PHONE"), _value(r"\+?[\d\-() ]{7,20}\d"), _same),
    KeyPattern(
        "date",
        "date",
        _key(r"製造年月\s*DATE|製造年月|MFG\.?\s*DATE|DATE"),
        _value(r"\d{4}[.\-/]\d{2}(?:[.\-/]\d{2})?"),
        _same,
    ),
    KeyPattern(
        "input",
        "rating",
        _key(r"入力\s*INPUT|INPUT|入力"),
        _value(r"(?:AC|DC)\s?\d[\d.\-]*\s?V(?:\s+\d+(?:/\d+)?\s?Hz)?(?:\s*\d+(?:\.\d+)?\s?A)?"),
        _same,
    ),
    KeyPattern(
        "output", "rating", _key(r"出力\s*OUTPUT|OUTPUT|出力"), _value(r"\d+(?:\.\d+)?\s?k?W\b"), _same
    ),
    KeyPattern("jp_status", "jp_control_status", _key(r"該非判定"), _value(r"非該当|該当", 0), _same),
    # The keys of what a code is not (`key_words.csv`, field `other`: LOT, BATCH, ORDER NO., AWB, SSCC, CAS
    # NO. …): no value is read after them (the value pattern matches nothing), but as keys they claim the
    # box beside them, so a model, part or serial key next to them never takes their value for its own.
    KeyPattern("other", OTHER_TYPE, _key(key_alternation("other")), re.compile(r"(?!)"), lambda _: None),
)


def opens_with_key(text: str) -> bool:
    """Whether a box starts with a printed key (`H.S. CODE - 903180`, `LOT 12`, `MODEL`): its value is that
    key's. A key glued to a word or a code (`TYPEWRITER`, `LOT12A`) is none. The MH10.8.2/GS1 reader asks this: it
    cannot call `components.key_matches`, which imports that reader. Keys as printed only, not misread ones."""
    text = text.lstrip()
    for pattern in KEYS:
        match = pattern.key.match(text)
        if match and match.group(0).strip():
            glued = match.group(0)[-1].isalnum() and text[match.end() : match.end() + 1].isalnum()
            if not glued:
                return True
    return False


# Dates without a key, as shipping labels print them: 28NOV2021, 04/07/2021, 2023-11-27.
LOOSE_DATE = re.compile(r"(?<![\w/.-])(?:\d{2}[A-Z]{3}\d{4}|\d{2}/\d{2}/\d{4}|\d{4}-\d{2}-\d{2})(?![\w/.-])")

# Country of origin without a key: `MADE IN JAPAN`, `原産国：日本`, `日本製`.
MADE_IN = re.compile(r"MADE\s+IN\s+([A-Z][A-Z .]{1,30}[A-Z.])", re.IGNORECASE)
GENSANKOKU = re.compile(r"原産国\s*[:：]?\s*([\u30a0-\u30ff\u4e00-\u9fff]{2,6})")
JA_SEI = re.compile(r"(?<![\u4e00-\u9fff])(日本|中国|韓国|台湾|米国|ドイツ)製")
