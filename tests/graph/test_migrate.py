"""The graph schema is applied idempotently and is current after `ecgraph db migrate`."""

from __future__ import annotations

from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import Graph, apply_schema, ensure_schema
from ecgraph.schemas import graph_schema_statements


def constraint_names(graph: Graph) -> set[str]:
    return {row["name"] for row in graph.read("SHOW CONSTRAINTS YIELD name RETURN name")}


def test_every_schema_statement_is_idempotent() -> None:
    for file, statement in graph_schema_statements():
        assert "IF NOT EXISTS" in statement, f"{file}: {statement}"


def test_applying_twice_changes_nothing(graph: Graph) -> None:
    before = constraint_names(graph)
    apply_schema(graph)
    assert constraint_names(graph) == before
    assert {"country_iso2", "address_id"} <= before


def test_ensure_schema_skips_a_current_database(graph: Graph) -> None:
    assert ensure_schema(graph).skipped is True


def test_constraint_rejects_a_duplicate(graph: Graph) -> None:
    import neo4j.exceptions
    import pytest

    graph.write("CREATE (:Country {iso2: 'JP'})")
    with pytest.raises(neo4j.exceptions.ConstraintError):
        graph.write("CREATE (:Country {iso2: 'JP'})")


def test_db_migrate_command(neo4j_env: dict[str, str], graph: Graph) -> None:
    result = CliRunner().invoke(app, ["db", "migrate"])
    assert result.exit_code == 0, result.output
    assert "applied" in result.stdout
