"""Screen declaration parties against every list and write `MATCHES` edges, touching only what changed.

A party is screened again only when its names/country or the lists changed: the hash of both is kept
on the party (`screen_hash`), and parties whose hash is unchanged are skipped entirely.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.resolution import (
    list_fingerprint_rows,
    parties_for_screening,
    record_matching_state,
    write_matches,
)
from ecgraph.rules.resolution.batch import SearchOptions, search_many
from ecgraph.rules.resolution.config import MatchConfig
from ecgraph.rules.resolution.index import ResolutionIndex
from ecgraph.rules.resolution.party_names import query_for_names
from ecgraph.rules.resolution.score import MATCHER_VERSION, Match, Query
from ecgraph.rules.resolution.store import load_index
from ecgraph.schemas.countries import read_countries

__all__ = ["ScreenReport", "party_query", "remember_matching", "screen_hash", "screen_parties"]


@dataclass
class ScreenReport:
    parties: int
    screened: int
    skipped_unchanged: int
    matched_parties: int
    matches: int
    parties_changed: list[str] = field(default_factory=list)  # keys whose matches (entries or scores) differ now


def party_query(party: Mapping[str, Any]) -> Query:
    """The query for one party: its names (incl. a Latin rendering if the loader made one) and country."""
    raw = [party.get("name"), *(party.get("names") or []), party.get("name_latin")]
    countries = list(read_countries(str(party.get("country") or "")).codes)  # ISO codes only, however it was written
    identifiers = [str(party["corp_no"])] if party.get("corp_no") else []
    # an address, c/o or attention line typed into a name field is split off (party_names) and explained
    return query_for_names((str(v) for v in raw if v), "unknown", countries=countries,
                           identifiers=identifiers, read_as="organization")


def screen_hash(party: Mapping[str, Any], fingerprint: str) -> str:
    """What a party was screened with: its names, country and corporate number, and the index fingerprint."""
    payload = json.dumps([MATCHER_VERSION, fingerprint, party.get("name"), sorted(party.get("names") or []),
                          party.get("name_latin"), party.get("country"), party.get("corp_no")], default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


def remember_matching(graph: Graph, fingerprint: str) -> None:
    """Every party now stands matched against the lists' current versions (`screen --lists-changed`
    diffs against this record)."""
    record_matching_state(graph, fingerprint, {r["list"]: r["version"] for r in list_fingerprint_rows(graph)})


# How a batch of queries is searched: `search_many` on this machine's cores by default, or
# `distributed.search_on_cluster` on a Dask cluster (`ecgraph screen --cluster`); both keep input order.
Search = Callable[[ResolutionIndex, Iterable[Query], SearchOptions], Iterator[list[Match]]]


def screen_parties(graph: Graph, *, cache_dir: Path | None = None, index: ResolutionIndex | None = None,
                   config: MatchConfig | None = None, limit: int = 10, search: Search | None = None) -> ScreenReport:
    """Screen every Party; write (:Party)-[:MATCHES {score, explanation, matcher_version}]->(:ListEntry)."""
    if index is None:
        if cache_dir is None:
            raise ValueError("screen_parties needs an index or a cache_dir to load one into")
        index = load_index(graph, cache_dir)
    config = config or MatchConfig.from_env()
    parties = parties_for_screening(graph)
    rows: list[dict[str, Any]] = []
    changed: list[str] = []
    matched = total = 0
    todo = [(party, new_hash) for party in parties
            if party.get("screen_hash") != (new_hash := screen_hash(party, index.fingerprint))]
    options = SearchOptions(config.threshold, config.per_list, limit)
    searched = (search or search_many)(index, (party_query(party) for party, _ in todo), options)
    for (party, new_hash), found in zip(todo, searched, strict=True):
        rows.append({
            "key": party["key"],
            "screen_hash": new_hash,
            "matches": [{"entry": m.entry_id, "score": m.score,
                         "explanation": json.dumps(m.explanation, ensure_ascii=False)} for m in found],
        })
        matched += bool(found)
        total += len(found)
        if {m.entry_id: m.score for m in found} != {m["entry"]: m["score"] for m in party.get("matched") or []}:
            changed.append(party["key"])
    if rows:
        write_matches(graph, rows, MATCHER_VERSION)
    if index.fingerprint:
        remember_matching(graph, index.fingerprint)
    return ScreenReport(parties=len(parties), screened=len(rows), skipped_unchanged=len(parties) - len(rows),
                        matched_parties=matched, matches=total, parties_changed=changed)
