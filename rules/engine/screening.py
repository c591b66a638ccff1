"""A screening run: hold the lock's lease, pick the declarations, run the active rules, combine risk, record
the run. The CLI takes the lease before party matching (nothing is written without it) and passes it in.

Exit codes for schedulers (see `ecgraph screen --help`): 0 the run finished; 1 it failed;
75 (EX_TEMPFAIL) another run holds the lock — try again later.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ecgraph.graph.alerts import alerts_for_declarations
from ecgraph.graph.connection import Graph, batched
from ecgraph.graph.screening import (
    declarations_due,
    declarations_for_parties,
    declarations_to_screen,
    finish_run,
    last_run,
    mark_screened,
    start_run,
    write_risk,
)
from ecgraph.rules.engine.engine import Progress, RuleState, rule_states, run_rules
from ecgraph.rules.engine.lease import Lease, LockHeld, screening_lease
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.pack import load_rules
from ecgraph.rules.engine.predicates import PREDICATES
from ecgraph.rules.engine.risk import combine
from ecgraph.schemas.logs import get_logger, logged_run

__all__ = ["PHASES", "LockHeld", "ScreeningReport", "changed_rules", "list_reading_rules", "new_and_rematched", "screen"]

LOG = get_logger("ecgraph.rules.engine.screening")
RISK_SLICE = 5_000  # declarations whose alerts are read, combined into risk and written at a time
# A run's phases: which rules and declarations, and which of them are due every rule; the rules; closing the
# alerts no rule raises any more; risk; the "screened" stamps.
PHASES = ("choose", "rules", "close stale alerts", "risk", "stamps")


@dataclass
class ScreeningReport:
    run_id: str
    mode: str
    declarations: int
    alerts_new: int
    alerts_total: int
    alerts_closed: int
    suppressed: int
    duration_s: float
    rule_seconds: dict[str, float] = field(default_factory=dict)
    inactive: dict[str, str] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)
    # where the run's wall time went, phase by phase (PHASES, in order; they add up to duration_s less the
    # run's bookkeeping): rule_seconds overlap (rules run side by side), these do not
    phase_seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class _PhaseClock:
    """Wall seconds per phase of one run, each phase timed from the end of the one before."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._since = time.perf_counter()

    def ended(self, phase: str, less: float = 0.0) -> None:
        """`phase` ended now; `less` of its time is reported under a phase of its own (see `took`)."""
        now = time.perf_counter()
        self.seconds[phase] = round(now - self._since - less, 3)
        self._since = now

    def took(self, phase: str, seconds: float) -> None:
        self.seconds[phase] = round(seconds, 3)


def new_and_rematched(graph: Graph, parties_changed: list[str]) -> list[str] | None:
    """What `ecgraph screen` screens: new declarations, and those of parties whose list matches just
    changed (a re-match after a matcher upgrade can add or drop a hit on an old declaration). None when
    no party's matches changed: the run then picks the new declarations itself."""
    if not parties_changed:
        return None
    return sorted(set(declarations_to_screen(graph, mode="new")) | set(declarations_for_parties(graph, parties_changed)))


def changed_rules(graph: Graph, states: list[RuleState]) -> list[RuleState]:
    """The states with every rule whose version the last finished run already had set inactive: after a
    rule-pack change only the rules that changed (or became active) re-run, over every declaration. Their
    older versions' alerts close as any alert does when its rule no longer raises it."""
    last = last_run(graph)
    previous = set(last.get("rule_versions") or []) if last is not None else set()
    return [RuleState(s.rule, False, s.missing, "unchanged since the last run") if s.active and s.rule.key in previous
            else s for s in states]


def list_reading_rules(states: list[RuleState]) -> list[RuleState]:
    """The states with every rule that reads no list input set inactive: a list update cannot change what
    such a rule finds (its inputs are the declarations and reference data), so `--lists-changed` runs only
    the others — at a million declarations a list update reaches most of them, and the rest of the pack is
    most of the work. A declaration never screened before still gets every rule (see `screen`)."""
    return [s if not s.active or s.rule.reads_lists else
            RuleState(s.rule, False, s.missing, "reads no list: a list update cannot change what it finds")
            for s in states]


def screen(
    graph: Graph, *, mode: str = "new", numbers: list[str] | None = None, rules: Sequence[Rule] | None = None,
    declarations: list[str] | None = None, progress: Progress | None = None, lease: Lease | None = None,
) -> ScreeningReport:
    """Screen declarations (`mode` new | all | lists-changed | rules-changed, or explicit `numbers`) with every
    active rule; rules-changed runs only the rules whose version is new since the last run, over everything,
    and lists-changed only the rules that read a list. Those two run every rule over a declaration never
    screened (or loaded again since): the run stamps it screened, and no later run would give it the rest.

    Under `lease` when given (the caller holds the lock); else the run takes the lock itself (LockHeld)."""
    rules = list(rules) if rules is not None else load_rules()
    if lease is not None:
        return _screen(graph, lease, mode, numbers, rules, declarations, progress)
    with screening_lease(graph) as held:
        return _screen(graph, held, mode, numbers, rules, declarations, progress)


def _screen(graph: Graph, lease: Lease, mode: str, numbers: list[str] | None, rules: list[Rule],
            declarations: list[str] | None, progress: Progress | None) -> ScreeningReport:
    run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    with logged_run(LOG, "screening", run_id, mode=mode) as counts:
        started, phases = time.perf_counter(), _PhaseClock()
        try:
            states = rule_states(graph, rules)
            # the run records every rule version in force; a rules-changed run evaluates only the new ones
            start_run(graph, run_id, mode, [s.rule.key for s in states if s.active], holder=lease.holder)
            run_states = (changed_rules(graph, states) if mode == "rules-changed" else
                          list_reading_rules(states) if mode == "lists-changed" else states)
            targets = declarations if declarations is not None else declarations_to_screen(
                graph, mode="all" if mode == "rules-changed" else mode, numbers=numbers)
            # declarations a partial run must give every rule; over every declaration the graph lists them itself
            every_declaration = declarations is None and not numbers and mode == "rules-changed"
            due = (set() if run_states is states else set(declarations_to_screen(graph, mode="new")) if every_declaration
                   else set(declarations_due(graph, targets)))
            phases.ended("choose")
            result = run_rules(graph, run_states, [n for n in targets if n not in due], run_id, PREDICATES, progress)
            if due:
                result = result.then(run_rules(graph, states, sorted(due), run_id, PREDICATES, progress))
            phases.ended("rules", less=result.closing_seconds)
            phases.took("close stale alerts", result.closing_seconds)
            # risk a slice at a time: a run's memory is bounded by its batch, not by its size
            for chunk in batched(targets, RISK_SLICE):
                by_declaration: dict[str, list[dict[str, Any]]] = defaultdict(list)
                for alert in alerts_for_declarations(graph, chunk, ["open", "in_review", "escalated"]):
                    by_declaration[alert["declaration"]].append(alert)
                risks = [combine(n, by_declaration.get(n, [])).row() for n in chunk]
                lease.ensure_held()
                write_risk(graph, risks)
            phases.ended("risk")
            lease.ensure_held()
            mark_screened(graph, targets, run_id)
            phases.ended("stamps")
            report = ScreeningReport(
                run_id=run_id, mode=mode if not numbers else "declarations", declarations=len(targets),
                alerts_new=max(0, result.alerts_after - result.alerts_before), alerts_total=result.alerts_total,
                alerts_closed=result.closed, suppressed=result.suppressed,
                duration_s=round(time.perf_counter() - started, 3), rule_seconds=result.rule_seconds,
                inactive={s.rule.id: s.reason for s in run_states if not s.active}, by_severity=dict(result.by_severity),
                phase_seconds=phases.seconds,
            )
            counts.update(declarations=report.declarations, alerts_total=report.alerts_total,
                          alerts_new=report.alerts_new, alerts_closed=report.alerts_closed)
            finish_run(graph, run_id, status="ok", declarations=report.declarations, alerts_new=report.alerts_new,
                       alerts_total=report.alerts_total, alerts_closed=report.alerts_closed,
                       duration_s=report.duration_s, rule_seconds=[f"{k}={v}" for k, v in report.rule_seconds.items()],
                       phase_seconds=[f"{k}={v}" for k, v in report.phase_seconds.items()],
                       inactive_rules=sorted(report.inactive), error=None)
            return report
        except BaseException as exc:
            finish_run(graph, run_id, status="failed", declarations=0, alerts_new=0, alerts_total=0, alerts_closed=0,
                       duration_s=round(time.perf_counter() - started, 3), rule_seconds=[], phase_seconds=[],
                       inactive_rules=[],
                       error=f"{type(exc).__name__}: {exc}")
            raise
