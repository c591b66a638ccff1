"""Indicator terms matched on token boundaries, never inside a word, in any script.

`indicator_terms.csv` says for every term how it may match (`span` column, RULES_DATA.md):

- `word`: the term is one whole token ("army" fires on "Army unit", not on "Barmy Co."),
- `phrase`: the term is a run of whole tokens ("air force", "MIL-STD"),
- `prefix`: the term starts a token: stems ("оборон" → "оборонный", "航空" → "航空機"),
- `compound`: the term may sit inside a compound word: Japanese/Chinese address parts that names glue on
  ("ライオンズマンション" holds "マンション"); only for such terms,
- `pattern`: the term is a regular expression (its own boundaries),
- `description`: the whole description consists of the term (vague descriptions).

Latin, Cyrillic and other spaced scripts cut tokens at every non-word character. Japanese and Chinese have
no spaces, so their runs are cut at dictionary word boundaries by pykakasi (the segmenter ecgraph already
runs for transliteration): "軍手" (work gloves) is one word and never fires "軍"; "正当防衛" is not "防衛".
A match must begin on a token boundary and, unless it is a prefix, end on one. The `match` column keeps its
case rule: `word_cs` compares case-sensitively (PLA, GRU), everything else ignores case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ecgraph.schemas.term_spans import SPANS, default_span

__all__ = ["SPANS", "TermHit", "TermMatcher", "default_span", "fold", "token_boundaries"]

_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaffー々〆]+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TermHit:
    term: str
    category: str
    weight: float
    span: str
    text: str  # the matched text as written

    def describe(self) -> str:
        return f"{self.category} {self.term!r} ({self.span})"


def fold(text: str) -> str:
    """NFKC (full-width Latin → ASCII, half-width katakana → full-width) with runs of space made one."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@cache
def _kakasi() -> Any:
    import pykakasi  # loads its dictionaries on first use

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]  # pykakasi ships no types


@lru_cache(maxsize=65536)
def _cjk_cuts(run: str) -> tuple[int, ...]:
    """Offsets inside a CJK run where a dictionary word ends."""
    cuts, at = [], 0
    for segment in _kakasi().convert(run):
        at += len(segment["orig"])
        cuts.append(at)
    return tuple(cuts)


@lru_cache(maxsize=65536)
def token_boundaries(text: str) -> frozenset[int]:
    """Every offset of `text` (already folded) where a token starts or ends."""
    bounds: set[int] = {0, len(text)}
    for word in _WORD.finditer(text):
        bounds.update((word.start(), word.end()))
    for run in _CJK_RUN.finditer(text):
        bounds.add(run.start())
        bounds.update(run.start() + cut for cut in _cjk_cuts(run.group()))
    return frozenset(bounds)


@dataclass(frozen=True)
class _Term:
    term: str
    needle: str
    category: str
    weight: float
    span: str
    case_sensitive: bool
    pattern: re.Pattern[str] | None


_FOUND_MAX = 200_000  # texts whose hits a matcher keeps (a batch's distinct names and descriptions)


class TermMatcher:
    """All terms of some categories, ready to find in texts; `find` returns each distinct term once."""

    def __init__(self, terms: Iterable[Mapping[str, Any]], categories: Iterable[str] | None = None) -> None:
        wanted = set(categories) if categories is not None else None
        self._found: dict[str, list[TermHit]] = {}
        self.terms: list[_Term] = []
        for row in terms:
            if wanted is not None and row["category"] not in wanted:
                continue
            term, match = str(row["term"]), str(row.get("match") or "word")
            span = str(row.get("span") or default_span(term, match))
            pattern = re.compile(term, 0 if match == "word_cs" else re.IGNORECASE) if span == "pattern" else None
            case_sensitive = match == "word_cs"
            needle = fold(term) if case_sensitive else fold(term).lower()
            self.terms.append(_Term(term, needle, str(row["category"]), float(row["weight"]), span, case_sensitive,
                                    pattern))

    def find(self, text: str | None) -> list[TermHit]:
        if not text:
            return []
        # names and descriptions recur across declarations (one consignee, one catalogue): find each once
        known = self._found.get(text)
        if known is None:
            if len(self._found) >= _FOUND_MAX:
                self._found.clear()
            known = self._found[text] = self._find(text)
        return list(known)

    def _find(self, text: str) -> list[TermHit]:
        folded = fold(text)
        lowered = folded.lower()
        if len(lowered) != len(folded):  # a few characters change length when lower-cased: keep offsets true
            lowered = folded
        bounds = token_boundaries(folded)
        description = re.sub(r"[\s\.,;:()\-/]+", " ", lowered).strip()
        hits: list[TermHit] = []
        for t in self.terms:
            found = self._find_one(t, folded, lowered, bounds, description)
            if found is not None:
                hits.append(TermHit(t.term, t.category, t.weight, t.span, found))
        return hits

    @staticmethod
    def _find_one(t: _Term, folded: str, lowered: str, bounds: frozenset[int], description: str) -> str | None:
        if t.span == "pattern":
            assert t.pattern is not None
            m = t.pattern.search(folded)
            return m.group() if m else None
        if t.span == "description":
            return folded if description == t.needle.lower() else None
        haystack = folded if t.case_sensitive else lowered
        need_start = t.span != "compound" and t.needle[:1].isalnum()
        need_end = t.span not in ("prefix", "compound") and t.needle[-1:].isalnum()
        start = haystack.find(t.needle)
        while start >= 0:
            end = start + len(t.needle)
            if (not need_start or start in bounds) and (not need_end or end in bounds):
                return folded[start:end]
            start = haystack.find(t.needle, start + 1)
        return None
