"""RF-06 (declared value far from the HS code's norm) and RF-08 (split shipments under thresholds)."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from datetime import date
from itertools import accumulate
from statistics import median
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.rule_inputs import unit_value_samples
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node
from ecgraph.rules.engine.shared_reads import declaration_goods, lane_history

__all__ = ["dormant_then_surge", "robust_z", "split_shipments", "value_anomaly"]


def robust_z(value: float, sample: list[float]) -> tuple[float, float, float]:
    """(z, median, MAD) of log(value) against log(sample): z = (x − median) / (1.4826 · MAD)."""
    logs = [math.log(v) for v in sample if v > 0]
    centre = median(logs)
    mad = median(abs(v - centre) for v in logs) or 1e-9
    return (math.log(value) - centre) / (1.4826 * mad), math.exp(centre), mad


def value_anomaly(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    params = rule.params
    min_samples = int(params.get("min_samples", 30))
    z_limit = float(params.get("z_threshold", 3.5))
    levels = [int(d) for d in params.get("levels", [6, 4, 2])]  # HS6, then HS4, then the chapter
    goods = [g for g in declaration_goods(graph, declarations) if g["net_kg"] and g["value"] and g["hs_code"]]
    samples: dict[str, list[float]] = defaultdict(list)
    for digits in levels:
        for row in unit_value_samples(graph, sorted({g["hs_code"][:digits] for g in goods}), digits):
            samples[row["prefix"]].append(float(row["per_kg"]))
    rows = []
    for item in goods:
        level = next((d for d in levels if len(samples.get(item["hs_code"][:d], [])) >= min_samples), None)
        if level is None:
            continue
        sample = samples[item["hs_code"][:level]]
        per_kg = float(item["value"]) / float(item["net_kg"])
        z, centre, mad = robust_z(per_kg, sample)
        if abs(z) < z_limit:
            continue
        direction = "under-valued" if z < 0 else "over-valued"
        rows.append({
            "declaration": item["declaration"],
            "score": round(min(1.0, abs(z) / (2 * z_limit)), 4),
            "explanation": (f"HS {item['hs_code']} declared at {per_kg:,.0f} per kg, {direction}: the median of "
                            f"{len(sample)} goods items of HS {item['hs_code'][:level]} is {centre:,.0f} per kg "
                            f"(robust z {z:+.1f}, limit ±{z_limit:g})"),
            "evidence": evidence([node(item["item_eid"], "GoodsItem", id=item["item"], hs_code=item["hs_code"], description=item["description"]),
                                  node(item["declaration_eid"], "Declaration", number=item["declaration"])]),
            "matched": {"item": item["item"], "per_kg": per_kg, "median_per_kg": centre, "mad_log": mad, "z": z,
                        "hs_level": level,
                        "samples": len(sample), "direction": direction},
        })
    return rows


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def split_shipments(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    """≥ min_count declarations on one lane (exporter, consignee, HS6) within window_days, each under a
    threshold T while their sum exceeds T: one alert per declaration of the group that is being screened."""
    params = rule.params
    window = int(params.get("window_days", 30))
    min_count = int(params.get("min_count", 3))
    thresholds = [float(t) for t in params.get("thresholds", [1_000_000, 200_000, 50_000])]
    wanted = set(declarations)
    lanes: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in lane_history(graph, declarations):
        row["day"] = _as_date(row["date"]).toordinal()
        for hs6 in set(row["hs6"]):
            lanes[(row["exporter"], row["consignee"], hs6)].append(row)
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, float]] = set()
    for (exporter, consignee, hs6), lane in lanes.items():
        if len(lane) < min_count:
            continue
        lane.sort(key=lambda r: r["day"])
        days = [r["day"] for r in lane]
        for i in range(len(lane)):
            # the anchor's window: every declaration on the lane within `window` days after it
            group = lane[i:bisect_right(days, days[i] + window, lo=i)]
            if len(group) < min_count:
                continue
            for threshold in thresholds:
                under = [r for r in group if float(r["declared_value"] or 0) < threshold]
                total = sum(float(r["declared_value"] or 0) for r in under)
                if len(under) < min_count or total <= threshold:
                    continue
                for member in under:
                    if member["declaration"] not in wanted or (member["declaration"], threshold) in seen:
                        continue
                    seen.add((member["declaration"], threshold))
                    numbers = [r["declaration"] for r in under]
                    rows.append({
                        "declaration": member["declaration"],
                        "score": round(min(1.0, total / threshold / 2), 4),
                        "explanation": (f"{len(under)} declarations from the same exporter to the same consignee for HS "
                                        f"{hs6} within {window} days, each under {threshold:,.0f} JPY, together "
                                        f"{total:,.0f} JPY: {', '.join(numbers)}"),
                        "evidence": evidence([node(r["declaration_eid"], "Declaration", number=r["declaration"]) for r in under]),
                        "matched": {"declarations": numbers, "values": [r["declared_value"] for r in under],
                                    "sum": total, "threshold": threshold, "hs6": hs6, "window_days": window},
                    })
                break  # the highest threshold that the group splits is the one to report
    return rows


def dormant_then_surge(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    """RF-10: a lane (exporter → consignee) whose value in the last `recent_days` is at least `surge_factor`
    times its trailing monthly median, from a quiet base (at most `base_max_per_quarter` declarations a
    quarter before), for declarations being screened in that recent window."""
    params = rule.params
    recent = int(params.get("recent_days", 90))
    factor = float(params.get("surge_factor", 5))
    base_max = float(params.get("base_max_per_quarter", 1))
    history = int(params.get("history_days", 365))
    wanted = set(declarations)
    lanes: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in lane_history(graph, declarations):
        row["day"] = _as_date(row["date"]).toordinal()
        lanes[(row["exporter"], row["consignee"])].append(row)
    rows = []
    quarters = max(1.0, history / 91.0)
    for (exporter, consignee), lane in lanes.items():
        if not wanted.intersection(r["declaration"] for r in lane):
            continue
        lane.sort(key=lambda r: r["day"])
        days = [r["day"] for r in lane]
        values = [float(r["declared_value"] or 0) for r in lane]
        running = [0.0, *accumulate(values)]  # running[k] = value of lane[:k]
        for row, end in zip(lane, days, strict=True):
            if row["declaration"] not in wanted:
                continue
            # recent window: 0 <= end - day < recent; base: recent <= end - day < recent + history
            w_lo, w_hi = bisect_right(days, end - recent), bisect_right(days, end)
            b_lo = bisect_right(days, end - recent - history)
            if w_lo == b_lo:
                continue  # no history: RF-01 (first seen) speaks to that, not a surge
            if (w_lo - b_lo) / quarters > base_max:
                continue
            monthly_base = (running[w_lo] - running[b_lo]) / (history / 30.0)
            recent_value = (running[w_hi] - running[w_lo]) / (recent / 30.0)
            if monthly_base <= 0 or recent_value < factor * monthly_base:
                continue
            window, base = lane[w_lo:w_hi], lane[b_lo:w_lo]
            rows.append({
                "declaration": row["declaration"], "score": round(min(1.0, recent_value / monthly_base / (2 * factor)), 4),
                "explanation": (f"lane {exporter} → {consignee}: {len(window)} declarations worth {recent_value:,.0f} a month "
                                f"in the last {recent} days against {monthly_base:,.0f} a month over the {history} days "
                                f"before ({len(base)} declarations): {recent_value / monthly_base:.1f}x, limit {factor:g}x"),
                "evidence": evidence([node(r["declaration_eid"], "Declaration", number=r["declaration"]) for r in window + base]),
                "matched": {"recent_monthly": recent_value, "base_monthly": monthly_base, "recent": len(window),
                            "base": len(base)},
            })
    return rows
