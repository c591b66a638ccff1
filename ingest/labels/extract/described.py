"""The goods' model number printed after their description, without a key of its own.

Customs declarations (CN22/CN23 `detailed description of contents`), invoices and shipping labels describe
the goods in words and name them by the maker's code at the end (`2 x industrial computer A56-HV5077`,
`Plc Controller TUZ2040-H1`). Under a description caption (or after one in its box), the last word of
a box that has a maker's code's shape names the goods: letters and digits both, five characters or more,
and no other field's shape (`code_shapes.plausible_code`). It is the goods' model number, as sure as its
box (`DESCRIBED`): on the development splits of both generators written without reading this reader, such
codes were the model in 22 of 23 captures (fieldlabels seed 7: 4 of 5 on CN22s, one a part number;
blindlabels seed 31: 18 of 18 on CN22s and CN23s), above the 0.95 precision a fact needs; the model
threshold (`calibration.py`, 0.98) then keeps a box the engine read less surely a candidate.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ecgraph.ingest.labels.extract.code_shapes import plausible_code
from ecgraph.ingest.labels.extract.components import key_matches
from ecgraph.ingest.labels.extract.entity import LabelEntity
from ecgraph.ingest.labels.extract.layout import box_below
from ecgraph.ingest.labels.extract.patterns import norm_code
from ecgraph.ingest.labels.ocr.base import OcrLine

__all__ = ["DESCRIBED", "MAX_ROWS", "described_codes", "trailing_code"]

# Confidence factor of a code found at the end of the goods' description (no key of its own): none, see above.
# Until session 20 it was TWO_WAYS (a candidate always); measured with `benchmarks.labels_ocr`, singles, model
# recall / precision: fieldlabels seed 7 0.75/1.00 -> 0.81/1.00, blindlabels seed 31 0.26/0.83 -> 0.33/0.86;
# dev, dev2 and fieldlabels seed 97 unchanged.
DESCRIBED = 1.0
# Boxes under a description caption read as its description.
MAX_ROWS = 3
_CODE = re.compile(r"(?<![A-Za-z0-9\-/])([A-Z0-9]+(?:[\-/][A-Z0-9]+)*)\s*$")


def trailing_code(text: str, *, continued: bool = False) -> str | None:
    """The maker's code a description ends with (`computer A56-HV5077` → A56-HV5077), else None. The text
    before it must be words (a description), not the code alone; a word of two letters will do on the
    description's second line (`continued`: `3 Microcontroller` over `Ic, C89-PU0025`)."""
    match = _CODE.search(text.strip().rstrip(".,;"))
    if not match:
        return None
    code, before = match.group(1), text[: match.start()].strip(" ,:;")
    if len(code) < 5 or not re.search(r"[A-Z]", code) or not re.search(r"\d", code):
        return None
    if not re.search(r"[A-Za-z]{2}" if continued else r"[A-Za-z]{3}", before):
        return None  # no words before it: a code in a box of its own, which only a key anchors
    return code if plausible_code("model_number", code) else None


def _is_description_caption(text: str) -> bool:
    return any(pattern.type == "description" for _, _, pattern in key_matches(text))


# A line of contents as CN22/CN23 forms and packing lists print it: a quantity, `x`, then the goods in words
# (`3000 x Wafer Processing Equipment BE-2XL-V41`); a description by its own shape, whatever its caption
# (often the form's small print, which the engine garbles: `Qay and dealled den con`).
_QUANTITY_TIMES = re.compile(r"^\s*\d[\d,.]*\s*[xX×]\s+[A-Za-z]")


def described_codes(doc: Doc) -> Doc:
    lines: list[OcrLine] = doc.user_data["lines"]
    seen: set[int] = set()
    for index, line in enumerate(lines):
        if (
            _QUANTITY_TIMES.match(line.text)
            and (code := trailing_code(line.text))
            and (norm := norm_code(code))
        ):
            seen.add(index)
            doc.user_data["entities"].append(
                LabelEntity("model_number", code, norm, None, line.confidence * DESCRIBED, (index,))
            )
    for index, line in enumerate(lines):
        if not _is_description_caption(line.text):
            continue
        current, words_above = index, False
        for _ in range(MAX_ROWS):
            below = box_below(lines, current)
            if below is None or below in seen or key_matches(lines[below].text):
                break
            seen.add(below)
            current = below
            code = trailing_code(lines[below].text, continued=words_above)
            words_above = trailing_code(lines[below].text) is None and bool(
                re.search(r"[A-Za-z]{3}", lines[below].text)
            )
            if code and (norm := norm_code(code)):
                confidence = lines[below].confidence * DESCRIBED
                doc.user_data["entities"].append(
                    LabelEntity("model_number", code, norm, None, confidence, (index, below))
                )
    return doc
