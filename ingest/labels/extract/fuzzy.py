"""Printed keys read with a letter wrong: `5/N:` is `S/N:`, `SERLAL NO` is `SERIAL NO`, `HS C0DE` is `HS CODE`.

A key is evidence of what the value next to it is, not a gate: the value must still pass its own
check (an HS 2022 subheading, a code with a digit, a real country). So a key word one edit away from
a known key (two for long keys), after folding the digit/letter look-alikes OCR confuses, counts.
Only Latin keys are folded. A Japanese key read with one kanji wrong, missing or extra (`型器` for
`型番`, `形:` for `形名:`, `統計品目器号` for `統計品目番号`) counts when every key it is that near to names
the same field: a misread kanji is another character, so only the field's agreement makes it a key.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from ecgraph.ingest.labels.extract.key_words import HEADING_FIELDS, key_words

__all__ = ["KEY_WORDS", "fold", "fuzzy_japanese_key", "fuzzy_key"]

# Key spellings (as labels print them) → the KeyPattern name in patterns.KEYS: the Latin key words of
# `key_words.csv` (three letters or more: a two-letter key one edit away is another key) and these.
_OTHER_KEYS: dict[str, str] = {
    "ECCN": "eccn",
    "COUNTRY OF ORIGIN": "coo",
    "QUANTITY": "qty",
    "DESCRIPTION": "desc",
    "INVOICE NO": "invoice",
    "NET WEIGHT": "net",
    "GROSS WEIGHT": "gross",
}
_LOOKALIKES = str.maketrans("501862|!", "SOIBGZII")
# A key before its colon, or before a dash and the digits of its value (`I.S.CODE-8473.30`), or alone in its box.
_PREFIX = re.compile(
    r"^\s*([A-Za-z0-9/.' ]{2,24}?)\s*(?:[:：]|[\-–—](?=\s*\d))\s*|^\s*([A-Za-z0-9/.' ]{2,24}?)\s*$"
)
# Words, then a code in the same box (`MOCEL NO. AB-1234X`): the code says the words before it may be its key.
_BEFORE_CODE = re.compile(r"^\s*([A-Za-z][A-Za-z.' ]{2,20}?)\s+(?=[A-Za-z0-9\-/]*\d)")
# The first word of a caption in two languages (`Modtle / Ret.` for `Modèle / Réf.`).
_FIRST_OF_TWO = re.compile(r"^\s*([A-Za-z][A-Za-z.' ]{2,20}?)\s*/")
_JA = r"[\u3040-\u30ff\u4e00-\u9fff々ー]"
_JA_PREFIX = re.compile(rf"^\s*({_JA}{{1,8}})\s*[:：]\s*|^\s*({_JA}{{2,8}})\s*$")


def fold(text: str) -> str:
    """Upper case, look-alike digits as letters, no spaces or dots: how two spellings of a key compare."""
    return re.sub(r"[\s.]", "", text.upper().translate(_LOOKALIKES))


KEY_WORDS: dict[str, str] = {
    **{
        word.key: word.field
        for word in key_words()
        if word.field not in HEADING_FIELDS and word.key.isascii() and len(fold(word.key)) >= 3
    },
    **_OTHER_KEYS,
}
_FOLDED = {fold(spelling): name for spelling, name in KEY_WORDS.items()}
_JA_KEYS: dict[str, str] = {
    word.key: word.field
    for word in key_words()
    if word.field not in HEADING_FIELDS and re.fullmatch(f"{_JA}+", word.key)
}


def fuzzy_japanese_key(text: str) -> tuple[int, int, str] | None:
    """(0, end of the key, pattern name) when the box starts with a Japanese key one kanji off (before a
    colon, or the whole box), and every key that near names one field; None otherwise."""
    match = _JA_PREFIX.match(text)
    if not match:
        return None
    word = match.group(1) or match.group(2)
    if word in _JA_KEYS:
        return None  # an exact key is the key patterns' to find
    fields = {
        name
        for key, name in _JA_KEYS.items()
        if Levenshtein.distance(word, key, score_cutoff=1) <= 1 and len(key) > 1
    }
    if len(fields) != 1:
        return None
    return 0, match.end(), fields.pop()


def fuzzy_key(text: str) -> tuple[int, int, str] | None:
    """(0, end of the key, pattern name) when the box starts with a key read slightly wrong (a key before
    a colon, or a box that is only a key); None otherwise or when two keys are equally near."""
    match = _PREFIX.match(text)
    found = (
        _nearest(fold(match.group(1) or match.group(2)), whole_box=match.group(1) is None) if match else None
    )
    if match and found:
        return 0, match.end(), found
    # Without a colon the words must be long enough to tell, as a box that is only a word: before a code
    # (`MOCEL NO. AB-1234X`), or the first of a caption's two languages, its value elsewhere (`Modtle / Ret.`).
    for regex in (_BEFORE_CODE, _FIRST_OF_TWO):
        words = regex.match(text)
        if words and (found := _nearest(fold(words.group(1)), whole_box=True)):
            return 0, words.end(1), found
    return None if match else fuzzy_japanese_key(text)


def _nearest(word: str, *, whole_box: bool) -> str | None:
    """The pattern name of the one key `word` (folded) is a letter or two off, else None. A box that is only
    a word is a key read wrong only when the word is long enough to tell (`TPE`, an airport code, is not
    `TYPE`); before a colon the colon says it is a key."""
    if len(word) < 2:
        return None
    best: list[tuple[int, str]] = []
    for folded, name in _FOLDED.items():
        allowed = 0 if len(folded) <= 4 or (whole_box and len(word) < 5) else 1 if len(folded) <= 8 else 2
        distance = Levenshtein.distance(word, folded, score_cutoff=allowed)
        if distance <= allowed:
            best.append((distance, name))
    if not best:
        return None
    best.sort()
    if len(best) > 1 and best[0][0] == best[1][0] and best[0][1] != best[1][1]:
        return None
    return best[0][1]
