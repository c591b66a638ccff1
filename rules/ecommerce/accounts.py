"""Resolve marketplace accounts to declaration parties and to list entries, with the resolution we have.

Nothing new is matched here: an account's name and country become a resolution query
(`rules.resolution.party_query`), scored against the lists by the candidate index (`search_many`, the
same thresholds as party screening) and against the parties it could be — the consignee of the
declarations its parcels were declared on (buyers), their exporter (sellers), parties at one of its
addresses — by the resolution name scorer (`name_similarity`). Links are written as
`(:Account)-[:RESOLVED_TO]->(:Party)` and `(:Account)-[:ACCOUNT_MATCHES]->(:ListEntry)`, with scores
and explanations; a re-run replaces an account's links.

What the account is decides how its name is read (the feed's optional `kind`): a company's name is an
organisation's; a private person's is searched as a person's and then must pass a person-name
comparison (`person_names_agree`): every word of the shorter name agrees with its own word of the other
(same spelling key, close spelling, or a romanisation variant with the same consonant outline). Only
entries of persons or of unknown type are candidates (a vessel once named "Emily S" is not Emily
Schmidt). So "Marco Taylor" no longer matches "Maurice Taylor" on the shared family name alone. An
account of unknown kind is read as a declaration party is (`party_query`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from ecgraph.graph.connection import Graph
from ecgraph.graph.ecommerce import order_accounts_for_resolution, write_account_links
from ecgraph.rules.resolution import (
    MATCHER_VERSION,
    Match,
    MatchConfig,
    Query,
    ResolutionIndex,
    SearchOptions,
    load_index,
    name_similarity,
    normalize_name,
    party_query,
    prepare_name,
    query_for_names,
    search_many,
)
from ecgraph.rules.resolution.phonetic import skeleton_token, spelling_key
from ecgraph.schemas.countries import read_countries

__all__ = ["PARTY_THRESHOLD", "AccountReport", "account_query", "person_names_agree", "resolve_accounts"]

PARTY_THRESHOLD = 0.85  # an account is a party when the names agree this well (same scorer as the lists)
ENTITY_TYPE = {"person": "person", "company": "organization"}  # the feed's account kind -> resolution's type
PERSON_WORD_SIMILARITY = 0.85  # two spellings of one given or family name (Mohamed / Mohammed), not Marco / Maurice
PERSON_ENTRY_TYPES = frozenset({"person", "unknown"})  # what a private person can be on a list
PERSON_VARIANT_SIMILARITY = 0.7  # with the same consonant outline (Mohammed / Muhammad 0.75; Marco / Maurice 0.67)


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
        matches = list(search_many(index, (account_query(a) for a in accounts), options))
        matches = [_as_person(index, a, found) if a.get("kind") == "person" else found
                   for a, found in zip(accounts, matches, strict=True)]
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


def account_query(account: dict[str, Any]) -> Query:
    """The resolution query for one account: its name read as its kind says, and its country."""
    entity_type = ENTITY_TYPE.get(account.get("kind") or "")
    if entity_type is None:
        return party_query(account)
    countries = list(read_countries(str(account.get("country") or "")).codes)
    return query_for_names([account["name"]], entity_type, countries=countries)


def person_names_agree(account_name: str, listed_name: str) -> bool:
    """True when every word of the shorter name has its own agreeing word in the other: the same spelling
    (≥ PERSON_WORD_SIMILARITY), the same consonant outline, or an initial of it."""
    a, b = normalize_name(account_name).split(), normalize_name(listed_name).split()
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not shorter:
        return False
    free = list(longer)
    for word in shorter:
        agreeing = next((w for w in free if _words_agree(word, w)), None)
        if agreeing is None:
            return False
        free.remove(agreeing)
    return True


def _words_agree(a: str, b: str) -> bool:
    if a == b or (min(len(a), len(b)) == 1 and a[0] == b[0]) or spelling_key(a) == spelling_key(b):
        return True
    similarity = fuzz.ratio(a, b) / 100
    # a romanisation variant (Mohammed / Muhammad) keeps its consonant outline and most of its letters
    return similarity >= PERSON_WORD_SIMILARITY or (
        similarity >= PERSON_VARIANT_SIMILARITY and skeleton_token(a) == skeleton_token(b))


def _as_person(index: ResolutionIndex, account: dict[str, Any], found: Sequence[Match]) -> list[Match]:
    """A person account's matches: entries of persons or of unknown type whose name agrees as a person's."""
    kept = []
    for match in found:
        entry = index.entry(match.entry_id) or {}
        if (entry.get("entity_type") or "unknown") not in PERSON_ENTRY_TYPES:  # no company, vessel or aircraft
            continue
        if not person_names_agree(account["name"], match.name_pair.matched):
            continue
        match.features.append({"feature": "account_kind", "result": "agree", "weight": 0.0,
                               "detail": "person account: every name word agrees with the listed name's"})
        kept.append(match)
    return kept


def _parties(account: dict[str, Any]) -> list[dict[str, Any]]:
    query = prepare_name(account["name"], ENTITY_TYPE.get(account.get("kind") or "", "unknown"), "query")
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
