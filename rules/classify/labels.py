"""What a label linked to a goods item adds: an HS code, an export control classification (ECCN / EU
code) and model numbers, read from the label's text (OCR output or ground truth).

An ECCN's category digit and regime digit point at the ETCO item of the same Wassenaar category
(category 3 electronics → item 7 …; x1xx MTCR → item 4, x2xx NSG → item 2, x3xx AG → item 3); x9xx
numbers and EAR99 are US-only controls and point at nothing in the Order. Model numbers are matched
against the few public part-number schemes in model_hints.csv.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

__all__ = ["LabelFacts", "ModelHint", "etco_item_for_eccn", "model_hints", "read_label"]

_HS = re.compile(r"(?:H\.?S\.?\s*(?:CODE)?|HS\s*CODE|統計品目番号|関税番号)\s*[:：]?\s*([0-9]{4}[.\-]?[0-9]{2}(?:[.\-]?[0-9]{2,4})?)",
                 re.IGNORECASE)
_ECCN = re.compile(r"(?:ECCN|輸出管理番号|CLASSIFICATION)\s*[:：]?\s*([0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*|EAR99)", re.IGNORECASE)
_MODEL = re.compile(r"(?:MODEL|型式|TYPE|P/N|PART\s*NO\.?)\s*[:：]?\s*([A-Z0-9][A-Z0-9\-/]{3,})", re.IGNORECASE)
# Wassenaar category digit -> ETCO item; regime digits other than 0 go to the non-proliferation items
_WA_CATEGORY_TO_ITEM = {"1": "5", "2": "6", "3": "7", "4": "8", "5": "9", "6": "10", "7": "11", "8": "12", "9": "13"}
_REGIME_TO_ITEM = {"1": "4", "2": "2", "3": "3"}


@dataclass
class LabelFacts:
    hs_codes: list[str] = field(default_factory=list)
    eccns: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ModelHint:
    pattern: re.Pattern[str]
    hs_code: str
    entry_hint: str
    family: str


def read_label(text: str) -> LabelFacts:
    facts = LabelFacts()
    for match in _HS.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        facts.hs_codes.append(digits[:6])
    facts.eccns = [m.group(1) for m in _ECCN.finditer(text)]
    facts.models = [m.group(1).upper() for m in _MODEL.finditer(text)]
    return facts


def etco_item_for_eccn(eccn: str) -> str | None:
    """The ETCO item an ECCN / EU code corresponds to, or None (EAR99, x9xx anti-terrorism numbers)."""
    match = re.match(r"^([0-9])([A-E])([0-9])[0-9]{2}", eccn)
    if not match:
        return None
    category, regime = match.group(1), match.group(3)
    if regime == "9":
        return None
    if category == "0":
        return "2"
    if regime == "0":
        return _WA_CATEGORY_TO_ITEM[category]
    return _REGIME_TO_ITEM.get(regime)


@cache
def model_hints() -> list[ModelHint]:
    text = (resources.files("ecgraph.rules.classify") / "model_hints.csv").read_text(encoding="utf-8")
    return [ModelHint(re.compile(row["pattern"]), row["hs_code"], row["entry_hint"], row["family"])
            for row in csv.DictReader(io.StringIO(text))]
