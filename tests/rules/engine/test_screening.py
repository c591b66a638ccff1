"""Screening end to end on the real Neo4j: a small world of declarations, a watch list, the real control
lists and an ownership statement, screened through the CLI as an analyst or a scheduler would (pins PS-01,
CL-04, CT-01 and PS-03 on the planted declarations)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import Graph, load_settings
from ecgraph.graph.alerts import list_alerts, write_alerts
from ecgraph.graph.screening import acquire_lock, release_lock
from ecgraph.ingest.controls.load import load_all_controls
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.lists import load_custom_list, load_list
from ecgraph.rules.engine import engine, screen
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.pack import load_rules
from ecgraph.rules.engine.predicates import PREDICATES
from tests.conftest import fresh_graph_env

runner = CliRunner()


def party(name: str, country: str, address: str = "1 Main Street") -> dict[str, Any]:
    return {"name": name, "country": country, "address": f"{address}, {country}"}


def declaration(number: str, destination: str, consignee: dict[str, Any], items: list[tuple[str, str, float]],
                **extra: Any) -> dict[str, Any]:
    return {
        "declaration_number": number, "version": 1, "declaration_date": "2026-10-01", "declaration_type": "EX",
        "exporter": {"name": "Shinsei Denki Co., Ltd.", "country": "JP", "corporate_number": "8785219552958",
                     "address": "3-14-12 Chuo-ku, Kobe, Hyogo"},
        "consignee": consignee, "destination_country": destination, "port_of_loading": "JPTYO",
        "transport_mode": "air", "invoice_number": f"INV-{number}", "currency": "JPY", "ecommerce": False,
        "invoice_value": sum(v for _, _, v in items),
        "items": [{"seq": i + 1, "hs_code": hs, "description": text, "quantity": 10, "unit": "PCE",
                   "net_weight_kg": 5.0, "value": value, "origin_country": "JP"} for i, (hs, text, value) in enumerate(items)],
        **extra,
    }


WORLD = [
    # a watch-listed consignee in a transshipment hub receiving CHPL tier-1 integrated circuits
    declaration("10000000001", "AM", party("Tako LLC", "AM", "12 Tigran Mets Avenue, Yerevan"),
                [("854231000", "Integrated circuits, processors", 900000.0)]),
    # North Korea as destination: total embargo
    declaration("10000000002", "KP", party("Korea Ryonbong General Corporation", "KP"),
                [("847150000", "Processing units", 50000.0)]),
    # an ordinary shipment that nothing should flag
    declaration("10000000003", "US", party("Acme Horse Farms Inc.", "US"), [("010121000", "Pure-bred breeding horses", 3000000.0)]),
    # a consignee owned 60 % by a sanctioned company (ownership statement below)
    declaration("10000000004", "AM", party("Nord Vega Trading LLC", "AM"), [("010121000", "Pure-bred breeding horses", 3000000.0)]),
]

WATCH_LIST = [{"id": "W1", "name": "Tako LLC", "country": "AM", "type": "organization"}]

BODS = [
    # a real OpenSanctions entity (data/sanctions/opensanctions_ftm/zala_entities.ftm.json)
    {"statementID": "s-owner", "statementType": "entityStatement", "name": "JSC Kalashnikov Concern",
     "incorporatedInJurisdiction": {"code": "RU"}, "statementDate": "2026-01-01"},
    {"statementID": "s-nord", "statementType": "entityStatement", "name": "Nord Vega Trading LLC",
     "incorporatedInJurisdiction": {"code": "AM"}, "statementDate": "2026-01-01"},
    {"statementID": "s-own", "statementType": "ownershipOrControlStatement", "statementDate": "2026-01-01",
     "subject": {"describedByEntityStatement": "s-nord"}, "interestedParty": {"describedByEntityStatement": "s-owner"},
     "interests": [{"type": "shareholding", "share": {"exact": 60}}]},
]


@pytest.fixture(scope="module")
def world(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    """Built once for the module (loading the control lists is the slow part); tests only add alerts
    and decisions, each on rules or declarations of its own."""
    tmp_path = tmp_path_factory.mktemp("world")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        settings = load_settings()
        load_all_controls(graph)
        declarations = tmp_path / "declarations.jsonl"
        declarations.write_text("".join(json.dumps(d) + "\n" for d in WORLD), encoding="utf-8")
        result = load_file(graph, declarations, state_dir=tmp_path / "state")
        assert result.counts["rejected"] == 0, result
        watch = tmp_path / "watch.jsonl"
        watch.write_text("".join(json.dumps(e) + "\n" for e in WATCH_LIST), encoding="utf-8")
        load_custom_list(graph, "watch", watch, data_dir=settings.data_dir)
        load_list(graph, "os_ftm", data_dir=settings.data_dir)
        bods = tmp_path / "ownership.bods.json"
        bods.write_text(json.dumps(BODS), encoding="utf-8")
        assert runner.invoke(app, ["ingest", "ownership", str(bods)]).exit_code == 0
        yield graph


def screen_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["screen", *args, "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def alerts_json(*args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["alerts", "list", "--json", *args])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def by_declaration(alerts: list[dict[str, Any]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for alert in alerts:
        out.setdefault(alert["declaration"], set()).add(alert["rule_id"])
    return out


def test_screening_flags_what_the_world_plants(world: Graph) -> None:
    report = screen_json("--all")
    assert report["declarations"] == 4
    fired = by_declaration(alerts_json())
    assert {"PS-01", "CL-04"} <= fired["10000000001"]
    assert "CT-01" in fired["10000000002"]
    assert "10000000003" not in fired
    assert "PS-03" in fired["10000000004"]


def test_alert_json_carries_evidence_and_explanation(world: Graph) -> None:
    screen_json("--all")
    (alert,) = [a for a in alerts_json("--rule", "PS-01") if a["declaration"] == "10000000001"]
    for key in ("id", "rule_id", "rule_version", "severity", "score", "declaration", "status", "explanation", "evidence"):
        assert key in alert, key
    assert "Tako LLC" in alert["explanation"]
    labels = {label for node in alert["evidence"]["nodes"] for label in node["labels"]}
    assert {"Declaration", "Party", "ListEntry"} <= labels
    assert alert["evidence"]["relationships"]
    ownership = alerts_json("--rule", "PS-03")[0]
    assert "60 %" in ownership["explanation"] and "Kalashnikov" in ownership["explanation"]


def test_rescreening_never_duplicates_alerts(world: Graph) -> None:
    screen_json("--all")
    first = sorted(a["id"] for a in alerts_json())
    second_report = screen_json("--all")
    assert sorted(a["id"] for a in alerts_json()) == first
    assert second_report["alerts_new"] == 0


def test_new_mode_screens_only_unscreened_declarations(world: Graph) -> None:
    screen_json("--all")
    assert screen_json()["declarations"] == 0


def test_triage_keeps_an_audit_trail(world: Graph) -> None:
    screen_json("--all")
    alert = alerts_json("--rule", "CT-01")[0]
    assert runner.invoke(app, ["alerts", "triage", alert["id"], "in_review", "--note", "checking", "--analyst", "aiko"]).exit_code == 0
    assert runner.invoke(app, ["alerts", "triage", alert["id"], "escalated", "--note", "KP", "--analyst", "ken"]).exit_code == 0
    bad = runner.invoke(app, ["alerts", "triage", alert["id"], "closed"])
    assert bad.exit_code != 0
    shown = json.loads(runner.invoke(app, ["alerts", "show", alert["id"], "--json"]).stdout)
    assert shown["status"] == "escalated"
    assert [(e["analyst"], e["from"], e["to"]) for e in shown["events"]] == [("aiko", "open", "in_review"),
                                                                              ("ken", "in_review", "escalated")]
    screen_json("--all")
    assert alerts_json("--rule", "CT-01")[0]["status"] == "escalated"  # a re-run keeps the decision


def test_a_cleared_false_positive_stays_suppressed_until_a_side_changes(world: Graph) -> None:
    screen_json("--all")
    alert = next(a for a in alerts_json("--rule", "PS-01") if a["declaration"] == "10000000001")
    result = runner.invoke(app, ["alerts", "clear-match", alert["id"], "--note", "other Tako", "--analyst", "aiko"])
    assert result.exit_code == 0, result.output
    report = screen_json("--all")
    assert report["suppressed"] >= 1
    assert alerts_json("--rule", "PS-01", "--declaration", "10000000001")[0]["status"] == "cleared"
    suppressions = json.loads(runner.invoke(app, ["alerts", "suppressions", "--json"]).stdout)
    assert suppressions and suppressions[0]["active"] is True
    # reversing the decision: the pair is screened again and the alert reopens
    party_key, entry = suppressions[0]["party"], suppressions[0]["entry"]
    assert runner.invoke(app, ["alerts", "unsuppress", party_key, entry, "--note", "new evidence"]).exit_code == 0
    assert screen_json("--all")["suppressed"] == 0


def test_a_held_lock_gives_the_scheduler_exit_code_75(world: Graph) -> None:
    lock = acquire_lock(world, "screening", "another-run", 600)
    assert lock["acquired"]
    try:
        result = runner.invoke(app, ["screen", "--all", "--no-match"])
        assert result.exit_code == 75
    finally:
        release_lock(world, "screening", "another-run")


def test_rules_list_names_the_missing_input_of_inactive_rules(world: Graph) -> None:
    rows = json.loads(runner.invoke(app, ["rules", "list", "--json"]).stdout)
    by_id = {r["id"]: r for r in rows}
    assert by_id["CA-01"]["active"] is False and "meti_inform_notices" in by_id["CA-01"]["status"]
    assert by_id["CT-01"]["active"] is True


def test_rules_test_runs_one_rule_on_one_declaration(world: Graph) -> None:
    result = runner.invoke(app, ["rules", "test", "CT-01", "10000000002", "--json"])
    assert result.exit_code == 0, result.output
    (hit,) = json.loads(result.stdout)
    assert hit["severity"] == "CRITICAL" and "KP" in hit["explanation"]
    quiet = runner.invoke(app, ["rules", "test", "CT-01", "10000000003"])
    assert "does not fire" in quiet.stdout


def test_ownership_stated_by_a_list_points_from_owner_to_asset(world: Graph) -> None:
    """FtM Ownership in the OpenSanctions sample: Alexander Zakharov owns 100 % of LLC Aeroscan."""
    from ecgraph.graph.rule_inputs import ownership_edges

    edges = {(e["owner"], e["owned"]): e["pct"] for e in ownership_edges(world)}
    assert edges[("entry:os_ftm:NK-aU5ybkbRFJucf8YMwsJvDw", "entry:os_ftm:NK-iE6m5ryPeTAMZozfECVSL7")] == 100
    assert ("entry:os_ftm:NK-iE6m5ryPeTAMZozfECVSL7", "entry:os_ftm:NK-aU5ybkbRFJucf8YMwsJvDw") not in edges


def test_a_run_says_where_its_time_went_phase_by_phase(world: Graph) -> None:
    """At a million declarations a list update spent minutes outside its rules: each phase is timed apart."""
    from ecgraph.graph.screening import list_runs
    from ecgraph.rules.engine.screening import PHASES

    report = screen_json("--all", "--no-match")
    assert list(report["phase_seconds"]) == list(PHASES)
    assert all(seconds >= 0 for seconds in report["phase_seconds"].values())
    assert sum(report["phase_seconds"].values()) <= report["duration_s"] + 0.01
    assert report["phase_seconds"]["rules"] > 0
    stored = next(run for run in list_runs(world) if run["id"] == report["run_id"])
    assert stored["phase_seconds"] == [f"{phase}={report['phase_seconds'][phase]}" for phase in PHASES]


def test_a_rule_version_change_re_runs_only_that_rule_over_everything(world: Graph) -> None:
    screen_json("--all")
    unchanged = screen_json("--rules-changed", "--no-match")
    assert unchanged["rule_seconds"] == {} and unchanged["declarations"] == len(WORLD)
    rules = load_rules()
    bumped = [replace(r, version=r.version + 1) if r.id == "CT-01" else r for r in rules]
    report = screen(world, mode="rules-changed", rules=bumped)
    assert set(report.rule_seconds) == {"CT-01"} and report.declarations == len(WORLD)
    ct01 = alerts_json("--rule", "CT-01", "--status", "open")
    assert ct01 and all(a["rule_version"] == rules[[r.id for r in rules].index("CT-01")].version + 1 for a in ct01)
    screen(world, mode="all", rules=rules)  # back to the shipped packs for the tests that follow


def _alert_state(graph: Graph) -> list[tuple[Any, ...]]:
    return sorted((a["id"], a["severity"], a["score"], a.get("evidence_hash"), a.get("content_hash"), a["status"])
                  for a in list_alerts(graph, limit=100_000))


def test_alerts_written_batch_by_batch_are_those_of_one_batch(world: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    screen(world, mode="all")
    whole = _alert_state(world)
    monkeypatch.setattr(engine, "PREDICATE_CHUNK", 1)  # every declaration a batch of its own
    report = screen(world, mode="all")
    assert _alert_state(world) == whole
    seen = [a for a in list_alerts(world, limit=100_000) if a.get("last_seen_run") == report.run_id]
    assert report.alerts_total == len(seen) > 0 and report.alerts_closed == 0


def test_a_run_failing_in_a_later_batch_has_written_the_earlier_batches(world: Graph,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Alerts are written as each batch finishes: a run killed after its first batch keeps that batch's
    alerts, and the retry writes the rest without a duplicate."""
    monkeypatch.setattr(engine, "PREDICATE_CHUNK", 2)
    ct01 = next(r for r in load_rules() if r.id == "CT-01")
    fails = replace(ct01, id="XX-99", name="fails on the second batch", cypher=None, predicate="fails.v1")

    def second_batch_fails(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
        if "10000000003" in declarations:
            raise RuntimeError("worker killed")
        return []

    predicates = {**PREDICATES, "fails.v1": second_batch_fails}
    numbers = sorted(d["declaration_number"] for d in WORLD)
    with pytest.raises(RuntimeError, match="worker killed"):
        engine.run_rules(world, engine.rule_states(world, [ct01, fails]), numbers, "killed-run", predicates)
    seen = {a["declaration"]: a["last_seen_run"] for a in list_alerts(world, rule_id="CT-01", limit=100)
            if a["rule_version"] == ct01.version}
    assert seen["10000000002"] == "killed-run"  # the first batch (…01, …02) was written before the failure
    before = {a["id"] for a in list_alerts(world, limit=100_000)}
    retry = engine.run_rules(world, engine.rule_states(world, [ct01]), numbers, "retry-run", PREDICATES)
    assert {a["id"] for a in list_alerts(world, limit=100_000)} == before and retry.alerts_total >= 1
    assert all(a["last_seen_run"] == "retry-run" for a in list_alerts(world, rule_id="CT-01", limit=100)
               if a["rule_version"] == ct01.version)


def test_re_writing_an_unchanged_alert_sets_only_when_it_was_seen(world: Graph) -> None:
    rule = next(r for r in load_rules() if r.id == "CT-01")
    hits, _ = engine.evaluate(world, rule, [d["declaration_number"] for d in WORLD], PREDICATES)
    rows = engine.alert_rows(hits)
    assert rows
    write_alerts(world, rows, "first-write")
    again = write_alerts(world, rows, "second-write")
    assert again.properties_set == 2 * len(rows)  # last_seen_run and last_seen_at, nothing else
    assert again.labels_added == 0 and again.relationships_created == again.relationships_deleted == 0
    changed = [{**rows[0], "score": rows[0]["score"] / 2, "content_hash": "changed"}]
    assert write_alerts(world, changed, "third-write").properties_set > 2
    write_alerts(world, rows, "restore")


def test_an_unchanged_alert_found_again_after_closing_reopens_with_its_evidence(world: Graph) -> None:
    rule = next(r for r in load_rules() if r.id == "CT-01")
    hits, _ = engine.evaluate(world, rule, [d["declaration_number"] for d in WORLD], PREDICATES)
    row = engine.alert_rows(hits)[0]
    write_alerts(world, [row], "first-write")
    evidence = "MATCH (:Alert {id: $id})-[:EVIDENCE]->(n) RETURN count(n) AS n"
    before = world.read(evidence, id=row["id"])[0]["n"]
    world.write("MATCH (a:Alert {id: $id}) SET a.status = 'closed'", id=row["id"])
    again = write_alerts(world, [row], "found-again")
    assert again.relationships_created == again.relationships_deleted == 0
    stored = world.read("MATCH (a:Alert {id: $id}) RETURN a {.status, .last_seen_run, .evidence} AS a", id=row["id"])
    assert stored[0]["a"] == {"status": "open", "last_seen_run": "found-again", "evidence": row["evidence"]}
    assert world.read(evidence, id=row["id"])[0]["n"] == before > 0


def test_progress_is_reported_batch_by_batch(world: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long run reports as each batch's alerts are written, not only after the last batch: every step (a rule
    over a batch) is counted once, in order, and the first batch's alerts are in the graph when it reports."""
    monkeypatch.setattr(engine, "PREDICATE_CHUNK", 2)
    ct01 = next(r for r in load_rules() if r.id == "CT-01")
    numbers = sorted(d["declaration_number"] for d in WORLD)
    calls: list[tuple[str, int, int, str | None]] = []

    def progress(label: str, done: int, total: int) -> None:
        seen = {a["declaration"]: a["last_seen_run"] for a in list_alerts(world, rule_id="CT-01", limit=100)
                if a["rule_version"] == ct01.version}
        calls.append((label, done, total, seen.get("10000000002")))

    engine.run_rules(world, engine.rule_states(world, [ct01]), numbers, "progress-run", PREDICATES, progress)
    batches = -(-len(numbers) // 2)
    assert [(label, done, total) for label, done, total, _ in calls] == \
        [(f"CT-01 (batch {n}/{batches})", n, batches) for n in range(1, batches + 1)]
    assert calls[0][3] == "progress-run"  # …02 lies in the first batch: its alert was written before the report


def test_cypher_rules_in_a_second_process_write_the_alerts_of_one_process(world: Graph,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A large run evaluates its Cypher rules in a spawned worker process that writes their alerts itself: the
    alerts (ids, severities, scores, evidence, every written property) are those of a run in one process,
    with the Cypher rules on a thread beside the predicates or inline one after another."""
    from ecgraph.rules.engine import cypher_process

    states = engine.rule_states(world, load_rules())
    assert any(s.active and s.rule.cypher for s in states) and any(s.active and s.rule.predicate for s in states)
    numbers = sorted(d["declaration_number"] for d in WORLD)
    written: dict[str, list[tuple[Any, ...]]] = {}
    for mode, workers, process_min in (("inline", 1, 10**9), ("thread", 2, 10**9), ("process", 2, 0)):
        monkeypatch.setattr(cypher_process, "PROCESS_MIN_DECLARATIONS", process_min)
        result = engine.run_rules(world, states, numbers, f"{mode}-run", PREDICATES, workers=workers)
        rows = world.read("MATCH (a:Alert) WHERE a.last_seen_run = $run RETURN a.id AS id, a.rule_id AS rule, "
                          "a.severity AS severity, a.score AS score, a.evidence_hash AS evidence, "
                          "a.content_hash AS content ORDER BY id", run=f"{mode}-run")
        written[mode] = [tuple(r.values()) for r in rows]
        assert result.alerts_total == len(rows) > 0
    assert written["process"] == written["inline"] == written["thread"]
    assert {row[1] for row in written["process"]} >= {"PS-01", "CT-01"}  # Cypher rules' alerts among them
