"""Neo4j Browser and the HTML report in headless Chromium (Debian's `chromium`) against the test server.

Chromium is a system dependency (`make setup` installs it): without it these tests fail, they never skip.
Screenshots are kept under test-artifacts/browser/ for a human to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.cli.browse import edit_url, evidence_query, play_url
from ecgraph.cli.browser_guide import guide_file, start_guide_server
from ecgraph.graph import Graph
from ecgraph.graph.analyst import run_read_only
from tests.cli.analyst_world import screened_world, tako_alert

runner = CliRunner()
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--hide-scrollbars"]


@pytest.fixture(scope="module")
def world(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    with screened_world(neo4j_server, tmp_path_factory.mktemp("browser")) as graph:
        yield graph


def chromium(tmp_path: Path, url: str, *extra: str, budget_ms: int = 15000) -> str:
    """Run headless Chromium on `url` with a fresh profile; returns stdout (the DOM with --dump-dom)."""
    binary = shutil.which("chromium")
    assert binary, "chromium is missing: `apt-get install chromium` (make setup installs it)"
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    proc = subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                           f"--virtual-time-budget={budget_ms}", *extra, url],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


class RunnableBlocks(HTMLParser):
    """The text of every <pre class="runnable"> in the guide, as Browser's textContent gives it."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre" and "runnable" in (dict(attrs).get("class") or ""):
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def guide_queries() -> list[str]:
    parser = RunnableBlocks()
    parser.feed(guide_file("guide.html"))
    return [block.strip() for block in parser.blocks]


def test_every_guide_query_runs_read_only_on_a_screened_graph(world: Graph) -> None:
    queries = guide_queries()
    cypher = [q for q in queries if not q.startswith(":")]
    assert len(cypher) >= 6 and any(q.startswith(":style") for q in queries)
    results = {q.splitlines()[0]: run_read_only(world, q, {}) for q in cypher}
    assert results["MATCH (a:Alert)"].rows[0]["rule"] == "PS-01"  # today's alerts
    assert all(r.columns for r in results.values())


def test_the_style_sheet_has_a_rule_for_each_kind_of_node() -> None:
    grass = guide_file("ecgraph.grass")
    for label in ("Declaration", "Party", "ListEntry", "ControlEntry", "LabelCapture", "Alert"):
        assert f"node.{label} {{" in grass
    assert grass.count("{") == grass.count("}")


def test_browser_loads_and_plays_the_guide(world: Graph, neo4j_server: dict[str, str], tmp_path: Path) -> None:
    server, base = start_guide_server(0)
    try:
        browser = f"http://localhost:{neo4j_server['ECGRAPH_TEST_HTTP_PORT']}/browser/"
        url = play_url(browser, f"{base}/guide.html")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        dom = chromium(tmp_path, url, "--dump-dom", budget_ms=20000)
        screenshot = ARTIFACTS / "browser-guide.png"
        chromium(tmp_path, url, f"--screenshot={screenshot}", "--window-size=1400,900", budget_ms=20000)
    finally:
        server.shutdown()
    (ARTIFACTS / "browser-guide.html").write_text(dom, encoding="utf-8")
    assert "Neo4j" in dom
    assert "export-control evidence in the graph" in dom, "the guide's first slide is not in the page"
    assert screenshot.stat().st_size > 10_000


def test_browser_opens_with_the_evidence_query_in_the_editor(world: Graph, neo4j_server: dict[str, str],
                                                             tmp_path: Path) -> None:
    alert = tako_alert(world)
    browser = f"http://localhost:{neo4j_server['ECGRAPH_TEST_HTTP_PORT']}/browser/"
    url = edit_url(browser, evidence_query("alert", alert["id"]))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "browser-edit.png"
    chromium(tmp_path, url, f"--screenshot={screenshot}", "--window-size=1400,900", budget_ms=20000)
    assert screenshot.stat().st_size > 10_000
    dom = chromium(tmp_path, url, "--dump-dom", budget_ms=20000)
    assert alert["id"] in dom, "the evidence query is not in Browser's editor"


def test_report_renders_in_chromium(world: Graph, tmp_path: Path) -> None:
    alert = tako_alert(world)
    report = tmp_path / "report.html"
    result = runner.invoke(app, ["report", alert["id"], "--html", "--out", str(report)])
    assert result.exit_code == 0, (result.output, result.exception)
    dom = chromium(tmp_path, report.as_uri(), "--dump-dom", budget_ms=3000)
    assert alert["id"] in dom and "<svg" in dom
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "report.png"
    chromium(tmp_path, report.as_uri(), f"--screenshot={screenshot}", "--window-size=1100,1600", budget_ms=3000)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 10_000


def test_the_guide_points_to_the_graph_model() -> None:
    text = guide_file("guide.html")
    assert "<code>ecgraph schema</code>" in text and "<code>ecgraph schema --check</code>" in text
