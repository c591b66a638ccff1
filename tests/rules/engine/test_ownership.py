"""The OFAC 50 percent rule over ownership paths: aggregate across blocked owners, no multiplication."""

from __future__ import annotations

from ecgraph.rules.engine.predicates.ownership import blocked_by_ownership


def blocked(edges: list[tuple[str, str, float | None]], seeds: set[str], threshold: float = 50,
            inclusive: bool = True) -> dict[str, dict[str, float]]:
    return blocked_by_ownership(edges, seeds, threshold=threshold, inclusive=inclusive, max_depth=6)


def test_direct_majority_owner_blocks() -> None:
    assert "C" in blocked([("X", "C", 60)], {"X"})


def test_two_listed_minority_owners_together_pass_fifty_percent() -> None:
    """OFAC FAQ 399: X 25 % + Y 25 % of C → C is blocked, though neither alone owns 50 %."""
    result = blocked([("X", "C", 25), ("Y", "C", 25)], {"X", "Y"})
    assert result["C"] == {"X": 25.0, "Y": 25.0}


def test_ownership_is_not_multiplied_along_a_chain() -> None:
    """X owns 100 % of H (blocked), H owns 51 % of C → C is blocked (not 1.0 × 0.51 of anything)."""
    result = blocked([("X", "H", 100), ("H", "C", 51)], {"X"})
    assert set(result) == {"H", "C"}


def test_unlisted_owners_do_not_count() -> None:
    assert blocked([("X", "C", 40), ("U", "C", 60)], {"X"}) == {}


def test_unknown_percentages_are_not_guessed() -> None:
    assert blocked([("X", "C", None)], {"X"}) == {}


def test_uk_strict_threshold_variant() -> None:
    assert blocked([("X", "C", 50)], {"X"}, inclusive=False) == {}
    assert "C" in blocked([("X", "C", 50)], {"X"}, inclusive=True)


def test_cycles_terminate() -> None:
    result = blocked([("X", "A", 60), ("A", "B", 60), ("B", "A", 10)], {"X"})
    assert set(result) == {"A", "B"}
