"""The rule engine: rule packs as data, evaluated over the graph into alerts with evidence."""

from __future__ import annotations

from ecgraph.rules.engine.engine import RuleState, evaluate, rule_states
from ecgraph.rules.engine.lease import ScreeningStopped, screening_lease, stop_on_sigterm
from ecgraph.rules.engine.model import Hit, Rule
from ecgraph.rules.engine.pack import load_pack, load_rules
from ecgraph.rules.engine.risk import DeclarationRisk, combine
from ecgraph.rules.engine.screening import LockHeld, ScreeningReport, new_and_rematched, screen

__all__ = [
    "DeclarationRisk",
    "Hit",
    "LockHeld",
    "Rule",
    "RuleState",
    "ScreeningReport",
    "ScreeningStopped",
    "combine",
    "evaluate",
    "load_pack",
    "load_rules",
    "new_and_rematched",
    "rule_states",
    "screen",
    "screening_lease",
    "stop_on_sigterm",
]
