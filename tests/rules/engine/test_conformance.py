"""The conformance table (rules/CONFORMANCE.md) lists every clause of the rule catalogue with the rule and
version implementing it and the spec test pinning it, and the committed file is what `ecgraph rules
conformance` generates now."""

from __future__ import annotations

from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.cli.rules_cmd import REPO, conformance_text, default_catalogue
from ecgraph.rules.engine.conformance import parse_clauses


def test_the_committed_table_is_the_generated_one() -> None:
    committed = (REPO / "rules" / "CONFORMANCE.md").read_text(encoding="utf-8")
    assert committed == conformance_text(default_catalogue()), "run `ecgraph rules conformance` and commit the file"


def test_every_catalogue_clause_has_a_row() -> None:
    clauses = parse_clauses(default_catalogue().read_text(encoding="utf-8"))
    table = (REPO / "rules" / "CONFORMANCE.md").read_text(encoding="utf-8")
    assert len(clauses) == 36 and clauses[0].id == "PS-01" and clauses[-1].id == "LB-02"
    assert all(f"| {c.id} | {c.name} |" in table for c in clauses)


def test_the_clauses_this_issue_implemented_are_pinned_by_spec_tests() -> None:
    table = (REPO / "rules" / "CONFORMANCE.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in table.splitlines() if line.startswith("| ") and "-" in line[:8]}
    for clause in ("CT-02", "CT-03", "CA-03", "CA-04", "CL-02", "MU-03", "RF-02", "RF-03", "RF-06", "RF-08"):
        assert "test_clause_specs.py" in rows[clause] and "**none**" not in rows[clause], clause


def test_check_mode_reports_a_stale_file(tmp_path: object) -> None:
    stale = tmp_path / "CONFORMANCE.md"  # type: ignore[operator]
    stale.write_text("old\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "conformance", "--check", "--output", str(stale)])
    assert result.exit_code == 1 and "stale" in result.output
