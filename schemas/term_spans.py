"""What an indicator term is on tokens (`span` column of indicator_terms.csv; RULES_DATA.md), one vocabulary
for the loader that checks the CSV (ingest/controls) and the matcher that applies it (rules/classify).

A row written before the column existed gets the span its `match` kind meant.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["SPANS", "default_span"]

SPANS = frozenset({"word", "phrase", "prefix", "compound", "pattern", "description"})
_WORD = re.compile(r"\w+")


def default_span(term: str, match: str) -> str:
    """The span of a row without one: its `match` kind, read on tokens of the NFKC-folded term."""
    if match == "regex":
        return "pattern"
    if match == "whole_description":
        return "description"
    if match == "substring":
        return "prefix"
    return "phrase" if len(_WORD.findall(unicodedata.normalize("NFKC", term))) > 1 else "word"
