"""Party screening and clustering (issue 9) against the real Neo4j: MATCHES, SAME_AS, PartyCluster."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ecgraph.graph import Graph
from ecgraph.graph.resolution import party_clusters, party_matches, write_parties
from ecgraph.rules.resolution import MATCHER_VERSION, cluster_parties, load_index, screen_parties

PARTIES: Sequence[Mapping[str, Any]] = [
    {"key": "p1", "name": "Rosoboronexport JSC", "names": ["Rosoboronexport JSC"], "country": "RU", "corp_no": None},
    {"key": "p2", "name": "Autel Robotics Co Ltd", "names": ["Autel Robotics Co Ltd"], "country": "CN", "corp_no": None},
    {"key": "p3", "name": "Sony Group Corporation", "names": ["Sony Group Corporation"], "country": "JP",
     "corp_no": "5010401067252"},
    {"key": "p4", "name": "АБРАМОВ А. Г.", "names": ["АБРАМОВ А. Г."], "country": "RU", "corp_no": None},
]


def test_parties_get_explained_matches_and_reruns_touch_only_changes(watch_list: Graph, tmp_path: Path) -> None:
    write_parties(watch_list, PARTIES)
    report = screen_parties(watch_list, cache_dir=tmp_path / "cache")
    assert (report.parties, report.screened, report.matched_parties) == (4, 4, 3)
    assert sorted(report.parties_changed) == ["p1", "p2", "p4"]  # p3 matched nothing before or now

    [hit] = party_matches(watch_list, "p1")
    assert hit["entry"] == "custom:watch:w1" and hit["list"] == "custom:watch"
    assert hit["matcher_version"] == MATCHER_VERSION and 0.86 <= hit["score"] <= 1.0
    explanation = json.loads(hit["explanation"])
    assert explanation["name"]["query"] == "Rosoboronexport JSC"
    assert {"feature": "country", "result": "agree"}.items() <= explanation["features"][0].items()
    assert party_matches(watch_list, "p2")[0]["entry"] == "custom:watch:w2"
    assert party_matches(watch_list, "p4")[0]["entry"] == "custom:watch:w3"  # Cyrillic initials
    assert party_matches(watch_list, "p3") == []

    again = screen_parties(watch_list, cache_dir=tmp_path / "cache")
    assert (again.screened, again.skipped_unchanged, again.parties_changed) == (0, 4, [])

    write_parties(watch_list, [{**PARTIES[2], "name": "Beihang University", "names": ["Beihang University"],
                                "country": "CN", "corp_no": None}])
    changed = screen_parties(watch_list, cache_dir=tmp_path / "cache")
    assert (changed.screened, changed.matched_parties, changed.parties_changed) == (1, 1, ["p3"])
    assert party_matches(watch_list, "p3")[0]["entry"] == "custom:watch:w4"


def test_index_is_cached_and_rebuilt_only_when_a_list_version_changes(watch_list: Graph, tmp_path: Path) -> None:
    first = load_index(watch_list, tmp_path / "cache")
    files = sorted((tmp_path / "cache").glob("index-*"))
    assert len(files) == 1 and first.fingerprint in files[0].name
    assert load_index(watch_list, tmp_path / "cache").fingerprint == first.fingerprint
    watch_list.write("MATCH (l:List {id: 'custom:watch'}) SET l.current_version_id = 'custom:watch@next'")
    rebuilt = load_index(watch_list, tmp_path / "cache")
    assert rebuilt.fingerprint != first.fingerprint
    kept = {p.name for p in (tmp_path / "cache").glob("index-*")}
    # the previous one is kept too: another database sharing the cache folder may still be on it
    assert kept == {f"index-{rebuilt.fingerprint}.index", f"index-{first.fingerprint}.index"}


def test_a_clashing_identifier_and_country_count_against_a_name_match(watch_list: Graph, tmp_path: Path) -> None:
    write_parties(watch_list, [{"key": "x", "name": "Beihang University", "names": ["Beihang University"],
                                "country": "JP", "corp_no": "5010401067252"}])
    screen_parties(watch_list, cache_dir=tmp_path / "cache")
    assert party_matches(watch_list, "x") == []  # 1.0 name, -0.08 country, -0.10 identifier: below 0.86


def test_same_company_spelled_differently_is_one_cluster(graph: Graph) -> None:
    write_parties(graph, [
        {"key": "d1", "name": "ROSOBORONEXPORT JSC", "names": ["ROSOBORONEXPORT JSC"], "country": "RU", "corp_no": None},
        {"key": "d2", "name": "Rosoboronexport, OAO", "names": ["Rosoboronexport, OAO"], "country": "RU", "corp_no": None},
        {"key": "d3", "name": "Rosoboroneksport", "names": ["Rosoboroneksport"], "country": "RU", "corp_no": None},
        {"key": "d4", "name": "Tokyo Boeki Ltd.", "names": ["Tokyo Boeki Ltd."], "country": "JP", "corp_no": "1010001034730"},
        {"key": "d5", "name": "東京貿易株式会社", "names": ["東京貿易株式会社"], "country": "JP", "corp_no": "1010001034730"},
        {"key": "d6", "name": "Sony Group Corporation", "names": ["Sony Group Corporation"], "country": "JP", "corp_no": None},
    ])
    report = cluster_parties(graph)
    assert (report.parties, report.clusters, report.largest) == (6, 2, 3)
    clusters = {tuple(c["members"]) for c in party_clusters(graph)}
    assert clusters == {("d1", "d2", "d3"), ("d4", "d5")}
    same_as = graph.read("MATCH (a:Party)-[r:SAME_AS]->(b:Party) RETURN a.key AS a, b.key AS b, r.method AS m")
    assert {"a": "d4", "b": "d5", "m": "corp_no"} in same_as
    assert all(r["a"] < r["b"] for r in same_as)

    again = cluster_parties(graph)  # idempotent: same clusters, no duplicate edges
    assert again.pairs == report.pairs
    assert {tuple(c["members"]) for c in party_clusters(graph)} == clusters
    assert graph.read("MATCH ()-[r:SAME_AS]->() RETURN count(r) AS n")[0]["n"] == report.pairs
