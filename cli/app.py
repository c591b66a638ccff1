"""The `ecgraph` command as one object (tests, benchmarks): command groups joined here; each lives in its own
module. The console script starts from the lazy root in `ecgraph.cli.commands` instead (see cli/entry.py).

Exit codes: 0 ok; 1 the run failed (the message says why); 2 usage error (typer/click).
"""

from __future__ import annotations

import typer

from ecgraph.cli import alerts, browser_guide, db, demo, export, ingest, jobs, labels, lists, rules_cmd
from ecgraph.cli import controls as controls_cli
from ecgraph.cli import ecommerce as ecommerce_cli
from ecgraph.cli.browse import browse_command
from ecgraph.cli.classify import classify
from ecgraph.cli.commands import ROOT_HELP
from ecgraph.cli.cypher_cmd import cypher_command
from ecgraph.cli.explain import explain_command
from ecgraph.cli.party import party_command
from ecgraph.cli.path import path_command
from ecgraph.cli.report import report_command
from ecgraph.cli.schema_cmd import schema_command
from ecgraph.cli.screen import screen_command
from ecgraph.cli.search import search

__all__ = ["app"]

app = typer.Typer(
    name="ecgraph",
    help=ROOT_HELP,
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

