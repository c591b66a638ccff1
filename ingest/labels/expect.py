"""Which kind of label a page is, and the fields that kind should carry (what `missing` is measured against).

The kind is told by the words a standard prints (GS1 application identifiers, MH10.8.2 data
identifiers, a CN22/CN23 caption, an air waybill, rating-plate words), never by a template name.
"""

from __future__ import annotations

import re

__all__ = ["EXPECTED", "expected_fields", "label_kind"]

EXPECTED: dict[str, tuple[str, ...]] = {
    "gs1": ("company", "part_number", "serial_number", "country_of_origin"),
    "mh10": ("company", "part_number", "serial_number", "country_of_origin"),
    "customs_form": ("company", "hs_code", "country_of_origin"),
    "air_cargo": ("company", "hs_code"),
    "nameplate": ("company", "model_number", "serial_number"),
    "carton": ("company", "model_number", "hs_code", "country_of_origin"),
    "shipping": ("company", "hs_code", "country_of_origin"),
    "label": ("company", "model_number", "hs_code"),
}

# (kind, evidence, how many distinct hits it takes); the first kind with enough evidence wins.
_EVIDENCE: tuple[tuple[str, re.Pattern[str], int], ...] = (
    (
        "customs_form",
        re.compile(
            r"CN\s?2[23]\b|CUSTOMS\s+DECLARATION|DESCRIPTION\s+OF\s+CONTENTS|TARIFF\s+NUMBER", re.IGNORECASE
        ),
        1,
    ),
    (
        "air_cargo",
        re.compile(r"AIR\s*WAYBILL|\bAWB\b|\bHAWB\b|NATURE\s+OF\s+GOODS|No\.?\s*OF\s+PIECES", re.IGNORECASE),
        1,
    ),
    ("gs1", re.compile(r"\((?:00|01|02|10|21|37|240|241|422|3[13]0\d)\)|\bSSCC\b"), 2),
    ("mh10", re.compile(r"\((?:1?P|Q|S|1T|4L|9D|V|4S|K)\)"), 2),
    (
        "nameplate",
        re.compile(
            r"\bINPUT\b|\bOUTPUT\b|\d\s?Hz\b|\d\s?kW\b|\bIP\d{2}\b|定格|出力|入力|RATED|製造番号",
            re.IGNORECASE,
        ),
        2,
    ),
    ("carton", re.compile(r"品名|数量|入数|原産国|C/NO|N\.\s?W\.|G\.\s?W\.|統計品目番号", re.IGNORECASE), 2),
    ("shipping", re.compile(r"SHIP\s*(?:FROM|TO)|CONSIGNEE|SHIPPER|TRACKING|DELIVER", re.IGNORECASE), 2),
)


def label_kind(text: str) -> str:
    for kind, pattern, needed in _EVIDENCE:
        if len({match.group(0).upper() for match in pattern.finditer(text)}) >= needed:
            return kind
    return "label"


def expected_fields(text: str) -> tuple[str, tuple[str, ...]]:
    """(kind of label, the fields it should carry)."""
    kind = label_kind(text)
    return kind, EXPECTED[kind]
