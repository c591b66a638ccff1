"""Phonetic skeletons: the consonant outline of a Latin name, for matching across scripts and spellings.

Arabic writes no short vowels, Japanese katakana adds vowels English does not have, and
transliteration schemes disagree on consonants (`kh`/`h`, `v`/`w`, `j`/`dzh`, `l`/`r` for Japanese).
A skeleton keeps the consonant classes in order and drops vowels and doubled letters, so
`muhammad`, `mohamed` and Arabic `محمد` (→ `mhmd`) all become `MMT`; `vladimir` and katakana
`urajiimiru` meet at `RTMR`/`RJMR` closely enough for the scorer. It is used as a blocking key and as
a second comparison form when either side was transliterated, never alone to declare a match.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["skeleton", "skeleton_token", "spelling_key"]

# Multi-letter spellings first, then single letters → class. Vowels and h, w, y → "" (not written
# in Arabic, inserted by katakana, spelled every which way in romanisations).
_DIGRAPHS = (
    ("tch", "T"), ("sch", "S"), ("dzh", "T"), ("zh", "S"), ("sh", "S"), ("ch", "T"), ("kh", "K"),
    ("gh", "K"), ("ph", "B"), ("th", "T"), ("dh", "T"), ("ts", "S"), ("tz", "S"), ("ck", "K"),
    ("qu", "K"), ("x", "KS"),
)
_LETTERS = {
    "b": "B", "p": "B", "v": "B", "f": "B",
    "d": "T", "t": "T", "j": "T",
    "g": "K", "k": "K", "q": "K", "c": "K",
    "s": "S", "z": "S",
    "l": "R", "r": "R",
    "m": "M", "n": "N",
}
_DIGRAPH_RE = re.compile("|".join(d for d, _ in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)


@lru_cache(maxsize=262144)
def skeleton_token(token: str) -> str:
    """Consonant-class outline of one lower-case ASCII token; digits are kept as they are."""
    token = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group(0)], token)
    out: list[str] = []
    for char in token:
        cls = char if char.isupper() or char.isdigit() else _LETTERS.get(char, "")
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)


def skeleton(latin: str) -> str:
    """Skeleton of a whole Latin name, token by token (empty tokens dropped)."""
    return " ".join(s for s in (skeleton_token(t) for t in latin.split()) if s)


# Romanisations of one name differ in a few regular ways (`kh`/`h`, `y`/`i`, `w`/`v`, `c`/`k`/`q`, `ou`/`oo`/`u`,
# `ee`/`i`, `dj`/`dzh`/`j`, `ts`/`tz`, `sh`/`ch`, `x`/`ks`, doubled letters, the article `el`/`al`). The spelling
# key writes each of them one way and keeps the vowels, so unlike the skeleton it tells `sofura` from `super`.
_SPELLINGS = (("dzh", "j"), ("dj", "j"), ("tch", "ch"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("ch", "sh"),
              ("tz", "ts"), ("x", "ks"), ("q", "k"), ("c", "k"), ("w", "v"), ("y", "i"), ("ee", "i"), ("oo", "u"),
              ("ou", "u"))
_SPELLING_RE = re.compile("|".join(a for a, _ in _SPELLINGS))
_SPELLING_MAP = dict(_SPELLINGS)
_DOUBLE = re.compile(r"([a-z])\1+")


# v17: the diphthong `ow` / `au` (Mowlawi / Maulawi, Owng / Aung), the spellings of Muhammad (Mohamed, Mohammad,
# Mukhammad, Muhamed) and the Arabic `Abd al-` written as one word or two (Abdul / Abd al / Abdel / Abdol).
# Only before a consonant: `ow` before a vowel or ending a word is the Polish and German `ov` (Tsariow, Banowic).
_DIPHTHONG = re.compile("ow(?=[bcdfghjklmnpqrstvxz])")
_MUHAMMAD = re.compile(r"m[ou]ham[ae]d")
_ABD_AL = re.compile(r"\babd ?[aeou]l\b")


@lru_cache(maxsize=262144)
def spelling_key(latin: str) -> str:
    """One spelling of a lower-case ASCII name for its common romanisation variants (`djamil tzunaewa` and
    `jamil tsunaeva` are both `jamil tsunaeva`; `al` stands for the article `el`; `mohamed` and `muhammad` are one
    name, and so are `abdul` and `abd al`)."""
    tokens = []
    for token in latin.split():
        token = _SPELLING_RE.sub(lambda m: _SPELLING_MAP[m.group(0)], _DIPHTHONG.sub("au", token))
        token = _DOUBLE.sub(r"\1", token)
        token = "muhamad" if _MUHAMMAD.fullmatch(token) else token
        tokens.append("al" if token == "el" else token)
    return _ABD_AL.sub("abdal", " ".join(tokens))
