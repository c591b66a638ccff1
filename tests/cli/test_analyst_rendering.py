"""The analyst tools' pure parts, without a database: parameters, search text, Browser URLs, the report."""

from __future__ import annotations

import base64
import socket
from pathlib import Path
from urllib.parse import unquote

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.cli.browse import cypher_literal, edit_url, evidence_query, play_url
from ecgraph.cli.cypher_cmd import parse_params
from ecgraph.cli.report import evidence_svg, render_report
from ecgraph.graph.analyst import lucene_terms
from ecgraph.schemas.errors import EcgraphError

HOSTILE = '<script>alert("x")</script> & Tako [SDGT]'


def test_params_are_text_unless_typed_as_json() -> None:
    # declaration numbers are digit strings: `n=…` must not turn them into integers
    assert parse_params(["n=10000000001", "k:=[1, 2]", "flag:=true", "q=a=b"]) == {
        "n": "10000000001", "k": [1, 2], "flag": True, "q": "a=b"}
    with pytest.raises(typer.BadParameter):
        parse_params(["novalue"])
    with pytest.raises(typer.BadParameter):
        parse_params(["n:=not json"])


def test_lucene_text_escapes_operators_and_requires_every_word() -> None:
    assert lucene_terms("Tako LLC") == "(Tako OR Tako~1) AND LLC"
    assert lucene_terms('AND "x" (y)') == '\\"x\\" AND \\(y\\)'


@given(st.text())
def test_cypher_literal_round_trips_any_text(text: str) -> None:
    literal = cypher_literal(text)
    assert literal[0] == literal[-1] == "'"
    body = literal[1:-1].replace("\\\\", "")
    assert "'" not in body.replace("\\'", "")


def test_browser_urls_carry_the_query_and_refuse_what_browser_would_split() -> None:
    url = edit_url("http://localhost:7474/browser/", evidence_query("alert", "abc'def"))
    assert url.startswith("http://localhost:7474/browser/?cmd=edit&arg=MATCH")
    assert "{id: 'abc\\'def'}" in unquote(url)
    with pytest.raises(EcgraphError):
        edit_url("http://localhost:7474/browser/", "MATCH (n) WHERE n.a = 'x&y' RETURN n")
    assert play_url("http://h/browser/", "http://localhost:7480/guide.html").endswith(
        "?cmd=play&arg=http%3A%2F%2Flocalhost%3A7480%2Fguide.html")


def test_evidence_svg_escapes_captions() -> None:
    evidence = {"nodes": [{"element_id": "1", "labels": ["Party"], "properties": {"name": HOSTILE}}],
                "relationships": []}
    svg = evidence_svg({"severity": "HIGH", "rule_id": "PS-01"}, evidence)
    assert svg.startswith("<svg") and "<script>" not in svg and "&lt;script&gt;" in svg


def test_report_embeds_label_images_and_escapes_every_value(tmp_path: Path) -> None:
    image = tmp_path / "label.png"
    Image.new("RGB", (40, 20), "white").save(image)
    alert = {"id": "a1", "severity": "CRITICAL", "rule_id": "LB-01", "rule_version": 1, "rule_name": HOSTILE,
             "declaration": "1", "score": 0.9, "status": "open", "explanation": HOSTILE, "evidence": "{}"}
    overview = {"declaration": {"number": "1"}, "destination": "AM",
                "risk": {"level": "CRITICAL", "score": 0.95, "explanation": HOSTILE},
                "parties": [], "items": [], "alerts": [],
                "captures": [{"id": "lc_1", "officer": "O-7", "captured_at": None, "confidence": 0.8,
                              "contradictions": [{"field": "consignee", "on_label": HOSTILE}],
                              "images": [{"sha256": "s", "path": str(image), "format": "PNG"},
                                         {"sha256": "gone", "path": str(tmp_path / "missing.png"), "format": "PNG"}]}]}
    page = render_report(alert, [], overview)
    assert "<script>" not in page and page.count("&lt;script&gt;") >= 3
    encoded = base64.b64encode(image.read_bytes()).decode("ascii")
    assert f"data:image/png;base64,{encoded}" in page
    assert "image gone not embedded" in page


def test_browser_style_prints_the_grass_sheet() -> None:
    result = CliRunner().invoke(app, ["browser", "style"])
    assert result.exit_code == 0 and result.stdout.startswith("node {") and "node.Alert {" in result.stdout


def test_browser_serve_on_a_taken_port_says_how_to_pick_another() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["browser", "serve", "--port", str(port), "--no-open"])
    assert result.exit_code == 1 and "--port 0" in str(result.exception)
