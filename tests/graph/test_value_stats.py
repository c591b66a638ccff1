"""Unit-value statistics in the graph (the value-anomaly rule's samples): per HS prefix and measure, the number of items
with a value and the caller's summary of their values (sorted), rebuilt only when the goods changed since they were built.
Here the summary is the sorted values themselves, so what the statistics hold can be seen."""

from __future__ import annotations

from ecgraph.graph import Graph
from ecgraph.graph.value_stats import item_values, refresh_value_stats, value_stats

ITEMS = [
    {"id": "a", "hs": "854231000", "value": 100.0, "kg": 2.0, "qty": 4},  # 50 per kg, 25 per unit
    {"id": "b", "hs": "854231900", "value": 30.0, "kg": 1.0, "qty": 0},  # 30 per kg, no unit value
    {"id": "c", "hs": "850440000", "value": 0.0, "kg": 5.0, "qty": 1},  # no value: in no sample
    {"id": "d", "hs": "851712000", "value": 90.0, "kg": 3.0, "qty": 3},  # 30 per kg, 30 per unit
]


def _as_is(values: list[float]) -> list[float]:
    return list(values)


def _goods(graph: Graph) -> None:
    graph.write("MERGE (d:Declaration {number: 'D1'}) WITH d UNWIND $rows AS r CREATE (d)-[:HAS_ITEM]->"
                "(:GoodsItem {id: r.id, hs_code: r.hs, value: r.value, net_kg: r.kg, quantity: r.qty})", rows=ITEMS)


def test_statistics_hold_every_items_value_sorted_per_prefix(graph: Graph) -> None:
    _goods(graph)
    assert refresh_value_stats(graph, [6, 2], _as_is)
    stats = value_stats(graph, ["per_kg:854231", "per_kg:85", "per_unit:854231", "per_unit:85", "per_kg:9999"])
    assert stats == {"per_kg:854231": (2, [30.0, 50.0]), "per_kg:85": (3, [30.0, 30.0, 50.0]),
                     "per_unit:854231": (1, [25.0]), "per_unit:85": (2, [25.0, 30.0])}
    own = {row["item"]: (row["per_kg"], row["per_unit"]) for row in item_values(graph, ["D1"])}
    assert own == {"a": (50.0, 25.0), "b": (30.0, None), "d": (30.0, 30.0)}


def test_statistics_are_rebuilt_only_after_the_goods_change(graph: Graph) -> None:
    _goods(graph)
    assert refresh_value_stats(graph, [6, 2], _as_is)
    assert not refresh_value_stats(graph, [6, 2], _as_is)  # nothing changed: read as they are
    graph.write("MATCH (i:GoodsItem {id: 'a'}) SET i.value = 400.0")  # any edit, however it was made
    assert refresh_value_stats(graph, [6, 2], _as_is)
    assert value_stats(graph, ["per_kg:854231"]) == {"per_kg:854231": (2, [30.0, 200.0])}
    assert refresh_value_stats(graph, [6, 4, 2], _as_is)  # other levels: rebuilt
    assert value_stats(graph, ["per_kg:8542"]) == {"per_kg:8542": (2, [30.0, 200.0])}


def test_stale_statistics_can_be_computed_by_a_read_without_writing_them(graph: Graph) -> None:
    from ecgraph.graph.value_stats import live_value_stats, value_stats_current

    _goods(graph)
    keys = ["per_kg:854231", "per_kg:85", "per_unit:854231", "per_unit:85", "per_kg:9999"]
    assert not value_stats_current(graph, [6, 2])
    live = live_value_stats(graph, keys)
    assert graph.read("MATCH (s:ValueStats) RETURN count(s) AS n")[0]["n"] == 0  # nothing written
    assert refresh_value_stats(graph, [6, 2], _as_is)
    assert value_stats_current(graph, [6, 2])
    assert {k: (len(v), v) for k, v in live.items()} == value_stats(graph, keys)  # the samples the stored ones hold


def test_only_the_summary_is_stored_and_a_graph_of_the_older_format_is_rebuilt_once(graph: Graph) -> None:
    _goods(graph)
    assert refresh_value_stats(graph, [6, 2], lambda values: [len(values) * 1.0])
    assert value_stats(graph, ["per_kg:85"]) == {"per_kg:85": (3, [3.0])}
    # what an older ecgraph left: every value stored, a state without a format
    graph.write("MATCH (s:ValueStats) SET s.values = [1.0, 2.0] REMOVE s.summary")
    graph.write("MATCH (s:ValueStatsState) REMOVE s.format")
    assert refresh_value_stats(graph, [6, 2], _as_is)  # same goods, older format: rebuilt
    assert not refresh_value_stats(graph, [6, 2], _as_is)
    assert graph.read("MATCH (s:ValueStats) WHERE s.values IS NOT NULL RETURN count(s) AS n")[0]["n"] == 0
