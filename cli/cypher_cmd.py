"""`ecgraph cypher "…"`: raw read-only Cypher for analysts, with parameters, as a table, JSON or CSV."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from neo4j.exceptions import Neo4jError

from ecgraph.cli.output import OutputFormat, choose_format, print_json, print_rows
from ecgraph.graph import load_settings, open_graph
from ecgraph.graph.read_only import run_checked
from ecgraph.schemas.errors import EcgraphError

__all__ = ["cypher_command", "parse_params"]


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """`key=text` gives a string (declaration numbers stay strings); `key:=json` gives a typed value
    (numbers, true/false, lists, maps), as in HTTPie."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip(":").strip():
            raise typer.BadParameter(f"{pair!r} is not key=text or key:=json", param_hint="--param")
        if key.endswith(":"):
            try:
                params[key[:-1].strip()] = json.loads(value)
            except json.JSONDecodeError as exc:
                raise typer.BadParameter(f"{pair!r}: {value!r} is not JSON ({exc.msg})", param_hint="--param") from exc
        else:
            params[key.strip()] = value
    return params


def cypher_command(
    query: Annotated[str, typer.Argument(help="A Cypher query; refer to parameters as $name.")],
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="key=text, or key:=json for numbers and lists (repeatable): -p n=10000000001 -p limit:=5.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many rows.")] = 1000,
    as_json: Annotated[bool, typer.Option("--json", help="Rows as a JSON list of objects.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Rows as CSV with a header.")] = False,
) -> None:
    """Run a read-only Cypher query of the graph. Each statement is checked first (the server's EXPLAIN
    must call it a read) and refused with a one-line reason when it writes (CREATE, MERGE, SET, DELETE),
    uses LOAD CSV, CALL { … } IN TRANSACTIONS or USE, runs an administration command (SHOW USERS,
    SHOW SETTINGS, SHOW/TERMINATE TRANSACTIONS, CREATE/DROP …) or calls a procedure other than
    db.labels, db.relationshipTypes, db.propertyKeys, db.schema.* and db.index.fulltext.query*.
    SHOW INDEXES / CONSTRAINTS / PROCEDURES / FUNCTIONS are allowed. Use the ingest and alerts
    commands to change the graph.

    Exit codes: 0 ok; 1 the query was refused or failed (syntax, the database unreachable); 2 usage error.

    Examples:

      ecgraph cypher "MATCH (a:Alert {status: 'open'}) RETURN a.severity AS severity, count(*) AS n"

      ecgraph cypher "MATCH (d:Declaration {number: \\$n})-[r]->(p:Party) RETURN type(r), p.name" -p n=10000000001

      ecgraph cypher "MATCH (e:ListEntry) RETURN e.list AS list, count(*) AS n" --csv > entries.csv
    """
    fmt = choose_format(as_json, as_csv)
    params = parse_params(param or [])
    with open_graph(load_settings()) as graph:
        try:
            result = run_checked(graph, query, params, limit=limit)
        except Neo4jError as exc:
            hint = " (ecgraph cypher is read-only)" if "write" in (exc.message or "").lower() else ""
            raise EcgraphError(f"the query failed{hint}: {exc.code}: {exc.message}") from exc
    if fmt is OutputFormat.json:
        print_json(result.rows)
        return
    print_rows(result.rows, result.columns, fmt=fmt, title=f"{len(result.rows)} rows")
