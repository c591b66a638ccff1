"""Rules and hits as the engine sees them: plain data, validated from the YAML packs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["LIST_INPUTS", "SEVERITY_ORDER", "Hit", "Rule"]

SEVERITY_ORDER = {"LOW": 1, "MEDIUM": 2, "HIGH": 3, "CRITICAL": 4}

# The graph inputs a new version of a sanctions or end-user list changes: a rule reading none of them finds
# the same after a list update, so `screen --lists-changed` does not run it again.
LIST_INPUTS = frozenset({"list_entries", "list_matches", "list_addresses"})


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    version: int
    rationale: str
    source: tuple[str, ...]
    severity: str
    requires: tuple[str, ...]
    params: dict[str, Any]
    cypher: str | None
    predicate: str | None
    pack: str
    file: str
    line: int
    enabled: bool = True
    chunk: int | None = None  # Cypher rules: declarations per query (None: the engine's CYPHER_CHUNK)
    reads: tuple[str, ...] = ()  # inputs read when present, not required (the pack's `reads`)

    @property
    def key(self) -> str:
        """Versioned name, e.g. `PS-01.v1`: stored alerts keep the meaning of the version that raised them."""
        return f"{self.id}.v{self.version}"

    @property
    def reads_lists(self) -> bool:
        """Whether a list update can change what the rule finds (it requires or reads a list input)."""
        return not LIST_INPUTS.isdisjoint(self.requires + self.reads)


@dataclass
class Hit:
    """One rule firing on one declaration, with everything an analyst needs to check it."""

    rule: Rule
    declaration: str
    score: float
    explanation: str
    severity: str
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {"nodes": [], "relationships": []})
    matched: dict[str, Any] = field(default_factory=dict)
    pair: tuple[str, str] | None = None  # (party key, list entry id) for suppressible match alerts
