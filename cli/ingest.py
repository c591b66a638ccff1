"""`ecgraph ingest`: load sources into the graph. Each kind of source has its own module."""

from __future__ import annotations

import typer

from ecgraph.cli.ingest_controls import controls as _controls
from ecgraph.cli.ingest_declarations import declarations as _declarations
from ecgraph.cli.ingest_ecommerce import ecommerce as _ecommerce
from ecgraph.cli.ingest_lists import lists as _lists
from ecgraph.cli.ingest_ownership import ownership as _ownership

app = typer.Typer(
    help="""Load sources into the graph: lists, declarations, control lists, ownership, labels.

Examples:

  ecgraph ingest lists                       # every list source from the bundled snapshot

  ecgraph ingest lists us_ofac_sdn --file data/sanctions/ofac_sdn/sdn.csv

  ecgraph ingest declarations demo.jsonl --max-rejects 0

  ecgraph ingest ecommerce orders.jsonl --operator rakuma
""",
    no_args_is_help=True,
)

# One line per command, each defined in its own module (cli/ingest_<kind>.py), in the order `--help` lists them:
app.command("declarations")(_declarations)
app.command("lists")(_lists)
app.command("ownership")(_ownership)
app.command("controls")(_controls)
app.command("ecommerce")(_ecommerce)
