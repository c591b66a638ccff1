"""`ecgraph export`: write graph contents in formats other tools read (FollowTheMoney entity JSON lines)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from ecgraph.cli.output import err_console
from ecgraph.graph import load_settings, open_graph
from ecgraph.graph.lists import entry_records
from ecgraph.ingest.ftm import entry_to_ftm_entities
from ecgraph.ingest.list_map import entry_from_record

__all__ = ["app"]

app = typer.Typer(
    help="""Export list entries for other tools.

Examples:

  ecgraph export ftm --out lists.ftm.jsonl                  # every active list entry as FtM entities

  ecgraph export ftm --lists us_ofac_sdn --lists custom:watch1 | head

  ecgraph export ftm --include-delisted --out all.ftm.jsonl
""",
    no_args_is_help=True,
)


@app.command()
def ftm(
    lists: Annotated[
        list[str] | None,
        typer.Option("--lists", help="Only these lists (repeat, or comma-separate). Default: every list."),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write here instead of standard output.")] = None,
    include_delisted: Annotated[
        bool, typer.Option("--include-delisted", help="Also export entries no longer on their list.")
    ] = False,
) -> None:
    """Write list entries as FollowTheMoney entities, one JSON object per line (`ftm` / `yente` read them).

    Each entry gives its own entity (Person, Organization, Vessel …) followed by its Address, Sanction
    and relationship entities.
    """
    wanted = [item.strip() for value in lists or [] for item in value.split(",") if item.strip()] or None
    count = 0
    with open_graph(load_settings()) as graph:
        handle: TextIO = out.open("w", encoding="utf-8") if out else sys.stdout
        try:
            for record in entry_records(graph, wanted, include_delisted=include_delisted):
                # the entry's entity, then its Address / Sanction / link entities
                for entity in entry_to_ftm_entities(entry_from_record(record)):
                    handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
                    count += 1
        finally:
            if out:
                handle.close()
    if out:
        err_console.print(f"{count} entities written to {out}", highlight=False)
