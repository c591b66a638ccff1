"""A declaration's risk combines its alerts by family (rules-domain.md Part 3)."""

from __future__ import annotations

import pytest

from ecgraph.rules.engine import combine


def alert(rule_id: str, severity: str, text: str = "x") -> dict[str, str]:
    return {"rule_id": rule_id, "severity": severity, "explanation": text}


def test_no_alerts_no_risk() -> None:
    risk = combine("D1", [])
    assert (risk.score, risk.level) == (0.0, "NONE")


def test_strongest_alert_per_family_counts_once() -> None:
    one = combine("D1", [alert("CL-04", "MEDIUM")])
    two = combine("D1", [alert("CL-04", "MEDIUM"), alert("CL-01", "LOW")])
    assert one.score == pytest.approx(0.35) and two.score == pytest.approx(0.35)


def test_families_combine_as_independent_probabilities() -> None:
    risk = combine("D1", [alert("PS-01", "HIGH"), alert("CL-04", "MEDIUM")])
    assert risk.score == pytest.approx(1 - (1 - 0.7) * (1 - 0.35))
    assert risk.level == "HIGH"


def test_any_critical_makes_the_declaration_critical() -> None:
    assert combine("D1", [alert("RF-02", "MEDIUM"), alert("CT-01", "CRITICAL")]).level == "CRITICAL"


def test_two_medium_flags_from_different_families_raise_to_high() -> None:
    risk = combine("D1", [alert("RF-02", "MEDIUM", "intermediary"), alert("CL-04", "MEDIUM", "CHPL")])
    assert risk.level == "HIGH"
    assert "several independent families" in risk.explanation
    assert combine("D1", [alert("RF-02", "MEDIUM"), alert("RF-03", "MEDIUM")]).level == "MEDIUM"
