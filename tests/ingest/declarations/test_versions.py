"""One version decision for the row load, the bulk import and the e-commerce feed."""

from __future__ import annotations

from dataclasses import dataclass

from ecgraph.ingest.declarations.versions import COUNT_NAMES, BatchVersions


@dataclass
class Plan:
    action: str


def test_a_record_is_new_unchanged_a_conflict_an_amendment_or_history() -> None:
    versions: BatchVersions[Plan] = BatchVersions()
    assert versions.decide("D1", 1, "h1", None, None).counter == "loaded"
    assert versions.decide("D2", 1, "h1", 1, "h1").counter == "unchanged"
    conflict = versions.decide("D3", 2, "h2", 2, "other")
    assert (conflict.counter, conflict.action, conflict.next_version) == ("conflict", None, 3)
    assert versions.decide("D4", 3, "h3", 2, None).action == "replace"
    assert versions.decide("D5", 1, "h1", 2, None).action == "history"


def test_the_same_number_twice_in_one_batch_applies_in_order() -> None:
    versions: BatchVersions[Plan] = BatchVersions()
    counts = dict.fromkeys(COUNT_NAMES, 0)
    first = Plan(versions.take("D1", 1, "h1", None, None, counts).action or "")
    versions.planned("D1", 1, "h1", first)
    second = versions.take("D1", 2, "h2", None, None, counts)
    assert (second.counter, second.action, first.action) == ("amended", "new", "history")
    assert versions.take("D1", 1, "h1", None, None, counts).counter == "unchanged"  # the batch's own version 1
    assert versions.take("D1", 1, "changed", None, None, counts).counter == "conflict"
    assert counts == {"loaded": 1, "amended": 1, "unchanged": 1, "history": 0, "rejected": 1}
