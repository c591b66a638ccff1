"""Distinctive tokens: what tells one company from another once its generic words are set aside.

`Hokushin Technology` and `Yuxin Technology` share a word every fifth listed company has and a consonant
outline (KSN) that thousands of unrelated words have. A match found through a name's *sound* (its phonetic
skeleton, a spelling key, a reading of kana or kanji) therefore stands only when the distinctive tokens of both
names agree as they are spelt: the generic words (`generic_words.csv`, versioned data beside the legal forms),
legal forms and function words may agree as much as they like, they never make two companies one.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from ecgraph.rules.resolution.names import FUNCTION_WORDS
from ecgraph.rules.resolution.normalize import normalize_name
from ecgraph.rules.resolution.phonetic import spelling_key
from ecgraph.rules.resolution.translit import katakana_readings, latin_forms

__all__ = ["GENERIC_WORDS_VERSION", "distinctive_part", "distinctive_similarity", "generic_words"]

GENERIC_WORDS_VERSION = 1  # the `# version:` line of generic_words.csv; a new word list is a new matcher version


def _japanese_writes(word: str) -> bool:
    """Characters Japanese writes (JIS X 0208); `贸易` and `电子` are simplified Chinese."""
    try:
        word.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Every generic word in compare shape: the Latin rows as written, the kana and kanji rows by their Latin
    forms (glossary English and Japanese or Chinese reading)."""
    text = (resources.files("ecgraph.rules.resolution") / "generic_words.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    words: set[str] = set()
    for row in rows:
        word = normalize_name(row["word"])
        if not word:
            continue
        if word.isascii():
            words.update(word.split())
            continue
        # simplified-only characters (`贸易`, `电子`) are Chinese; the rest is read as Japanese, as a name would be
        lang = "ja" if _japanese_writes(word) else "zh"
        for form in (*latin_forms(word, lang), *katakana_readings(word)):
            words.update(form.split())
    return frozenset(words - FUNCTION_WORDS)


# Katakana writes a company name as one word (ルネサスエレクトロニクス, renesasu-erekutoronikusu), and so do some
# Latin names (`Microelectronics`): a long generic word ending a longer token is set aside as a word of its own.
GENERIC_SUFFIX_MIN = 5
STEM_MIN = 2


@lru_cache(maxsize=1)
def _generic_suffixes() -> tuple[str, ...]:
    return tuple(sorted((w for w in generic_words() if len(w) >= GENERIC_SUFFIX_MIN), key=len, reverse=True))


@lru_cache(maxsize=1 << 16)
def _stem(token: str) -> str:
    """`token` without a long generic word it ends with, if a stem of at least `STEM_MIN` letters is left."""
    if len(token) < GENERIC_SUFFIX_MIN + STEM_MIN:
        return token
    for suffix in _generic_suffixes():
        if len(token) >= len(suffix) + STEM_MIN and token.endswith(suffix):
            return token[:-len(suffix)]
    return token


def distinctive_part(form: str) -> str:
    """A Latin form without its generic words and function words (its legal forms are already set aside)."""
    generic = generic_words()
    return " ".join(_stem(t) for t in form.split() if t not in generic and t not in FUNCTION_WORDS)


def distinctive_similarity(a: str, b: str) -> float:
    """How alike two distinctive parts are *as spelt*: the best of the plain, token-sorted and space-free
    ratios, on the text and on its spelling key (romanisation variants: `unitek` / `unitec`). Never the outline."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    best = 0.0
    for x, y in ((a, b), (spelling_key(a), spelling_key(b))):
        best = max(best, fuzz.ratio(x, y), fuzz.token_sort_ratio(x, y),
                   fuzz.ratio(x.replace(" ", ""), y.replace(" ", "")))
    return best / 100
