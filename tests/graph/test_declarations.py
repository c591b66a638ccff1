"""Declarations on the real Neo4j: load, idempotent re-load, amendments with history, rejects, resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.demo.declarations import generate
from ecgraph.graph import Graph, Settings
from ecgraph.graph.declarations import count_declarations, declaration_history
from ecgraph.ingest.declarations import load_file
from ecgraph.ingest.declarations.checkpoint import checkpoint_path
from tests.ingest.declarations.factory import declaration

runner = CliRunner()


def write_jsonl(path: Path, records: list[object]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write((record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n")
    return path


def test_load_builds_declarations_parties_addresses_and_items(graph: Graph, tmp_path: Path) -> None:
    second = declaration(declaration_number="50000000002")
    second["consignee"]["name"] = "APEX INSTRUMENTS, LLC"  # same party key, another spelling
    path = write_jsonl(tmp_path / "d.jsonl", [declaration(), second])
    result = load_file(graph, path, state_dir=tmp_path / "state")
    assert result.counts == {"loaded": 2, "amended": 0, "unchanged": 0, "history": 0, "rejected": 0}
    assert count_declarations(graph) == {"declarations": 2, "versions": 2, "parties": 3, "items": 4}
    (row,) = graph.read(
        """MATCH (d:Declaration {number: '50000000001'})-[:CONSIGNEE]->(p:Party)-[:LOCATED_AT]->(a:Address)
                 -[:IN_COUNTRY]->(c:Country)
           MATCH (d)-[:DESTINED_TO]->(dest:Country), (d)-[:TRANSITS]->(t:Country)
           MATCH (d)-[:EXPORTER]->(x:Party)
           RETURN p.names AS names, p.key AS key, c.iso2 AS country, dest.iso2 AS dest, t.iso2 AS transit,
                  x.key AS exporter, x.corp_no AS corp_no, toString(d.date) AS date""")
    assert sorted(row["names"]) == ["APEX INSTRUMENTS, LLC", "Apex Instruments LLC"]
    assert row["key"] == "name:apex instruments llc|US"
    assert (row["country"], row["dest"], row["transit"], row["date"]) == ("US", "US", "SG", "2025-03-14")
    assert row["exporter"] == "jpcn:2541601377431" and row["corp_no"] == "2541601377431"
    items = graph.read("MATCH (:Declaration {number: '50000000001'})-[:HAS_ITEM]->(i)-[:CLASSIFIED_AS]->(h:HSCode) "
                       "RETURN i.hs_code AS hs, h.code AS hs6 ORDER BY i.seq")
    assert items == [{"hs": "850132900", "hs6": "850132"}, {"hs": "903180", "hs6": "903180"}]


def test_loading_the_same_file_twice_changes_nothing(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "demo.jsonl"
    generate(150, 4, path)
    first = load_file(graph, path, state_dir=tmp_path / "state")
    before = count_declarations(graph)
    rels = graph.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    second = load_file(graph, path, state_dir=tmp_path / "state")
    assert first.counts["loaded"] == 150 and first.counts["rejected"] == 0
    assert second.counts["unchanged"] == first.counts["loaded"] + first.counts["amended"]
    assert second.counts["loaded"] == second.counts["amended"] == 0
    assert count_declarations(graph) == before
    assert graph.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"] == rels


def test_an_amendment_replaces_the_current_declaration_and_keeps_the_history(graph: Graph, tmp_path: Path) -> None:
    load_file(graph, write_jsonl(tmp_path / "v1.jsonl", [declaration()]), state_dir=tmp_path / "state")
    amended = declaration(version=2, declaration_type="EXC", destination_country="AE",
                          consignee={"name": "Jebel Ali Components FZE", "country": "AE"})
    amended["items"] = amended["items"][:1]
    del amended["transit_countries"]
    result = load_file(graph, write_jsonl(tmp_path / "v2.jsonl", [amended]), state_dir=tmp_path / "state")
    assert result.counts["amended"] == 1
    history = declaration_history(graph, "50000000001")
    assert history["version"] == 2 and history["destination"] == "AE" and history["items"] == 1
    assert [v["version"] for v in history["versions"]] == [1, 2]
    assert json.loads(history["versions"][0]["record"])["destination_country"] == "US"
    roles = {(p["role"], p["name"]) for p in history["parties"]}
    assert ("CONSIGNEE", "Jebel Ali Components FZE") in roles and ("CONSIGNEE", "Apex Instruments LLC") not in roles
    assert graph.read("MATCH (:Declaration {number: '50000000001'})-[r:TRANSITS|DESTINED_TO]->(c) "
                      "RETURN collect(c.iso2) AS c")[0]["c"] == ["AE"]
    # the old version arriving late again is history, not a change
    again = load_file(graph, tmp_path / "v1.jsonl", state_dir=tmp_path / "state")
    assert again.counts["unchanged"] == 1 and declaration_history(graph, "50000000001")["version"] == 2


def test_versions_in_one_file_apply_in_order(graph: Graph, tmp_path: Path) -> None:
    v2 = declaration(version=2, destination_country="SG")
    path = write_jsonl(tmp_path / "both.jsonl", [declaration(), v2])
    result = load_file(graph, path, state_dir=tmp_path / "state")
    assert (result.counts["loaded"], result.counts["amended"]) == (1, 1)
    history = declaration_history(graph, "50000000001")
    assert history["version"] == 2 and history["destination"] == "SG" and len(history["versions"]) == 2
    assert graph.read("MATCH (:Declaration)-[r:EXPORTER]->() RETURN count(r) AS n")[0]["n"] == 1


def test_same_version_with_other_content_is_rejected_as_a_conflict(graph: Graph, tmp_path: Path) -> None:
    load_file(graph, write_jsonl(tmp_path / "a.jsonl", [declaration()]), state_dir=tmp_path / "state")
    rejects = tmp_path / "rejects.jsonl"
    result = load_file(graph, write_jsonl(tmp_path / "b.jsonl", [declaration(invoice_value=99.0)]),
                       state_dir=tmp_path / "state", rejects_path=rejects)
    assert result.counts["rejected"] == 1
    (entry,) = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert "send the change as an amendment with version 2" in entry["reasons"][0]


def test_bad_records_go_to_the_rejects_file_and_good_ones_still_load(graph: Graph, tmp_path: Path) -> None:
    bad = declaration(declaration_number="50000000002", currency="XYZ")
    bad["exporter"]["corporate_number"] = "9541601377431"
    path = write_jsonl(tmp_path / "mixed.jsonl", [declaration(), bad, "{not json", declaration(declaration_number="50000000003")])
    rejects = tmp_path / "rejects.jsonl"
    result = load_file(graph, path, state_dir=tmp_path / "state", rejects_path=rejects)
    assert result.counts["loaded"] == 2 and result.counts["rejected"] == 2
    assert count_declarations(graph)["declarations"] == 2
    entries = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert [e["line"] for e in entries] == [2, 3]
    assert entries[0]["declaration_number"] == "50000000002" and entries[0]["file"] == str(path)
    assert len(entries[0]["reasons"]) == 2  # both the check digit and the currency
    assert json.loads(entries[0]["raw"]) == bad  # the raw line, as sent
    assert entries[1]["raw"] == "{not json" and "invalid JSON" in entries[1]["reasons"][0]


def test_a_country_naming_no_country_or_several_lands_with_its_text_and_a_warning(graph: Graph,
                                                                                 tmp_path: Path) -> None:
    """Issue #21: never a reason to drop a record; the warning names file, line and field."""
    several = declaration(declaration_number="50000000002", destination_country="Russia; Belarus")
    unread = declaration(declaration_number="50000000003", destination_country="Atlantis",
                         consignee={"name": "Test Trading LLC", "country": "Narnia"})
    path = write_jsonl(tmp_path / "countries.jsonl", [declaration(), several, unread])
    result = load_file(graph, path, state_dir=tmp_path / "state")
    assert result.counts["loaded"] == 3 and result.counts["rejected"] == 0 and result.warned == 3
    assert result.warnings[0] == (f"{path}:2: destination_country: 'Russia; Belarus' names several countries "
                                  "(RU, BY); kept as written in destination_country_text")
    assert result.warnings[1].startswith(f"{path}:3: consignee/country: 'Narnia' names no country")
    assert result.warnings[2].startswith(f"{path}:3: destination_country: 'Atlantis' names no country")
    assert declaration_history(graph, "50000000002")["destination"] == "RU"
    kept = declaration_history(graph, "50000000003")
    assert kept["destination"] is None
    assert json.loads(kept["versions"][0]["record"])["destination_country_text"] == "Atlantis"
    again = load_file(graph, path, state_dir=tmp_path / "state")  # idempotent: the same content hash
    assert again.counts["unchanged"] == 3 and count_declarations(graph)["declarations"] == 3


def test_cli_exits_1_only_when_rejects_pass_max_rejects(neo4j_env: dict[str, str], graph: Graph, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", [declaration(), declaration(declaration_number="50000000002", currency="X")])
    ok = runner.invoke(app, ["ingest", "declarations", str(path), "--json"])
    assert ok.exit_code == 0, ok.output
    (summary,) = json.loads(ok.stdout)
    assert (summary["loaded"], summary["rejected"]) == (1, 1)
    assert Path(summary["rejects_path"]).exists()
    strict = runner.invoke(app, ["ingest", "declarations", str(path), "--max-rejects", "0", "--json"])
    assert strict.exit_code == 1
    assert "1 records rejected, more than --max-rejects 0" in strict.stderr
    lenient = runner.invoke(app, ["ingest", "declarations", str(path), "--max-rejects", "1", "--json"])
    assert lenient.exit_code == 0 and json.loads(lenient.stdout)[0]["unchanged"] == 1


def test_csv_and_jsonl_of_the_same_declarations_are_the_same_load(graph: Graph, tmp_path: Path) -> None:
    generate(100, 8, tmp_path / "d.csv", fmt="csv")
    generate(100, 8, tmp_path / "d.jsonl")
    from_csv = load_file(graph, tmp_path / "d.csv", state_dir=tmp_path / "state")
    from_jsonl = load_file(graph, tmp_path / "d.jsonl", state_dir=tmp_path / "state")
    assert from_csv.counts["loaded"] == 100 and from_csv.counts["rejected"] == 0
    assert from_jsonl.counts["unchanged"] == from_csv.counts["loaded"] + from_csv.counts["amended"]


def test_resume_after_a_killed_load_has_no_duplicates_and_no_gaps(
    neo4j_env: dict[str, str], graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "big.jsonl"
    generate(1200, 9, path)
    checkpoint = checkpoint_path(settings.data_dir, path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecgraph.cli", "ingest", "declarations", str(path), "--batch-size", "50", "--quiet"],
        env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if checkpoint.exists() and json.loads(checkpoint.read_text())["line"] > 150:
            break
        time.sleep(0.05)
    assert proc.poll() is None, f"the load ended before it could be killed: {proc.stderr.read().decode(errors='replace') if proc.stderr else ''}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    interrupted = count_declarations(graph)["declarations"]
    assert 0 < interrupted < 1200
    resumed = runner.invoke(app, ["ingest", "declarations", str(path), "--resume", "--batch-size", "50", "--json"])
    assert resumed.exit_code == 0, resumed.output
    (summary,) = json.loads(resumed.stdout)
    assert summary["resumed_from_line"] > 150 and summary["rejected"] == 0
    assert not checkpoint.exists()
    numbers = {json.loads(line)["declaration_number"] for line in path.read_text(encoding="utf-8").splitlines()}
    lines = sum(1 for _ in path.open(encoding="utf-8"))
    counts = count_declarations(graph)
    assert counts["declarations"] == len(numbers) == 1200
    assert counts["versions"] == lines
    # every declaration has exactly one exporter and one link per goods item: nothing written twice
    assert graph.read("MATCH (d:Declaration) WHERE COUNT { (d)-[:EXPORTER]->() } <> 1 RETURN count(d) AS n")[0]["n"] == 0
    assert graph.read("MATCH (d:Declaration) WHERE COUNT { (d)-[:HAS_ITEM]->() } <> d.item_count "
                      "RETURN count(d) AS n")[0]["n"] == 0
    assert summary["loaded"] + summary["amended"] + summary["unchanged"] + summary["history"] == lines

