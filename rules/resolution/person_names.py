"""Person names: token order, initials, patronymics and titles.

Lists print `PUTIN, Vladimir Vladimirovich`; a declaration says `Vladimir Putin` or `V. V. Putin`.
Token order is handled by comparing sorted tokens; patronymics (Slavic `-ovich/-evna`, Turkic
`-oglu/-kyzy`) are optional in practice, so a second form without them is compared too; initials are
aligned against the other side's given names; and titles (`mr`, `dr`, `sheikh` …, rigour's list) are
removed as they say nothing about identity.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler
from rigour._core import person_name_prefixes_list

__all__ = ["initials_similarity", "person_forms", "strip_titles"]

_PATRONYMIC = re.compile(
    r"^\w{3,}(ovich|evich|yevich|ovych|evych|ich|ovna|evna|yevna|ivna|ichna|inichna|oglu|ogly|oglou|kyzy|kizi|qizi|uly|uulu)$"
)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(p.casefold() for p in person_name_prefixes_list() if " " not in p)


def strip_titles(core: str) -> str:
    """Drop leading titles (`dr`, `mr`, `haji` …); keep the name if nothing else is left."""
    parts = core.split()
    titles = _titles()
    while len(parts) > 1 and parts[0] in titles:
        parts.pop(0)
    return " ".join(parts)


def person_forms(core: str) -> tuple[str, ...]:
    """The forms of a person's name worth comparing: as given, and without patronymics."""
    core = strip_titles(core)
    parts = core.split()
    without = [p for p in parts if not _PATRONYMIC.match(p)]
    if 0 < len(without) < len(parts):
        return (core, " ".join(without))
    return (core,)


UNEXPLAINED_TOKEN_FACTOR = 0.9


def initials_similarity(a: str, b: str) -> float:
    """Similarity when one side abbreviates given names (`v v putin` ~ `vladimir vladimirovich putin`).

    Every full token of the shorter name must find a close full token on the other side, and every
    initial must be the first letter of a remaining token there; otherwise 0.
    """
    ta, tb = a.split(), b.split()
    if not any(len(t) == 1 for t in ta + tb):
        return 0.0
    if sum(len(t) == 1 for t in ta) < sum(len(t) == 1 for t in tb):
        ta, tb = tb, ta
    full = [t for t in ta if len(t) > 1]
    initials = [t for t in ta if len(t) == 1]
    if not full:
        return 0.0
    remaining = list(tb)
    sims: list[float] = []
    for token in full:
        best = max(remaining, key=lambda other: JaroWinkler.similarity(token, other), default=None)
        if best is None:
            return 0.0
        sim = JaroWinkler.similarity(token, best)
        if sim < 0.88:
            return 0.0
        sims.append(sim)
        remaining.remove(best)
    for initial in initials:
        hit = next((t for t in remaining if t[0] == initial), None)
        if hit is None:
            return 0.0
        remaining.remove(hit)
    # initials carry less evidence than full names: cap below an exact full match; every word of the
    # other name left unexplained counts against (`Ahmed, A` is not `Nawaf Ahmad Alwan al-Rashidi`)
    unexplained = sum(len(t) > 1 for t in remaining)
    return min(sims) * 0.95 * UNEXPLAINED_TOKEN_FACTOR ** unexplained
