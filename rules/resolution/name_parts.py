"""Parts of an organisation name that are evidence of their own: a bracketed acronym and a comma qualifier.

`Harbin Institute of Technology (HIT)`: the bracketed acronym is the initials of the name it follows, which
confirms the name when the other side prints the same acronym or has those initials. `Harbin Institute of
Technology, Shenzhen`: the listed name adds a qualifier after a comma (a campus, a branch, a sub-unit); a
shipper writing only the head name may mean it or its parent, so the head is compared on its own and the
explanation says what the list adds. Both are match features (score.py) with their own explanation lines.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ecgraph.rules.resolution.legal_forms import split_legal_form
from ecgraph.rules.resolution.normalize import MAX_NAME_CHARS, normalize_name

__all__ = ["acronym_fits", "bracketed_acronyms", "comma_qualifier", "initials"]

_ACRONYM = re.compile(r"[(（]\s*([A-Z][A-Z0-9&.\-]{1,11})\s*[)）]")
_INITIAL_SKIP = frozenset({"of", "the", "for", "and", "in", "at", "on", "de", "du", "des", "la", "le"})
_COMMA = re.compile(r"\s*,\s*")


@lru_cache(maxsize=65536)
def bracketed_acronyms(text: str) -> tuple[str, ...]:
    """Acronyms printed in brackets in a name (`(HIT)`, `（CASC）`), in compare shape (`hit`, `casc`)."""
    text = text[:MAX_NAME_CHARS * 2]  # a pasted paragraph: the name is at its start
    return tuple(dict.fromkeys(a for a in (normalize_name(m).replace(" ", "") for m in _ACRONYM.findall(text))
                               if len(a) >= 2))


@lru_cache(maxsize=65536)
def initials(text: str) -> frozenset[str]:
    """The acronyms a name could be abbreviated to: the first letters of its words, with and without its
    function words and legal form (`Harbin Institute of Technology` → hit, hiot), brackets set aside."""
    normalized = normalize_name(_ACRONYM.sub(" ", text[:MAX_NAME_CHARS * 2]))
    found: set[str] = set()
    for words in (normalized.split(), split_legal_form(normalized).core.split()):
        if len(words) >= 2:
            found.add("".join(w[0] for w in words))
            found.add("".join(w[0] for w in words if w not in _INITIAL_SKIP))
    return frozenset(found - {""})


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(char in letters for char in short)


def acronym_fits(acronym: str, text: str) -> bool:
    """Whether `acronym` abbreviates the name `text`: its initials, or most of them in order from the first
    (`CASC` for China Aerospace Science and Technology Corporation skips Technology)."""
    options = initials(text)
    if acronym in options:
        return True
    return len(acronym) >= 3 and any(
        option[0] == acronym[0] and _subsequence(acronym, option) and len(acronym) >= 0.75 * len(option)
        for option in options)


@lru_cache(maxsize=65536)
def comma_qualifier(text: str) -> tuple[str, str] | None:
    """(head, qualifier) of a name that adds words after its last comma which are not a legal form
    (`Harbin Institute of Technology, Shenzhen` → head, `Shenzhen`); None otherwise (`Hitachi, Ltd.`)."""
    parts = _COMMA.split(text[:MAX_NAME_CHARS * 2].strip())
    if len(parts) < 2:
        return None
    head, qualifier = ", ".join(parts[:-1]).strip(), parts[-1].strip(" .")
    normalized = normalize_name(qualifier)
    if not normalized or not normalize_name(head):
        return None
    legal = split_legal_form(normalized)
    if legal.forms and legal.core == normalized and legal.spans:  # only a legal form: `Hitachi, Ltd.`
        return None
    if legal.forms and not legal.core.strip():
        return None
    if split_legal_form(normalize_name(text)).core == split_legal_form(normalize_name(head)).core:
        return None  # the tail was nothing but a legal form after all
    return head, qualifier
