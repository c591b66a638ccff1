"""Link parcels to the small-parcel (ECM) declarations they were declared on.

First by tracking number, which the declaration carries (`tracking_number`): an exact link, score 1.
A parcel whose number no declaration carries falls back to evidence: an unlinked ECM declaration dated
0-`window_days` after the order whose consignee is the recipient (name scored by the resolution
matcher, `rules.resolution.name_similarity`), at the ship-to address, to the ship-to country, with
goods described like the order's titles. Each piece of evidence has a weight (`WEIGHTS`); a pair that
reaches `threshold` links, best pairs first, one declaration per parcel. The link keeps its score and
an explanation listing each piece of evidence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz

from ecgraph.graph.connection import Graph
from ecgraph.graph.ecommerce import (
    declarations_by_tracking,
    link_candidates,
    parcels_to_link,
    write_parcel_links,
)
from ecgraph.rules.resolution import name_similarity, normalize_name, prepare_name

__all__ = ["LINKER_VERSION", "WEIGHTS", "ParcelLinkReport", "link_parcels", "score_pair"]

LINKER_VERSION = "ecgraph.parcel_link.v1"
WEIGHTS = {"name": 0.35, "address": 0.3, "country": 0.1, "goods": 0.15, "date": 0.1}
THRESHOLD = 0.72
WINDOW_DAYS = 14


@dataclass
class ParcelLinkReport:
    parcels: int
    by_tracking: int
    by_evidence: int
    unlinked: int


def _text(value: str | None) -> str:
    return normalize_name(value or "") or ""


def score_pair(parcel: dict[str, Any], declaration: dict[str, Any]) -> tuple[float, list[str]]:
    """The evidence score of (parcel, declaration) in [0, 1] and one phrase per piece of evidence."""
    names = [n for n in (prepare_name(parcel.get("recipient") or ""), prepare_name(parcel.get("buyer") or "")) if n]
    consignee = prepare_name(declaration.get("consignee") or "")
    name = name_similarity(names, [consignee]).similarity if names and consignee else 0.0
    address = fuzz.token_set_ratio(_text(parcel.get("address")), _text(declaration.get("address"))) / 100
    country = 1.0 if parcel.get("country") == declaration.get("country") else 0.0
    titles = " ".join(parcel.get("titles") or [])
    goods = max((fuzz.token_set_ratio(_text(titles), _text(d)) / 100 for d in declaration.get("descriptions") or []),
                default=0.0)
    days = (date.fromisoformat(declaration["date"]) - date.fromisoformat(parcel["date"])).days
    closeness = max(0.0, 1 - max(days, 0) / WINDOW_DAYS)
    parts = {"name": name, "address": address, "country": country, "goods": goods, "date": closeness}
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    why = [f"consignee {declaration.get('consignee')!r} ~ recipient {parcel.get('recipient')!r} ({name:.2f})",
           f"address {address:.2f}", f"country {'same' if country else 'differs'} ({declaration.get('country')})",
           f"goods {goods:.2f}", f"declared {days} days after the order"]
    return round(score, 4), why


def link_parcels(graph: Graph, *, relink: bool = False, threshold: float = THRESHOLD) -> ParcelLinkReport:
    """Link every parcel without a declaration (all parcels with `relink`); returns the counts."""
    parcels = parcels_to_link(graph, relink=relink)
    if not parcels:
        return ParcelLinkReport(0, 0, 0, 0)
    exact = declarations_by_tracking(graph, [p["tracking_number"] for p in parcels])
    rows = [{"tracking_number": t, "number": n, "method": "tracking_number", "score": 1.0,
             "explanation": f"declaration {n} carries tracking number {t}"} for t, n in exact.items()]
    if rows:
        write_parcel_links(graph, rows)
    rest = [p for p in parcels if p["tracking_number"] not in exact]
    fallback = _link_by_evidence(graph, rest, threshold) if rest else []
    if fallback:
        write_parcel_links(graph, fallback)
    return ParcelLinkReport(len(parcels), len(rows), len(fallback), len(parcels) - len(rows) - len(fallback))


def _link_by_evidence(graph: Graph, parcels: list[dict[str, Any]], threshold: float) -> list[dict[str, Any]]:
    start = min(p["date"] for p in parcels)
    end = (date.fromisoformat(max(p["date"] for p in parcels)) + timedelta(days=WINDOW_DAYS)).isoformat()
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for candidate in link_candidates(graph, start, end):
        by_day[candidate["date"]].append(candidate)
    pairs: list[tuple[float, str, str, list[str]]] = []
    for parcel in parcels:
        first = date.fromisoformat(parcel["date"])
        for offset in range(WINDOW_DAYS + 1):
            for candidate in by_day.get((first + timedelta(days=offset)).isoformat(), []):
                if candidate.get("tracking_number") and candidate["tracking_number"] != parcel["tracking_number"]:
                    continue  # that declaration names another parcel
                score, why = score_pair(parcel, candidate)
                if score >= threshold:
                    pairs.append((score, parcel["tracking_number"], candidate["number"], why))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    taken_parcels: set[str] = set()
    taken_declarations: set[str] = set()
    rows = []
    for score, tracking, number, why in pairs:
        if tracking in taken_parcels or number in taken_declarations:
            continue
        taken_parcels.add(tracking)
        taken_declarations.add(number)
        rows.append({"tracking_number": tracking, "number": number, "method": "evidence", "score": score,
                     "explanation": f"no declaration carries tracking number {tracking}; evidence score {score:.2f} "
                                    f"≥ {threshold}: " + "; ".join(why)})
    return rows
