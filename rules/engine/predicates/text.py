"""MU-01 (military / defence-industrial indicators in party names) and RF-07 (vague descriptions),
driven by the indicator-term list loaded from data/controls/indicator_terms.csv."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.rules.classify.terms import TermMatcher
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node, rel
from ecgraph.rules.engine.shared_reads import declaration_goods, declaration_party_names, indicator_terms

__all__ = ["matches_term", "military_name_indicators", "military_name_indicators_v2", "vague_description"]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=4096)
def _pattern(term: str, match: str) -> re.Pattern[str] | None:
    term = _fold(term)
    if match == "word":
        return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
    if match == "word_cs":
        return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
    if match == "regex":
        return re.compile(term, re.IGNORECASE)
    return None


def matches_term(text: str, term: str, match: str) -> bool:
    """The `match` semantics of indicator_terms.csv (RULES_DATA.md)."""
    text = _fold(text)
    if match == "substring":
        return _fold(term).casefold() in text.casefold()
    if match == "whole_description":
        return text.strip().casefold() == _fold(term).casefold()
    pattern = _pattern(term, match)
    return pattern is not None and pattern.search(text) is not None


def military_name_indicators(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    """MU-01 v1: terms matched by their `match` kind (CJK and Cyrillic terms as substrings)."""
    return _military_names(graph, rule, declarations, tokens=False)


def military_name_indicators_v2(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    """MU-01 v2: terms matched on token boundaries as their `span` says; false-positive context as words."""
    return _military_names(graph, rule, declarations, tokens=True)


def _military_names(graph: Graph, rule: Rule, declarations: list[str], tokens: bool) -> list[dict[str, Any]]:
    params = rule.params
    categories = set(params.get("categories", []))
    terms = [t for t in indicator_terms(graph) if t["category"] in categories]
    matcher = TermMatcher(terms) if tokens else None
    fp_terms = [str(t) for t in params.get("false_positive_context", [])]
    fp_matcher = TermMatcher([{"term": t, "category": "FP", "weight": 0, "match": "word",
                               "span": "prefix" if any(ord(ch) > 0x3000 for ch in t) else None} for t in fp_terms])
    fp_context = [t.casefold() for t in fp_terms]
    strong = set(params.get("strong_categories", []))
    rows = []
    for party in declaration_party_names(graph, declarations, list(params.get("roles", ["CONSIGNEE", "END_USER"]))):
        names = [n for n in [party["name"], party.get("name_latin"), *(party.get("names") or [])] if n]
        best: dict[str, tuple[float, str, str]] = {}
        if matcher is not None:
            for name in names:
                for term_hit in matcher.find(name):
                    if term_hit.weight > best.get(term_hit.category, (0.0, "", ""))[0]:
                        best[term_hit.category] = (term_hit.weight, term_hit.term, name)
        else:
            for term in terms:
                hit = next((n for n in names if matches_term(n, term["term"], term["match"])), None)
                if hit is not None:
                    weight = float(term["weight"])
                    if weight > best.get(term["category"], (0.0, "", ""))[0]:
                        best[term["category"]] = (weight, term["term"], hit)
        if not best:
            continue
        remaining = 1.0
        for weight, _, _ in best.values():
            remaining *= 1.0 - weight
        score = 1.0 - remaining
        if tokens:
            context = sorted({h.term for n in names for h in fp_matcher.find(n)})
        else:
            context = [c for c in fp_context if any(c in n.casefold() for n in names)]
        if context:
            score *= 0.5
        level = None
        if score >= float(params.get("medium_score", 0.6)) or (strong & set(best) and not context):
            level = "MEDIUM"
        elif score >= float(params.get("low_score", 0.3)):
            level = "LOW"
        if level is None:
            continue
        found = ", ".join(f"{cat} {term!r} ({w:g})" for cat, (w, term, _) in sorted(best.items()))
        rows.append({
            "declaration": party["declaration"], "score": round(score, 4), "severity": level,
            "explanation": (f"{party['role'].lower()} {party['name']!r} carries military/defence-industrial name "
                            f"indicators: {found}; score {score:.2f}" + (f" (halved: context {context})" if context else "")
                            + ". A weak signal: never decisive alone."),
            "evidence": evidence([node(party["eid"], "Party", key=party["key"], name=party["name"]),
                                  node(party["declaration_eid"], "Declaration", number=party["declaration"])],
                                 [rel(party["rel_eid"], party["role"], party["declaration_eid"], party["eid"])]),
            "matched": {"party": party["name"], "terms": {c: t for c, (_, t, _) in best.items()}, "score": score},
        })
    return rows


STOP = {"of", "and", "for", "the", "a", "an", "pcs", "pc", "set", "sets", "unit", "units", "kg", "lot", "with", "no"}


def vague_description(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    params = rule.params
    vague_terms = [t for t in indicator_terms(graph) if t["category"] == "VAGUE_DESCRIPTION"]
    vague_words = {str(t["term"]).casefold() for t in vague_terms}
    vague_tokens = {word for phrase in vague_words for word in phrase.split()}  # words of any vague term
    whole_terms = {_fold(str(t["term"])).casefold() for t in vague_terms}  # matches_term's whole_description
    min_tokens = int(params.get("min_informative_tokens", 2))
    sensitive = {str(c) for c in params.get("sensitive_chapters", ["84", "85", "88", "90"])}
    per_declaration: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in declaration_goods(graph, declarations):
        description = _fold(item["description"] or "").casefold()
        tokens = [t for t in re.findall(r"[^\W\d_]+", description) if t not in STOP]
        informative = [t for t in tokens if t not in vague_words and t not in vague_tokens]
        whole = _fold(description).strip().casefold() in whole_terms
        if whole or len(informative) < min_tokens:
            per_declaration[item["declaration"]].append({**item, "informative": informative})
    rows = []
    for number, items in per_declaration.items():
        severity = "MEDIUM" if any((i["hs_code"] or "")[:2] in sensitive for i in items) else "LOW"
        described = "; ".join(f"{i['description']!r} (HS {i['hs_code']})" for i in items[:5])
        rows.append({
            "declaration": number, "score": 0.5 if severity == "MEDIUM" else 0.2, "severity": severity,
            "explanation": f"vague goods description, fewer than {min_tokens} informative words: {described}",
            "evidence": evidence([node(i["item_eid"], "GoodsItem", id=i["item"], hs_code=i["hs_code"], description=i["description"]) for i in items]
                                 + [node(items[0]["declaration_eid"], "Declaration", number=number)]),
            "matched": {"items": [{"description": i["description"], "informative": i["informative"]} for i in items]},
        })
    return rows
