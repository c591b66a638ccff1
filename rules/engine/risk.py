"""A declaration's risk as the combination of its alerts (rules-domain.md Part 3), explained.

Alerts are grouped by family (PS, CT, CA, CL, RF, MU, LB); within a family only the strongest counts,
so one fact does not count twice. Score = 1 − Π(1 − w_family). Any CRITICAL makes the declaration
CRITICAL; two or more MEDIUM+ alerts from different families raise it to at least HIGH.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ecgraph.rules.engine.model import SEVERITY_ORDER

__all__ = ["SEVERITY_WEIGHTS", "DeclarationRisk", "combine"]

SEVERITY_WEIGHTS = {"CRITICAL": 0.95, "HIGH": 0.7, "MEDIUM": 0.35, "LOW": 0.1}  # engineering defaults


@dataclass(frozen=True)
class DeclarationRisk:
    declaration: str
    score: float
    level: str
    explanation: str

    def row(self) -> dict[str, Any]:
        return {"declaration": self.declaration, "score": self.score, "level": self.level,
                "explanation": self.explanation}


def combine(declaration: str, alerts: Iterable[dict[str, Any]]) -> DeclarationRisk:
    """`alerts`: dicts with rule_id, severity, explanation (cleared alerts should be left out)."""
    strongest: dict[str, dict[str, Any]] = {}
    for alert in alerts:
        family = str(alert["rule_id"]).split("-")[0]
        best = strongest.get(family)
        if best is None or SEVERITY_ORDER[alert["severity"]] > SEVERITY_ORDER[best["severity"]]:
            strongest[family] = alert
    if not strongest:
        return DeclarationRisk(declaration, 0.0, "NONE", "no alerts")
    remaining = 1.0
    for alert in strongest.values():
        remaining *= 1.0 - SEVERITY_WEIGHTS[alert["severity"]]
    score = round(1.0 - remaining, 4)
    ordered = sorted(strongest.values(), key=lambda a: -SEVERITY_ORDER[a["severity"]])
    level = ordered[0]["severity"]
    medium_families = [a for a in ordered if SEVERITY_ORDER[a["severity"]] >= SEVERITY_ORDER["MEDIUM"]]
    escalated = False
    if level in ("MEDIUM", "LOW") and len(medium_families) >= 2:
        level, escalated = "HIGH", True
    lines = [f"{a['rule_id']} {a['severity']}: {a['explanation']}" for a in ordered]
    if escalated:
        lines.append("raised to HIGH: red flags from several independent families")
    return DeclarationRisk(declaration, score, level, " | ".join(lines))
