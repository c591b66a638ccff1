"""Named Python predicates for what Cypher expresses badly; rule packs refer to them by name."""

from __future__ import annotations

from ecgraph.rules.engine.engine import Predicate
from ecgraph.rules.engine.predicates.addresses import shared_address, shared_address_graded
from ecgraph.rules.engine.predicates.amendments import late_changes
from ecgraph.rules.engine.predicates.ownership import listed_ownership
from ecgraph.rules.engine.predicates.statistics import dormant_then_surge, split_shipments, value_anomaly
from ecgraph.rules.engine.predicates.text import military_name_indicators, vague_description

__all__ = ["PREDICATES"]

# name (as written in a rule pack's `logic.predicate`) -> function(graph, rule, declarations) -> rows
PREDICATES: dict[str, Predicate] = {
    "listed_ownership.v1": listed_ownership,
    "shared_address.v1": shared_address,
    "shared_address.v2": shared_address_graded,
    "value_anomaly.v1": value_anomaly,
    "split_shipments.v1": split_shipments,
    "military_name_indicators.v1": military_name_indicators,
    "vague_description.v1": vague_description,
    "late_changes.v1": late_changes,
    "dormant_then_surge.v1": dormant_then_surge,
}
