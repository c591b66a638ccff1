"""Suggestions from the graph: candidate control entries with a score and the reasons, for English and
Japanese descriptions, written as SUGGESTED_CONTROL for every goods item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import Graph
from ecgraph.graph.controls import read_suggestions, write_goods_items
from ecgraph.ingest.controls import load_control_file
from ecgraph.rules.classify import CLASSIFIER_VERSION, build_classifier, classify_items

pytestmark = pytest.mark.neo4j

ETCO_NAME = "324CO0000000378_20260214_507CO0000000376.xml"


def _load_lists(graph: Graph, shared_data: Path) -> None:
    controls = shared_data / "controls"
    for path in (controls / "jp" / ETCO_NAME, controls / "jp_catchall_16_1_hs.csv", controls / "chpl" / "chpl_2024-02.csv",
                 controls / "indicator_terms.csv"):
        load_control_file(graph, path)


def test_suggestions_with_reasons_in_both_languages(graph: Graph, shared_data: Path) -> None:
    _load_lists(graph, shared_data)
    classifier = build_classifier(graph)

    ja = classifier.classify("周波数変換器")  # label lbl_0002, Japanese line
    assert ja[0].code == "2(8)" and ja[0].reasons[0].kind == "terms"

    en = classifier.classify("MICROCONTROLLER", hs_code="854231")  # label lbl_0000
    codes = [f"{s.list_id}:{s.code}" for s in en[:3]]
    assert {"jp_etco:16(1)-8", "chpl:1"} <= set(codes)
    hs_reason = next(r for s in en if s.code == "16(1)-8" for r in s.reasons if r.kind == "hs")
    assert "indicative only" in hs_reason.detail
    assert all(0 < s.score <= 1 for s in en)

    # the 8542.90 exclusion of item 16(1)-8 holds: parts of ICs do not correlate
    parts = classifier.classify("parts of integrated circuits", hs_code="854290")
    assert not any(r.kind == "hs" for s in parts if s.code == "16(1)-8" for r in s.reasons)

    assert classifier.classify("Cotton T-shirts", hs_code="610910") == []  # a negative stays empty


def test_label_evidence_adds_reasons(graph: Graph, shared_data: Path) -> None:
    _load_lists(graph, shared_data)
    classifier = build_classifier(graph)
    label = "CONTENTS: FPGA DEVICE\nMODEL: XC7K325T-2FFG900C\nECCN: 3A001.a.7\nH.S. CODE 8542.39"
    suggestions = classifier.classify("FPGA DEVICE", label_texts=[label])
    kinds = {r.kind for s in suggestions for r in s.reasons}
    assert {"terms", "hs", "eccn", "model_number"} <= kinds
    assert suggestions[0].code in {"7(1)", "7(10の2)"}


def test_indicator_terms_strengthen_and_flag(graph: Graph, shared_data: Path) -> None:
    _load_lists(graph, shared_data)
    classifier = build_classifier(graph)
    marked = classifier.classify("Radiation hardened integrated circuit")
    assert any(r.kind == "indicator" and "radiation hardened" in r.detail for s in marked for r in s.reasons)
    assert classifier.vague("spare parts") == ["spare parts"] and classifier.vague("部品") == ["部品"]
    assert classifier.vague("Deep groove ball bearings") == []


def test_every_goods_item_gets_suggestions_and_rerun_replaces_them(graph: Graph, shared_data: Path) -> None:
    _load_lists(graph, shared_data)
    write_goods_items(graph, [
        {"id": "gi:1", "description": "OSCILLOSCOPE", "hs_code": "903020"},
        {"id": "gi:2", "description": "ジャイロスコープ", "hs_code": None},
        {"id": "gi:3", "description": "Fresh apples", "hs_code": "080810"},
    ])
    run = classify_items(graph)
    assert (run.items, run.items_with_suggestions) == (3, 2)
    first = read_suggestions(graph, "gi:1")
    assert [s["rank"] for s in first] == list(range(1, len(first) + 1)) and 1 <= len(first) <= 3
    assert first[0]["classifier_version"] == CLASSIFIER_VERSION
    assert json.loads(first[0]["reasons"][0])["kind"] in {"terms", "hs"}
    assert read_suggestions(graph, "gi:2")[0]["code"] in {"11(2)", "4(16)-2"}
    again = classify_items(graph)
    assert again.suggestions == run.suggestions
    assert len(read_suggestions(graph, "gi:1")) == len(first)


def test_cli_ingest_status_show_and_classify(graph: Graph, neo4j_env: dict[str, str]) -> None:
    runner = CliRunner()
    loaded = runner.invoke(app, ["ingest", "controls", "--json"])
    assert loaded.exit_code == 0, loaded.output
    sources = {s["source"] for s in json.loads(loaded.stdout)["sources"]}
    assert {"hs_2022", "jp_etco", "jp_catchall_16_1_hs", "chpl", "country_groups", "indicator_terms"} <= sources

    status = runner.invoke(app, ["controls", "status", "--json"])
    assert status.exit_code == 0, status.output
    lists = {(r["list"], r["version"]): r["entries"] for r in json.loads(status.stdout)["lists"]}
    assert lists == {("jp_etco", "20260214"): 335, ("chpl", "2024-02"): 6}
    table = runner.invoke(app, ["controls", "status"])
    assert table.exit_code == 0 and "control lists" in table.stdout and "indicator_terms" in table.stdout

    shown = runner.invoke(app, ["controls", "show", "16(1)-8"])
    assert shown.exit_code == 0 and "集積回路" in shown.stdout and "8542" in shown.stdout
    missing = runner.invoke(app, ["controls", "show", "99(9)"])
    assert missing.exit_code == 1 and "no loaded control entry" in str(missing.exception)

    result = runner.invoke(app, ["classify", "CNC 5-axis milling machine for metal", "--hs", "845961", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    codes = [f"{s['list']}:{s['code']}" for s in payload["suggestions"][:3]]
    assert "jp_etco:16(1)-4" in codes and payload["suggestions"][0]["reasons"]
    table = runner.invoke(app, ["classify", "周波数変換器"])
    assert table.exit_code == 0 and "suggested control entries" in table.stdout
    usage = runner.invoke(app, ["classify"])
    assert usage.exit_code == 2
