"""The analyst's terminal tools on a real, screened graph: explain, party, path, cypher, browse, report."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.cli.path import NO_PATH_EXIT
from ecgraph.graph import Graph
from tests.cli.analyst_world import screened_world, tako_alert

runner = CliRunner()


@pytest.fixture(scope="module")
def world(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    with screened_world(neo4j_server, tmp_path_factory.mktemp("analyst")) as graph:
        yield graph


def run_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout)


def test_explain_gathers_parties_matches_items_and_alerts(world: Graph) -> None:
    overview = run_json("explain", "20000000001")
    roles = {p["role"]: p for p in overview["parties"]}
    assert roles["CONSIGNEE"]["name"] == "Tako LLC"
    assert roles["CONSIGNEE"]["matches"][0]["entry"] == "custom:watch:W1"
    assert overview["items"][0]["hs_code"].startswith("854231")
    assert "PS-01" in {a["rule_id"] for a in overview["alerts"]}
    assert overview["risk"]["level"] is not None


def test_explain_table_and_csv_name_the_match(world: Graph) -> None:
    table = runner.invoke(app, ["explain", "20000000001"])
    assert table.exit_code == 0 and "Tako LLC" in table.output and "PS-01" in table.output
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["explain", "20000000001", "--csv"]).stdout)))
    assert {"section": "match", "subject": "Tako LLC"}.items() <= next(r for r in rows if r["section"] == "match").items()


def test_explain_unknown_declaration_fails_with_what_to_do(world: Graph) -> None:
    result = runner.invoke(app, ["explain", "99999999999"])
    assert result.exit_code == 1
    assert "ingest declarations" in str(result.exception)


def test_party_by_partial_name_in_any_case(world: Graph) -> None:
    overview = run_json("party", "tako")
    assert overview["party"]["name"] == "Tako LLC"
    assert overview["matches"][0]["list"] == "custom:watch"
    assert overview["declarations"][0] == {**overview["declarations"][0], "number": "20000000001", "role": "CONSIGNEE"}
    assert "PS-01" in {a["rule_id"] for a in overview["alerts"]}
    # the exporter is a neighbour through the declaration they share
    assert any("Shinsei Denki" in n["name"] for n in overview["neighbours"])


def test_party_by_corporate_number_shows_ownership_of_others(world: Graph) -> None:
    exporter = run_json("party", "8785219552958")
    assert exporter["party"]["key"] == "jpcn:8785219552958"
    assert {d["number"] for d in exporter["declarations"]} == {"20000000001", "20000000002"}
    acme = run_json("party", "Acme Horse Farms")
    assert [(o["direction"], o["name"]) for o in acme["ownership"]] == [("owned by", "Ararat Holding CJSC")]


def test_party_csv_lists_declarations(world: Graph) -> None:
    result = runner.invoke(app, ["party", "jpcn:8785219552958", "--csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "number,role,date,destination,value,risk_level"
    assert len(result.stdout.splitlines()) == 3


def test_path_connects_a_declaration_to_an_owner_through_shared_parties(world: Graph) -> None:
    found = run_json("path", "20000000001", "Ararat Holding")
    types = [r["type"] for r in found["relationships"]]
    assert types[-1] == "OWNS"
    assert found["nodes"][0]["caption"] == "20000000001" and found["nodes"][-1]["caption"] == "Ararat Holding CJSC"


def test_path_too_short_exits_3(world: Graph) -> None:
    result = runner.invoke(app, ["path", "20000000001", "Ararat Holding", "--max-hops", "2"])
    assert result.exit_code == NO_PATH_EXIT


def test_path_to_an_unknown_entity_fails(world: Graph) -> None:
    result = runner.invoke(app, ["path", "20000000001", "zzqx nothing"])
    assert result.exit_code == 1 and "nothing in the graph" in str(result.exception)


def test_cypher_reads_with_parameters(world: Graph) -> None:
    rows = run_json("cypher", "MATCH (d:Declaration {number: $n})-[:CONSIGNEE]->(p) RETURN p.name AS name, $k AS k",
                    "-p", "n=20000000001", "-p", "k:=[1, 2]")
    assert rows == [{"name": "Tako LLC", "k": [1, 2]}]


def test_cypher_refuses_writes(world: Graph) -> None:
    result = runner.invoke(app, ["cypher", "CREATE (x:Intruder) RETURN x"])
    assert result.exit_code == 1 and "read-only" in str(result.exception)
    assert run_json("cypher", "MATCH (x:Intruder) RETURN count(x) AS n") == [{"n": 0}]


def test_cypher_csv_has_header_and_rows(world: Graph) -> None:
    result = runner.invoke(app, ["cypher", "MATCH (d:Declaration) RETURN d.number AS number ORDER BY number", "--csv"])
    assert result.stdout.splitlines() == ["number", "20000000001", "20000000002"]


def test_browse_gives_a_browser_url_with_the_evidence_query(world: Graph) -> None:
    alert = tako_alert(world)
    out = run_json("browse", alert["id"], "--no-open")
    assert out["kind"] == "alert" and "&cmd=edit&arg=" in out["url"]
    assert "?dbms=bolt://neo4j@127.0.0.1:" in out["url"]  # the login form comes with server and user filled in
    assert f"'{alert['id']}'" in unquote(out["url"])
    assert run_json("cypher", out["query"])  # the query runs and finds the evidence
    declaration = run_json("browse", "20000000001", "--no-open")
    assert declaration["kind"] == "declaration" and run_json("cypher", declaration["query"])


def test_report_is_self_contained_html_with_an_evidence_picture(world: Graph, tmp_path: Path) -> None:
    alert = tako_alert(world)
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["report", alert["id"], "--html", "--out", str(target)])
    assert result.exit_code == 0, (result.output, result.exception)
    page = target.read_text(encoding="utf-8")
    assert alert["id"] in page and "Tako LLC" in page and "<svg" in page
    assert "<script" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_alerts_list_csv_for_spreadsheets(world: Graph) -> None:
    result = runner.invoke(app, ["alerts", "list", "--csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "id,severity,score,rule_id,declaration,status,explanation"
    assert "PS-01" in result.stdout


def test_json_and_csv_together_is_a_usage_error(world: Graph) -> None:
    assert runner.invoke(app, ["explain", "20000000001", "--json", "--csv"]).exit_code == 2


def test_alerts_list_pages_with_a_visible_total_and_all(world: Graph) -> None:
    """Issue 17: `alerts list` silently stopped at 200."""
    every = run_json("alerts", "list", "--all")
    total = len(every)
    assert total >= 1
    first = runner.invoke(app, ["alerts", "list", "--limit", "1"])
    assert first.exit_code == 0
    assert f"showing 1–1 of {total}" in first.output
    assert ("--all or --page 2" in first.output) == (total > 1)
    second = run_json("alerts", "list", "--limit", "1", "--page", "2")
    assert [a["id"] for a in second] == [a["id"] for a in every[1:2]]
    beyond = runner.invoke(app, ["alerts", "list", "--page", str(total + 1), "--limit", "1"])
    assert f"none of {total} on page {total + 1}" in beyond.output


def test_alerts_show_prints_the_matched_fields_not_json(world: Graph) -> None:
    alert = tako_alert(world)
    result = runner.invoke(app, ["alerts", "show", alert["id"]], env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    assert "consignee Tako LLC matches a list: watch list watch W1 (exact name; score 1.00)" in result.output
    for column in ("matched fields", "declaration says", "list says", "score", "how"):
        assert column in result.output
    assert "{" not in result.output and '"findings"' not in result.output
    assert '"findings"' in runner.invoke(app, ["alerts", "show", alert["id"], "--json"]).output
