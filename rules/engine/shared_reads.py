"""Reads shared by the rules of one screening batch: each graph read a predicate needs is made once per batch.

A dozen predicates read the same facts of the same declarations (goods with their control flags, parties
with their matches, the destination's groups), the same indicator terms and the same lane history. Inside
`shared_reads()` the first predicate to ask reads the graph and the others reuse the rows, so one batch
costs one read of each kind instead of one per rule. Outside it every call reads the graph, as before.

The memo lives in a context variable, so it never outlives its batch and a thread that did not open it
(a Cypher rule on a worker thread) never sees it. Rows are returned as the graph gave them; readers that
annotate rows (lane history: `day`) get shallow copies, so one rule's notes never reach another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from ecgraph.graph import rule_inputs
from ecgraph.graph.connection import Graph
from ecgraph.graph.declarations import ROLE_TYPES

__all__ = [
    "consignee_history",
    "control_codes",
    "declaration_facts",
    "declaration_goods",
    "declaration_party_names",
    "group_members",
    "in_screening_run",
    "indicator_terms",
    "item_unit_values",
    "lane_history",
    "list_items_of_hs",
    "listed_identities",
    "once_per_run",
    "once_per_run_each",
    "ownership_edges",
    "shared_reads",
]

V = TypeVar("V")

_MEMO: ContextVar[dict[Any, Any] | None] = ContextVar("ecgraph_shared_reads", default=None)
_RUN: ContextVar[dict[Any, Any] | None] = ContextVar("ecgraph_shared_run_reads", default=None)


@contextmanager
def shared_reads(*, run: bool = False) -> Iterator[dict[Any, Any]]:
    """Share graph reads between the rules run inside this block: one batch of declarations, or with `run`
    the whole screening run (reads that do not depend on the declarations: terms, lists, the HS index)."""
    memo: dict[Any, Any] = {}
    token = (_RUN if run else _MEMO).set(memo)
    try:
        yield memo
    finally:
        (_RUN if run else _MEMO).reset(token)


def _memoised(memo: dict[Any, Any] | None, key: Any, read: Callable[[], Any]) -> Any:
    """`read()` once per `memo` (a batch's or a run's), or at every call outside one."""
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _once(key: Any, read: Callable[[], Any]) -> Any:
    return _memoised(_MEMO.get(), key, read)


def in_screening_run() -> bool:
    """Inside a screening run (`shared_reads(run=True)`), where derived data the run needs may be written."""
    return _RUN.get() is not None


def once_per_run(key: Any, read: Callable[[], Any]) -> Any:
    """`read()` once per screening run (inside `shared_reads(run=True)`), else at every call."""
    return _memoised(_RUN.get(), key, read)


def once_per_run_each(kind: str, keys: list[str], read: Callable[[list[str]], dict[str, V]]) -> dict[str, V]:
    """key -> value for each of `keys`, `read` asked only for the keys this screening run has not read yet
    (inside `shared_reads(run=True)`; else every key is read). For reads that depend on a key the batches
    share (a party searched from: each batch of a large run names thousands of parties the run has seen)."""
    memo = _RUN.get()
    if memo is None:
        return read(keys)
    held: dict[str, V] = memo.setdefault((kind, "each"), {})
    missing = [key for key in dict.fromkeys(keys) if key not in held]
    if missing:
        held.update(read(missing))
    return {key: held[key] for key in keys}


def _by_declaration(kind: str, graph: Graph, declarations: list[str],
                    read: Callable[[Graph, list[str]], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rows keyed by declaration: read once for the batch, then served for any subset of it."""
    memo = _MEMO.get()
    if memo is None:
        return read(graph, declarations)
    held: dict[str, list[dict[str, Any]]] | None = memo.get(kind)
    if held is None or not set(declarations) <= memo[(kind, "asked")]:
        rows = read(graph, declarations)
        held = {}
        for row in rows:
            held.setdefault(row["declaration"], []).append(row)
        memo[kind], memo[(kind, "asked")], memo[(kind, "rows")] = held, set(declarations), rows
        return rows
    if set(declarations) == memo[(kind, "asked")]:
        return list(memo[(kind, "rows")])
    wanted = set(declarations)
    return [row for row in memo[(kind, "rows")] if row["declaration"] in wanted]


def declaration_facts(graph: Graph, declarations: list[str]) -> list[dict[str, Any]]:
    return _by_declaration("facts", graph, declarations, rule_inputs.declaration_facts)


def declaration_goods(graph: Graph, declarations: list[str]) -> list[dict[str, Any]]:
    return _by_declaration("goods", graph, declarations, rule_inputs.declaration_goods)


def declaration_party_names(graph: Graph, declarations: list[str], roles: list[str]) -> list[dict[str, Any]]:
    """Read once for every role (the query filters the same expansion, so rows keep their order), then
    narrowed to the roles asked for."""
    if _MEMO.get() is None:
        return rule_inputs.declaration_party_names(graph, declarations, roles)
    every = sorted(set(ROLE_TYPES) | set(roles))
    rows = _once(("party_names", tuple(declarations)),
                 lambda: rule_inputs.declaration_party_names(graph, declarations, every))
    wanted = set(roles)
    return [row for row in rows if row["role"] in wanted]


def indicator_terms(graph: Graph) -> list[dict[str, Any]]:
    return list(once_per_run("indicator_terms", lambda: rule_inputs.indicator_terms(graph)))


def control_codes(graph: Graph) -> list[dict[str, Any]]:
    return list(once_per_run("control_codes", lambda: rule_inputs.control_codes(graph)))


def group_members(graph: Graph, groups: list[str]) -> set[str]:
    return set(once_per_run(("group_members", tuple(sorted(groups))), lambda: rule_inputs.group_members(graph, groups)))


def lane_history(graph: Graph, declarations: list[str]) -> list[dict[str, Any]]:
    rows = _once(("lane_history", tuple(declarations)), lambda: rule_inputs.lane_history(graph, declarations))
    return [dict(row) for row in rows]


def list_items_of_hs(graph: Graph, codes: list[str]) -> dict[str, list[str]]:
    return dict(_once(("list_items_of_hs", tuple(codes)), lambda: rule_inputs.list_items_of_hs(graph, codes)))


def consignee_history(graph: Graph, consignees: list[str]) -> list[dict[str, Any]]:
    """Every declaration sent to each of `consignees` (party keys), consignee by consignee in the order asked.
    A consignee's history is read once per run: the run writes no declaration, and the same consignees
    recur batch after batch."""
    held: dict[str, list[dict[str, Any]]] = once_per_run("consignee_history", dict)
    missing = sorted({key for key in consignees if key not in held})
    if missing:
        read: dict[str, list[dict[str, Any]]] = {key: [] for key in missing}
        for row in rule_inputs.consignee_history(graph, missing):
            read[row["consignee"]].append(row)
        held.update(read)
    return [row for key in dict.fromkeys(consignees) for row in held[key]]


def item_unit_values(graph: Graph, prefixes: list[str], digits: int) -> list[dict[str, Any]]:
    return list(_once(("item_unit_values", tuple(prefixes), digits),
                      lambda: rule_inputs.item_unit_values(graph, prefixes, digits)))


def ownership_edges(graph: Graph) -> list[dict[str, Any]]:
    return list(once_per_run("ownership_edges", lambda: rule_inputs.ownership_edges(graph)))


def listed_identities(graph: Graph, sources: list[str], min_score: float,
                      lists: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    key = ("listed_identities", tuple(sources), min_score,
           None if lists is None else tuple(sorted((k, tuple(v)) for k, v in lists.items())))
    return list(once_per_run(key, lambda: rule_inputs.listed_identities(graph, sources, min_score, lists)))
