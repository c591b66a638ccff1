"""Named Python predicates for what Cypher expresses badly; rule packs refer to them by name."""

from __future__ import annotations

from ecgraph.rules.engine.engine import Predicate
from ecgraph.rules.engine.predicates.addresses import shared_address, shared_address_graded
from ecgraph.rules.engine.predicates.amendments import late_changes
from ecgraph.rules.engine.predicates.catchall import military_catchall
from ecgraph.rules.engine.predicates.escalation import escalated
from ecgraph.rules.engine.predicates.group_a import group_a_diversion
from ecgraph.rules.engine.predicates.hs_prediction import hs_misdeclaration
from ecgraph.rules.engine.predicates.line_of_business import goods_outside_profile
from ecgraph.rules.engine.predicates.network import network_proximity
from ecgraph.rules.engine.predicates.ownership import listed_ownership
from ecgraph.rules.engine.predicates.small_value import small_value_exception
from ecgraph.rules.engine.predicates.statistics import dormant_then_surge, split_shipments, value_anomaly
from ecgraph.rules.engine.predicates.surge import dormant_then_surge_chpl
from ecgraph.rules.engine.predicates.terms import (
    control_markings,
    intermediary_party,
    military_end_use,
    residential_address,
)
from ecgraph.rules.engine.predicates.text import (
    military_name_indicators,
    military_name_indicators_v2,
    vague_description,
)
from ecgraph.rules.engine.predicates.value_grain import value_anomaly_by_grain

__all__ = ["PREDICATES"]

# name (as written in a rule pack's `logic.predicate`) -> function(graph, rule, declarations) -> rows
PREDICATES: dict[str, Predicate] = {
    "listed_ownership.v1": listed_ownership,
    "listed_ownership.v2": escalated(listed_ownership),
    "split_shipments.v2": escalated(split_shipments),
    "military_catchall.v2": military_catchall,
    "small_value_exception.v2": small_value_exception,
    "hs_misdeclaration.v2": hs_misdeclaration,
    "group_a_diversion.v2": group_a_diversion,
    "goods_outside_profile.v2": goods_outside_profile,
    "shared_address.v1": shared_address,
    "shared_address.v2": shared_address_graded,
    "network_proximity.v1": network_proximity,
    "value_anomaly.v1": value_anomaly,
    "value_anomaly.v2": value_anomaly_by_grain,
    "split_shipments.v1": split_shipments,
    "military_name_indicators.v1": military_name_indicators,
    "military_name_indicators.v2": military_name_indicators_v2,
    "control_markings.v2": control_markings,
    "military_end_use.v2": military_end_use,
    "intermediary_party.v2": intermediary_party,
    "residential_address.v2": residential_address,
    "vague_description.v1": vague_description,
    "late_changes.v1": late_changes,
    "dormant_then_surge.v1": dormant_then_surge,
    "dormant_then_surge.v2": dormant_then_surge_chpl,
}
