"""`ecgraph ingest ecommerce`, `ecgraph ecommerce …` and the order section of `ecgraph explain` and
`ecgraph report`, through the CLI on the real Neo4j (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import Graph, load_settings
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.lists import load_custom_list
from ecgraph.rules.ecommerce import link_parcels, resolve_accounts
from ecgraph.rules.engine import screen
from ecgraph.rules.engine.pack import builtin_pack_paths, load_rules
from tests.ingest.declarations.factory import declaration
from tests.ingest.ecommerce.factory import order, write_jsonl

runner = CliRunner()


def test_ingest_reports_counts_and_exits_1_past_max_rejects(neo4j_env: dict[str, str], graph: Graph,
                                                            tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [order(), order(order_number="X-2", currency="ABC")])
    result = runner.invoke(app, ["ingest", "ecommerce", str(path), "--operator", "test-mall", "--json"])
    assert result.exit_code == 0, result.output
    (summary,) = json.loads(result.stdout)["files"]
    assert summary["loaded"] == 1 and summary["rejected"] == 1
    strict = runner.invoke(app, ["ingest", "ecommerce", str(path), "--operator", "test-mall", "--max-rejects", "0"])
    assert strict.exit_code == 1 and "more than --max-rejects 0" in strict.output


def test_purge_needs_a_period(neo4j_env: dict[str, str], graph: Graph) -> None:
    result = runner.invoke(app, ["ecommerce", "purge"])
    assert result.exit_code == 2 and "ECGRAPH_ECOMMERCE_RETENTION_DAYS" in result.output
    done = runner.invoke(app, ["ecommerce", "purge", "--days", "30", "--json"])
    assert done.exit_code == 0 and json.loads(done.stdout) == {"orders": 0, "accounts": 0, "days": 30}


def _load_ecm_declaration(graph: Graph, tmp_path: Path, number: str) -> None:
    """A postal e-commerce declaration (tracking EM123456789JP) whose parcel the test order links to."""
    ecm = declaration(declaration_number=number, declaration_type="ECM", transport_mode="post",
                      ecommerce=True, tracking_number="EM123456789JP", destination_country="AM",
                      consignee={"name": "Aram Sargsyan", "address": "12 Tumanyan Street, Yerevan, AM", "country": "AM"})
    load_file(graph, write_jsonl(tmp_path / "d.jsonl", [ecm]), state_dir=tmp_path / "state")


def test_explain_shows_the_order_account_and_parcel_behind_an_ecm_declaration(
        neo4j_env: dict[str, str], graph: Graph, tmp_path: Path) -> None:
    _load_ecm_declaration(graph, tmp_path, "70000000002")
    path = write_jsonl(tmp_path / "o.jsonl", [order()])
    assert runner.invoke(app, ["ingest", "ecommerce", str(path), "--operator", "test-mall"]).exit_code == 0
    assert link_parcels(graph).by_tracking == 1
    shown = runner.invoke(app, ["explain", "70000000002", "--json"])
    assert shown.exit_code == 0, shown.output
    (row,) = json.loads(shown.stdout)["orders"]
    assert row["order_number"] == "A-0001" and row["buyer"] == "Aram Sargsyan"
    assert row["tracking_number"] == "EM123456789JP" and row["items"][0]["title"] == "FPV drone flight controller F7"
    table = runner.invoke(app, ["explain", "70000000002"], env={"COLUMNS": "250"})
    assert "e-commerce orders behind this declaration" in table.output and "EM123456789JP" in table.output


def test_report_shows_the_order_account_and_parcel_behind_an_ecm_alert(
        neo4j_env: dict[str, str], graph: Graph, tmp_path: Path) -> None:
    _load_ecm_declaration(graph, tmp_path, "70000000003")
    path = write_jsonl(tmp_path / "o.jsonl", [order(buyer={**order()["buyer"], "kind": "person"})])
    assert runner.invoke(app, ["ingest", "ecommerce", str(path), "--operator", "test-mall"]).exit_code == 0
    watch = write_jsonl(tmp_path / "watch.jsonl", [{"id": "w1", "name": "Aram Sargsyan", "country": "AM",
                                                    "type": "person"}])
    load_custom_list(graph, "watch", watch, data_dir=load_settings().data_dir)
    assert link_parcels(graph).by_tracking == 1
    assert resolve_accounts(graph, tmp_path / "cache").matched_to_lists == 1
    screen(graph, mode="all", rules=load_rules([p for p in builtin_pack_paths() if p.name == "ecommerce.yaml"]))
    (alert,) = graph.read("MATCH (a:Alert {rule_id: 'EC-03'})-[:ON]->(:Declaration {number: '70000000003'}) "
                          "RETURN a.id AS id")
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["report", alert["id"], "--out", str(target)])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    section = page.split("<h2>E-commerce orders behind this declaration</h2>", 1)[1].split("<h2>", 1)[0]
    for shown in ("A-0001", "test-mall", "Aram Sargsyan (AM)", "Toyo Seiki Co., Ltd. (JP)", "EM123456789JP",
                  "Japan Post", "tracking_number", "FPV drone flight controller F7"):
        assert shown in section, shown


def test_ingest_warns_of_a_country_kept_as_text_with_file_and_line(neo4j_env: dict[str, str], graph: Graph,
                                                                    tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [order(ship_to={"address": "Pier 4, Freeport", "country": "Atlantis"})])
    result = runner.invoke(app, ["ingest", "ecommerce", str(path), "--operator", "test-mall"])
    assert result.exit_code == 0, result.output
    assert f"{path}:1: ship_to/country: 'Atlantis' names no country ecgraph reads" in " ".join(result.output.split())


def test_bulk_options_are_refused_where_they_cannot_apply(neo4j_env: dict[str, str], tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [order()])
    alone = runner.invoke(app, ["ingest", "ecommerce", str(path), "--operator", "m", "--declarations", str(path)])
    assert alone.exit_code == 2 and "--declarations goes with --bulk" in " ".join(alone.output.split())
    resumed = runner.invoke(app, ["ingest", "ecommerce", str(path), "--operator", "m", "--bulk", "--resume"])
    assert resumed.exit_code == 2 and "--bulk imports all or nothing" in " ".join(resumed.output.split())
    online = runner.invoke(app, ["ingest", "ecommerce", str(path), "--operator", "m", "--workers", "2"])
    assert online.exit_code == 2 and "--workers goes with --bulk" in " ".join(online.output.split())
