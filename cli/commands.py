"""The `ecgraph` command as the console script starts it: each command's module is imported only when run.

Importing every command module (and through them the Neo4j driver, every ingest source, spaCy, the OCR
engines and the resolution index) took 3-4 s before `--help` printed a line. Here the root group knows
each command by name, module and one-paragraph summary; `ecgraph --help` lists the summaries without
importing anything, and `ecgraph alerts list` imports `ecgraph.cli.alerts` alone. `ecgraph.cli.app`
keeps the whole application in one object for tests and `python -m`; tests/cli/test_commands.py checks
that both list the same commands with the same summaries. A command missing from the table below (one
added to app.py only) still runs, through the whole application.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter

__all__ = ["COMMANDS", "ROOT_HELP", "LazyGroup", "lazy_app"]

ROOT_HELP = """Export-control intelligence graph for customs.

Loads sanctions and end-user lists, export declarations and dual-use control lists into Neo4j,
resolves parties against the lists, and flags shipments that could feed military end users.

Examples:

  ecgraph db start          # start the local Neo4j and print the Browser URL

  ecgraph demo run          # load the bundled data and screen it

  ecgraph db status --json  # connection details for scripts
"""


@dataclass(frozen=True)
class CommandRef:
    """Where a command lives (a typer app for a group, a function for a command) and its summary."""

    module: str
    attribute: str
    summary: str


COMMANDS: dict[str, CommandRef] = {
    "screen": CommandRef("ecgraph.cli.screen", "screen_command",
                         "Screen declarations with every active rule and write alerts (new declarations by default)."),
    "search": CommandRef("ecgraph.cli.search", "search",
                         "Search every list for a name, or screen a file of names (customers, suppliers)."),
    "classify": CommandRef("ecgraph.cli.classify", "classify", """Suggest control entries for a goods description, each with a score and its reasons (matching technical
terms, HS correlation, label evidence). A suggestion is for an analyst to check, never a classification."""),
    "explain": CommandRef("ecgraph.cli.explain", "explain_command", """Explain a declaration: its risk, alerts, parties with their list matches, goods items with HS codes,
control-list correlations and classification suggestions, and label captures."""),
    "party": CommandRef("ecgraph.cli.party", "party_command", """Show a party: its declarations and roles, list matches, alerts, neighbours (parties sharing a
declaration, an address, a cluster) and ownership. A name finds the best full-text match; the other
candidates are listed so that you can ask again by key."""),
    "path": CommandRef("ecgraph.cli.path", "path_command", """Show the shortest path between two entities over party roles, list matches, same-as links,
ownership, shared addresses, goods and control entries, labels and alerts (country and list hubs
are left out, so a path is a real connection)."""),
    "cypher": CommandRef("ecgraph.cli.cypher_cmd", "cypher_command", """Run a read-only Cypher query of the graph. Each statement is checked first (the server's EXPLAIN
must call it a read) and refused with a one-line reason when it writes (CREATE, MERGE, SET, DELETE),
uses LOAD CSV, CALL { … } IN TRANSACTIONS or USE, runs an administration command (SHOW USERS,
SHOW SETTINGS, SHOW/TERMINATE TRANSACTIONS, CREATE/DROP …) or calls a procedure other than
db.labels, db.relationshipTypes, db.propertyKeys, db.schema.* and db.index.fulltext.query*.
SHOW INDEXES / CONSTRAINTS / PROCEDURES / FUNCTIONS are allowed. Use the ingest and alerts
commands to change the graph."""),
    "browse": CommandRef("ecgraph.cli.browse", "browse_command", """Print a Neo4j Browser URL that opens with the evidence query of an alert or declaration in the
editor (press Ctrl+Enter to run it), and open it when a display exists. Log in to Browser once with
the credentials `ecgraph db status` prints."""),
    "report": CommandRef("ecgraph.cli.report", "report_command", """Write a self-contained HTML report of an alert to send to an experienced officer: the alert and
its explanation, a picture of the evidence subgraph, the declaration with its parties and goods, the
e-commerce orders behind a small-parcel declaration (order, accounts, parcel), label images, and the
audit trail. No scripts or links to load: it opens anywhere, offline."""),
    "schema": CommandRef("ecgraph.cli.schema_cmd", "schema_command",
                         "Print the graph model: every node label and relationship type with its properties."),
    "db": CommandRef("ecgraph.cli.db", "app", "Run the local Neo4j server and keep the graph schema current."),
    "demo": CommandRef("ecgraph.cli.demo", "app", "The demonstration job: start the database, load the bundled real data, "
                       "screen, show the alerts."),
    "ingest": CommandRef("ecgraph.cli.ingest", "app",
                         "Load sources into the graph: lists, declarations, control lists, ownership, labels."),
    "lists": CommandRef("ecgraph.cli.lists", "app",
                        "Show the loaded lists: current version, fetch time, counts, and per-version deltas."),
    "export": CommandRef("ecgraph.cli.export", "app", "Export list entries for other tools."),
    "labels": CommandRef("ecgraph.cli.labels", "app", "Cargo labels captured by officers' smart glasses: OCR, "
                         "extraction, linking to declarations."),
    "rules": CommandRef("ecgraph.cli.rules_cmd", "app",
                        "The rule packs (rules/packs/*.yaml): list them, read one, try one on a declaration."),
    "alerts": CommandRef("ecgraph.cli.alerts", "app", "Alerts raised by the rules: what fired, why, and what the analyst decided."),
    "jobs": CommandRef("ecgraph.cli.jobs", "app",
                       "Scheduled work: fetch lists, re-screen on list changes, screen new declarations."),
    "controls": CommandRef("ecgraph.cli.controls", "app",
                           "Inspect the loaded control lists (ETCO, CHPL, EU / Wassenaar dual-use) and their entries."),
    "ecommerce": CommandRef("ecgraph.cli.ecommerce", "app", "E-commerce operators' orders: link them to declarations, "
                            "parties and controls; purge old details."),
    "browser": CommandRef("ecgraph.cli.browser_guide", "app",
                          "Neo4j Browser, set up for analysts: a guide through the graph and a style sheet."),
}


def load_command(name: str, ref: CommandRef) -> Command:
    """The real click command behind `name`, built exactly as app.py registers it."""
    target = getattr(importlib.import_module(ref.module), ref.attribute)
    if isinstance(target, typer.Typer):
        command: Command = typer.main.get_group(target)
    else:
        single = typer.Typer(pretty_exceptions_enable=False, add_completion=False)
        single.command(name)(target)
        command = typer.main.get_command(single)
    command.name = name
    return command


def _full_app_command(name: str) -> Command | None:
    from ecgraph.cli.app import app

    root = typer.main.get_group(app)
    return root.commands.get(name)


class LazyGroup(TyperGroup):
    """A root group that imports a command's module when that command runs, not before."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._listing = False
        for name, ref in COMMANDS.items():  # placeholders: names and summaries for help and did-you-mean
            self.commands[name] = TyperCommand(name, help=ref.summary)

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        ref = COMMANDS.get(cmd_name)
        if ref is None:
            return _full_app_command(cmd_name)
        if self._listing:
            return self.commands[cmd_name]
        return load_command(cmd_name, ref)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


def lazy_app() -> LazyGroup:
    """The root `ecgraph` group as the console script runs it."""
    return LazyGroup(name="ecgraph", help=ROOT_HELP, no_args_is_help=True)
