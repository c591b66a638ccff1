"""Re-match parties against only the list entries added, changed or removed since they were last matched.

After a list update most entries are as they were; matching every party against the whole index again
would redo work whose answer is known. The last complete matching is recorded (`MatchingState`: the
index fingerprint and each list's version); the entries of every version loaded since then form a small
index of their own, scored with the full index's token rarities so that scores equal a full run's, and
each party's matches to those entries are replaced while its other matches stand. Parties that are new
or changed since the last matching get a full search, as `screen_parties` would give them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.resolution import (
    changed_entry_records,
    list_version_chains,
    matching_state,
    parties_for_screening,
    write_matches,
    write_screen_hashes,
)
from ecgraph.rules.resolution.config import MatchConfig
from ecgraph.rules.resolution.index import ResolutionIndex
from ecgraph.rules.resolution.score import MATCHER_VERSION
from ecgraph.rules.resolution.screen import party_query, remember_matching, screen_hash
from ecgraph.rules.resolution.store import entry_from_record, load_index

__all__ = ["ListChanges", "RescreenReport", "list_changes", "rescreen_list_changes"]


@dataclass
class ListChanges:
    """Entries to re-match since the recorded matching; `complete` is False when there is no record."""

    complete: bool
    fingerprint: str = ""
    versions: list[str] = field(default_factory=list)  # list versions loaded since
    whole_lists: list[str] = field(default_factory=list)  # lists never matched (or whose history is lost)
    active: list[dict[str, Any]] = field(default_factory=list)  # index entries added or changed
    retired: list[str] = field(default_factory=list)  # entry ids removed (delisted) since


@dataclass
class RescreenReport:
    parties: int
    changed_entries: int
    removed_entries: int
    full_searches: int  # parties new or changed since the last matching
    parties_changed: list[str]  # keys of parties whose matches differ now
    entries: list[str]  # ids of every added, changed or removed entry
    whole_index: bool  # no matching was recorded: every party was matched against everything


def list_changes(graph: Graph) -> ListChanges:
    """What changed in the lists since the parties were last matched."""
    state = matching_state(graph)
    if not state:
        return ListChanges(complete=False)
    seen = dict(zip(state.get("lists") or [], state.get("versions") or [], strict=False))
    versions: list[str] = []
    whole: list[str] = []
    for row in list_version_chains(graph):
        last = seen.get(row["list"])
        if last == row["current"]:
            continue
        chain = list(row["chain"])
        if last and last in chain:
            versions.extend(chain[:chain.index(last)])
        else:
            whole.append(row["list"])
    changes = ListChanges(complete=True, fingerprint=str(state.get("fingerprint") or ""), versions=versions,
                          whole_lists=whole)
    if versions or whole:
        for row in changed_entry_records(graph, versions, whole):
            if row["status"] == "active":
                record = json.loads(row["record"]) if row.get("record") else {"id": row["id"]}
                record.setdefault("id", row["id"])
                changes.active.append(entry_from_record(record, row["list"]))
            else:
                changes.retired.append(row["id"])
    return changes


def _delta_index(full: ResolutionIndex, entries: list[dict[str, Any]]) -> ResolutionIndex:
    """The changed entries alone, scored with the full index's rarities (so scores equal a full run's)."""
    delta = ResolutionIndex.build(entries, fingerprint=full.fingerprint)
    delta.token_weights = full.token_weights
    delta.unknown_weight = full.unknown_weight
    return delta


def rescreen_list_changes(graph: Graph, *, cache_dir: Path, config: MatchConfig | None = None,
                          limit: int = 10) -> RescreenReport:
    """Re-match every party against the entries changed since the last matching; write what differs."""
    config = config or MatchConfig.from_env()
    changes = list_changes(graph)
    index = load_index(graph, cache_dir)
    delta = _delta_index(index, changes.active) if changes.complete else index
    touched = {e["id"] for e in changes.active} | set(changes.retired)
    parties = parties_for_screening(graph)
    rewrite: list[dict[str, Any]] = []
    rehash: list[dict[str, Any]] = []
    changed: list[str] = []
    full_searches = 0
    for party in parties:
        new_hash = screen_hash(party, index.fingerprint)
        before = {m["entry"]: m for m in party.get("matched") or []}
        query = party_query(party)
        up_to_date = changes.complete and party.get("screen_hash") == screen_hash(party, changes.fingerprint)
        if up_to_date and not touched:
            rehash.append({"key": party["key"], "screen_hash": new_hash})
            continue
        searched = index if not up_to_date else delta
        full_searches += not up_to_date
        found: list[dict[str, Any]] = [{"entry": m.entry_id, "score": m.score, "explanation": json.dumps(m.explanation, ensure_ascii=False)}
                 for m in searched.search(query, threshold=config.threshold, thresholds=config.per_list,
                                          limit=limit)] if query.names or query.identifiers else []
        if up_to_date:  # matches to entries that did not change stand
            found += [m for entry, m in before.items() if entry not in touched]
        found = sorted(found, key=lambda m: (-m["score"], m["entry"]))[:limit]
        if {m["entry"]: m["score"] for m in found} == {e: m["score"] for e, m in before.items()}:
            rehash.append({"key": party["key"], "screen_hash": new_hash})
            continue
        changed.append(party["key"])
        rewrite.append({"key": party["key"], "screen_hash": new_hash, "matches": found})
    if rewrite:
        write_matches(graph, rewrite, MATCHER_VERSION)
    if rehash:
        write_screen_hashes(graph, rehash)
    remember_matching(graph, index.fingerprint)
    return RescreenReport(parties=len(parties), changed_entries=len(changes.active),
                          removed_entries=len(changes.retired), full_searches=full_searches,
                          parties_changed=changed, entries=sorted(touched), whole_index=not changes.complete)
