"""The Cypher rules of a screening run, evaluated beside the Python predicates in a second process.

The client is Python: its threads share one interpreter lock, so decoding a Cypher rule's paths, grouping
them into alerts and hashing their evidence queued behind the predicates' work on the same core, and a
100,000-declaration run was bounded by that one core while the other idled. A large run therefore hands
its Cypher rules to one worker process (spawned, with its own driver connection), with the predicates that
share no read with another rule (`WORKER_PREDICATES`): per batch it runs them (`threads` rules at a time on
threads), writes their alerts itself and returns counts only, while this process evaluates the other
predicates. Each rule's alerts are computed from that rule's rows alone, so they are the alerts the same
rules write in one process. A small run (or a graph opened without a login to reuse) keeps the Cypher
rules on a thread of this process, which costs no start-up.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import types
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from contextvars import copy_context
from dataclasses import dataclass

from ecgraph.graph.connection import Graph, connect
from ecgraph.rules.engine.engine import (
    RuleOutcome,
    collect_batch_garbage,
    cypher_rule_over_batch,
    rule_over_batch,
)
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.shared_reads import shared_reads

__all__ = ["PROCESS_MIN_DECLARATIONS", "WORKER_PREDICATES", "CypherBeside", "cypher_rules_beside", "rules_batch"]

# Runs over fewer declarations keep the Cypher rules on a thread: spawning a worker (a fresh interpreter
# that imports the engine and logs in) costs about a second, which only a large run wins back.
PROCESS_MIN_DECLARATIONS = 10_000

# Predicates that share no batch read with another rule (PS-02 reads party and list addresses of its own, PS-05
# searches from parties): they cost the same in the worker, and there they leave the predicates' process one
# rule's work lighter. The worker keeps the run's memo, so PS-05 searches each party once per run there too.
WORKER_PREDICATES = frozenset({"shared_address.v1", "shared_address.v2", "network_proximity.v1"})

_WORKER: list[tuple[Graph, AbstractContextManager[object]]] = []  # the worker's connection and run memo


def _open(target: tuple[str, str, str, str]) -> None:
    """Worker start-up: its connection, the run's shared reads (held until the worker ends with the run),
    and the cycle collector off as in the parent's run (`collect_batch_garbage` after each batch instead)."""
    gc.disable()
    uri, user, password, database = target
    memo = shared_reads(run=True)
    memo.__enter__()
    _WORKER.append((connect(uri, user, password, database), memo))


def _in_worker(rules: Sequence[Rule], declarations: list[str], run_id: str, threads: int) -> list[RuleOutcome]:
    try:
        return rules_batch(_WORKER[0][0], rules, declarations, run_id, threads)
    finally:
        collect_batch_garbage()


def rules_batch(graph: Graph, rules: Sequence[Rule], declarations: list[str], run_id: str,
                threads: int) -> list[RuleOutcome]:
    """The given rules over one batch, `threads` at a time (the server runs each query on one core): Cypher
    rules write their alerts as their rows arrive; predicates (the `WORKER_PREDICATES`, which share no batch
    read) run in this thread's context, so they see the run's memo (PS-05 searches a party once per run)."""
    from ecgraph.rules.engine.predicates import PREDICATES  # imports the engine, which imports this module

    with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="ecgraph-cypher") as pool:
        pending = []
        for rule in rules:
            if rule.cypher is not None:
                pending.append(pool.submit(cypher_rule_over_batch, graph, rule, declarations, run_id))
            else:
                assert rule.predicate is not None
                pending.append(pool.submit(copy_context().run, rule_over_batch, graph, rule, declarations, run_id,
                                           PREDICATES[rule.predicate]))
        return [future.result() for future in pending]


@dataclass
class CypherBeside:
    """Submits each batch's Cypher rules to the worker; `submit` gives None when they run inline."""
    graph: Graph
    rules: Sequence[Rule]
    run_id: str
    threads: int
    executor: Executor | None
    in_process: bool

    def submit(self, declarations: list[str]) -> Future[list[RuleOutcome]] | None:
        if self.executor is None or not self.rules:
            return None
        if self.in_process:
            return self.executor.submit(rules_batch, self.graph, self.rules, declarations, self.run_id, self.threads)
        with _callers_script_hidden():
            return self.executor.submit(_in_worker, list(self.rules), declarations, self.run_id, self.threads)


@contextmanager
def _callers_script_hidden() -> Iterator[None]:
    """The worker is spawned at the first submit, and a spawned interpreter first re-runs the caller's
    `__main__` script: a script that calls `screen()` without an `if __name__ == "__main__":` guard would
    screen again in the worker. The worker needs nothing from that script (it imports ecgraph by name), so
    it is shown an empty `__main__`."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


@contextmanager
def cypher_rules_beside(graph: Graph, rules: Sequence[Rule], declarations: int, run_id: str,
                        threads: int) -> Iterator[CypherBeside]:
    """A worker for the run's Cypher rules (`rules`: the run's active ones): a process for a large run, which
    also takes the `WORKER_PREDICATES`; a thread for a small one; none (every rule runs inline, one after
    another) with `threads` ≤ 1. `CypherBeside.rules` are the rules it runs."""
    target = graph.target()
    cypher = [rule for rule in rules if rule.cypher is not None]
    if threads <= 1 or not cypher:
        yield CypherBeside(graph, [], run_id, threads, None, True)
        return
    if declarations >= PROCESS_MIN_DECLARATIONS and target is not None:
        cypher = [rule for rule in rules if rule.cypher is not None or rule.predicate in WORKER_PREDICATES]
        executor: Executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_open, initargs=(target,))
        in_process = False
    else:
        executor, in_process = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ecgraph-rules"), True
    try:
        yield CypherBeside(graph, cypher, run_id, threads, executor, in_process)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
