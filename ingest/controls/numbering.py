"""The numbering of Japanese laws, read exactly: 一六 → 16, 三の二 → 3の2, （十三の二） → 13の2, １０ → 10.

e-Gov prints item numbers of Appended Table 1 digit by digit (一〇, 一六), sub-item numbers in
positional kanji inside full-width brackets (（三十五の二）) and sub-sub-items in full-width digits (１０).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["kanji_number", "normalise_number", "split_numbered"]

_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

# "（一）　text", "（十三の二）　text", "１　text", "１０　text": number, then an ideographic space.
_NUMBERED = re.compile(r"^(（[一二三四五六七八九十〇の]+）|[０-９0-9]+(?:の[０-９0-9]+)?)[\u3000 ]+(.*)$", re.DOTALL)


def kanji_number(text: str) -> int:
    """A kanji numeral in either style: digit-by-digit (一六, 一〇) or positional (三十五)."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"not a kanji numeral: {text!r}")
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
    return total + digit


def normalise_number(raw: str) -> str:
    """The Arabic form of a law number, keeping branch numbers: 三の二 → 3の2, （十三の二） → 13の2."""
    text = unicodedata.normalize("NFKC", raw).strip().strip("()")
    parts = text.split("の")
    out = []
    for part in parts:
        out.append(part if part.isdigit() else str(kanji_number(part)))
    return "の".join(out)


def split_numbered(sentence: str) -> tuple[str, str, int] | None:
    """(raw number, text, depth) of a numbered sentence, or None for an unnumbered (preamble) one.

    depth 2 = a bracketed sub-item （一）, depth 3 = a digit sub-sub-item １.
    """
    match = _NUMBERED.match(sentence.strip())
    if not match:
        return None
    raw, text = match.group(1), match.group(2).strip()
    return raw, text, (2 if raw.startswith("（") else 3)
