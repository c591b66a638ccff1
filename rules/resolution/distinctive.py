"""Distinctive tokens: what tells one company from another once its generic words are set aside.

`Hokushin Technology` and `Yuxin Technology` share a word every fifth listed company has and a consonant
outline (KSN) that thousands of unrelated words have. A match found through a name's *sound* (its phonetic
skeleton, a spelling key, a reading of kana or kanji) therefore stands only when the distinctive tokens of both
names agree as they are spelt: the generic words (`generic_words.csv`, versioned data beside the legal forms),
legal forms and function words may agree as much as they like, they never make two companies one.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from ecgraph.rules.resolution.legal_forms import split_legal_form
from ecgraph.rules.resolution.names import FUNCTION_WORDS
from ecgraph.rules.resolution.normalize import normalize_name
from ecgraph.rules.resolution.phonetic import spelling_key
from ecgraph.rules.resolution.translit import (
    glossary_renderings,
    katakana_readings,
    latin_forms,
    simplified_chinese,
)
from ecgraph.schemas.countries import read_country

__all__ = ["GENERIC_WORDS_VERSION", "cjk_agreement", "cjk_distinctive", "distinctive_part", "distinctive_similarity",
           "generic_words", "is_generic", "is_place", "reading_key"]

GENERIC_WORDS_VERSION = 2  # the `# version:` line of generic_words.csv; a new word list is a new matcher version


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
    forms (glossary English and Japanese or Chinese reading).

    The readings come from `generic_words.read.csv` when it was made from this very word list: reading the kana
    and kanji rows needs pykakasi's dictionaries (~0.5 s of CPU), which `ecgraph search` for a Latin name
    otherwise loads for nothing. A stale file is ignored (the words are read as before), and a test holds it
    to the word list; `python -m ecgraph.rules.resolution.distinctive` writes it."""
    text = _generic_words_text()
    stored = _stored_generic_words(text)
    return stored if stored is not None else read_generic_words(text)


GENERIC_READINGS = "generic_words.read.csv"


def _generic_words_text() -> str:
    return (resources.files("ecgraph.rules.resolution") / "generic_words.csv").read_text(encoding="utf-8")


def _source_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_generic_words(text: str) -> frozenset[str]:
    """The generic words of `generic_words.csv` (its text), kana and kanji rows read into Latin forms."""
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


def _stored_generic_words(text: str) -> frozenset[str] | None:
    """The words `generic_words.read.csv` holds, if it was written from this `generic_words.csv` text."""
    try:
        stored = (resources.files("ecgraph.rules.resolution") / GENERIC_READINGS).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    lines = stored.splitlines()
    if not lines or lines[0] != f"# source sha256: {_source_digest(text)}":
        return None
    return frozenset(line for line in lines[1:] if line and not line.startswith("#") and line != "word")


def generic_readings_text() -> str:
    """What `generic_words.read.csv` must hold for the current word list."""
    text = _generic_words_text()
    return (f"# source sha256: {_source_digest(text)}\n"
            "# generic_words.csv as generic_words() reads it (kana and kanji rows in their Latin forms), so that a\n"
            "# search need not load pykakasi; written by `python -m ecgraph.rules.resolution.distinctive`\n"
            "word\n" + "".join(f"{w}\n" for w in sorted(read_generic_words(text))))


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


# A generic word misspelt (`machinary`, `tecnology`) is still generic: a long token one edit from one is one.
FUZZY_GENERIC_MIN = 6


# v17: a generic word in another romanisation (`grup` / group, `tesh` / tech, `tekhnolodzhi`) is still generic: a
# token of four letters or more whose spelling key is a generic word's. Regression: `teshnology and development grup
# ltd` kept `grup` as its one distinctive word and lost TECHNOLOGY AND DEVELOPMENT GROUP LTD.
GENERIC_KEY_MIN = 4


@lru_cache(maxsize=1)
def _generic_keys() -> frozenset[str]:
    return frozenset(spelling_key(w) for w in generic_words() if len(w) >= GENERIC_KEY_MIN)


@lru_cache(maxsize=1 << 16)
def is_generic(token: str) -> bool:
    """A generic word or function word, one in another romanisation (the same spelling key, four letters or more),
    or (six letters or more) one edit or transposition from a generic word."""
    generic = generic_words()
    if token in generic or token in FUNCTION_WORDS:
        return True
    if len(token) >= GENERIC_KEY_MIN and token.isascii() and spelling_key(token) in _generic_keys():
        return True
    if len(token) < FUZZY_GENERIC_MIN:
        return False
    return any(abs(len(word) - len(token)) <= 1 and OSA.distance(token, word, score_cutoff=1) <= 1
               for word in generic if len(word) >= FUZZY_GENERIC_MIN - 1)


def distinctive_part(form: str, stem: bool = True) -> str:
    """A Latin form without its generic words and function words (its legal forms are already set aside); with
    `stem`, a long generic word ending a token is set aside too (katakana compounds)."""
    return " ".join(_stem(t) if stem else t for t in form.split() if not is_generic(t))


# A reading of kana and a romanisation of the same word differ in ways no Latin spelling does: katakana has one
# consonant for l and r (ソレイマン soreiman / Solaiman), writes a syllable-final ng as n (チョンボン chonbon /
# Chongbong, as Korean and Chinese names are romanised) and no final h (ラジャ raja / Rajah). A person's name differs
# in more ways still: katakana has no th or dh, no h after a consonant, no v, and ends a consonant on a vowel
# (マムルーク mamuruku / Mamlouk, サーミル samiru / Thamir, ホーシー hoshi / Houthi). The reading key writes each
# difference one way; a company name's distinctive tokens are compared by the first rules only (`person=False`),
# as its words are spelt, a person's whole name by all of them. Rows: (pattern, replacement, for companies too).
_READING = (
    (re.compile("th"), "s", False), (re.compile("dh"), "z", False),
    (re.compile(r"(?<=[^aeiou\s])h"), "", False), (re.compile(r"(?<=[aeiou])h\b"), "", True),
    (re.compile("l"), "r", True), (re.compile("v"), "b", False), (re.compile(r"([aeiou])\1+"), r"\1", False),
    (re.compile(r"(?<=[a-z]{3})[aeiou]\b"), "", False), (re.compile(r"(?<=[aeiou])[aeiou]"), "", False),
    (re.compile(r"(?<=[^aeiou\s])[uo](?=[^aeiou\s])"), "", False),
    (re.compile(r"ng(?![aeiou])"), "n", True),
)


@lru_cache(maxsize=1 << 16)
def reading_key(text: str, person: bool = False) -> str:
    """The spelling key of a Latin form with the regular differences between a kana reading and a romanisation
    written one way: of a company's distinctive part (l/r, final ng, final h), or with `person` of a person's name."""
    key = spelling_key(text)
    for pattern, replacement, company in _READING:
        if person or company:
            key = pattern.sub(replacement, key)
    return key


def distinctive_similarity(a: str, b: str, reading: bool = False) -> float:
    """How alike two distinctive parts are *as spelt*: the best normalised edit similarity (an edit or a
    transposition costs its share of the longer string: `sanwa` / `sanam` 0.6, `japan` / `javan` 0.8) of the text,
    its tokens sorted, and its spelling key (romanisation variants: `unitek` / `unitec`); with `reading` (one side
    is a reading of kana or kanji) also its reading key (`chonbon` / `chongbong`). Never the outline."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    best = 0.0
    keys: list[tuple[str, str]] = [(a, b), (spelling_key(a), spelling_key(b)), (_no_final_vowel(a), _no_final_vowel(b))]
    if reading:
        keys += [(reading_key(a), reading_key(b)), (_no_final_vowel(reading_key(a)), _no_final_vowel(reading_key(b)))]
    for x, y in keys:
        for u, v in ((x, y), (_sorted(x), _sorted(y)), (x.replace(" ", ""), y.replace(" ", ""))):
            best = max(best, OSA.normalized_similarity(u, v))
        best = max(best, _contained(x, y))
    return best


def _contained(a: str, b: str) -> float:
    """How well every token of the side with fewer tokens is found on the other: one name may add a place or a
    word (`university` / `university china uestc`: 电子科技大学 is UESTC) without its words disagreeing. Not when
    the fewer are only places and the other adds a word of its own: a place says where a company is, not which
    (日本テクノロジー, `japan technology`, is not Huawei Technologies Japan)."""
    fewer, more = sorted((a.split(), b.split()), key=len)
    if not fewer or len(fewer) == len(more) or max(map(len, fewer)) < 3:
        return 0.0
    if all(map(is_place, fewer)) and any(u.isalpha() and len(u) >= 3 and u not in fewer and not is_place(u)
                                         for u in more):
        return 0.0
    return min(max(OSA.normalized_similarity(t, u) for u in more) for t in fewer)


# Two-letter words are ISO codes to the country reader (`in`, `de`) and words of names; three-letter ones too often.
PLACE_MIN_LETTERS = 4


@lru_cache(maxsize=1 << 16)
def is_place(token: str) -> bool:
    """A country or a city the country reader knows (`japan`, `nippon`, `tokyo`, `shanghai`), of four letters or more."""
    return len(token) >= PLACE_MIN_LETTERS and token.isalpha() and read_country(token) is not None


# Katakana ends a word on a vowel English does not write (ロス rosu, ROS): a reading's tokens are also compared
# without a final u, o or i (their `sounded_out` forms drop it only where a whole word ends).
_FINAL_VOWEL = re.compile(r"(?<=[a-z]{2})[uoi]\b")


def _no_final_vowel(text: str) -> str:
    return _FINAL_VOWEL.sub("", text)


def _sorted(text: str) -> str:
    return " ".join(sorted(text.split()))


# Two names in kanji and kana are compared by their characters, not only by their readings: 神鋼商事 and 新興貿易
# are both read `shinko trading`, but the characters that tell the companies apart (神鋼 / 新興) differ. Their
# generic words (商事, 貿易, テクノロジー: the glossary words whose English is generic, and the kana and kanji rows of
# generic_words.csv) and legal forms are set aside, and Chinese is compared in simplified characters.
@lru_cache(maxsize=1)
def _cjk_generic() -> tuple[str, ...]:
    generic = generic_words() | FUNCTION_WORDS
    words = {word for word, renderings in glossary_renderings().items()
             if all(set(r.split()) <= generic for r in renderings if r)}
    text = (resources.files("ecgraph.rules.resolution") / "generic_words.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    words |= {normalize_name(row["word"]) for row in rows if not normalize_name(row["word"]).isascii()}
    words |= {simplified_chinese(w) for w in words}
    return tuple(sorted(words - {""}, key=len, reverse=True))


@lru_cache(maxsize=1 << 16)
def cjk_distinctive(normalized: str) -> str:
    """The characters of a kanji / kana name that tell it apart: without legal form, generic words and spaces."""
    core = simplified_chinese(split_legal_form(normalized).core)
    for word in _cjk_generic():
        core = core.replace(word, "")
    return "".join(core.split())


def cjk_agreement(a: str, b: str) -> float:
    """How alike the distinctive characters of two normalised kanji / kana names are (1.0 when one holds the
    other: `深圳市华为` and `华为` differ by a place prefix only, or when neither has any)."""
    da, db = cjk_distinctive(a), cjk_distinctive(b)
    if da == db or not da and not db:
        return 1.0
    if da and db and (da in db or db in da):
        return 1.0
    if not da or not db:
        return 0.0
    return fuzz.ratio(da, db) / 100


if __name__ == "__main__":  # write generic_words.read.csv beside this module
    from pathlib import Path

    target = Path(__file__).with_name(GENERIC_READINGS)
    target.write_text(generic_readings_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")
