"""Whether a value read as a model, part or serial number has the shape of something else a label prints.

A key says which fact the value next to it is, but on a layout the reader has never seen the box
next to a key may hold another field's value: the HS code in the next cell, the date under a
caption, the quantity, a phone number, a postcode, a GTIN. Model, part and serial numbers have no
reference data to check them against (`components.UNCHECKED_CODES`), so their shape is the only check:
a value that reads as another field is not taken for a code. A model number also carries a letter,
as makers' type designations do (`SGDV-2R8A01B`, `FX5U-32MR/ES`), or is printed in digit groups (an
article number, `1234-5678`): a bare run of digits beside a model key is a lot, a count or a date code.

The shapes come from the formats themselves (HS 2022, the Commerce Control List's ECCN grammar,
ISO 8601 and label date styles, GS1 GTIN and SSCC lengths, CAS and UN numbers, IATA air waybill numbers, Japanese postcodes and phone numbers), not from
any benchmark layout.
"""

from __future__ import annotations

import re

__all__ = ["MIN_FULL_MODEL", "OTHER_SHAPES", "SHORT_CODE", "other_shape", "plausible_code", "shape_factor"]

_UNITS = r"KGS?|LBS?|G|PCS?|SETS?|EA|CTNS?|ROLLS?|UNITS?|MM|CM|M|V|VAC|VDC|W|KW|A|MA|HZ|%"
# (what the value is, its shape as the whole value, upper case, spaces removed)
OTHER_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hs_code", re.compile(r"\d{4}[.:/]\d{2}(?:[.\-]\d{2,4})?")),
    ("eccn", re.compile(r"EAR99|\d[A-E]\d{3}(?:\.[A-Z0-9]{1,3})*")),
    (
        "date",
        re.compile(
            r"(?:19|20)\d{2}[./\-]\d{1,2}(?:[./\-]\d{1,2})?|\d{1,2}[./\-]\d{1,2}[./\-](?:19|20)?\d{2}"
            r"|\d{1,2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?:19|20)?\d{2}"
        ),
    ),
    ("measure", re.compile(rf"\d+(?:[.,]\d+)?(?:{_UNITS})")),
    # sizes of one to four digits (`40X30X20CM`, `120X80`): `10261X7983` and `08X57022` are codes with an X
    (
        "dimensions",
        re.compile(r"\d{1,4}(?:[.,]\d+)?[X×*]\d{1,4}(?:[.,]\d+)?(?:[X×*]\d{1,4}(?:[.,]\d+)?)?(?:MM|CM|M)?"),
    ),
    ("postcode", re.compile(r"〒?\d{3}-\d{4}")),
    ("phone", re.compile(r"\+\d[\d\-()]{7,}|0\d{1,4}-\d{1,4}-\d{3,4}|\(\d{2,5}\)\d{2,4}-?\d{3,4}")),
    ("rating", re.compile(r"(?:AC|DC)\d[\d.\-/]*V|\d+(?:/\d+)HZ|IP\d{2}")),
    ("reference", re.compile(r"(?:INV|INVOICE|PO|LOT|AWB|HAWB|REF|ORDER)[\-#:/]?\d[\dA-Z\-/]*")),
    # IATA air waybill: the airline's 3-digit prefix and an 8-digit serial (`933-98291421`)
    ("air_waybill", re.compile(r"\d{3}-\d{8}")),
    # CAS registry number (`7664-39-3`: two to seven digits, two, one check digit) and a UN dangerous-goods
    # number (`UN 1052`): a chemical's identity, never its maker's code
    ("cas_number", re.compile(r"\d{2,7}-\d{2}-\d")),
    ("un_number", re.compile(r"UN\d{4}")),
    # a decimal number (`47.440`, `13,7`): a weight, a price, a size whose unit is in another box
    ("number", re.compile(r"\d+[.,]\d+")),
)
# All-digit strings of a GTIN's lengths (GTIN-8, -12, -13, -14) or an SSCC's (18): a barcode's number,
# never a model or part.
_GTIN = re.compile(r"\d{8}|\d{12,14}|\d{18}")
# An all-digit model is printed in groups (`1234-5678`, an article number); a bare run of digits beside a
# model key was a lot, a count or a date code.
_GROUPED_DIGITS = re.compile(r"(?=(?:\D*\d){6})\d{2,}(?:[\-/]\d{2,})+")
_AI_PREFIX = re.compile(r"^\s*[(\[{|]\s*\d{2,4}\s*[)\]}|]\s*")


def other_shape(value: str) -> str | None:
    """The field whose shape the whole value has (`hs_code`, `date`, `phone` …), else None."""
    text = "".join(value.upper().split()).strip(".:;,")
    for name, shape in OTHER_SHAPES:
        if shape.fullmatch(text):
            return name
    return None


def plausible_code(kind: str, value: str) -> bool:
    """Whether `value` may be a `kind` (model_number, part_number, serial_number) by its shape. A GS1
    element string is judged without its application identifier (`(240)SGDV-2R8A01B`)."""
    value = _AI_PREFIX.sub("", value)
    if other_shape(value) is not None:
        return False
    text = "".join(value.upper().split())
    if kind in ("model_number", "part_number") and _GTIN.fullmatch(text):
        return False
    return (
        kind != "model_number"
        or re.search(r"[A-Z]", text) is not None
        or _GROUPED_DIGITS.fullmatch(text) is not None
    )


# A model number of fewer letters and digits than this is as often a fragment as a code: the part before a
# separator OCR misread as a space (`AZH1 874`, `R00-M R030.4`) or a box cut short (fieldlabels and labelgen dev,
# 180 captures: every model value read with 4 or 5 of them was wrong, 4 of 4; every true model has 6 or more;
# data/labels likewise). Its confidence is the box's times SHORT_CODE, under the model threshold (0.98): a
# candidate for the officer, never a fact by itself (a burst's frames that agree on it still make it one).
MIN_FULL_MODEL = 6
SHORT_CODE = 0.97


def shape_factor(kind: str, value: str) -> float:
    """How far a code's shape supports it: SHORT_CODE for a model number with fewer than MIN_FULL_MODEL
    letters and digits (a GS1 identifier left out), else 1.0."""
    code = _AI_PREFIX.sub("", value)
    return SHORT_CODE if kind == "model_number" and sum(c.isalnum() for c in code) < MIN_FULL_MODEL else 1.0
