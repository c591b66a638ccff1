"""`ecgraph labels read | ingest | watch` through typer's CliRunner (issue 8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import labels as graph_labels
from ecgraph.graph import load_settings, open_graph

runner = CliRunner()
DATA = Path(__file__).resolve().parents[3] / "data"
pytestmark = pytest.mark.ocr


def test_read_prints_text_and_entities_as_json_without_a_graph() -> None:
    result = runner.invoke(app, ["labels", "read", str(DATA / "labels" / "lbl_0002.jpg"), "--json"])
    assert result.exit_code == 0, result.output
    [reading] = json.loads(result.stdout)
    assert reading["images"] == [str(DATA / "labels" / "lbl_0002.jpg")] and not reading["burst"]
    assert {"type": "hs_code", "value": "8504.40", "norm": "8504.40", "role": None} in [
        {k: e[k] for k in ("type", "value", "norm", "role")} for e in reading["entities"]
    ]
    assert "MODEL" in reading["text"]


def test_read_tells_which_file_is_not_an_image(tmp_path: Path) -> None:
    bad = tmp_path / "scan.jpg"
    bad.write_text("hello")
    result = runner.invoke(app, ["labels", "read", str(bad)])
    assert result.exit_code == 1
    assert "scan.jpg" in result.stderr and "not an image" in result.stderr


@pytest.mark.neo4j
def test_ingest_links_and_reports_contradictions(neo4j_env: dict[str, str], tmp_path: Path) -> None:
    image = str(DATA / "labels" / "lbl_0002.jpg")
    with open_graph(load_settings()) as graph:
        graph_labels.write_declaration_fixture(graph, "10000000003")
    result = runner.invoke(
        app, ["labels", "ingest", image, "--declaration", "10000000003", "--officer", "K1", "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["rejected"] == [] and out["captures"][0]["new"] is True
    assert "links" in out["captures"][0]
    # lbl_0002 shows ECCN 3A225 and the declaration has no licence number: evidence for the rule engine.
    assert {c["field"] for c in out["captures"][0]["contradictions"]} == {"control_status"}
    again = runner.invoke(app, ["labels", "ingest", image, "--declaration", "10000000003"])
    assert again.exit_code == 0 and "unchanged" in again.stdout


def test_watch_needs_a_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["labels", "watch", str(tmp_path / "nope"), "--once"])
    assert result.exit_code == 2
