"""A Cypher rule's alerts are written as its rows arrive, a few thousand declarations at a time.

A rule may query a whole 50,000-declaration batch at once (`chunk`), as PS-05 did until it became a predicate
that searches each party once per run: over a 1M-declaration graph its query returned ~1.5M rows of paths, and
held until the batch ended they grew the Cypher worker past 8 GB. The engine cuts the rows into groups of whole declarations as
they stream in and writes each group before reading on; a query larger than a group must return its rows
ordered by declaration, and one that does not is stopped with an error naming the rule, never split.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from ecgraph.rules.engine import engine
from ecgraph.rules.engine.engine import CYPHER_CHUNK, RuleOutcome, declaration_groups
from ecgraph.rules.engine.pack import load_rules
from ecgraph.schemas.errors import EcgraphError

# a Cypher rule made to query more declarations than a group at once
WIDE = replace(next(rule for rule in load_rules() if rule.cypher is not None), chunk=5 * CYPHER_CHUNK)


def rows(*declarations: str) -> list[dict[str, Any]]:
    return [{"declaration": d, "finding": n} for n, d in enumerate(declarations)]


def declarations_of(groups: list[list[dict[str, Any]]]) -> list[list[str]]:
    return [sorted({row["declaration"] for row in group}) for group in groups]


def test_rows_over_no_more_declarations_than_a_group_stay_one_group_in_any_order() -> None:
    groups = list(declaration_groups(WIDE, iter(rows("D2", "D1", "D2", "D3", "D1")), size=3))
    assert declarations_of(groups) == [["D1", "D2", "D3"]]
    assert sorted(row["finding"] for row in groups[0]) == [0, 1, 2, 3, 4]


def test_rows_ordered_by_declaration_are_cut_into_groups_of_whole_declarations() -> None:
    groups = list(declaration_groups(WIDE, iter(rows("D1", "D1", "D2", "D3", "D3", "D3", "D4", "D5")), size=2))
    assert declarations_of(groups) == [["D1", "D2"], ["D3", "D4"], ["D5"]]
    assert sum(len(group) for group in groups) == 8


def test_a_declaration_coming_back_after_its_group_was_written_is_an_error_naming_the_rule() -> None:
    named = rf"{re.escape(WIDE.file)}:{WIDE.line}: rule {re.escape(WIDE.id)} .* D1 .* ORDER BY declaration"
    with pytest.raises(EcgraphError, match=named):
        list(declaration_groups(WIDE, iter(rows("D1", "D2", "D3", "D1")), size=2))


def test_no_rows_no_groups() -> None:
    assert list(declaration_groups(WIDE, iter([]), size=2)) == []


def test_every_rule_that_queries_more_declarations_than_a_group_orders_its_rows_by_declaration() -> None:
    wide = [rule for rule in load_rules() if rule.cypher is not None and (rule.chunk or 0) > CYPHER_CHUNK]
    for rule in wide:
        assert rule.cypher is not None
        assert "ORDER BY d.number" in rule.cypher or "ORDER BY declaration" in rule.cypher, (
            f"{rule.file}:{rule.line}: rule {rule.id} queries {rule.chunk} declarations at once; order its rows")


def test_a_rule_with_the_default_chunk_may_return_rows_in_store_order() -> None:
    narrow = replace(WIDE, chunk=None)
    shuffled = rows(*[f"D{n % 7}" for n in range(50)])
    assert declarations_of(list(declaration_groups(narrow, iter(shuffled)))) == [[f"D{n}" for n in range(7)]]


def test_a_predicate_yielding_rows_by_declaration_is_written_a_group_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """PS-05's predicate yields its rows in declaration order; the engine writes them as they come, so a
    batch's rows never all exist at once. A predicate returning a list is written in one go, as before."""
    written: list[list[str]] = []

    def write(graph: object, rule: object, rows: list[dict[str, Any]], run_id: str) -> RuleOutcome:
        written.append(sorted({row["declaration"] for row in rows}))
        return RuleOutcome("X", alerts=len({row["declaration"] for row in rows}))

    monkeypatch.setattr(engine, "write_rule_rows", write)
    monkeypatch.setattr(engine, "CYPHER_CHUNK", 2)
    predicate_rule = replace(WIDE, cypher=None, predicate="yields")
    outcome = engine.rule_over_batch(None, predicate_rule, [], "run",  # type: ignore[arg-type]
                                     lambda graph, rule, numbers: iter(rows("D1", "D1", "D2", "D3", "D4", "D5")))
    assert written == [["D1", "D2"], ["D3", "D4"], ["D5"]] and outcome.alerts == 5
    written.clear()
    engine.rule_over_batch(None, predicate_rule, [], "run",  # type: ignore[arg-type]
                           lambda graph, rule, numbers: rows("D3", "D1", "D2", "D1"))
    assert written == [["D1", "D2", "D3"]]
