"""Match thresholds are configuration: one default, optionally one per list.

`ECGRAPH_MATCH_THRESHOLD=0.88` sets the default; `ECGRAPH_MATCH_THRESHOLDS=us_trade_csl=0.9,custom:watch=0.8`
sets per-list values (a list not named uses the default).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ecgraph.schemas.errors import ConfigError

__all__ = ["DEFAULT_THRESHOLD", "SAME_AS_THRESHOLD", "MatchConfig"]

# Chosen on the perturbed evaluation set (benchmarks/resolution.py), where the best F1 sits at
# 0.85–0.86 (precision ≈ 0.97, recall ≈ 0.93 against reference-name negatives); lower it per list
# (ECGRAPH_MATCH_THRESHOLDS) where missing a hit costs more than reviewing false ones.
DEFAULT_THRESHOLD = 0.86
# Party-to-party links are written without an analyst in the loop, so they need more confidence.
SAME_AS_THRESHOLD = 0.93


def _threshold(value: str, setting: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{setting}={value!r} is not a number; use a value between 0 and 1",
                          setting=setting) from None
    if not 0.0 <= number <= 1.0:
        raise ConfigError(f"{setting}={value} is outside [0, 1]", setting=setting)
    return number


@dataclass(frozen=True)
class MatchConfig:
    threshold: float = DEFAULT_THRESHOLD
    per_list: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> MatchConfig:
        env = dict(os.environ) if env is None else env
        threshold = DEFAULT_THRESHOLD
        if env.get("ECGRAPH_MATCH_THRESHOLD"):
            threshold = _threshold(env["ECGRAPH_MATCH_THRESHOLD"], "ECGRAPH_MATCH_THRESHOLD")
        per_list: dict[str, float] = {}
        for item in filter(None, (env.get("ECGRAPH_MATCH_THRESHOLDS") or "").split(",")):
            name, sep, value = item.partition("=")
            if not sep or not name.strip():
                raise ConfigError(f"ECGRAPH_MATCH_THRESHOLDS item {item!r} is not LIST=VALUE",
                                  setting="ECGRAPH_MATCH_THRESHOLDS")
            per_list[name.strip()] = _threshold(value.strip(), "ECGRAPH_MATCH_THRESHOLDS")
        return cls(threshold, per_list)

    def with_threshold(self, threshold: float | None) -> MatchConfig:
        """A `--threshold` override replaces the default and every per-list value."""
        return self if threshold is None else MatchConfig(threshold, {})
