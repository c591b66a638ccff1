"""Unit-value statistics kept in the graph: per HS prefix and measure, a summary of every item's value.

RF-06 judges an item's value per kg / per unit against the other items of its HS6 (or HS4, or chapter).
Reading every item of those prefixes for every batch of every run made history the dominant cost at
scale. One `(:ValueStats {key: 'per_kg:8542'})` node per prefix and measure first held the sorted values,
but a run still read nearly all of them (at a million declarations, 9.6 of 11 million values and two
minutes of server time for a run over a thousand declarations). Now it holds how many values there are
and the caller's summary of them (RF-06: the order statistics its leave-one-out median and MAD need,
rules/engine/predicates/loo_stats.py): the server sorts each prefix's values in one pass, the caller's
function summarises them once per rebuild, and a run reads a few numbers per prefix.

They are refreshed when the goods changed: a signature (item count and sums of value, weight and
quantity, one scan) is kept with them, so any load (online, bulk, e-commerce, an amendment, a hand edit)
makes the next screening run rebuild them once; runs over unchanged data read them as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.rule_inputs import ITEM_PER_KG, ITEM_PER_UNIT, ITEM_VALUE, collected_by_declaration

__all__ = ["MEASURES", "Summariser", "item_values", "live_value_stats", "refresh_value_stats", "value_stats", "value_stats_current"]

MEASURES = ("per_kg", "per_unit")

Summariser = Callable[[list[float]], list[float]]

SIGNATURE = """
MATCH (i:GoodsItem)
RETURN count(i) AS items, sum(toFloat(coalesce(i.value_jpy, i.value, 0))) AS value,
       sum(toFloat(coalesce(i.net_kg, 0))) AS net_kg, sum(toFloat(coalesce(i.quantity, 0))) AS quantity
"""
STATE = ("MATCH (s:ValueStatsState {id: 'goods'}) "
         "RETURN s.signature AS signature, s.levels AS levels, s.format AS format")

# The unit-value expressions of graph.rule_inputs (one text), so the summarised values are the rule's samples.
GROUPS = f"""
MATCH (i:GoodsItem) WHERE i.hs_code IS NOT NULL AND {ITEM_VALUE} > 0
WITH substring(i.hs_code, 0, $digits) AS prefix,
     CASE $measure WHEN 'per_kg' THEN {ITEM_PER_KG} ELSE {ITEM_PER_UNIT} END AS v
WITH prefix, v WHERE v IS NOT NULL AND v <> 0
WITH prefix, toFloat(v) AS v ORDER BY prefix, v
RETURN prefix, collect(v) AS sorted
"""
WRITE = """
UNWIND $rows AS r
MERGE (s:ValueStats {key: r.key})
SET s.measure = r.measure, s.prefix = r.prefix, s.digits = r.digits, s.count = r.count, s.summary = r.summary,
    s.built = $stamp
REMOVE s.values
"""
WRITE_BATCH = 2_000
DROP_OLD = "MATCH (s:ValueStats) WHERE s.built <> $stamp DETACH DELETE s"
# the statistics' own format: a graph built by an older ecgraph (which stored every value) is rebuilt once
FORMAT = 2
SAVE_STATE = """
MERGE (s:ValueStatsState {id: 'goods'})
SET s.signature = $signature, s.levels = $levels, s.built = $stamp, s.built_at = datetime(), s.format = $format
"""

READ = "UNWIND $keys AS k MATCH (s:ValueStats {key: k}) RETURN s.key AS key, s.count AS count, s.summary AS summary"

# One batch's own items, with the same expressions: the value each is judged on.
ITEM_VALUES = f"""
MATCH (d:Declaration)-[:HAS_ITEM]->(i:GoodsItem)
WHERE d.number IN $declarations AND i.hs_code IS NOT NULL AND {ITEM_VALUE} > 0
RETURN collect({{item: i.id, per_kg: {ITEM_PER_KG}, per_unit: {ITEM_PER_UNIT}}}) AS rows
"""


# What READ would give for these keys had the statistics just been rebuilt: REBUILD's expressions over
# the items under each key's prefix, computed by this read (nothing stored).
LIVE = f"""
UNWIND $keys AS k
WITH k, split(k, ':')[0] AS measure, substring(k, size(split(k, ':')[0]) + 1) AS prefix
MATCH (i:GoodsItem) WHERE i.hs_code IS NOT NULL AND substring(i.hs_code, 0, size(prefix)) = prefix
  AND {ITEM_VALUE} > 0
WITH k, CASE measure WHEN 'per_kg' THEN {ITEM_PER_KG} ELSE {ITEM_PER_UNIT} END AS v
WITH k, v WHERE v IS NOT NULL AND v <> 0
WITH k, toFloat(v) AS v ORDER BY k, v
RETURN k AS key, collect(v) AS values
"""


def _signature(graph: Graph) -> list[str]:
    return [str(v) for v in graph.read(SIGNATURE)[0].values()]


def _current(graph: Graph, signature: list[str], levels: list[int]) -> bool:
    state = graph.read(STATE)
    return (bool(state) and state[0]["signature"] == signature and sorted(state[0]["levels"] or []) == sorted(levels)
            and state[0]["format"] == FORMAT)


def value_stats_current(graph: Graph, levels: list[int]) -> bool:
    """Whether the stored statistics were built from the goods as they are now, for these levels (a read)."""
    return _current(graph, _signature(graph), levels)


def refresh_value_stats(graph: Graph, levels: list[int], summarise: Summariser) -> bool:
    """Rebuild the statistics when the goods changed since they were built (or for other levels): each
    prefix's values, ascending, go through `summarise` and only its result is stored. True when rebuilt."""
    signature = _signature(graph)
    if _current(graph, signature, levels):
        return False
    stamp = "|".join(signature) + "|" + ",".join(map(str, sorted(levels)))
    for digits in sorted(set(levels)):
        for measure in MEASURES:
            rows = [{"key": f"{measure}:{row['prefix']}", "measure": measure, "prefix": row["prefix"], "digits": digits,
                     "count": len(row["sorted"]), "summary": summarise(row["sorted"])}
                    for row in graph.read_values(GROUPS, digits=digits, measure=measure)]
            for start in range(0, len(rows), WRITE_BATCH):
                graph.write(WRITE, rows=rows[start:start + WRITE_BATCH], stamp=stamp)
    graph.write(DROP_OLD, stamp=stamp)
    graph.write(SAVE_STATE, signature=signature, levels=sorted(set(levels)), stamp=stamp, format=FORMAT)
    return True


def value_stats(graph: Graph, keys: list[str]) -> dict[str, tuple[int, list[float]]]:
    """`measure:prefix` -> (how many items have a value of that measure under that prefix, their summary)."""
    return {row["key"]: (row["count"], row["summary"]) for row in graph.read_values(READ, keys=keys)}


def live_value_stats(graph: Graph, keys: list[str]) -> dict[str, list[float]]:
    """Every item's value of each `measure:prefix`, ascending, computed from the goods by a read: what stale
    statistics would be rebuilt from, for a caller that must not write them (one rule tried on one
    declaration, a read-only account) and summarises them itself."""
    return {row["key"]: row["values"] for row in graph.read_values(LIVE, keys=keys)}


def item_values(graph: Graph, declarations: list[str]) -> list[dict[str, Any]]:
    """The per-kg and per-unit values of the goods items of these declarations."""
    return collected_by_declaration(graph, ITEM_VALUES, declarations)
