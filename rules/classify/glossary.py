"""A small hand-made English ↔ Japanese glossary of technical terms (glossary.csv beside this file).

The Export Trade Control Order is Japanese only and most descriptions on English invoices are English,
so the term index needs a bridge: an ETCO entry whose text contains 集積回路 also answers to
"integrated circuit" / "microcontroller", and an English CHPL or EU entry that says "oscilloscope"
answers to オシロスコープ. Each row was written from the ETCO texts (its note names the item).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ecgraph.rules.classify.text import en_lemmas, ja_features, normalise

__all__ = ["Glossary", "load_glossary"]


@dataclass(frozen=True)
class GlossaryTerm:
    en: str  # lemmatised phrase, space-joined
    ja: str  # NFKC-normalised Japanese term


class Glossary:
    def __init__(self, terms: list[GlossaryTerm]) -> None:
        self.terms = terms

    def from_japanese(self, text: str) -> list[str]:
        """English features for each glossary term whose Japanese appears in `text`."""
        norm = normalise(text)
        out: list[str] = []
        for term in self.terms:
            if term.ja in norm:
                out.append(f"en:{term.en}")
                out.extend(f"en:{w}" for w in term.en.split() if " " in term.en)
        return out

    def from_english(self, lemmas: list[str | None]) -> list[str]:
        """Japanese features for each glossary term whose English phrase appears in the lemma sequence."""
        joined = " " + " ".join(lemma or "|" for lemma in lemmas) + " "
        out: list[str] = []
        for term in self.terms:
            if f" {term.en} " in joined:
                out.extend(ja_features(term.ja))
        return out


@cache
def load_glossary() -> Glossary:
    text = (resources.files("ecgraph.rules.classify") / "glossary.csv").read_text(encoding="utf-8")
    terms = []
    for row in csv.DictReader(io.StringIO(text)):
        lemmas = [lemma for lemma in en_lemmas(row["en"]) if lemma]
        if lemmas:
            terms.append(GlossaryTerm(en=" ".join(lemmas), ja=normalise(row["ja"])))
    return Glossary(terms)
