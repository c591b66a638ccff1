"""Organisation names written in Russian or Arabic / Persian, read as the English the lists print for them.

A ministry, a plant or an armed group named in its own language is a *translation* of its listed English name:
Брянский электромеханический завод is Bryansk Electromechanical Plant and وزارة الدفاع is Ministry of Defence, and no
transliteration (`bryansky elektromehanichesky zavod`, `wzara al dfaa`) comes close to them. `word_glossary.csv`
(versioned data, like `han_glossary.csv` for Chinese and Japanese) gives the English of the general words such
names are built from; `translated_form` writes a name with those words in English and the rest transliterated.
Russian words are matched by stem (the endings of a case or a gender vary), Arabic and Persian words without the
article, a leading `و` (and) and a final `ة`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from ecgraph.rules.resolution.translit import arabic_forms, ascii_form

__all__ = ["WORD_GLOSSARY_VERSION", "glossary_words", "translated_form"]

WORD_GLOSSARY_VERSION = 1  # the `# version:` line of word_glossary.csv; a new word list is a new matcher version
# A Russian word is a stem plus an ending of at most this many letters (`механическ` + `ий`, `ая`, `ого`, `ими`).
RUSSIAN_ENDING_MAX = 4
# A stem this short matches only itself (`г` for город, `и` and): with an ending it would match any word.
RUSSIAN_EXACT_STEM = 2
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ۀ": "ه"})
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")
_ARABIC_PREFIX_REST = 3  # a prefix is set aside only when a word of at least this many letters is left


def _arabic_key(word: str) -> str:
    key = word.translate(_ARABIC_FOLD)
    return key[:-1] if key.endswith("ة") and len(key) > 2 else key


@lru_cache(maxsize=1)
def _glossary() -> tuple[dict[str, str], dict[str, str]]:
    """(Russian stem -> English, Arabic/Persian key -> English) from word_glossary.csv."""
    text = (resources.files("ecgraph.rules.resolution") / "word_glossary.csv").read_text(encoding="utf-8")
    russian: dict[str, str] = {}
    arabic: dict[str, str] = {}
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        if row["script"] == "ru":
            russian[row["word"]] = row["english"]
        else:
            arabic[_arabic_key(row["word"])] = row["english"]
    return russian, arabic


@lru_cache(maxsize=1 << 16)
def _russian_word(word: str) -> str | None:
    russian, _ = _glossary()
    if word in russian:
        return russian[word]
    for cut in range(1, RUSSIAN_ENDING_MAX + 1):  # the longest stem first
        stem = word[:-cut]
        if len(stem) > RUSSIAN_EXACT_STEM and stem in russian:
            return russian[stem]
    return None


@lru_cache(maxsize=1 << 16)
def _arabic_word(word: str) -> str | None:
    _, arabic = _glossary()
    key = _arabic_key(word)
    if key in arabic:
        return arabic[key]
    for prefix in _ARABIC_PREFIXES:
        rest = key[len(prefix):]
        if key.startswith(prefix) and len(rest) >= _ARABIC_PREFIX_REST and _arabic_key(rest) in arabic:
            return arabic[_arabic_key(rest)]
    return None


def _reader(script: str) -> tuple[Callable[[str], str | None], Callable[[str], str]] | None:
    if script == "Cyrillic":
        return _russian_word, ascii_form
    if script == "Arabic":
        return _arabic_word, lambda word: (arabic_forms(word) or [""])[0]
    return None


def glossary_words(normalized: str, script: str) -> list[tuple[str, str]]:
    """(word as written, English) of each glossary word in a normalised name, for the explanation."""
    reader = _reader(script)
    if reader is None:
        return []
    found = ((word, reader[0](word)) for word in normalized.replace("-", " ").split())
    return [(word, english) for word, english in found if english]


def translated_form(normalized: str, script: str) -> str | None:
    """The name with its glossary words in English and the rest transliterated, or None when no word is in the
    glossary (or the script is neither Cyrillic nor Arabic)."""
    reader = _reader(script)
    if reader is None:
        return None
    lookup, spell = reader
    words: list[str] = []
    translated = False
    for word in normalized.replace("-", " ").split():
        english = lookup(word)
        if english is None:
            words.append(spell(word))
        else:
            translated = True
            words.append(english)
    return " ".join(" ".join(words).split()) if translated else None
