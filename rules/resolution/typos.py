"""Typing errors: how far apart two spellings are when one was typed wrong, and keys that find such a spelling.

rapidfuzz's `fuzz.ratio` counts insertions and deletions (the Indel distance): a missing or extra letter costs
one, but two swapped letters (`shihab` / `shiahb`) cost two, though a swap keeps every letter of the name and is
one slip of a typist (Damerau 1964): a swap in a six-letter token leaves 0.83, below any useful threshold, while
an extra letter leaves 0.92. `typo_similarity` charges a swap what `ratio` charges a missing letter, within an
allowance that grows with the length of the shorter spelling (`TYPO_LETTERS_PER_EDIT`: no typo in fewer than six letters, one in six to eleven, two from
twelve; a name of five letters or fewer must be spelt the same, as for spelling variants: `Sysco` is not SISCO)
and only when the words start with the same letters (people rarely mistype a word's first letter; names that
differ there are more often other names: `marex group` is not `umatex group`). Beyond the allowance it is plain
`ratio`. A wrong letter keeps its price of two: it changes the name (`steris` / `sterns`, `evergy` / `energy`),
and charged as one it lifted unlisted company names towards listed ones. Typing errors are made in Latin as
typed: a reading of another script (`マニー` as `manii`) differs from a listed name in its own ways, and the scorer
allows no typos against one.

A token of six letters, the shortest allowed a typo, keeps at most one trigram of its own when typed wrong in the
middle (`shahid` / `shaXid` share only `hid`, common enough to be skipped as a blocking key) and none when its two
middle letters are swapped (`shahid` / `shhaid`): when it is a name's only token the name would never be a
candidate. `deletion_keys` are the symmetric-delete neighbourhood (SymSpell: a spelling without one of its letters)
of six-letter tokens, so two spellings one edit apart (wrong, missing, extra or swapped letter) share a key.
"""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Indel, Levenshtein

__all__ = ["DELETION_KEY_PREFIX", "TYPO_LETTERS_PER_EDIT", "deletion_keys", "deletion_lookups", "typo_allowance",
           "typo_similarity"]

# One typing error allowed per this many letters of the shorter spelling (spaces aside).
TYPO_LETTERS_PER_EDIT = 6
# List tokens indexed by their deletions: the shortest allowed a typo (`index.blocking_keys` gives longer ones a
# trigram that a typo leaves intact).
DELETION_KEY_LETTERS = TYPO_LETTERS_PER_EDIT
DELETION_KEY_PREFIX = "t:"


def typo_allowance(a: str, b: str) -> int:
    """How many typing errors two spellings may differ by and still be one name typed twice."""
    letters = min(len(a) - a.count(" "), len(b) - b.count(" "))
    return letters // TYPO_LETTERS_PER_EDIT


def _initials(form: str) -> list[str]:
    return [token[0] for token in form.split()]


def typo_similarity(a: str, b: str) -> float:
    """`fuzz.ratio` of two spellings (0..1), with two swapped letters costing what a missing one does when the
    words start with the same letters and the errors are within `typo_allowance`."""
    ratio = fuzz.ratio(a, b) / 100
    if a == b or _initials(a) != _initials(b):
        return ratio
    allowed = typo_allowance(a, b)
    if not allowed:
        return ratio
    edits = OSA.distance(a, b, score_cutoff=allowed)
    if edits > allowed:
        return ratio
    # adjacent swaps: what unit Levenshtein charges beyond OSA (a swap is two substitutions to it, one edit to OSA)
    swaps = Levenshtein.distance(a, b) - edits
    if swaps <= 0:
        return ratio
    return max(ratio, 1 - (Indel.distance(a, b) - swaps) / (len(a) + len(b)))


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1:] for i in range(len(token))}


def deletion_keys(token: str) -> set[str]:
    """Index keys of one list token: the token without each of its letters, for tokens of six letters."""
    if len(token) != DELETION_KEY_LETTERS or not token.isalpha():
        return set()
    return {DELETION_KEY_PREFIX + d for d in _deletions(token)}


def deletion_lookups(token: str) -> set[str]:
    """Keys a query token looks up to find six-letter list tokens one typing error away: a token of six letters its
    deletions (a wrong or swapped letter: both lose it), one of seven its deletions as whole tokens (`w:`, an extra
    letter), one of five itself (a missing letter)."""
    if not token.isalpha():
        return set()
    if len(token) == DELETION_KEY_LETTERS:
        return {DELETION_KEY_PREFIX + d for d in _deletions(token)}
    if len(token) == DELETION_KEY_LETTERS + 1:
        return {"w:" + d for d in _deletions(token)}
    if len(token) == DELETION_KEY_LETTERS - 1:
        return {DELETION_KEY_PREFIX + token}
    return set()
