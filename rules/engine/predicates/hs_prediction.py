"""CL-03 version 2: an HS code inconsistent with the goods description (misdeclaration).

The HS code is predicted from the description with the same term index the e-commerce titles use
(`rules.ecommerce.items.build_hs_index`: HS 2022 subheading texts, the control-list texts that cite HS
codes, marketplace words; English lemmas, Japanese bigrams, glossary), plus public part-number schemes
(`rules/classify/model_hints.csv`: a part number such as XC7K325T implies HS 8542.39). The alert fires when
the prediction is confident (≥ `min_confidence`), its chapter differs from the declared one and the declared
code scores far below it; MEDIUM, HIGH when the predicted code is CHPL or 16(1) and the declared is not. The
confidence and the terms or part number behind it are kept in the alert: a prediction is not a
classification.
"""

from __future__ import annotations

import re
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.rule_inputs import hs_flags
from ecgraph.rules.classify import build_classifier
from ecgraph.rules.classify.index import TermHit
from ecgraph.rules.classify.labels import ModelHint, model_hints
from ecgraph.rules.ecommerce.items import build_hs_index
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node
from ecgraph.rules.engine.shared_reads import declaration_facts, once_per_run

__all__ = ["hs_misdeclaration"]

_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9\-]{4,}")


def hs_misdeclaration(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    params = rule.params
    min_confidence = float(params.get("min_confidence", 0.6))
    margin = float(params.get("declared_below", 0.5))  # the declared code scores under margin × the prediction
    model_confidence = float(params.get("model_number_confidence", 0.9))
    facts = declaration_facts(graph, declarations)
    if not facts:
        return []
    # the index, a description's hits and a code's flags do not change within a run: each is made once
    index = once_per_run("hs_index", lambda: build_hs_index(graph, build_classifier(graph)))
    read: dict[str, tuple[tuple[str, float, str] | None, dict[str, TermHit]]] = once_per_run(
        ("hs_index_reads", min_confidence, model_confidence), dict)
    flags: dict[str, str] = once_per_run("hs_flags", dict)

    def flag(code: str) -> str:
        if code not in flags:
            flags[code] = " and ".join(hs_flags(graph, code))
        return flags[code]

    hints = model_hints()
    rows = []
    for fact in facts:
        for item in fact["items"]:
            declared, text = str(item["hs_code"] or ""), str(item["description"] or "")
            if len(declared) < 6 or not text:
                continue
            if text not in read:  # a description recurs on many items: read it once a run
                read[text] = _read_description(text, index.search(text, limit=50), hints, min_confidence,
                                               model_confidence)
            prediction, scores = read[text]
            if prediction is None:
                continue
            code, confidence, via = prediction
            declared_hit = scores.get(declared[:6])
            if code[:2] == declared[:2] or (declared_hit and declared_hit.score >= margin * confidence):
                continue
            predicted_flag = flag(code)
            declared_flag = flag(declared)
            high = bool(predicted_flag) and not declared_flag
            rows.append({
                "declaration": fact["declaration"],
                "severity": "HIGH" if high else "MEDIUM",
                "score": round(confidence, 4),
                "explanation": (f"declared HS {declared} (chapter {declared[:2]}) but the description {text!r} reads "
                                f"as HS {code} (chapter {code[:2]}; {via}; prediction confidence {confidence:.2f})"
                                + (f"; the predicted code is {predicted_flag}, the declared one is not" if high else "")
                                + ". A prediction is not a classification."),
                "evidence": evidence([node(item["eid"], "GoodsItem", id=item["item"], hs_code=declared, description=text),
                                      node(fact["declaration_eid"], "Declaration", number=fact["declaration"])]),
                "matched": {"item": item["item"], "declared_hs": declared, "predicted_hs": code,
                            "confidence": confidence, "via": via, "predicted_flag": predicted_flag},
            })
    return rows


def _read_description(text: str, hits: list[TermHit], hints: list[ModelHint], min_confidence: float,
                      model_confidence: float) -> tuple[tuple[str, float, str] | None, dict[str, TermHit]]:
    """(the predicted code with its confidence and why, or None; the hits by code) for one description:
    a part number that names its family wins, else the top term hit when it is confident enough."""
    prediction: tuple[str, float, str] | None = None
    for token in _TOKEN.findall(text.upper()):
        hint = next((h for h in hints if h.pattern.match(token)), None)
        if hint is not None:
            prediction = (hint.hs_code, model_confidence, f"part number {token}: {hint.family}")
            break
    if prediction is None and hits and hits[0].score >= min_confidence:
        top = hits[0]
        prediction = (top.entry_id, top.score, "terms: " + ", ".join(top.matched[:5]))
    return prediction, {h.entry_id: h for h in hits}
