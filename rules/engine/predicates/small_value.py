"""CA-06 version 2: the small-value exception (少額特例) claimed where it is void, and orders split under its cap.

ETCO Art. 4(1)(v): list-controlled goods of items 5-13 and 15 need no licence when the contract total is at
most JPY 1,000,000 (JPY 50,000 for Appended Table 3-3 goods, which include all of item 15). Which item the
goods fall under is read from the HS → ETCO correlation (indicative, never a classification), so the
explanation names the entry and says so.
1. The exception is claimed and the declaration is over the cap, or goes to an Appended Table 4 destination,
   or its goods correlate with items 1-4 or 14 (never eligible) → HIGH.
2. Structuring: ≥ `split_min_count` declarations on one lane (exporter, consignee, HS6 of list-item goods)
   within `split_window_days`, each under the cap while their sum is over it → HIGH when any claims the
   exception, MEDIUM otherwise. RF-08 reports splits of other goods.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node
from ecgraph.rules.engine.shared_reads import group_members, lane_history, list_items_of_hs

__all__ = ["small_value_exception"]

_NEVER = ("1", "2", "3", "3の2", "4", "14")  # items the exception never covers


def _item(entry: str) -> str:
    return entry.split("(", 1)[0]


def small_value_exception(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    params = rule.params
    cap = float(params.get("cap_jpy", 1_000_000))
    cap_3_3 = float(params.get("cap_table_3_3_jpy", 50_000))
    table_3_3_items = {str(i) for i in params.get("table_3_3_items", ["15"])}
    window = int(params.get("split_window_days", 30))
    min_count = int(params.get("split_min_count", 3))
    annex4 = group_members(graph, [str(params.get("annex4_group", "JP_ANNEX4_CONCERN"))])
    wanted = set(declarations)
    history = lane_history(graph, declarations)
    codes = sorted({h[:n] for row in history for h in row["hs6"] for n in (4, 6)})
    items_of = list_items_of_hs(graph, codes)
    rows: list[dict[str, Any]] = []
    lanes: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in history:
        row["day"] = date.fromisoformat(str(row["date"])[:10]).toordinal()
        entries = sorted({e for h in row["hs6"] for e in items_of.get(h[:6], []) + items_of.get(h[:4], [])})
        eligible = [e for e in entries if _item(e) not in _NEVER]
        row_cap = cap_3_3 if any(_item(e) in table_3_3_items for e in eligible) else cap
        if row["exception_claimed"] and row["declaration"] in wanted:
            reasons = []
            if float(row["declared_value"] or 0) > row_cap:
                reasons.append(f"the value {float(row['declared_value']):,.0f} JPY is over the cap of {row_cap:,.0f} JPY")
            if row["destination"] in annex4:
                reasons.append(f"the destination {row['destination']} is in Appended Table 4, where it is not available")
            never = [e for e in entries if _item(e) in _NEVER]
            if never:
                reasons.append(f"the goods correlate with ETCO {', '.join(never)} (items 1-4 and 14 are never eligible)")
            if reasons:
                rows.append(_alert(row, "HIGH", 0.8, "small-value exception claimed but void: " + "; ".join(reasons),
                                   {"clause": "CA-06 step 1", "entries": entries, "cap": row_cap}))
        for hs6 in set(row["hs6"]):
            lane_entries = [e for e in items_of.get(hs6, []) + items_of.get(hs6[:4], []) if _item(e) not in _NEVER]
            if lane_entries:
                lanes[(row["exporter"], row["consignee"], hs6)].append({**row, "entries": sorted(set(lane_entries))})
    seen: set[str] = {r["declaration"] for r in rows}
    for (_, _, hs6), lane in lanes.items():
        lane.sort(key=lambda r: r["day"])
        days = [r["day"] for r in lane]
        for start in range(len(lane)):
            group = lane[start:bisect_right(days, days[start] + window, lo=start)]
            entries = sorted({e for r in group for e in r["entries"]})
            lane_cap = cap_3_3 if any(_item(e) in table_3_3_items for e in entries) else cap
            under = [r for r in group if float(r["declared_value"] or 0) <= lane_cap]
            total = sum(float(r["declared_value"] or 0) for r in under)
            if len(under) < min_count or total <= lane_cap:
                continue
            claimed = any(r["exception_claimed"] for r in under)
            numbers = [r["declaration"] for r in under]
            for member in under:
                if member["declaration"] not in wanted or member["declaration"] in seen:
                    continue
                seen.add(member["declaration"])
                rows.append(_alert(
                    member, "HIGH" if claimed else "MEDIUM", 0.7 if claimed else 0.5,
                    f"{len(under)} declarations of HS {hs6} (correlates with ETCO {', '.join(entries)}, indicative "
                    f"only) from one exporter to one consignee within {window} days, each at most the small-value "
                    f"cap of {lane_cap:,.0f} JPY, together {total:,.0f} JPY: an order split under the cap "
                    f"({'exception claimed' if claimed else 'exception not claimed'}): {', '.join(numbers)}",
                    {"clause": "CA-06 step 2", "declarations": numbers, "sum": total, "cap": lane_cap, "hs6": hs6,
                     "entries": entries, "window_days": window, "exception_claimed": claimed},
                    [node(r["declaration_eid"], "Declaration", number=r["declaration"]) for r in under]))
    return rows


def _alert(row: dict[str, Any], severity: str, score: float, explanation: str, matched: dict[str, Any],
           nodes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"declaration": row["declaration"], "severity": severity, "score": score, "explanation": explanation,
            "evidence": evidence(nodes or [node(row["declaration_eid"], "Declaration", number=row["declaration"])]),
            "matched": matched}
