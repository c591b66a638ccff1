"""`ecgraph ingest ecommerce FILE --operator NAME`: load an e-commerce operator's order feed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

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

if TYPE_CHECKING:
    from ecgraph.ingest.ecommerce import ContactHasher, OrderLoadResult

__all__ = ["ecommerce"]


def ecommerce(
    files: Annotated[list[Path], typer.Argument(help="Order feed files: .jsonl (nested) or .csv (flat, one row per item).")],
    operator: Annotated[str, typer.Option("--operator", help="The e-commerce operator whose feed this is.")],
    fmt: FormatOption = InputFormat.auto,
    max_rejects: MaxRejects = None,
    resume: Resume = False,
    rejects: Rejects = None,
    batch_size: Annotated[int | None, typer.Option(
        "--batch-size", min=1, help="Orders per transaction (default 5000: few large transactions).")] = None,
    as_json: AsJson = False,
    quiet: Quiet = False,
    bulk: Bulk = False,
    declarations: Annotated[list[Path] | None, typer.Option(
        "--declarations", help="With --bulk: declaration files imported in the same run, first (the importer "
                               "builds a new database only once).")] = None,
    workers: Workers = None,
) -> None:
    """Validate and load e-commerce orders; print loaded / amended / unchanged / history / rejected counts.

    Phones and e-mails are stored only as keyed hashes (key: <config dir>/ecommerce-contact.key, 0600).
    Invalid orders (broken lines, unknown currency, a duplicate order number with other content, a parcel
    with no order) go to the rejects file with their line and every reason; valid ones load. Loading the
    same file again changes nothing; a higher `sequence` replaces the order and keeps the history.
    Then run `ecgraph ecommerce link` and `ecgraph screen`.

    Example: ecgraph ingest ecommerce orders.jsonl --operator rakuma --max-rejects 0
    """
    from ecgraph.graph import ensure_schema, load_settings, open_graph
    from ecgraph.ingest.ecommerce import ContactHasher, load_or_create_key, load_orders
    from ecgraph.ingest.ecommerce.load import DEFAULT_BATCH_SIZE
    from ecgraph.rules.ecommerce.retention import apply_retention

    settings = load_settings()
    hasher = ContactHasher(load_or_create_key(settings.config_dir))
    results: list[OrderLoadResult] = []
    if declarations and not bulk:
        raise typer.BadParameter("--declarations goes with --bulk; online, run `ecgraph ingest declarations` first",
                                 param_hint="--declarations")
    if workers is not None and not bulk:
        raise typer.BadParameter("--workers goes with --bulk; an online load is one writer", param_hint="--workers")
    if bulk:
        results = _bulk(files, operator, hasher, fmt, rejects, batch_size or DEFAULT_BATCH_SIZE, resume,
                        declarations or [], as_json, workers)
    with open_graph(settings) as graph:
        ensure_schema(graph)
        for path in files if not bulk else []:
            results.append(load_orders(
                graph, path, operator=operator, hasher=hasher, state_dir=settings.data_dir, fmt=fmt.value,
                rejects_path=rejects, resume=resume, batch_size=batch_size or DEFAULT_BATCH_SIZE,
                progress=not quiet and not as_json and sys.stderr.isatty()))
        purged = apply_retention(graph)
    rejected = sum(r.counts["rejected"] for r in results)
    if as_json:
        print_json({"files": [r.to_dict() for r in results], "retention_purged": purged})
    else:
        table = Table(title=f"Orders of {escape(operator)} loaded")
        for column in ("file", "loaded", "amended", "unchanged", "history", "rejected", "orders/s", "rejects file"):
            table.add_column(column)
        for r in results:
            rate = f"{sum(r.counts.values()) / r.seconds:,.0f}" if r.seconds else "-"
            table.add_row(escape(r.file), *(str(r.counts[k]) for k in ("loaded", "amended", "unchanged", "history",
                                                                        "rejected")),
                          rate, escape(r.rejects_path) if r.counts["rejected"] else "")
        console.print(table)
        if purged:
            console.print(f"Retention: purged the details of {purged['orders']} orders past "
                          f"{purged['days']} days (ECGRAPH_ECOMMERCE_RETENTION_DAYS).")
    warnings = [w for r in results for w in r.warnings]
    for warning in warnings[:20]:
        err_console.print(f"[yellow]warning:[/] {escape(warning)}")
    if sum(r.warned for r in results) > 20:
        err_console.print(f"[yellow]warning:[/] {sum(r.warned for r in results) - 20} more like these (--json lists "
                          "the first 1000 of each file); the orders loaded with the text kept")
    if max_rejects is not None and rejected > max_rejects:
        err_console.print(f"[bold red]error:[/] {rejected} orders rejected, more than --max-rejects {max_rejects}; "
                          "see the rejects file(s) for every reason")
        raise typer.Exit(1)


def _bulk(files: list[Path], operator: str, hasher: ContactHasher, fmt: InputFormat, rejects: Path | None,
          batch_size: int, resume: bool, declarations: list[Path], as_json: bool,
          workers: int | None) -> list[OrderLoadResult]:
    """The offline import into the managed server's new database; then the server runs with the schema."""
    from ecgraph.graph import load_settings, local_credentials, local_server
    from ecgraph.ingest.ecommerce.bulk import bulk_load_orders

    settings = load_settings()
    check_bulk(settings, resume=resume)
    creds = local_credentials(settings)
    assert creds is not None
    load = bulk_load_orders(local_server(settings), creds.user, creds.password, files, operator=operator,
                            hasher=hasher, state_dir=settings.data_dir, declarations=declarations, fmt=fmt.value,
                            rejects_path=rejects, batch_size=batch_size, workers=workers)
    if not as_json:
        console.print(f"Imported {load.counted} in {load.csv_seconds + load.import_seconds:.1f} s (CSV "
                      f"{load.csv_seconds:.1f} s, neo4j-admin import {load.import_seconds:.1f} s); the server is "
                      "running with the schema applied.")
        if load.declarations is not None:
            console.print(f"Declarations imported with them: {load.declarations.counted}.")
    return load.results
