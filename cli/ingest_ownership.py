"""`ecgraph ingest ownership FILE`: BODS ownership statements into the graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ecgraph.cli.output import console, print_json
from ecgraph.graph import ensure_schema, load_settings, open_graph
from ecgraph.graph.ownership import write_ownership
from ecgraph.ingest.ownership import parse_bods
from ecgraph.schemas.private_files import open_private


def ownership(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="BODS statements (JSON array or JSON Lines).")],
    rejects: Annotated[Path | None, typer.Option(help="Where rejected statements go (JSON Lines).")] = None,
    json_: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Load ownership and control facts (Beneficial Ownership Data Standard statements).

    Example: ecgraph ingest ownership out/demo.bods.json
    """
    facts = parse_bods(file)
    settings = load_settings()
    with open_graph(settings) as graph:
        ensure_schema(graph)
        counts = write_ownership(graph, list(facts.parties.values()), facts.edges, facts.officers,
                                 facts.identifiers)
    rejects_path = None
    if facts.rejects:
        rejects_path = rejects or file.with_suffix(file.suffix + ".rejects.jsonl")
        with open_private(rejects_path, "w") as out:
            for reject in facts.rejects:
                out.write(json.dumps({"file": str(file), **reject}, ensure_ascii=False) + "\n")
    report = {"file": str(file), "parties": len(facts.parties), "ownership_edges": len(facts.edges),
              "officers": len(facts.officers), "identifiers": len(facts.identifiers),
              "rejected": len(facts.rejects), "rejects_file": str(rejects_path) if rejects_path else None,
              "changed": counts.changed}
    if json_:
        print_json(report)
    else:
        console.print(f"{file}: {report['parties']} parties, {report['ownership_edges']} ownership edges, "
                      f"{report['officers']} officer seats, {report['identifiers']} identifiers, "
                      f"{report['rejected']} rejected" + (f" (see {rejects_path})" if rejects_path else ""))
