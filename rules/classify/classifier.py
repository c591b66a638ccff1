"""Suggest the control entries a goods item may fall under, each with a score and its reasons.

Evidence, combined as a noisy-or so that independent signals add up without passing 1:
* terms: the description against the term index of control texts (weight 0.75 × match score);
* hs: the declared HS code falls under an HS code or prefix that a source correlates with the entry
  (item 16(1) prefixes, item 16(2) chapters, CHPL tiers; exclusions honoured): 0.5. Indicative only;
* eccn: a label shows an ECCN / EU code; entries of the matching ETCO item that also match on terms: 0.35;
* model_number: a model number on a label matches a public part-number scheme: 0.4 on the entry it
  hints at, and its HS code counts as HS evidence at 0.3;
* indicator: the description carries a control marking or military end-use term from the indicator
  list (rad-hard, 5-axis, 軍用, missile …): 0.15 × the term's weight on every entry the terms matched,
  and again on entries of ETCO items 1 (arms) and 4 (missiles) for military end-use terms.
A suggestion is something for an analyst to check, never a classification.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ecgraph.rules.classify.index import TermIndex
from ecgraph.rules.classify.indicators import IndicatorMatcher
from ecgraph.rules.classify.labels import etco_item_for_eccn, model_hints, read_label

__all__ = ["CLASSIFIER_VERSION", "Classifier", "Reason", "Suggestion"]

CLASSIFIER_VERSION = "ecgraph.classify.v1"
WEIGHTS = {"terms": 0.75, "hs": 0.5, "eccn": 0.35, "model_number": 0.4, "model_hs": 0.3, "indicator": 0.15}
MIN_SCORE = 0.12


@dataclass
class Reason:
    kind: str  # terms | hs | eccn | model_number | indicator
    detail: str
    weight: float

    def as_json(self) -> str:
        return json.dumps({"kind": self.kind, "detail": self.detail, "weight": round(self.weight, 4)},
                          ensure_ascii=False)


@dataclass
class Suggestion:
    entry_id: str
    list_id: str
    code: str
    text: str
    score: float
    reasons: list[Reason] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "list": self.list_id, "code": self.code, "text": self.text,
                "score": self.score, "reasons": [json.loads(r.as_json()) for r in self.reasons]}


class Classifier:
    """Built once from the entries and correlations of the latest version of every control list."""

    def __init__(self, entries: Sequence[Mapping[str, Any]], correlations: Sequence[Mapping[str, Any]],
                 indicator_terms: Sequence[Mapping[str, Any]] = ()) -> None:
        self.indicators = IndicatorMatcher(indicator_terms)
        self.entries = {row["id"]: row for row in entries}
        parents = {row.get("parent_id") for row in entries}
        # an item that has sub-items is too broad to suggest; its sub-items carry the meaning
        self.candidates = {eid for eid, row in self.entries.items() if eid not in parents}
        self.correlations = [c for c in correlations if c["entry_id"] in self.entries]
        extra: dict[str, list[str]] = defaultdict(list)
        for corr in self.correlations:
            if corr.get("basis") and corr["source"] != "jp_etco_16_2_text":
                extra[corr["entry_id"]].append(corr["basis"])
        self.index = TermIndex(entries, extra)
        self.by_list_code = {(row["list"], row["code"]): eid for eid, row in self.entries.items()}

    def classify(self, description: str, hs_code: str | None = None, label_texts: Iterable[str] = (),
                 limit: int = 5) -> list[Suggestion]:
        evidence: dict[str, list[Reason]] = defaultdict(list)
        term_hits = {hit.entry_id: hit for hit in self.index.search(description, limit=40)}
        for hit in term_hits.values():
            if hit.entry_id in self.candidates and hit.score > 0:
                shown = ", ".join(self.index.readable_terms(description, hit.matched)[:5])
                evidence[hit.entry_id].append(Reason("terms", f"matching terms: {shown} (match {hit.score:.2f})",
                                                     WEIGHTS["terms"] * hit.score))
        self._indicator_evidence(description, evidence)
        hs_codes = [(_digits(hs_code), WEIGHTS["hs"], "declared")] if hs_code and _digits(hs_code) else []
        for text in label_texts:
            facts = read_label(text)
            hs_codes += [(code, WEIGHTS["hs"], "on the label") for code in facts.hs_codes]
            self._eccn_evidence(facts.eccns, term_hits, evidence)
            hs_codes += self._model_evidence(facts.models, evidence)
        self._hs_evidence(hs_codes, evidence)
        suggestions = [self._suggestion(eid, reasons) for eid, reasons in evidence.items()]
        suggestions = [s for s in suggestions if s.score >= MIN_SCORE]
        suggestions.sort(key=lambda s: (-s.score, -int(self.entries[s.entry_id].get("level") or 1), s.entry_id))
        return suggestions[:limit]

    def _indicator_evidence(self, description: str, evidence: dict[str, list[Reason]]) -> None:
        for hit in self.indicators.find(description):
            if hit.category == "VAGUE_DESCRIPTION":
                continue
            for eid in [e for e, reasons in evidence.items() if any(r.kind == "terms" for r in reasons)]:
                weight = WEIGHTS["indicator"] * hit.weight
                code = self.entries[eid]["code"]
                if (hit.category == "END_USE_MILITARY" and self.entries[eid]["list"] == "jp_etco"
                        and code.startswith(("1(", "4("))):
                    weight *= 2
                evidence[eid].append(Reason("indicator", f"the description says {hit.term!r} ({hit.category})", weight))

    def vague(self, description: str) -> list[str]:
        """Indicator terms that say the description is too vague to classify (only "parts", 部品 …)."""
        return [h.term for h in self.indicators.find(description) if h.category == "VAGUE_DESCRIPTION"]

    def _hs_evidence(self, hs_codes: list[tuple[str, float, str]], evidence: dict[str, list[Reason]]) -> None:
        seen: set[tuple[str, str]] = set()
        for code, weight, where in hs_codes:
            for corr in self.correlations:
                prefix = corr["hs_code"]
                if not code.startswith(prefix) or any(code.startswith(x) for x in corr.get("exclude") or []):
                    continue
                if (corr["entry_id"], prefix) in seen:
                    continue
                seen.add((corr["entry_id"], prefix))
                condition = f"; condition: {corr['condition']}" if corr.get("condition") else ""
                evidence[corr["entry_id"]].append(Reason(
                    "hs", f"HS {code} ({where}) falls under {prefix}, which {corr['source']} correlates with this "
                          f"entry (indicative only){condition}", weight))

    def _eccn_evidence(self, eccns: list[str], term_hits: Mapping[str, Any],
                       evidence: dict[str, list[Reason]]) -> None:
        for eccn in eccns:
            item = etco_item_for_eccn(eccn)
            exact = [eid for (lst, code), eid in self.by_list_code.items() if code == eccn and lst != "jp_etco"]
            for eid in exact:
                evidence[eid].append(Reason("eccn", f"the label shows {eccn}, this entry's code", WEIGHTS["eccn"] + 0.2))
            if item is None:
                continue
            for eid in term_hits:
                row = self.entries[eid]
                if row["list"] == "jp_etco" and eid in self.candidates and (
                        row["code"] == item or row["code"].startswith(f"{item}(") or row["code"].startswith(f"{item}-")):
                    evidence[eid].append(Reason("eccn", f"the label shows {eccn}: its category matches ETCO item {item}",
                                                WEIGHTS["eccn"]))

    def _model_evidence(self, models: list[str], evidence: dict[str, list[Reason]]) -> list[tuple[str, float, str]]:
        hs_codes = []
        for model in models:
            for hint in model_hints():
                if not hint.pattern.match(model):
                    continue
                list_id, _, code = hint.entry_hint.partition(":")
                eid = self.by_list_code.get((list_id, code))
                if eid is not None:
                    evidence[eid].append(Reason("model_number", f"model {model} seen on a label: {hint.family}",
                                                WEIGHTS["model_number"]))
                hs_codes.append((hint.hs_code, WEIGHTS["model_hs"], f"implied by model {model}"))
        return hs_codes

    def _suggestion(self, entry_id: str, reasons: list[Reason]) -> Suggestion:
        remaining = 1.0
        for reason in reasons:
            remaining *= 1.0 - min(reason.weight, 0.95)
        row = self.entries[entry_id]
        return Suggestion(entry_id=entry_id, list_id=row["list"], code=row["code"],
                          text=row.get("text_ja") or row.get("text_en") or "", score=round(1.0 - remaining, 4),
                          reasons=sorted(reasons, key=lambda r: -r.weight))


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())
