"""The `ecgraph` command: command groups joined here; each group lives in its own module.

Exit codes: 0 ok; 1 the run failed (the message says why); 2 usage error (typer/click).
"""

from __future__ import annotations

import typer

from ecgraph.cli import alerts, browser_guide, db, demo, export, ingest, jobs, labels, lists, rules_cmd
from ecgraph.cli import controls as controls_cli
from ecgraph.cli import ecommerce as ecommerce_cli
from ecgraph.cli.browse import browse_command
from ecgraph.cli.classify import classify
from ecgraph.cli.cypher_cmd import cypher_command
from ecgraph.cli.explain import explain_command
from ecgraph.cli.party import party_command
from ecgraph.cli.path import path_command
from ecgraph.cli.report import report_command
from ecgraph.cli.schema_cmd import schema_command
from ecgraph.cli.screen import screen_command
from ecgraph.cli.search import search

__all__ = ["app", "main"]

app = typer.Typer(
    name="ecgraph",
    help="""Export-control intelligence graph for customs.

Loads sanctions and end-user lists, export declarations and dual-use control lists into Neo4j,
resolves parties against the lists, and flags shipments that could feed military end users.

Examples:

  ecgraph db start          # start the local Neo4j and print the Browser URL

  ecgraph demo run          # load the bundled data and screen it

  ecgraph db status --json  # connection details for scripts
""",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(db.app, name="db")
app.add_typer(demo.app, name="demo")
app.add_typer(ingest.app, name="ingest")
app.add_typer(lists.app, name="lists")
app.add_typer(export.app, name="export")
app.add_typer(labels.app, name="labels")
app.add_typer(rules_cmd.app, name="rules")
app.add_typer(alerts.app, name="alerts")
app.add_typer(jobs.app, name="jobs")
app.command("screen")(screen_command)
app.command("search")(search)
app.add_typer(controls_cli.app, name="controls")
app.add_typer(ecommerce_cli.app, name="ecommerce")
app.command("classify")(classify)
app.command("explain")(explain_command)
app.command("party")(party_command)
app.command("path")(path_command)
app.command("cypher")(cypher_command)
app.command("browse")(browse_command)
app.command("report")(report_command)
app.command("schema")(schema_command)
app.add_typer(browser_guide.app, name="browser")


def main() -> None:
    """Console entry point (kept for `python -m`-style callers; the `ecgraph` script uses `ecgraph.cli.entry`)."""
    from ecgraph.cli.entry import run

    run(app)
