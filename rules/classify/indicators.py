"""Indicator terms (controls/indicator_terms.csv, read from the graph) seen in a goods description.

Only the categories that speak about goods count here: CONTROL_MARKING (ITAR, rad-hard, 5-axis, 軍用 …)
and END_USE_MILITARY (military, missile, 兵器 …) strengthen the term evidence of a suggestion;
VAGUE_DESCRIPTION (a description that is only "parts", 部品 …) is reported so the analyst asks for
a real description. Each term is matched the way its `match` column says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ecgraph.rules.classify.text import normalise

__all__ = ["GOODS_CATEGORIES", "IndicatorHit", "IndicatorMatcher"]

GOODS_CATEGORIES = frozenset({"CONTROL_MARKING", "END_USE_MILITARY", "VAGUE_DESCRIPTION"})


@dataclass(frozen=True)
class IndicatorHit:
    term: str
    category: str
    weight: float


class IndicatorMatcher:
    def __init__(self, terms: Iterable[Mapping[str, Any]]) -> None:
        self.rules: list[tuple[re.Pattern[str] | None, str, str, float, str]] = []
        for row in terms:
            if row["category"] not in GOODS_CATEGORIES:
                continue
            term, kind = str(row["term"]), str(row["match"])
            pattern: re.Pattern[str] | None
            if kind == "word":
                pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
            elif kind == "word_cs":
                pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
            elif kind == "substring":
                pattern = re.compile(re.escape(term), re.IGNORECASE)
            elif kind == "regex":
                pattern = re.compile(term, re.IGNORECASE)
            else:  # whole_description: compared after normalising, below
                pattern = None
            self.rules.append((pattern, term, str(row["category"]), float(row["weight"]), kind))

    def find(self, description: str) -> list[IndicatorHit]:
        text = normalise(description)
        bare = re.sub(r"[\s\.,;:()\-/]+", " ", text).strip().lower()
        hits = []
        for pattern, term, category, weight, kind in self.rules:
            if pattern is not None and pattern.search(text) or kind == "whole_description" and bare == term.lower():
                hits.append(IndicatorHit(term, category, weight))
        return hits
