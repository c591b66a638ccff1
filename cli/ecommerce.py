"""`ecgraph ecommerce`: link operators' orders into the graph, purge old order details, show counts."""

from __future__ import annotations

from typing import Annotated

import typer

from ecgraph.cli.output import console, print_json

app = typer.Typer(
    help="""E-commerce operators' orders: link them to declarations, parties and controls; purge old details.

Examples:

  ecgraph ingest ecommerce orders.jsonl --operator rakuma

  ecgraph ecommerce link            # parcels → ECM declarations, accounts → parties/lists, titles → HS/controls

  ecgraph ecommerce purge --days 365

  ecgraph ecommerce status --json
""",
    no_args_is_help=True,
)


@app.command()
def link(
    relink: Annotated[bool, typer.Option("--relink", help="Link every parcel and item again, not only new ones.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Link parcels to ECM declarations (tracking number, else scored evidence), accounts to parties and
    list entries (the resolution matcher), item titles to HS and control candidates (the classifier).

    Run after `ecgraph ingest ecommerce` and before `ecgraph screen`, which runs rules/packs/ecommerce.yaml.
    """
    from ecgraph.graph import ensure_schema, load_settings, open_graph
    from ecgraph.graph.rule_queries import probe_inputs
    from ecgraph.rules.ecommerce import link_ecommerce

    settings = load_settings()
    with open_graph(settings) as graph:
        ensure_schema(graph)
        cache = settings.index_dir if probe_inputs(graph, {"list_entries"})["list_entries"] else None
        report = link_ecommerce(graph, cache, relink=relink)
    if as_json:
        print_json(report.to_dict())
        return
    p, a, i = report.parcels, report.accounts, report.items
    console.print(f"parcels: {p.by_tracking} linked by tracking number, {p.by_evidence} by evidence, "
                  f"{p.unlinked} not linked (of {p.parcels})")
    console.print(f"accounts: {a.resolved_to_parties} resolved to parties, {a.matched_to_lists} match list entries "
                  f"(of {a.accounts})")
    console.print(f"items: {i.with_hs} with HS candidates, {i.with_controls} with control candidates (of {i.items})")


@app.command()
def purge(
    days: Annotated[int | None, typer.Option(
        "--days", min=1, help="Purge details of orders placed more than this many days ago "
                              "(default: ECGRAPH_ECOMMERCE_RETENTION_DAYS).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Purge order details past the retention period, keeping the contact-hash links and parcel links.

    Removes prices, payment kind, items, ship-to links and stored records of old orders, and the names and
    addresses of accounts whose orders are all purged (APPI: no longer than needed).
    """
    from ecgraph.graph import ensure_schema, load_settings, open_graph
    from ecgraph.rules.ecommerce.retention import RETENTION_SETTING, purge_older_than, retention_days

    chosen = days if days is not None else retention_days()
    if chosen is None:
        raise typer.BadParameter(f"give --days N or set {RETENTION_SETTING}", param_hint="--days")
    with open_graph(load_settings()) as graph:
        ensure_schema(graph)
        result = purge_older_than(graph, chosen)
    if as_json:
        print_json(result)
    else:
        console.print(f"Purged the details of {result['orders']} orders placed more than {chosen} days ago and of "
                      f"{result['accounts']} accounts left with only purged orders.")


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False) -> None:
    """Counts: orders, versions, accounts, parcels, hashed contacts, parcels linked to declarations."""
    from ecgraph.graph import load_settings, open_graph
    from ecgraph.graph.ecommerce import count_orders

    with open_graph(load_settings()) as graph:
        counts = count_orders(graph)
    if as_json:
        print_json(counts)
    else:
        console.print("  ".join(f"{k}: {v}" for k, v in counts.items()))
