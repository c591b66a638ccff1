"""Which version of a declaration (or an order) a record is, decided once for every loader.

A record is `unchanged` (same number, version and content as loaded), a `conflict` (same version, other
content: it must come as an amendment), `loaded` (new), `amended` (a later version replaces the current
one) or `history` (an earlier version, kept behind the current one). The same number twice in one batch
applies in order: the later version takes over the earlier one's action and the earlier becomes history.
The per-row load (`load.py`), the bulk import (`bulk.py`) and the e-commerce feed (`ecommerce/load.py`)
all call `BatchVersions.decide`, so the bulk equivalence test pins one decision for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

__all__ = ["COUNT_NAMES", "BatchVersions", "VersionDecision", "declaration_conflict"]

COUNT_NAMES = ("loaded", "amended", "unchanged", "history", "rejected")


class _Plan(Protocol):
    action: str


PlanT = TypeVar("PlanT", bound=_Plan)


@dataclass(frozen=True)
class VersionDecision:
    counter: str  # unchanged | conflict | loaded | amended | history
    action: str | None = None  # new | replace | history when the record is written, else None
    next_version: int = 0  # for a conflict: the version an amendment should carry


class BatchVersions(Generic[PlanT]):
    """The versions planned so far in one batch, keyed by declaration number (or order id)."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, str, PlanT | None]] = {}

    def decide(self, key: str, version: int, digest: str, current: int | None,
               version_hash: str | None) -> VersionDecision:
        """`current` is the graph's current version of `key`, `version_hash` the stored hash of this version."""
        earlier = self._seen.get(key)
        if earlier is not None:  # the same key twice in one batch: versions apply in order
            if earlier[0] == version and version_hash is None:
                version_hash = earlier[1]
            current = max(current or 0, earlier[0])
        if version_hash == digest:
            return VersionDecision("unchanged")
        if version_hash is not None:
            return VersionDecision("conflict", next_version=(current or 0) + 1)
        if current is None:
            return VersionDecision("loaded", "new")
        if version > current:
            action = "replace"
            if earlier is not None and earlier[2] is not None and earlier[2].action != "history":
                action = earlier[2].action  # still new (or still replacing) in the graph
                earlier[2].action = "history"
            return VersionDecision("amended", action)
        return VersionDecision("history", "history")

    def take(self, key: str, version: int, digest: str, current: int | None, version_hash: str | None,
             counts: dict[str, int]) -> VersionDecision:
        """`decide`, and count the decision (a conflict counts as rejected; the caller writes its reject)."""
        decision = self.decide(key, version, digest, current, version_hash)
        counts["rejected" if decision.counter == "conflict" else decision.counter] += 1
        return decision

    def planned(self, key: str, version: int, digest: str, plan: PlanT) -> None:
        """Remember a written version, so a later record of the same key in this batch sees it."""
        earlier = self._seen.get(key)
        if earlier is None or version > earlier[0]:
            self._seen[key] = (version, digest, plan)


def declaration_conflict(number: str, version: int, decision: VersionDecision) -> str:
    """The reject reason of a declaration version loaded before with other content."""
    return (f"declaration {number} version {version} was already loaded with different content; "
            f"send the change as an amendment with version {decision.next_version}")
