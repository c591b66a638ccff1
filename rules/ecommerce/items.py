"""Marketplace item titles → HS candidates and control entries, through the classifier we have.

A title such as "FPV drone flight controller F7" is matched by the classifier's term index
(`rules.classify.index.TermIndex`, the same English lemmas, Japanese bigrams and glossary) against the
HS 2022 subheading texts and the texts the control lists attach to HS codes (CHPL tiers, item 16
prefixes) and marketplace words for them (`marketplace_hs_terms.csv`): the best HS-6 becomes `CANDIDATE_HS`. That code, with the brand and model as label text
(part-number schemes), then goes to `Classifier.classify`, whose suggestions — e.g. CHPL tier 3.B by the
HS correlation — become `CANDIDATE_CONTROL`. Candidates are for the analyst and the rules, never a
classification.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.controls import read_hs_codes
from ecgraph.graph.ecommerce import order_items_to_classify, write_item_candidates
from ecgraph.rules.classify import CLASSIFIER_VERSION, Classifier, build_classifier
from ecgraph.rules.classify.index import TermIndex

__all__ = ["HS_MIN_SCORE", "ItemReport", "build_hs_index", "classify_order_items", "item_candidates"]

HS_MIN_SCORE = 0.3


@dataclass
class ItemReport:
    items: int
    with_hs: int
    with_controls: int


@cache
def marketplace_terms() -> dict[str, list[str]]:
    """HS-6 → the words marketplaces use for such goods (marketplace_hs_terms.csv, with the reason)."""
    text = resources.files("ecgraph.rules.ecommerce").joinpath("marketplace_hs_terms.csv").read_text(encoding="utf-8")
    found: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader(text.splitlines()):
        found[row["hs_code"]] += [t.strip() for t in row["terms"].split(";") if t.strip()]
    return dict(found)


def build_hs_index(graph: Graph, classifier: Classifier) -> TermIndex:
    """One document per HS-6 code: its nomenclature text, every control-list text that cites it, and the
    words marketplaces use for it (titles rarely speak the nomenclature's language)."""
    texts: dict[str, list[str]] = defaultdict(list)
    for code, terms in marketplace_terms().items():
        texts[code] += terms
    for row in read_hs_codes(graph):
        if len(row["code"]) == 6:
            texts[row["code"]].append(row["description"])
    for corr in classifier.correlations:
        if len(corr["hs_code"]) == 6 and corr.get("basis"):
            texts[corr["hs_code"]].append(str(corr["basis"]))
    return TermIndex([{"id": code, "text_en": " ; ".join(parts)} for code, parts in texts.items()])


def item_candidates(classifier: Classifier, hs_index: TermIndex, item: dict[str, Any]) -> dict[str, Any]:
    """{item, hs: [{code, score, via}], controls: [{entry, score, rank, reasons}]} for one order item."""
    text = " ".join(str(item[k]) for k in ("title", "brand", "model") if item.get(k))
    hs: list[dict[str, Any]] = [{"code": hit.entry_id, "score": hit.score, "via": "terms: " + ", ".join(hit.matched[:5])}
          for hit in hs_index.search(text, limit=3) if hit.score >= HS_MIN_SCORE]
    labels = [str(item["model"])] if item.get("model") else []
    suggestions = classifier.classify(text, hs[0]["code"] if hs else None, labels, limit=3)
    controls = [{"entry": s.entry_id, "score": s.score, "rank": rank, "reasons": [r.as_json() for r in s.reasons]}
                for rank, s in enumerate(suggestions, start=1)]
    return {"item": item["id"], "hs": hs, "controls": controls, "classifier_version": CLASSIFIER_VERSION}


def classify_order_items(graph: Graph, *, all_items: bool = False, batch: int = 500) -> ItemReport:
    """Write HS and control candidates of every order item not classified yet (all with `all_items`)."""
    items = order_items_to_classify(graph, all_items)
    if not items:
        return ItemReport(0, 0, 0)
    classifier = build_classifier(graph)
    hs_index = build_hs_index(graph, classifier)
    cache: dict[tuple[str, str, str], dict[str, Any]] = {}  # marketplaces repeat titles: classify each once
    rows = []
    for item in items:
        key = (item.get("title") or "", item.get("brand") or "", item.get("model") or "")
        if key not in cache:
            cache[key] = item_candidates(classifier, hs_index, item)
        rows.append({**cache[key], "item": item["id"]})
    for start in range(0, len(rows), batch):
        write_item_candidates(graph, rows[start:start + batch])
    return ItemReport(len(rows), sum(bool(r["hs"]) for r in rows), sum(bool(r["controls"]) for r in rows))
