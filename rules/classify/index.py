"""The term index: control entries as feature sets (English lemmas, Japanese bigrams, glossary
bridges), weighted by inverse document frequency, searched with a goods description.

An entry's text is its own text plus its parent's (a sub-sub-item such as 防爆構造のもの means little
without ロボット above it) and the `basis` of any HS correlation that points at it (the English
descriptions of item 16(1) and of the CHPL tiers).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ecgraph.rules.classify.glossary import Glossary, load_glossary
from ecgraph.rules.classify.text import en_features, en_lemmas, is_japanese, ja_features, matched_terms

__all__ = ["TermHit", "TermIndex", "text_features"]


def text_features(text_ja: str | None, text_en: str | None, glossary: Glossary) -> set[str]:
    """Every feature of a text pair, with the glossary bridging English and Japanese both ways."""
    features: set[str] = set()
    if text_ja:
        features.update(ja_features(text_ja))
        features.update(glossary.from_japanese(text_ja))
    if text_en:
        features.update(en_features(text_en))
        features.update(glossary.from_english(en_lemmas(text_en)))
    return features


@dataclass
class TermHit:
    entry_id: str
    score: float  # in [0, 1]
    matched: list[str]  # the features both sides share, most informative first


class TermIndex:
    def __init__(self, entries: Iterable[Mapping[str, Any]], extra_text: Mapping[str, list[str]] | None = None,
                 glossary: Glossary | None = None) -> None:
        self.glossary = glossary or load_glossary()
        rows = list(entries)
        by_id = {row["id"]: row for row in rows}
        extra = extra_text or {}
        self.docs: dict[str, set[str]] = {}
        for row in rows:
            parent = by_id.get(row.get("parent_id") or "")
            features = text_features(row.get("text_ja"), row.get("text_en"), self.glossary)
            if parent is not None and parent.get("level", 1) > 1:
                features |= text_features(parent.get("text_ja"), None, self.glossary)
            for text in extra.get(row["id"], []):
                features |= text_features(None, text, self.glossary)
            self.docs[row["id"]] = features
        self.postings: dict[str, list[str]] = defaultdict(list)
        for entry_id, features in self.docs.items():
            for feature in features:
                self.postings[feature].append(entry_id)
        total = len(self.docs) or 1
        self.idf = {f: math.log((total + 1) / (len(ids) + 0.5)) for f, ids in self.postings.items()}
        weights = sorted(self.idf.values()) or [1.0]
        self.median_idf = weights[len(weights) // 2]
        self.doc_weight = {eid: sum(self.idf[f] for f in feats) or 1.0 for eid, feats in self.docs.items()}

    def query_features(self, description: str) -> set[str]:
        """Japanese descriptions read as Japanese (Latin words inside become English); others as English."""
        if is_japanese(description):
            return text_features(description, None, self.glossary)
        return text_features(None, description, self.glossary)

    def readable_terms(self, description: str, matched: list[str]) -> list[str]:
        """The matched features of a hit as the words they came from: the description's own, or the
        Japanese glossary terms an English description was bridged to."""
        texts = [description]
        if not is_japanese(description):
            lemmas = " " + " ".join(lemma or "|" for lemma in en_lemmas(description)) + " "
            texts += [term.ja for term in self.glossary.terms if f" {term.en} " in lemmas]
        return matched_terms(matched, texts)

    def search(self, description: str, limit: int = 20) -> list[TermHit]:
        all_features = self.query_features(description)
        query = {f for f in all_features if f in self.idf}
        if not query:
            return []
        # words the control texts never use still count against coverage (at the median weight), so
        # one shared bigram of a longer word (ドローン ~ ロータ) is not a full match
        unknown = len(all_features - query)
        query_weight = sum(self.idf[f] for f in query) + unknown * self.median_idf
        matched: dict[str, list[str]] = defaultdict(list)
        for feature in query:
            for entry_id in self.postings[feature]:
                matched[entry_id].append(feature)
        scored = []
        for entry_id, features in matched.items():
            weight = sum(self.idf[f] for f in features)
            coverage = weight / query_weight
            specificity = weight / self.doc_weight[entry_id]
            scored.append((round(0.7 * coverage + 0.3 * specificity, 4), entry_id, features))
        scored.sort(key=lambda h: (-h[0], h[1]))
        # only the hits returned need their features ranked (most of the time goes there otherwise)
        return [TermHit(entry_id, score, sorted(features, key=lambda f: (-self.idf[f], f)))  # ties by name: stable output
                for score, entry_id, features in scored[:limit]]
