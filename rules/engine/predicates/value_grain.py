"""RF-06 version 2: declared value against comparable goods at the finest HS grain that has enough of them.

Comparable means the same HS6 subheading; only when fewer than `min_samples` other items share it does the
rule fall back to the HS4 heading, and only then to the chapter (each step named in the alert, since a
chapter mixes cheap and dear goods). Value per kg and value per unit are judged separately; per unit only
within the HS6 (units are comparable only there), per kg down the fallback. The item being judged is never
in its own sample, and the spread is at least `min_mad_log` (a near-constant sample would otherwise flag any
difference). MEDIUM for CHPL / 16(1) / control-correlated goods, LOW otherwise.
"""

from __future__ import annotations

from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.value_stats import (
    item_values,
    live_value_stats,
    refresh_value_stats,
    value_stats,
    value_stats_current,
)
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node
from ecgraph.rules.engine.predicates.loo_stats import robust_z_without, summarise
from ecgraph.rules.engine.shared_reads import declaration_facts, in_screening_run, once_per_run

__all__ = ["GRAIN_NAMES", "value_anomaly_by_grain"]

GRAIN_NAMES = {6: "HS6 subheading", 4: "HS4 heading", 2: "HS chapter"}


class _Group:
    """One (measure, HS prefix): how many items have a value there, and the summary that gives the
    leave-one-out robust z of any of them (loo_stats)."""

    def __init__(self, count: int, summary: list[float]) -> None:
        self.count = count
        self.summary = summary

    def size_without(self) -> int:
        return self.count - 1

    def robust_z_without(self, value: float) -> tuple[float, float, float]:
        return robust_z_without(self.summary, self.count, value)


def value_anomaly_by_grain(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    params = rule.params
    min_samples = int(params.get("min_samples", 30))
    z_limit = float(params.get("z_threshold", 3.5))
    levels = [int(d) for d in params.get("levels", [6, 4, 2])]
    min_mad = float(params.get("min_mad_log", 0.1))
    facts = declaration_facts(graph, declarations)
    items = [(f, i) for f in facts for i in f["items"] if i["hs_code"]]
    # every item's values are kept summarised per HS prefix in the graph (graph/value_stats.py): read per
    # prefix, once a run; the judged item is one of them, so it is left out by value. A screening run rebuilds
    # them when the goods changed; outside one (`ecgraph rules test`, which writes nothing, maybe on a read-only
    # account) stale statistics are computed from the goods instead
    if in_screening_run():
        once_per_run(("value_stats_fresh", tuple(levels)), lambda: refresh_value_stats(graph, levels, summarise))
        stored = True
    else:
        stored = value_stats_current(graph, levels)
    own: dict[str, dict[str, float]] = {}
    for row in item_values(graph, declarations):
        for measure in ("per_kg", "per_unit"):
            if row[measure]:
                own.setdefault(row["item"], {})[measure] = float(row[measure])
    groups: dict[tuple[str, str], _Group | None] = once_per_run(("value_stats", tuple(levels)), dict)
    wanted = sorted({f"{m}:{i['hs_code'][:d]}" for _, i in items for m in ("per_kg", "per_unit") for d in levels}
                    - {f"{m}:{p}" for m, p in groups})
    if stored:
        found = value_stats(graph, wanted)
    else:
        found = {key: (len(values), summarise(values)) for key, values in live_value_stats(graph, wanted).items()}
    for key in wanted:
        measure, prefix = key.split(":", 1)
        count, summary = found.get(key, (0, []))
        groups[(measure, prefix)] = _Group(count, summary) if count else None
    rows = []
    for fact, item in items:
        for measure, value in own.get(item["item"], {}).items():
            level, group = None, None
            for digits in levels if measure == "per_kg" else levels[:1]:
                group = groups.get((measure, item["hs_code"][:digits]))
                if group is not None and group.size_without() >= min_samples:
                    level = digits
                    break
            if level is None or group is None:
                continue
            z, centre, mad = group.robust_z_without(value)
            size = group.size_without()
            if mad < min_mad:
                z, mad = z * mad / min_mad, min_mad
            if abs(z) < z_limit:
                continue
            sensitive = bool(item["chpl_tier"] or item["catchall"] or item["correlated"])
            direction = "under-valued" if z < 0 else "over-valued"
            grain = f"{GRAIN_NAMES.get(level, f'HS{level}')} {item['hs_code'][:level]}"
            fallback = "" if level == levels[0] else (
                f" (fell back from HS{levels[0]}: fewer than {min_samples} comparable items)")
            unit = "per kg" if measure == "per_kg" else "per unit"
            rows.append({
                "declaration": fact["declaration"], "severity": "MEDIUM" if sensitive else "LOW",
                "score": round(min(1.0, abs(z) / (2 * z_limit)), 4),
                "explanation": (f"HS {item['hs_code']} declared at {value:,.0f} {unit}, {direction}: grain {grain}{fallback}, "
                                f"median of {size} comparable items {centre:,.0f} {unit} "
                                f"(robust z {z:+.1f}, limit ±{z_limit:g})"
                                + ("; CHPL / 16(1) / control-correlated goods" if sensitive else "")),
                "evidence": evidence([node(item["eid"], "GoodsItem", id=item["item"], hs_code=item["hs_code"], description=item["description"]),
                                      node(fact["declaration_eid"], "Declaration", number=fact["declaration"])]),
                "matched": {"item": item["item"], "measure": measure, "value": value, "median": centre, "mad_log": mad,
                            "z": z, "grain": grain, "hs_level": level, "samples": size, "direction": direction},
            })
    return rows
