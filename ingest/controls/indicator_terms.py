"""Indicator terms of the rule catalogue (`indicator_terms.csv`, and `wmd_risk_goods_terms.csv` for CA-02's
strong-risk goods; both: term, lang, category, weight, match, source, span).

`span` says what a term is on tokens (word, phrase, prefix, compound, pattern, description; RULES_DATA.md).
A file without the column (an older copy) still loads: each row's span is what its `match` kind meant.

Categories and match kinds go through fixed lookups: an unknown one stops the load and names the line.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecgraph.ingest.controls._csv import read_rows
from ecgraph.ingest.controls.records import IndicatorTermRecord
from ecgraph.schemas.errors import SourceError
from ecgraph.schemas.term_spans import SPANS, default_span

__all__ = ["CATEGORIES", "MATCH_KINDS", "SPANS", "default_span", "parse_indicator_terms"]

SOURCE = "indicator_terms_csv"
CATEGORIES = frozenset({
    "MIL_ORG", "INTEL_ORG", "DEF_INDUSTRY_STRUCT", "SECTOR", "CONGLOMERATE", "DEFENCE_UNIVERSITY",
    "INTERMEDIARY", "VAGUE_DESCRIPTION", "RESIDENTIAL_ADDRESS", "CONTROL_MARKING", "END_USE_MILITARY",
    # goods with a strong risk of WMD use, by the End User List's concern type (wmd_risk_goods_terms.csv)
    "WMD_RISK_B", "WMD_RISK_C", "WMD_RISK_M", "WMD_RISK_N",
})
MATCH_KINDS = frozenset({"word", "word_cs", "substring", "regex", "whole_description"})


def _invalid(path: Path, line: int, message: str) -> SourceError:
    return SourceError(message, source=SOURCE, file=str(path), line=line)


def parse_indicator_terms(path: Path) -> list[IndicatorTermRecord]:
    terms = []
    for line, row in read_rows(path, SOURCE, ("term", "lang", "category", "weight", "match", "source"),
                               optional=("span",)):
        if row["category"] not in CATEGORIES:
            raise _invalid(path, line, f"category {row['category']!r} is not one of {sorted(CATEGORIES)}")
        if row["match"] not in MATCH_KINDS:
            raise _invalid(path, line, f"match {row['match']!r} is not one of {sorted(MATCH_KINDS)}")
        span = row.get("span") or default_span(row["term"], row["match"])
        if span not in SPANS:
            raise _invalid(path, line, f"span {span!r} is not one of {sorted(SPANS)}")
        if (span == "pattern") != (row["match"] == "regex"):
            raise _invalid(path, line, f"span {span!r} and match {row['match']!r} disagree: a regex is span 'pattern'")
        try:
            weight = float(row["weight"])
        except ValueError:
            raise _invalid(path, line, f"weight {row['weight']!r} is not a number") from None
        if row["match"] == "regex":
            try:
                re.compile(row["term"])
            except re.error as exc:
                raise _invalid(path, line, f"regex {row['term']!r} does not compile: {exc}") from None
        terms.append(IndicatorTermRecord(term=row["term"], lang=row["lang"], category=row["category"],
                                         weight=weight, match=row["match"], source=row["source"],
                                         span=span))
    return terms
