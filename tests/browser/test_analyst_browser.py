"""An analyst's session in Neo4j Browser and the report, in headless Chromium driven over DevTools: log in
(the user name comes filled in), play the guide, list today's alerts, open an alert's evidence; then read
the report. Issue 17: captions were cut ("HOERYO…"), the alert table cut the explanation, the report's
captions overlapped. Screenshots go to test-artifacts/browser/ for a human to look at.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.cli.browse import connect_url, play_url
from ecgraph.cli.browser_guide import start_guide_server
from ecgraph.graph import Graph, load_settings
from tests.browser.cdp import Chromium
from tests.cli.analyst_world import screened_world, tako_alert

runner = CliRunner()
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CLICK_BLOCK = """(() => {
  const block = [...document.querySelectorAll('pre.runnable')].find(p => p.textContent.trim().startsWith(%s));
  block.click();
  return true;
})()"""
NODE_CAPTIONS = "[...document.querySelectorAll('svg g.node')].map(g => [...g.querySelectorAll('text')]" \
                ".map(t => t.textContent.trim()).filter(t => t).join(' '))"
# every caption's box in the report's evidence picture, as the browser lays the text out
TEXT_BOXES = """[...document.querySelectorAll('svg[aria-label="evidence subgraph"] text')].map(t => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
})"""
SVG_BOX = """(() => { const r = document.querySelector('svg[aria-label="evidence subgraph"]').getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })()"""


@pytest.fixture(scope="module")
def world(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    with screened_world(neo4j_server, tmp_path_factory.mktemp("analyst-browser")) as graph:
        yield graph


def _run_guide_block(browser: Chromium, starts_with: str) -> None:
    browser.evaluate(CLICK_BLOCK % json.dumps(starts_with))
    browser.click("[data-testid=editor-Run]")


def test_an_analyst_logs_in_plays_the_guide_and_opens_an_alert(world: Graph, neo4j_server: dict[str, str],
                                                                tmp_path: Path) -> None:
    settings = load_settings()
    alert = tako_alert(world)
    # what the analyst runs to get to Browser; it also gives graphs loaded without the CLI their short captions
    assert runner.invoke(app, ["browse", alert["id"], "--no-open"]).exit_code == 0
    server, guide = start_guide_server(0)
    base = f"http://localhost:{neo4j_server['ECGRAPH_TEST_HTTP_PORT']}/browser/"
    try:
        with Chromium(tmp_path / "profile", 1400, 1000) as browser:
            browser.navigate(play_url(base, f"{guide}/guide.html", connect_url(settings)))
            assert browser.wait_for("document.querySelector('[data-testid=username]')?.value") == settings.user
            browser.type_text("[data-testid=password]", os.environ["NEO4J_PASSWORD"])
            browser.click("[data-testid=connect]")
            browser.wait_for("document.body.innerText.includes('You are connected')")
            assert "export-control evidence in the graph" in browser.evaluate("document.body.innerText")
            _run_guide_block(browser, ":style")
            browser.wait_for("document.body.innerText.includes('node.Party')")

            browser.click("[data-testid=nextSlide]")
            _run_guide_block(browser, "MATCH (a:Alert)")
            why = browser.wait_for("[...document.querySelectorAll('td')].map(td => td.textContent)"
                                   ".find(t => t.includes('consignee Tako LLC matches'))")
            browser.screenshot(ARTIFACTS / "browser-guide-alerts.png")
            assert not why.rstrip('"').endswith("…")

            browser.click("[data-testid=nextSlide]")
            _run_guide_block(browser, "MATCH (a:Alert {status: 'open'})")
            browser.wait_for("document.querySelectorAll('svg g.node').length >= 3")
            time.sleep(2)  # let the force layout settle before the picture
            captions: list[str] = browser.evaluate(NODE_CAPTIONS)
            browser.screenshot(ARTIFACTS / "browser-alert.png")
    finally:
        server.shutdown()
    assert captions and not [c for c in captions if c.endswith("…")], captions
    assert "Tako" in captions  # the party's short display name, whole


def _overlap(a: dict[str, Any], b: dict[str, Any], slack: float = 0.5) -> bool:
    across = float(min(a["right"], b["right"]) - max(a["left"], b["left"]))
    down = float(min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]))
    return across > slack and down > slack


def test_the_report_picture_has_no_overlapping_or_clipped_text(world: Graph, tmp_path: Path) -> None:
    alert = tako_alert(world)
    report = tmp_path / "report.html"
    result = runner.invoke(app, ["report", alert["id"], "--out", str(report)])
    assert result.exit_code == 0, (result.output, result.exception)
    with Chromium(tmp_path / "profile", 1100, 1400) as browser:
        browser.navigate(report.as_uri())
        boxes: list[dict[str, Any]] = browser.evaluate(TEXT_BOXES)
        svg: dict[str, float] = browser.evaluate(SVG_BOX)
        browser.screenshot(ARTIFACTS / "report.png")
    texts = [box["text"] for box in boxes]
    assert any("watch list" in t for t in texts) and any("1.00" in t for t in texts), texts  # list and score
    overlapping = [(a["text"], b["text"]) for a, b in combinations(boxes, 2) if _overlap(a, b)]
    assert not overlapping
    clipped = [box["text"] for box in boxes if box["right"] > svg["right"] + 0.5 or box["left"] < svg["left"] - 0.5]
    assert not clipped
