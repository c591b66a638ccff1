"""The `ecgraph` console entry point.

An analyst's command should answer in well under a second, so the script starts from the lazy root
group of `ecgraph.cli.commands`: `--help` imports no command module, and `ecgraph alerts list` imports
the alerts commands alone (not every ingest source, rule, OCR engine and NLP model of the full
application in `ecgraph.cli.app`).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

__all__ = ["main", "run"]


def run(app: Any) -> None:
    """Run `app` (a typer app or click group): one line on stderr and exit 1 for known errors
    (`ECGRAPH_DEBUG=1` for tracebacks). Ctrl-C exits 130 (typer); graph.analyst.interruptible has
    ended the server transaction by then."""
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
        if os.environ.get("ECGRAPH_LOG_JSON"):  # a scheduled job's log names what failed, not only its exit code
            from ecgraph.schemas.logs import get_logger

            get_logger("ecgraph.cli").error("command.failed", command=" ".join(sys.argv[1:]),
                                            error=f"{type(exc).__name__}: {exc}")
        sys.exit(1)
    except BrokenPipeError:
        # `ecgraph … | head` closed the pipe: end quietly, without a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


def main() -> None:
    """Console entry point."""
    from ecgraph.cli.commands import lazy_app

    run(lazy_app())
