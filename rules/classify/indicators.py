"""Indicator terms (controls/indicator_terms.csv, read from the graph) seen in a goods description.

Only the categories that speak about goods count here: CONTROL_MARKING (ITAR, rad-hard, 5-axis, 軍用 …)
and END_USE_MILITARY (military, missile, 兵器 …) strengthen the term evidence of a suggestion;
VAGUE_DESCRIPTION (a description that is only "parts", 部品 …) is reported so the analyst asks for
a real description. Each term is matched on token boundaries as its `span` column says (rules/classify/terms.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ecgraph.rules.classify.terms import TermMatcher
from ecgraph.rules.classify.text import normalise

__all__ = ["GOODS_CATEGORIES", "IndicatorHit", "IndicatorMatcher"]

GOODS_CATEGORIES = frozenset({"CONTROL_MARKING", "END_USE_MILITARY", "VAGUE_DESCRIPTION"})


@dataclass(frozen=True)
class IndicatorHit:
    term: str
    category: str
    weight: float


class IndicatorMatcher:
    """The goods categories of the term list, matched on token boundaries as each term's `span` says."""

    def __init__(self, terms: Iterable[Mapping[str, Any]]) -> None:
        self.matcher = TermMatcher(terms, GOODS_CATEGORIES)

    def find(self, description: str) -> list[IndicatorHit]:
        return [IndicatorHit(h.term, h.category, h.weight) for h in self.matcher.find(normalise(description))]
