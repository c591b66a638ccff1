"""LB-02 (a label shows a control classification on goods declared outside the component headings) and
RF-10 (a dormant lane that suddenly surges), each on a small world through the real loaders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import Graph
from ecgraph.graph.labels import write_capture
from ecgraph.ingest.controls.load import controls_dir, load_control_file
from ecgraph.ingest.declarations.load import load_file
from tests.rules.engine.test_screening import declaration, party

runner = CliRunner()


def load(graph: Graph, tmp_path: Path, records: list[dict[str, Any]]) -> None:
    path = tmp_path / "declarations.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert load_file(graph, path, state_dir=tmp_path / "state").counts["rejected"] == 0
    load_control_file(graph, controls_dir() / "country_groups.csv")


def rule_test(rule: str, number: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["rules", "test", rule, number, "--json"])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def test_label_eccn_on_goods_declared_as_computers_is_high_outside_group_a(graph: Graph, tmp_path: Path) -> None:
    load(graph, tmp_path, [
        declaration("30000000001", "TH", party("Siam Parts Co., Ltd.", "TH"), [("847150000", "Processing units", 400000.0)]),
        declaration("30000000002", "TH", party("Siam Parts Co., Ltd.", "TH"), [("854231000", "Processors", 400000.0)]),
    ])
    mention = {"mention_id": "lm_eccn_3a001", "type": "eccn", "norm": "3A001.a.7", "value": "ECCN 3A001.a.7",
               "role_key": "", "confidence": 0.93, "frames": 1}
    write_capture(graph, {"id": "cap-1"}, [], [mention], "30000000001")
    write_capture(graph, {"id": "cap-2"}, [], [mention], "30000000002")
    (hit,) = rule_test("LB-02", "30000000001")
    assert hit["severity"] == "HIGH" and "3A001.a.7" in hit["explanation"]
    assert rule_test("LB-02", "30000000002") == []  # declared as integrated circuits: no contradiction


def test_a_dormant_lane_that_surges_is_flagged(graph: Graph, tmp_path: Path) -> None:
    """RF-10 version 2: CHPL goods to a destination outside Group A (issue #22); a valves lane surging the
    same way is ordinary trade."""
    def lane(number: str, day: str, value: float, goods: tuple[str, str] = ("854231000", "Processors")) -> dict[str, Any]:
        buyer = "Steppe Trade LLP" if goods[0].startswith("8542") else "Steppe Valves LLP"
        record = declaration(number, "KZ", party(buyer, "KZ"), [(goods[0], goods[1], value)])
        record["declaration_date"] = day
        return record

    valves = ("848180000", "Valves")
    load(graph, tmp_path, [
        lane("30000000011", "2026-01-05", 200000.0),          # one quiet shipment in the year before
        lane("30000000012", "2026-08-20", 6000000.0),
        lane("30000000013", "2026-09-15", 7000000.0),
        lane("30000000014", "2026-10-10", 8000000.0),
        lane("30000000021", "2026-01-05", 200000.0, valves),
        lane("30000000022", "2026-08-20", 6000000.0, valves),
        lane("30000000023", "2026-09-15", 7000000.0, valves),
        lane("30000000024", "2026-10-10", 8000000.0, valves),
    ])
    load_control_file(graph, controls_dir() / "chpl" / "chpl_2024-02.csv")
    (hit,) = rule_test("RF-10", "30000000014")
    assert "x, limit 5x" in hit["explanation"] and "CHPL tier 1" in hit["explanation"]
    assert rule_test("RF-10", "30000000011") == []  # nothing before it: no base to surge from
    assert rule_test("RF-10", "30000000024") == []  # no CHPL goods
