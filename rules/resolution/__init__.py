"""Fuzzy entity resolution: normalise, transliterate, block, score with explanations, screen, cluster.

One normaliser (`normalize`), Latin forms of other scripts (`translit`), legal forms as a feature
(`legal_forms`), person-name handling (`person_names`), a blocking candidate index (`index`), an
explained score (`score`), many queries on every core (`batch`), party screening (`screen`),
re-matching after list updates (`delta`) and party clustering (`cluster`).

The names below are loaded on first use (PEP 562): importing one submodule, or this package for its
config, must not import them all (networkx, followthemoney, the index): `ecgraph search` paid ~1.5 s
for that before it read a single name.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers and readers see; at run time __getattr__ imports on use
    from ecgraph.rules.resolution.batch import SearchOptions, search_many
    from ecgraph.rules.resolution.cluster import ClusterReport, cluster_parties, party_pairs
    from ecgraph.rules.resolution.config import DEFAULT_THRESHOLD, SAME_AS_THRESHOLD, MatchConfig
    from ecgraph.rules.resolution.delta import (
        ListChanges,
        RescreenReport,
        list_changes,
        rescreen_list_changes,
    )
    from ecgraph.rules.resolution.index import ResolutionIndex
    from ecgraph.rules.resolution.legal_forms import LegalForm, compare_legal_forms, split_legal_form
    from ecgraph.rules.resolution.names import PreparedName, prepare_name
    from ecgraph.rules.resolution.normalize import InvalidName, check_name, normalize_name
    from ecgraph.rules.resolution.party_names import PartyName, query_for_names, split_party_name
    from ecgraph.rules.resolution.score import (
        FEATURES,
        MATCHER_VERSION,
        Match,
        Query,
        name_similarity,
        score_entry,
    )
    from ecgraph.rules.resolution.screen import ScreenReport, party_query, screen_parties
    from ecgraph.rules.resolution.store import entry_from_record, index_fingerprint, load_index
    from ecgraph.rules.resolution.translit import latin_forms

__all__ = [
    "DEFAULT_THRESHOLD",
    "FEATURES",
    "MATCHER_VERSION",
    "SAME_AS_THRESHOLD",
    "ClusterReport",
    "InvalidName",
    "LegalForm",
    "ListChanges",
    "Match",
    "MatchConfig",
    "PartyName",
    "PreparedName",
    "Query",
    "RescreenReport",
    "ResolutionIndex",
    "ScreenReport",
    "SearchOptions",
    "check_name",
    "cluster_parties",
    "compare_legal_forms",
    "entry_from_record",
    "index_fingerprint",
    "latin_forms",
    "list_changes",
    "load_index",
    "name_similarity",
    "normalize_name",
    "party_pairs",
    "party_query",
    "prepare_name",
    "query_for_names",
    "rescreen_list_changes",
    "score_entry",
    "screen_parties",
    "search_many",
    "split_legal_form",
    "split_party_name",
]

# name -> the submodule that defines it
_SOURCES = {
    "SearchOptions": "batch", "search_many": "batch",
    "ClusterReport": "cluster", "cluster_parties": "cluster", "party_pairs": "cluster",
    "DEFAULT_THRESHOLD": "config", "SAME_AS_THRESHOLD": "config", "MatchConfig": "config",
    "ListChanges": "delta", "RescreenReport": "delta", "list_changes": "delta", "rescreen_list_changes": "delta",
    "ResolutionIndex": "index",
    "LegalForm": "legal_forms", "compare_legal_forms": "legal_forms", "split_legal_form": "legal_forms",
    "PreparedName": "names", "prepare_name": "names",
    "InvalidName": "normalize", "check_name": "normalize", "normalize_name": "normalize",
    "PartyName": "party_names", "query_for_names": "party_names", "split_party_name": "party_names",
    "FEATURES": "score", "MATCHER_VERSION": "score", "Match": "score", "Query": "score",
    "name_similarity": "score", "score_entry": "score",
    "ScreenReport": "screen", "party_query": "screen", "screen_parties": "screen",
    "entry_from_record": "store", "index_fingerprint": "store", "load_index": "store",
    "latin_forms": "translit",
}


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next look-up skips this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
