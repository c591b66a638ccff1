"""`ecgraph controls`: what control lists are loaded, and one entry in full."""

from __future__ import annotations

from typing import Annotated

import typer

from ecgraph.cli.output import OutputFormat, console, print_json, print_kv, print_rows
from ecgraph.graph import load_settings, open_graph
from ecgraph.graph.controls import control_status, show_entries
from ecgraph.schemas.errors import EcgraphError

__all__ = ["app"]

app = typer.Typer(
    help="""Inspect the loaded control lists (ETCO, CHPL, EU / Wassenaar dual-use) and their entries.

Examples:

  ecgraph controls status              # each list and version with counts and deltas

  ecgraph controls status --json

  ecgraph controls show "16(1)-8"      # an ETCO sub-item with its HS correlations

  ecgraph controls show 3A001.a.1 --list eu_dual_use_annex_i
""",
    no_args_is_help=True,
)

STATUS_COLUMNS = ("list", "version", "latest", "entries", "correlations", "previous_version", "added", "changed",
                  "removed")


@app.command()
def status(json_: Annotated[bool, typer.Option("--json", help="Print JSON, for scripts.")] = False) -> None:
    """Each control list and version with its entry and HS-correlation counts and its delta, plus HS codes,
    country groups, indicator terms and suggestions."""
    with open_graph(load_settings()) as graph:
        info = control_status(graph)
    if json_:
        print_json(info)
        return
    print_rows(info["lists"], STATUS_COLUMNS, fmt=OutputFormat.table, title="control lists")
    print_kv({k: v for k, v in info.items() if k != "lists"}, fmt=OutputFormat.table, title="reference data")


@app.command()
def show(
    code: Annotated[str, typer.Argument(help="Entry code: 16(1)-8, 7(1), 3の2, 3.A (CHPL tier), 3A001.a.1.")],
    list_id: Annotated[str | None, typer.Option("--list", help="Only this list (jp_etco, chpl, …).")] = None,
    version: Annotated[str | None, typer.Option("--version", help="This version instead of the latest.")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON, for scripts.")] = False,
) -> None:
    """One control entry: its text as the list prints it, parent, sub-items, scope, regimes and HS correlations."""
    with open_graph(load_settings()) as graph:
        rows = show_entries(graph, code, list_id, version)
    if not rows:
        raise EcgraphError(f"no loaded control entry has code {code!r}"
                           + (f" in list {list_id}" if list_id else "")
                           + ". Codes look like 16(1)-8, 7(1), 3の2 or 3A001.a.1; `ecgraph controls status` lists what is loaded.")
    if json_:
        print_json(rows)
        return
    for row in rows:
        fields = {k: row[k] for k in ("list", "version", "code", "number", "level", "text_ja", "text_en", "regimes",
                                      "scope", "scope_text", "parent", "change", "previous_version") if row.get(k)}
        print_kv(fields, fmt=OutputFormat.table, title=f"{row['list']} {row['code']}")
        if row["children"]:
            print_rows(row["children"], ("code", "number", "text_ja", "text_en"), fmt=OutputFormat.table,
                       title="sub-items")
        if row["correlations"]:
            print_rows(row["correlations"], ("hs_code", "description", "source", "tier", "condition"),
                       fmt=OutputFormat.table, title="HS correlations (indicative, never determinative)")
        console.print()
