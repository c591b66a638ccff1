"""The `ecgraph` console entry point.

`ecgraph search` is what an analyst types most, and an answer should come in well under a second:
it starts with only its own command loaded instead of importing every ingest source and rule of the
full application (which took ~1 s before the first line of the search ran). Every other command
goes through the full application in `ecgraph.cli.app`.
"""

from __future__ import annotations

import logging
import os
import sys

import typer

__all__ = ["main", "run"]

QUICK_COMMANDS = ("search",)


def _quick_app(command: str) -> typer.Typer:
    """An application with just `command`, registered exactly as the full one registers it."""
    from ecgraph.cli.search import search

    app = typer.Typer(name="ecgraph", no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
    app.command(command)(search)

    @app.callback()
    def _root() -> None:
        """Export-control intelligence graph for customs (`ecgraph --help` lists every command)."""

    return app


def run(app: typer.Typer) -> None:
    """Run `app`: one line on stderr and exit 1 for known errors (`ECGRAPH_DEBUG=1` for tracebacks)."""
    from rich.markup import escape

    from ecgraph.cli.output import err_console
    from ecgraph.schemas.errors import EcgraphError

    if not os.environ.get("ECGRAPH_DEBUG"):
        # the driver's "Transaction failed and will be retried" warnings while a server is down would
        # bury the one line that says what to do (DatabaseUnavailable below)
        logging.getLogger("neo4j").setLevel(logging.ERROR)
    try:
        app(standalone_mode=True, prog_name="ecgraph")
    except EcgraphError as exc:
        if os.environ.get("ECGRAPH_DEBUG"):
            raise
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        sys.exit(1)
    except BrokenPipeError:
        # `ecgraph … | head` closed the pipe: end quietly, without a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


def main() -> None:
    """Console entry point."""
    if len(sys.argv) > 1 and sys.argv[1] in QUICK_COMMANDS:
        run(_quick_app(sys.argv[1]))
        return
    from ecgraph.cli.app import app

    run(app)
