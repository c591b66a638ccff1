"""Values found by their shape alone, checked against reference data, wherever they sit on the label.

- An HS code printed with its dot (`8504.40`, `8504.40-000`, `8504.40.0000`, or the dot read as a colon,
  `8419:89`) that is a real HS 2022 subheading.
- An undotted code (`8501 52`, `851762`, `8501522416` with its national digits) only as a box of its own:
  inside a line, six bare digits are as often a lot or a date code. On a page that prints an HS key
  somewhere (a CN22's `HS tariff number` inside a long caption, a key misread beside its value) any such
  box counts. Without a key (a pallet placard, a carton whose caption the engine garbled) the box must
  have an HS code's length (6 digits, or 8 to 10 with the national ones), sit as no caption's value
  (`LOT` beside it), and be neither a GTIN-8 (its check digit right) nor a date code (`200510`). A run of
  digits that is a real HS 2022 subheading by chance is rare: about 5,600 of a million six-digit numbers.
  On the development captures (labelgen dev and dev2, fieldlabels seed 7, blindlabels seed 31,
  data/labels: 420), every box of its own that was a valid subheading was the label's HS code, 38 of 38.
- An ECCN by the grammar of the Commerce Control List (`3A001.a.7`: category 0-9, group A-E, three
  digits, then paragraphs) or `EAR99`.

Found without a key, they are less sure than a keyed value: their confidence is the line's times
`SHAPE_ONLY`, and calibration (`calibration.py`) decides whether that is a fact or a candidate.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from stdnum import ean

from ecgraph.ingest.labels.extract.components import claimed_by_caption, key_matches
from ecgraph.ingest.labels.extract.entity import LabelEntity
from ecgraph.ingest.labels.extract.patterns import valid_hs_code
from ecgraph.ingest.labels.ocr.base import OcrLine

__all__ = ["ECCN_SHAPE", "HS_BOX", "HS_SHAPE", "SHAPE_ONLY", "shape_values"]

SHAPE_ONLY = 0.97
# A box holding only an undotted HS code: four digits, an optional space, two digits, national digits.
HS_BOX = re.compile(r"(\d{4})\s?(\d{2})(?:[\s\-]?\d{2,4}){0,2}")
HS_SHAPE = re.compile(
    r"(?<![\d.,:/\-])(\d{4}[.:]\d{2}(?:[.\-]\d{2,4})?)(?![\d.,:]\d|\s*(?:KGS?|LBS?|CM|MM|%)\b)", re.IGNORECASE
)
# The digit counts HS codes are printed with: the subheading, or with a nation's digits (8: the EU's Combined
# Nomenclature; 9: Japan's statistical code; 10: the US HTS and the EU's TARIC).
_HS_LENGTHS = frozenset({6, 8, 9, 10})
# yyyyMM: a date code (`200510`) that happens to be a subheading (of chapters 19 and 20). yyMMdd is not
# refused: it would refuse much of chapters 01-39, the chemicals of 28 and 29 among them.
_DATE_DIGITS = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])")
ECCN_SHAPE = re.compile(r"(?<![A-Za-z0-9])(EAR99|\d[A-E]\d{3}(?:\.[a-z0-9]{1,3}){0,3})(?![A-Za-z0-9])")


def shape_values(doc: Doc) -> Doc:
    lines: list[OcrLine] = doc.user_data["lines"]
    hs_key_on_page = any(p.type == "hs_code" for line in lines for *_, p in key_matches(line.text))
    for index, line in enumerate(lines):
        for match in HS_SHAPE.finditer(line.text):
            norm = valid_hs_code(match.group(1))
            if norm and not norm.startswith("99"):  # Comtrade's 9999.99 "not specified" is no subheading
                doc.user_data["entities"].append(
                    LabelEntity("hs_code", match.group(1), norm, None, line.confidence * SHAPE_ONLY, (index,))
                )
        box = None if HS_SHAPE.search(line.text) else HS_BOX.fullmatch(line.text.strip())
        if box and (
            hs_key_on_page or (_hs_without_key(box.group(0)) and not claimed_by_caption(lines, index))
        ):
            norm = valid_hs_code(box.group(1) + box.group(2))
            if norm and not norm.startswith("99"):
                doc.user_data["entities"].append(
                    LabelEntity(
                        "hs_code", line.text.strip(), norm, None, line.confidence * SHAPE_ONLY, (index,)
                    )
                )
        for match in ECCN_SHAPE.finditer(line.text):
            doc.user_data["entities"].append(
                LabelEntity(
                    "eccn", match.group(1), match.group(1), None, line.confidence * SHAPE_ONLY, (index,)
                )
            )
    return doc


def _hs_without_key(box: str) -> bool:
    """Whether a box of digits alone may be an HS code with no HS key on the page: an HS code's length,
    not a GTIN-8 and not a date code."""
    digits = re.sub(r"\D", "", box)
    if len(digits) not in _HS_LENGTHS or _DATE_DIGITS.fullmatch(digits[:6]):
        return False
    return not (len(digits) == 8 and ean.is_valid(digits))
