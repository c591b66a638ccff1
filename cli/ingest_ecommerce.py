"""`ecgraph ingest ecommerce FILE --operator NAME`: load an e-commerce operator's order feed."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ecgraph.cli.output import console, err_console, print_json

__all__ = ["ecommerce"]


class FeedFormat(str, Enum):
    auto = "auto"
    jsonl = "jsonl"
    csv = "csv"


def ecommerce(
    files: Annotated[list[Path], typer.Argument(help="Order feed files: .jsonl (nested) or .csv (flat, one row per item).")],
    operator: Annotated[str, typer.Option("--operator", help="The e-commerce operator whose feed this is.")],
    fmt: Annotated[FeedFormat, typer.Option("--format", help="Input format; auto looks at the suffix.")] = FeedFormat.auto,
    max_rejects: Annotated[int | None, typer.Option(
        "--max-rejects", help="Exit 1 when more orders than this were rejected (the good ones still load).")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue an interrupted load of the same file from its last committed batch.")] = False,
    rejects: Annotated[Path | None, typer.Option(
        "--rejects", help="Rejects file (JSON Lines); default: <data dir>/ecommerce/rejects/<file>.<load id>.rejects.jsonl.")] = None,
    batch_size: Annotated[int | None, typer.Option(
        "--batch-size", min=1, help="Orders per transaction (default 5000: few large transactions).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
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
    from ecgraph.ingest.ecommerce import ContactHasher, OrderLoadResult, load_or_create_key, load_orders
    from ecgraph.ingest.ecommerce.load import DEFAULT_BATCH_SIZE
    from ecgraph.rules.ecommerce.retention import apply_retention

    settings = load_settings()
    hasher = ContactHasher(load_or_create_key(settings.config_dir))
    results: list[OrderLoadResult] = []
    with open_graph(settings) as graph:
        ensure_schema(graph)
        for path in files:
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
    if max_rejects is not None and rejected > max_rejects:
        err_console.print(f"[bold red]error:[/] {rejected} orders rejected, more than --max-rejects {max_rejects}; "
                          "see the rejects file(s) for every reason")
        raise typer.Exit(1)
