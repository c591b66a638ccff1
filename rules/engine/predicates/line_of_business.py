"""RF-11 version 2: goods that do not fit the consignee's line of business, read from its declared history.

The catalogue takes the line of business from a registry industry code or from the consignee's past
declared HS profile. No registry source is loaded, so version 2 uses the profile: a consignee with at
least `min_prior` earlier declarations in the trailing `history_days`, none of them in the current goods'
chapter nor in any technical chapter (`technical_chapters`: machinery, electronics, aircraft, instruments),
now receives CHPL tier 1-2 or 16(1) goods → MEDIUM. A textile or food importer buying FPGAs fits; a
machinery dealer buying bearings does not.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node
from ecgraph.rules.engine.shared_reads import consignee_history, declaration_facts

__all__ = ["goods_outside_profile"]


def _day(value: Any) -> int:
    return (value if isinstance(value, date) else date.fromisoformat(str(value)[:10])).toordinal()


def goods_outside_profile(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    params = rule.params
    min_prior = int(params.get("min_prior", 2))
    window = int(params.get("history_days", 365))
    technical = {str(c) for c in params.get("technical_chapters", ["84", "85", "88", "90"])}
    tiers = {str(t) for t in params.get("tiers", ["1", "2"])}
    # only a consignee now receiving tier 1-2 or 16(1) goods can raise the alert: only its history is read
    candidates = []
    for fact in declaration_facts(graph, declarations):
        goods = [i for i in fact["items"] if str(i["chpl_tier"]) in tiers or i["catchall"]]
        consignee = next((p for p in fact["parties"] if p["role"] == "CONSIGNEE"), None)
        if goods and consignee is not None:
            candidates.append((fact, goods, consignee))
    history: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in consignee_history(graph, [consignee["key"] for _, _, consignee in candidates]):
        history[row["consignee"]].append({**row, "day": _day(row["date"])})
    dates = {row["declaration"]: row["day"] for rows in history.values() for row in rows}
    rows = []
    for fact, goods, consignee in candidates:
        if fact["declaration"] not in dates:
            continue
        today = dates[fact["declaration"]]
        prior = [h for h in history[consignee["key"]] if today - window <= h["day"] < today]
        if len(prior) < min_prior:
            continue
        seen = {c for h in prior for c in h["chapters"]}
        current = {(i["hs_code"] or "")[:2] for i in goods}
        if seen & (current | technical):
            continue
        described = ", ".join(f"HS {i['hs_code']}" + (f" CHPL tier {i['chpl_tier']}" if i["chpl_tier"] else " 16(1)")
                              for i in goods[:3])
        rows.append({
            "declaration": fact["declaration"], "score": 0.4,
            "explanation": (f"consignee {consignee['name']!r} received only HS chapters {', '.join(sorted(seen))} in "
                            f"{len(prior)} declarations over the last {window} days (its declared line of business), "
                            f"now {described}"),
            "evidence": evidence([node(fact["declaration_eid"], "Declaration", number=fact["declaration"]),
                                  node(consignee["eid"], "Party", key=consignee["key"], name=consignee["name"])]
                                 + [node(i["eid"], "GoodsItem", id=i["item"], hs_code=i["hs_code"]) for i in goods[:3]]),
            "matched": {"consignee": consignee["name"], "profile_chapters": sorted(seen), "prior": len(prior),
                        "goods": [i["hs_code"] for i in goods]},
        })
    return rows
