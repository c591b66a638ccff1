"""The rule engine: evaluate active rules over declarations and write alerts with their evidence.

A rule whose inputs the graph does not hold is inactive (and says which input is missing). Each rule
returns rows (one per finding); rows are grouped into one alert per (rule, declaration, rule version).
Match findings that an analyst cleared as false positives are suppressed while both sides are unchanged.
"""

from __future__ import annotations

import gc
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ecgraph.graph.alerts import (
    active_suppressions,
    close_stale_alerts,
    count_alerts,
    pair_fingerprints,
    write_alerts,
)
from ecgraph.graph.connection import Graph, batched
from ecgraph.graph.rule_queries import (
    INPUT_PROBES,
    probe_inputs,
    run_rule_query,
    stable_ref,
    stream_rule_query,
)
from ecgraph.rules.engine.model import SEVERITY_ORDER, Hit, Rule
from ecgraph.rules.engine.shared_reads import shared_reads
from ecgraph.schemas.errors import EcgraphError

__all__ = ["RuleState", "alert_id", "evaluate", "hits_from_rows", "rule_states", "stored_evidence"]

# a predicate's rows: a list, or an iterator of rows ordered by declaration (written as they come)
Predicate = Callable[[Graph, Rule, list[str]], list[dict[str, Any]] | Iterator[dict[str, Any]]]


@dataclass(frozen=True)
class RuleState:
    rule: Rule
    active: bool
    missing: tuple[str, ...]
    reason: str


def rule_states(graph: Graph, rules: Sequence[Rule]) -> list[RuleState]:
    needed = {name for rule in rules for name in rule.requires}
    unknown = (needed | {name for rule in rules for name in rule.reads}) - set(INPUT_PROBES)
    if unknown:
        raise EcgraphError(f"rule packs require or read unknown inputs {sorted(unknown)}; known inputs are listed "
                           "in graph/rule_queries.py INPUT_PROBES")
    present = probe_inputs(graph, needed)
    states = []
    for rule in rules:
        missing = tuple(name for name in rule.requires if not present[name])
        if not rule.enabled:
            states.append(RuleState(rule, False, missing, "disabled in its pack"))
        elif missing:
            states.append(RuleState(rule, False, missing, "missing input: " + ", ".join(missing)))
        else:
            states.append(RuleState(rule, True, (), "active"))
    return states


# Cypher rules run per chunk to bound each read transaction. Python predicates read shared history (unit
# values per HS code, lanes per exporter) for the declarations they are given, so fewer, larger chunks
# mean that history is read a few times per run rather than once per 5,000 declarations.
CYPHER_CHUNK = 5_000
PREDICATE_CHUNK = 50_000


def alert_id(rule: Rule, declaration: str) -> str:
    return hashlib.sha256(f"{rule.id}|{rule.version}|{declaration}".encode()).hexdigest()[:20]


def _finding_order(rule: Rule, row: dict[str, Any]) -> tuple[int, float, str, str]:
    """Strongest finding first, then by what it says: rows arrive in store order, which moves when unrelated
    writes happen, and the explanation, evidence and findings of an alert must not move with it."""
    return (-SEVERITY_ORDER[row.get("severity") or rule.severity], -float(row.get("score") or 0),
            str(row.get("explanation") or ""), json.dumps(row.get("matched"), sort_keys=True, ensure_ascii=False, default=str))


def hits_from_rows(rule: Rule, rows: list[dict[str, Any]]) -> list[Hit]:
    """Group a rule's rows into one hit per declaration: strongest score and severity, all evidence."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[str(row["declaration"])].append(row)
    hits = []
    for declaration, rows_of_declaration in grouped.items():
        group = sorted(rows_of_declaration, key=lambda r: _finding_order(rule, r))
        best = max(group, key=lambda r: (SEVERITY_ORDER[r.get("severity") or rule.severity], r.get("score") or 0))
        nodes: dict[str, Any] = {}
        rels: dict[str, Any] = {}
        explanations: list[str] = []
        for row in group:
            for node in row.get("evidence", {}).get("nodes", []):
                nodes.setdefault(node["element_id"], node)
            for rel in row.get("evidence", {}).get("relationships", []):
                rels.setdefault(rel["element_id"], rel)
            text = str(row.get("explanation") or rule.name)
            if text not in explanations:
                explanations.append(text)
        hits.append(
            Hit(
                rule=rule, declaration=declaration, score=float(best.get("score") or 0.0),
                severity=str(best.get("severity") or rule.severity),
                explanation="; ".join(explanations[:10]) + (f"; … {len(explanations) - 10} more" if len(explanations) > 10 else ""),
                evidence={"nodes": list(nodes.values()), "relationships": list(rels.values())},
                matched={"findings": [
                    {**(row.get("matched") or {}),
                     **({"party_key": row["party"], "entry_id": row["entry"]} if row.get("party") and row.get("entry") else {})}
                    for row in group]},
            )
        )
    return hits


def _suppress(graph: Graph, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Drop rows whose (party, entry) pair an analyst cleared, while both sides are unchanged."""
    pairs = [{"party": r["party"], "entry": r["entry"]} for r in rows if r.get("party") and r.get("entry")]
    if not pairs:
        return rows, 0
    cleared = {(s["party"], s["entry"]): s for s in active_suppressions(graph)}
    if not cleared:
        return rows, 0
    current = {(f["party"], f["entry"]): f for f in pair_fingerprints(graph, [p for p in pairs if (p["party"], p["entry"]) in cleared])}
    kept, dropped = [], 0
    for row in rows:
        key = (row.get("party"), row.get("entry"))
        decision = cleared.get(key)
        if decision and key in current and current[key]["party_fp"] == decision["party_fp"] \
                and current[key]["entry_fp"] == decision["entry_fp"]:
            dropped += 1
            continue
        kept.append(row)
    return kept, dropped


def evaluate(graph: Graph, rule: Rule, declarations: list[str], predicates: dict[str, Predicate]) -> tuple[list[Hit], int]:
    """Run one rule over the given declarations; returns (hits, suppressed findings)."""
    rows: list[dict[str, Any]] = []
    size = (rule.chunk or CYPHER_CHUNK) if rule.cypher is not None else PREDICATE_CHUNK
    for chunk in batched(declarations, size):
        if rule.cypher is not None:
            rows.extend(run_rule_query(graph, rule.cypher, {"declarations": chunk, **rule.params}))
        else:
            rows.extend(_predicate_of(rule, predicates)(graph, rule, chunk))
    rows, suppressed = _suppress(graph, rows)
    return hits_from_rows(rule, rows), suppressed


def stored_evidence(evidence: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Evidence as the alert keeps it: nodes named by their stable key (`ref`) and relationships by the refs
    of their ends, without Neo4j's element ids. Loading the same data into a fresh database gives other
    element ids; the stored evidence, and so `evidence_hash`, stay the same."""
    refs = {n["element_id"]: n.get("ref") or stable_ref(n["labels"], n["properties"]) for n in evidence["nodes"]}
    return {
        "nodes": [{"ref": refs[n["element_id"]], "labels": n["labels"], "properties": n["properties"]}
                  for n in evidence["nodes"]],
        "relationships": [{"type": r["type"], "start": refs.get(r["start"]), "end": refs.get(r["end"]),
                           "properties": r["properties"]} for r in evidence["relationships"]],
    }


def alert_rows(hits: list[Hit]) -> list[dict[str, Any]]:
    """The rows `write_alerts` stores. `evidence_ids` (element ids, to link the evidence in this database)
    is in neither hash; `content_hash` covers the evidence through `evidence_hash`."""
    out = []
    for hit in hits:
        evidence_json = json.dumps(stored_evidence(hit.evidence), sort_keys=True, ensure_ascii=False, default=str)
        row: dict[str, Any] = {
            "id": alert_id(hit.rule, hit.declaration),
            "declaration": hit.declaration,
            "rule_id": hit.rule.id,
            "rule_version": hit.rule.version,
            "rule_name": hit.rule.name,
            "severity": hit.severity,
            "score": round(hit.score, 4),
            "explanation": hit.explanation,
            "evidence": evidence_json,
            "evidence_ids": [n["element_id"] for n in hit.evidence["nodes"]],
            "evidence_hash": hashlib.sha256((evidence_json + hit.explanation + hit.severity).encode()).hexdigest()[:16],
            "matched": json.dumps(hit.matched, ensure_ascii=False, default=str),
            "source": list(hit.rule.source),
            "params": json.dumps(hit.rule.params, sort_keys=True, default=str),
        }
        content = {k: v for k, v in row.items() if k not in ("evidence", "evidence_ids")}
        row["content_hash"] = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()[:16]
        out.append(row)
    return out


@dataclass
class EngineResult:
    """What a run wrote, counted as it went: the hits themselves are written batch by batch and dropped, so
    a run's memory is bounded by its largest batch, not by its size."""
    alerts_total: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    rule_seconds: dict[str, float] = field(default_factory=dict)
    suppressed: int = 0
    alerts_before: int = 0
    alerts_after: int = 0
    closed: int = 0
    closing_seconds: float = 0.0  # closing the alerts no rule raises any more (after the rules)

    def then(self, later: EngineResult) -> EngineResult:
        """This run's result followed by `later`'s, over other declarations of the same screening run."""
        seconds = dict(self.rule_seconds)
        for rule_id, spent in later.rule_seconds.items():
            seconds[rule_id] = round(seconds.get(rule_id, 0.0) + spent, 3)
        severities = dict(self.by_severity)
        for severity, n in later.by_severity.items():
            severities[severity] = severities.get(severity, 0) + n
        return EngineResult(alerts_total=self.alerts_total + later.alerts_total, by_severity=severities,
                            rule_seconds=seconds, suppressed=self.suppressed + later.suppressed,
                            alerts_before=self.alerts_before, alerts_after=later.alerts_after,
                            closed=self.closed + later.closed,
                            closing_seconds=self.closing_seconds + later.closing_seconds)

    def add(self, outcome: RuleOutcome) -> None:
        self.alerts_total += outcome.alerts
        self.suppressed += outcome.suppressed
        for severity, n in outcome.by_severity.items():
            self.by_severity[severity] = self.by_severity.get(severity, 0) + n


@dataclass
class RuleOutcome:
    """What one rule wrote over one batch: counts only, so it crosses a process boundary cheaply."""
    rule_id: str
    alerts: int = 0
    suppressed: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, other: RuleOutcome) -> None:
        """Counts of `other` (the same rule over another part of the batch) added to these."""
        self.alerts += other.alerts
        self.suppressed += other.suppressed
        for severity, n in other.by_severity.items():
            self.by_severity[severity] = self.by_severity.get(severity, 0) + n


def write_rule_rows(graph: Graph, rule: Rule, rows: list[dict[str, Any]], run_id: str) -> RuleOutcome:
    """Suppress, group and write one rule's rows over one batch; the rows are dropped once written."""
    started = time.perf_counter()
    kept, suppressed = _suppress(graph, rows)
    hits = hits_from_rows(rule, kept)
    write_alerts(graph, alert_rows(hits), run_id)
    by_severity: dict[str, int] = {}
    for hit in hits:
        by_severity[hit.severity] = by_severity.get(hit.severity, 0) + 1
    return RuleOutcome(rule.id, len(hits), suppressed, by_severity, time.perf_counter() - started)


# (what just finished: a rule id, with its batch when there are several; steps done; steps in all). A step
# is one rule over one batch, so a long run reports as each batch's alerts are written, not at its end.
Progress = Callable[[str, int, int], None]

# Cypher rules run beside the Python predicates (rules/engine/cypher_process.py: a second process for a large
# run), this many queries at a time: the server works on their queries while the client thinks about the
# predicates' rows (two cores). More only queue on the server; one makes the run sequential again.
RULE_WORKERS = 2


def declaration_groups(rule: Rule, rows: Iterable[dict[str, Any]], size: int = CYPHER_CHUNK) -> Iterator[list[dict[str, Any]]]:
    """A rule's rows as they arrive, cut into groups of about `size` declarations that each hold every row of
    their declarations, so each group's alerts can be written and dropped before the next is read.

    A group is cut only when a declaration not seen before arrives after `size` others: the rows of a query
    over at most `size` declarations stay one group in any order, and a larger query must return its rows
    ordered by declaration. A row of a declaration whose group is already written would be a second alert
    for it, so it is an error naming the rule, not a silent split."""
    pending: dict[str, list[dict[str, Any]]] = {}
    written: set[str] = set()
    for row in rows:
        declaration = str(row["declaration"])
        if declaration in written:
            raise EcgraphError(
                f"{rule.file}:{rule.line}: rule {rule.id} returned rows of declaration {declaration} after rows "
                f"of {size:,} other declarations: a rule whose chunk is over {CYPHER_CHUNK:,} declarations must "
                f"return its rows ORDER BY declaration")
        if declaration not in pending and len(pending) >= size:
            yield [r for group in pending.values() for r in group]
            written.update(pending)
            pending = {}
        pending.setdefault(declaration, []).append(row)
    if pending:
        yield [r for group in pending.values() for r in group]


def cypher_rule_over_batch(graph: Graph, rule: Rule, declarations: list[str], run_id: str,
                           group: int = CYPHER_CHUNK) -> RuleOutcome:
    """One Cypher rule over one batch, its alerts written as its rows arrive, `group` declarations at a
    time: a rule that searches a whole batch in one query (PS-05) never holds the batch's rows."""
    assert rule.cypher is not None
    started = time.perf_counter()
    outcome = RuleOutcome(rule.id)

    def write_groups(rows: Iterator[dict[str, Any]]) -> list[RuleOutcome]:
        return [write_rule_rows(graph, rule, rows_of, run_id) for rows_of in declaration_groups(rule, rows, group)]

    for chunk in batched(declarations, rule.chunk or CYPHER_CHUNK):
        for written in stream_rule_query(graph, rule.cypher, {"declarations": chunk, **rule.params}, write_groups):
            outcome.add(written)
    outcome.seconds = time.perf_counter() - started
    return outcome


def rule_over_batch(graph: Graph, rule: Rule, declarations: list[str], run_id: str,
                    predicate: Predicate | None) -> RuleOutcome:
    """One rule over one batch on this thread: its rows (its Cypher, else `predicate`), written as alerts.

    A predicate returns its rows as a list, or as an iterator of rows ordered by declaration (PS-05), whose
    alerts are written a group of declarations at a time as for a Cypher rule: the batch's rows never all
    exist at once."""
    if rule.cypher is not None:
        return cypher_rule_over_batch(graph, rule, declarations, run_id)
    started = time.perf_counter()
    assert predicate is not None
    rows = predicate(graph, rule, declarations)
    if isinstance(rows, list):
        outcome = write_rule_rows(graph, rule, rows, run_id)
    else:
        outcome = RuleOutcome(rule.id)
        for group in declaration_groups(rule, rows, CYPHER_CHUNK):
            outcome.add(write_rule_rows(graph, rule, group, run_id))
    del rows
    outcome.seconds = time.perf_counter() - started
    return outcome


def _predicate_of(rule: Rule, predicates: dict[str, Predicate]) -> Predicate:
    assert rule.predicate is not None
    if rule.predicate not in predicates:
        raise EcgraphError(f"{rule.file}:{rule.line}: rule {rule.id} names predicate {rule.predicate!r}, "
                           f"which does not exist; known: {', '.join(sorted(predicates))}")
    return predicates[rule.predicate]


def collect_batch_garbage() -> None:
    """After a batch, with the collector paused: collect every generation, not only the youngest.

    A young collection moves every cyclic object alive at that moment to an older generation, and with the
    collector paused nothing looks there again. The driver's hydrated paths are cycles, and while one thread
    collects, another thread's query holds a fetch of them (up to 1,000 records): each collection moved a
    slice of them on for good. Screening the 652,853 declarations a 100-entry list update reaches in the 1M
    world, the Cypher worker grew ~70 MB a minute after its first batch. One full collection per batch (a
    batch is minutes of a large run) walks what the process holds once."""
    gc.collect()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a screening run; `collect_batch_garbage` after each batch instead.

    A batch builds millions of small dicts and lists (facts, rows, evidence) that live until it ends, and
    the collector walked them again on each of its thousands of passes: a third of the client's CPU at
    100,000 declarations. Those rows hold no reference cycles, so reference counting frees them; the few
    cycles a batch leaves (driver objects) are collected when it ends. The driver's hydrated paths
    are such cycles, one per record: `graph/rule_queries.py` collects them every `COLLECT_EVERY` records
    while the collector is off, or a query returning a million paths would hold them all."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_rules(graph: Graph, states: Sequence[RuleState], declarations: list[str], run_id: str,
              predicates: dict[str, Predicate], progress: Progress | None = None,
              workers: int = RULE_WORKERS) -> EngineResult:
    """Every active rule over the declarations, a batch of `PREDICATE_CHUNK` at a time.

    Within a batch the Python predicates share their graph reads (`shared_reads`) and the Cypher rules run
    concurrently on `workers` threads; each rule's rows are then suppressed, grouped and written before the
    next batch starts. A declaration lies in one batch only, so its alerts are those of a rule-by-rule run,
    and a run killed between batches has written every alert of the batches it finished (alerts are merged
    by id: a retry rewrites nothing twice). `rule_seconds` is each rule's own time (they overlap)."""
    result = EngineResult()
    result.alerts_before = count_alerts(graph)
    active = [s.rule for s in states if s.active]
    functions = {rule.id: _predicate_of(rule, predicates) for rule in active if rule.cypher is None}
    seconds: dict[str, float] = {rule.id: 0.0 for rule in active}
    batches = list(batched(declarations, PREDICATE_CHUNK))
    steps, done = len(batches) * len(active), 0

    def finished(outcome: RuleOutcome, number: int) -> None:
        nonlocal done
        result.add(outcome)
        seconds[outcome.rule_id] += outcome.seconds
        done += 1
        if progress is not None:
            progress(outcome.rule_id if len(batches) == 1 else f"{outcome.rule_id} (batch {number}/{len(batches)})",
                     done, steps)

    from ecgraph.rules.engine.cypher_process import cypher_rules_beside  # imports this module

    with collector_paused(), shared_reads(run=True), \
            cypher_rules_beside(graph, active, len(declarations), run_id, workers) as beside:
        elsewhere = {rule.id for rule in beside.rules}
        for number, chunk in enumerate(batches, start=1):
            pending = beside.submit(chunk)
            with shared_reads():
                for rule in active:
                    if pending is not None and rule.id in elsewhere:
                        continue
                    finished(rule_over_batch(graph, rule, chunk, run_id, functions.get(rule.id)), number)
            for outcome in pending.result() if pending is not None else []:
                finished(outcome, number)
            collect_batch_garbage()
    if not batches and progress is not None:
        for done, rule in enumerate(active, start=1):
            progress(rule.id, done, len(active))
    result.rule_seconds = {rule_id: round(spent, 3) for rule_id, spent in seconds.items()}
    closing = time.perf_counter()
    for chunk in batched(declarations, 5000):
        result.closed += close_stale_alerts(graph, chunk, [r.id for r in active], run_id)
    result.closing_seconds = time.perf_counter() - closing
    result.alerts_after = count_alerts(graph)
    return result
