"""Values found by their shape alone, checked against reference data, wherever they sit on the label.

- An HS code printed with its dot (`8504.40`, `8504.40-000`, `8504.40.0000`) that is a real HS 2022
  subheading. Six bare digits are as often a lot or a date code, so an undotted code (`8501 52`,
  `851762`, `8501522416` with its national digits) counts only as a box of its own on a page that
  prints an HS key somewhere (a CN22's `HS tariff number` inside a long caption, a key misread
  beside its value): the key is the evidence, the box's position is not.
- An ECCN by the grammar of the Commerce Control List (`3A001.a.7`: category 0-9, group A-E, three
  digits, then paragraphs) or `EAR99`.

Found without a key, they are less sure than a keyed value: their confidence is the line's times
`SHAPE_ONLY`, and calibration (`calibration.py`) decides whether that is a fact or a candidate.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ecgraph.ingest.labels.extract.components import key_matches
from ecgraph.ingest.labels.extract.entity import LabelEntity
from ecgraph.ingest.labels.extract.patterns import valid_hs_code
from ecgraph.ingest.labels.ocr.base import OcrLine

__all__ = ["ECCN_SHAPE", "HS_BOX", "HS_SHAPE", "SHAPE_ONLY", "shape_values"]

SHAPE_ONLY = 0.97
# A box holding only an undotted HS code: four digits, an optional space, two digits, national digits.
HS_BOX = re.compile(r"(\d{4})\s?(\d{2})(?:[\s\-]?\d{2,4}){0,2}")
HS_SHAPE = re.compile(
    r"(?<![\d.,/\-])(\d{4}\.\d{2}(?:[.\-]\d{2,4})?)(?![\d.,]\d|\s*(?:KGS?|LBS?|CM|MM|%)\b)", re.IGNORECASE
)
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
        if hs_key_on_page and not HS_SHAPE.search(line.text) and (box := HS_BOX.fullmatch(line.text.strip())):
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
