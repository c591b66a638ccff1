"""Run the classifier against the graph: one description (the CLI) or every goods item (after ingest)."""

from __future__ import annotations

from dataclasses import dataclass

from ecgraph.graph.connection import Graph
from ecgraph.graph.controls import (
    delete_suggestions,
    read_correlations,
    read_entries,
    read_goods_items,
    read_indicator_terms,
    write_suggestions,
)
from ecgraph.rules.classify.classifier import CLASSIFIER_VERSION, Classifier, Suggestion
from ecgraph.schemas.errors import EcgraphError

__all__ = ["ClassifyRun", "build_classifier", "classify_description", "classify_items"]


@dataclass
class ClassifyRun:
    items: int
    items_with_suggestions: int
    suggestions: int
    classifier_version: str = CLASSIFIER_VERSION


def build_classifier(graph: Graph) -> Classifier:
    entries = read_entries(graph)
    if not entries:
        raise EcgraphError("no control lists are loaded, so there is nothing to suggest. "
                           "Run `ecgraph ingest controls` first.")
    return Classifier(entries, read_correlations(graph), read_indicator_terms(graph))


def classify_description(graph: Graph, description: str, hs_code: str | None = None,
                         limit: int = 5) -> list[Suggestion]:
    return build_classifier(graph).classify(description, hs_code, limit=limit)


def classify_items(graph: Graph, limit: int = 3, batch: int = 500) -> ClassifyRun:
    """Suggest controls for every GoodsItem and write them as SUGGESTED_CONTROL, replacing old suggestions."""
    classifier = build_classifier(graph)
    items = read_goods_items(graph)
    total, with_any = 0, 0
    for start in range(0, len(items), batch):
        chunk = items[start:start + batch]
        rows = []
        for item in chunk:
            suggestions = classifier.classify(item.get("description") or "", item.get("hs_code"),
                                              item.get("label_texts") or [], limit=limit)
            with_any += bool(suggestions)
            rows += [{"item_id": item["id"], "entry_id": s.entry_id, "score": s.score, "rank": rank,
                      "reasons": [r.as_json() for r in s.reasons], "classifier_version": CLASSIFIER_VERSION}
                     for rank, s in enumerate(suggestions, start=1)]
        delete_suggestions(graph, [item["id"] for item in chunk])
        write_suggestions(graph, rows)
        total += len(rows)
    return ClassifyRun(items=len(items), items_with_suggestions=with_any, suggestions=total)
