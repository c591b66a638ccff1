"""Resolve marketplace accounts to declaration parties and to list entries, with the resolution we have.

Nothing new is matched here: an account's name and country become a resolution query
(`rules.resolution.party_query`), scored against the lists by the candidate index (`search_many`, the
same thresholds as party screening) and against the parties it could be — the consignee of the
declarations its parcels were declared on (buyers), their exporter (sellers), parties at one of its
addresses — by the resolution name scorer (`name_similarity`). Links are written as
`(:Account)-[:RESOLVED_TO]->(:Party)` and `(:Account)-[:ACCOUNT_MATCHES]->(:ListEntry)`, with scores
and explanations; a re-run replaces an account's links.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.ecommerce import order_accounts_for_resolution, write_account_links
from ecgraph.rules.resolution import (
    MATCHER_VERSION,
    MatchConfig,
    SearchOptions,
    load_index,
    name_similarity,
    party_query,
    prepare_name,
    search_many,
)

__all__ = ["PARTY_THRESHOLD", "AccountReport", "resolve_accounts"]

PARTY_THRESHOLD = 0.85  # an account is a party when the names agree this well (same scorer as the lists)


@dataclass
class AccountReport:
    accounts: int
    resolved_to_parties: int
    matched_to_lists: int


def resolve_accounts(graph: Graph, cache_dir: Path | None, *, config: MatchConfig | None = None) -> AccountReport:
    """Link every account to the parties it is and the list entries it matches; `cache_dir` holds the
    resolution index (None: no list screening, e.g. when no list is loaded)."""
    accounts = order_accounts_for_resolution(graph)
    if not accounts:
        return AccountReport(0, 0, 0)
    matches: list[list[Any]] = [[] for _ in accounts]
    if cache_dir is not None:
        config = config or MatchConfig.from_env()
        index = load_index(graph, cache_dir)
        options = SearchOptions(config.threshold, config.per_list, 5)
        matches = list(search_many(index, (party_query(a) for a in accounts), options))
    rows = []
    resolved = matched = 0
    for account, found in zip(accounts, matches, strict=True):
        parties = _parties(account)
        resolved += bool(parties)
        matched += bool(found)
        rows.append({"account": account["id"], "parties": parties, "matcher_version": MATCHER_VERSION,
                     "entries": [{"id": m.entry_id, "score": m.score,
                                  "explanation": json.dumps(m.explanation, ensure_ascii=False)} for m in found]})
    write_account_links(graph, rows)
    return AccountReport(len(accounts), resolved, matched)


def _parties(account: dict[str, Any]) -> list[dict[str, Any]]:
    query = prepare_name(account["name"], "unknown", "query")
    if query is None:
        return []
    out: dict[str, dict[str, Any]] = {}
    for party in account["parties"]:
        names = [n for n in (prepare_name(x) for x in dict.fromkeys([party["name"], *(party.get("names") or [])]) if x)
                 if n is not None]
        pair = name_similarity([query], names)
        if pair.similarity >= PARTY_THRESHOLD and pair.similarity > out.get(party["key"], {}).get("score", 0):
            out[party["key"]] = {"key": party["key"], "score": round(pair.similarity, 4), "method": pair.method,
                                 "explanation": f"account name {account['name']!r} ~ party name {pair.matched!r} "
                                                f"({pair.method}, {pair.similarity:.2f})"}
    return list(out.values())
