"""Control lists, HS codes, correlations, country groups and terms land in Neo4j as documented in
schemas/model/, idempotently; a second ETCO version loads beside the first as a delta."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecgraph.graph import Graph
from ecgraph.graph.controls import (
    control_status,
    read_correlations,
    read_entries,
    read_suggestions,
    show_entries,
    write_goods_items,
    write_suggestions,
)
from ecgraph.ingest.controls import load_all_controls, load_control_file

pytestmark = pytest.mark.neo4j

ETCO_NAME = "324CO0000000378_20260214_507CO0000000376.xml"
EU_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "eu_dual_use" / "eu_dual_use_annex_i_2024-09-05.csv"


def test_every_control_source_loads_as_trees_with_its_counts_idempotently(graph: Graph, shared_data: Path) -> None:
    report = load_all_controls(graph, shared_data / "controls")
    status = control_status(graph)
    lists = {(row["list"], row["version"]): row for row in status["lists"]}
    assert lists[("jp_etco", "20260214")]["entries"] == 335
    assert lists[("jp_etco", "20260214")]["latest"] is True
    assert lists[("chpl", "2024-02")]["entries"] == 6
    assert lists[("chpl", "2024-02")]["correlations"] == 50
    # 17 item-16(1) prefixes + 50 chapters named by item 16(2) + 74 dedicated subheadings (hs_etco_correlation.csv)
    assert lists[("jp_etco", "20260214")]["correlations"] == 17 + 50 + 74
    assert status["hs_codes"] == 6961
    assert status["indicator_terms"] == 356 + 29  # indicator_terms.csv + wmd_risk_goods_terms.csv
    assert status["country_groups"] == 18
    assert {s["source"] for s in report.sources} >= {"hs_2022", "jp_etco", "chpl", "jp_catchall_16_1_hs",
                                                      "hs_etco_correlation"}
    group_a = graph.read("MATCH (c:Country)-[m:MEMBER_OF]->(:CountryGroup {id: 'JP_GROUP_A'}) "
                         "RETURN m.source AS source, count(c) AS n ORDER BY source")
    assert group_a == [{"source": "country_groups_csv", "n": 27}, {"source": "jp_etco_appended_tables", "n": 27}]

    # loading twice changes nothing
    before = graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"], graph.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    load_all_controls(graph, shared_data / "controls")
    after = graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"], graph.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    assert before == after

    # trees, and correlations that say they are indicative
    path = graph.read("MATCH p = (:ControlListVersion {id: 'jp_etco:20260214'})-[:HAS_CHILD*]->"
                      "(:ControlEntry {id: 'jp_etco:20260214:16(1)-8'}) RETURN length(p) AS hops")
    assert path == [{"hops": 3}]  # version → 16 → 16(1) → 16(1)-8
    hs = graph.read("MATCH p = (:HSCode {code: 'TOTAL'})-[:HAS_CHILD*]->(:HSCode {code: '854231'}) "
                    "RETURN [n IN nodes(p) | n.code] AS codes")
    assert hs == [{"codes": ["TOTAL", "XVI", "85", "8542", "854231"]}]
    flags = graph.read("MATCH ()-[r:CORRELATES_WITH]->() RETURN collect(DISTINCT r.indicative) AS flags")
    assert flags == [{"flags": [True]}]
    shown = show_entries(graph, "16(1)-8")
    assert len(shown) == 1 and shown[0]["text_ja"] == "集積回路" and shown[0]["parent"] == "16(1)"
    assert [c["hs_code"] for c in shown[0]["correlations"]] == ["8542"]
    assert shown[0]["correlations"][0]["condition"].startswith("exclude 854290")
    tier1 = show_entries(graph, "1", list_id="chpl")
    assert sorted(c["hs_code"] for c in tier1[0]["correlations"]) == ["854231", "854232", "854233", "854239"]


def test_a_second_etco_version_loads_as_a_delta(graph: Graph, shared_data: Path, tmp_path: Path) -> None:
    load_control_file(graph, shared_data / "controls" / "jp" / ETCO_NAME)
    load_control_file(graph, shared_data / "controls" / "jp_catchall_16_1_hs.csv")
    text = (shared_data / "controls" / "jp" / ETCO_NAME).read_text(encoding="utf-8")
    amended = (
        text.replace("３\u3000旋盤</Sentence>", "３\u3000旋盤及びターニングセンター</Sentence>")  # 16(1)-3 changed
        .replace("<Sentence Num=\"28\" WritingMode=\"vertical\">（二十）", "<Sentence Num=\"28\">（二十六）\u3000量子計算機"
                 "</Sentence>\n<Sentence Num=\"28\" WritingMode=\"vertical\">（二十）")  # 7(26) added
        .replace("<Sentence Num=\"5\" WritingMode=\"vertical\">（五）\u3000指向性エネルギー兵器又はその部分品</Sentence>", "")
    )
    assert amended != text
    new_file = tmp_path / "324CO0000000378_20270401_508CO0000000001.xml"
    new_file.write_text(amended, encoding="utf-8")
    report = load_control_file(graph, new_file)
    delta = report.deltas["jp_etco:20270401"]
    assert delta["previous"] == ["20260214"]
    assert delta["added"] == ["7(26)"]
    assert delta["changed"] == ["16(1)-3"]
    assert delta["removed"] == ["1(5)"]
    versions = {(r["version"], r["latest"]) for r in control_status(graph)["lists"] if r["list"] == "jp_etco"}
    assert versions == {("20260214", False), ("20270401", True)}
    changed = show_entries(graph, "16(1)-3")[0]
    assert changed["version"] == "20270401" and changed["change"] == "changed"
    assert changed["previous_version"] == "20260214"
    # the item-16 HS correlations follow the codes into the new version
    assert [c["hs_code"] for c in show_entries(graph, "16(1)-8")[0]["correlations"]] == ["8542"]
    old = show_entries(graph, "16(1)-3", version="20260214")[0]
    assert old["text_ja"] == "旋盤"


def test_a_dropped_in_eu_list_loads(graph: Graph) -> None:
    report = load_control_file(graph, EU_FIXTURE)
    assert report.rejects == []
    entry = show_entries(graph, "3A001.a.1", list_id="eu_dual_use_annex_i")[0]
    assert entry["parent"] == "3A001.a" and entry["regimes"] == ["WA"]
    assert any(e["id"] == "eu_dual_use_annex_i:2024-09-05:9A012" for e in read_entries(graph))


def test_suggestions_are_written_per_goods_item(graph: Graph, shared_data: Path) -> None:
    load_control_file(graph, shared_data / "controls" / "jp" / ETCO_NAME)
    load_control_file(graph, shared_data / "controls" / "jp_catchall_16_1_hs.csv")
    write_goods_items(graph, [{"id": "t:1", "description": "集積回路", "hs_code": "854231"}])
    rows = [{"item_id": "t:1", "entry_id": "jp_etco:20260214:16(1)-8", "score": 0.9, "rank": 1,
             "reasons": ["hs"], "classifier_version": "test.v1"}]
    write_suggestions(graph, rows)
    write_suggestions(graph, rows)
    assert [s["code"] for s in read_suggestions(graph, "t:1")] == ["16(1)-8"]
    assert any(c["hs_code"] == "8542" for c in read_correlations(graph))
