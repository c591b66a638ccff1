"""`ecgraph ingest declarations FILE…`: load export declarations (JSON Lines or flat CSV)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ecgraph.cli.display_names import update_display_names
from ecgraph.cli.ingest_options import (
    AsJson,
    Bulk,
    FormatOption,
    InputFormat,
    MaxRejects,
    Quiet,
    Rejects,
    Resume,
    Workers,
    check_bulk,
)
from ecgraph.cli.output import console, err_console, print_json
from ecgraph.graph import ensure_schema, load_settings, local_credentials, local_server, open_graph
from ecgraph.ingest.declarations import LoadResult, load_file
from ecgraph.ingest.declarations.bulk import bulk_load

__all__ = ["declarations"]


def declarations(
    files: Annotated[list[Path], typer.Argument(help="Declaration files: .jsonl (nested) or .csv (flat).")],
    fmt: FormatOption = InputFormat.auto,
    max_rejects: MaxRejects = None,
    resume: Resume = False,
    rejects: Rejects = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Declarations per transaction.")] = 2000,
    as_json: AsJson = False,
    quiet: Quiet = False,
    bulk: Bulk = False,
    workers: Workers = None,
) -> None:
    """Validate and load export declarations; print loaded / amended / unchanged / rejected counts.

    Invalid records go to the rejects file with the raw record, its line and every reason; valid ones
    load. Loading the same file again changes nothing; a newer version of a declaration replaces the
    current one and keeps the history.
    """
    settings = load_settings()
    results: list[LoadResult] = []
    if workers is not None and not bulk:
        raise typer.BadParameter("--workers goes with --bulk; an online load is one writer", param_hint="--workers")
    if bulk:
        results = _bulk(files, fmt, rejects, batch_size, resume, as_json, workers)
    else:
        with open_graph(settings) as graph:
            ensure_schema(graph)
            for path in files:
                results.append(load_file(
                    graph, path, state_dir=settings.data_dir, fmt=fmt.value, rejects_path=rejects, resume=resume,
                    batch_size=batch_size, progress=not quiet and not as_json and sys.stderr.isatty(),
                ))
            update_display_names(graph)  # short captions of new parties, for Neo4j Browser
    rejected = sum(r.counts["rejected"] for r in results)
    if as_json:
        print_json([r.to_dict() for r in results])
    else:
        _print_table(results)
        _print_warnings(results)
    if max_rejects is not None and rejected > max_rejects:
        err_console.print(f"[bold red]error:[/] {rejected} records rejected, more than --max-rejects "
                          f"{max_rejects}; see the rejects file(s) for every reason")
        raise typer.Exit(1)


def _bulk(files: list[Path], fmt: InputFormat, rejects: Path | None, batch_size: int, resume: bool,
          as_json: bool, workers: int | None) -> list[LoadResult]:
    """The offline import into the managed server's new database; then the server runs with the schema."""
    settings = load_settings()
    check_bulk(settings, resume=resume)
    server = local_server(settings)
    creds = local_credentials(settings)
    assert creds is not None
    load = bulk_load(server, creds.user, creds.password, files, state_dir=settings.data_dir, fmt=fmt.value,
                     rejects_path=rejects, batch_size=batch_size, workers=workers)
    if not as_json:
        console.print(f"Imported {load.counted} in {load.csv_seconds + load.import_seconds:.1f} s (CSV "
                      f"{load.csv_seconds:.1f} s, neo4j-admin import {load.import_seconds:.1f} s); the server is "
                      f"running with the schema applied.")
    return load.results


def _print_table(results: list[LoadResult]) -> None:
    table = Table(title="Declarations loaded")
    for column in ("file", "loaded", "amended", "unchanged", "history", "rejected", "decl/s", "rejects file"):
        table.add_column(column)
    for r in results:
        read = sum(r.counts.values())
        rate = f"{read / r.seconds:,.0f}" if r.seconds else "-"
        table.add_row(escape(r.file), *(str(r.counts[k]) for k in ("loaded", "amended", "unchanged", "history",
                                                                    "rejected")),
                      rate, escape(r.rejects_path) if r.counts["rejected"] else "")
    console.print(table)


def _print_warnings(results: list[LoadResult], shown: int = 20) -> None:
    """What loaded with a reservation (a country kept as text), file, line and field, on stderr."""
    warnings = [w for r in results for w in r.warnings]
    total = sum(r.warned for r in results)
    for warning in warnings[:shown]:
        err_console.print(f"[yellow]warning:[/] {escape(warning)}")
    if total > shown:
        err_console.print(f"[yellow]warning:[/] {total - shown} more like these (--json lists the first "
                          "1000 of each file); the records loaded with the text kept")
