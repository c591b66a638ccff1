"""Classification suggestions: which control entries a goods item may fall under, and why.

Reads control entries and HS correlations through `ecgraph.graph.controls`, builds a term index
(spaCy English lemmas, Japanese character bigrams, a bilingual glossary) and combines term matches,
HS correlations and label evidence into scored, explained suggestions. Never imports `ingest`.
"""

from __future__ import annotations

from ecgraph.rules.classify.classifier import CLASSIFIER_VERSION, Classifier, Reason, Suggestion
from ecgraph.rules.classify.run import ClassifyRun, build_classifier, classify_description, classify_items

__all__ = [
    "CLASSIFIER_VERSION",
    "Classifier",
    "ClassifyRun",
    "Reason",
    "Suggestion",
    "build_classifier",
    "classify_description",
    "classify_items",
]
