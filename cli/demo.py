"""`ecgraph demo`: the end-to-end job that `make demo` runs on the bundled snapshot of real data."""

from __future__ import annotations

from typing import Annotated

import typer

from ecgraph.cli.db import start as db_start
from ecgraph.cli.output import console
from ecgraph.graph import ensure_schema, load_settings, open_graph
from ecgraph.graph.reference import count_countries, write_countries
from ecgraph.ingest.reference import country_rows

app = typer.Typer(
    help="""The demonstration job: start the database, load the bundled data, screen, show the alerts.

Examples:

  ecgraph demo run          # what `make demo` runs
""",
    no_args_is_help=True,
)


@app.command()
def run(
    start_server: Annotated[bool, typer.Option("--start/--no-start", help="Start the local server first.")] = True,
) -> None:
    """Start the local Neo4j, apply the schema and load what ecgraph can load so far."""
    settings = load_settings()
    if start_server and settings.managed:
        db_start()
    with open_graph(settings) as graph:
        ensure_schema(graph)
        write_countries(graph, country_rows())
        console.print(f"Reference data: {count_countries(graph)} countries.")
