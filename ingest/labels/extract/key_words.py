"""The printed key words of label practice, as data (`key_words.csv`).

Labels the reader has never seen print keys it must still know: a nameplate's `TYPE` or `形名`, a
distributor's `CAT. NO.` or `MPN`, a forwarder's `COMMODITY CODE`, a carton's `MADE BY`. The words
come from label standards and trade practice, not from any benchmark layout, so the extraction's
reach is a list anyone can extend, and a word's regex tolerates what OCR does to it (a dropped dot,
a space read or lost).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["HEADING_FIELDS", "TWO_WAYS", "WEAK_KEY", "KeyWord", "key_alternation", "key_words", "strength_of"]

# Company headings (a role); the other fields name a key pattern of `patterns.KEYS`.
HEADING_FIELDS = ("shipper", "consignee", "manufacturer", "customer")
# Confidence factor of a value found after a weak key word (`REF.`, `ITEM`, `SN`).
WEAK_KEY = 0.96
# Confidence factor of a value the label names two ways, as the goods' model on some labels and a part number
# on others (`MODEL (1P)`, a lone `品番`): under the model threshold (calibration.py: 0.98), so a candidate.
TWO_WAYS = 0.97
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@dataclass(frozen=True)
class KeyWord:
    field: str
    key: str
    weak: bool


@lru_cache(maxsize=1)
def key_words() -> tuple[KeyWord, ...]:
    text = resources.files("ecgraph.ingest.labels.extract").joinpath("key_words.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    words = []
    for number, row in enumerate(rows, start=2):
        if not row.get("field") or not row.get("key") or row.get("strength") not in ("strong", "weak"):
            raise ValueError(f"key_words.csv: row {number}: needs field, key and strength strong|weak")
        words.append(KeyWord(row["field"], row["key"].strip(), row["strength"] == "weak"))
    return tuple(words)


def _word_regex(word: str) -> str:
    """A key word as OCR may print it: dots and hyphens optional, spaces optional or several, a space
    between two kanji or kana (`型 式`: engines space out CJK letters printed wide apart)."""
    parts = []
    for position, char in enumerate(word):
        if position and _CJK.match(char) and _CJK.match(word[position - 1]):
            parts.append(r"\s?")
        if char in ".-":
            parts.append(rf"\{char}?")
        elif char == " ":
            parts.append(r"\s*")
        elif char == "/":
            parts.append(r"\s*/\s*")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def key_alternation(field: str) -> str:
    """A regex alternation of the field's key words, longest first (so `MODEL NO.` wins over `MODEL`)."""
    words = sorted((w.key for w in key_words() if w.field == field), key=len, reverse=True)
    return "|".join(_word_regex(word) for word in words)


@lru_cache(maxsize=1)
def _weak() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"^(?:{_word_regex(w.key)})\s*[:.#]?\s*$", re.IGNORECASE), w.field)
        for w in key_words()
        if w.weak
    )


def strength_of(printed_key: str) -> float:
    """1.0 for a strong key as printed, WEAK_KEY for a weak one (`REF.:`, `ITEM`)."""
    text = printed_key.strip()
    return WEAK_KEY if any(pattern.match(text) for pattern, _ in _weak()) else 1.0
