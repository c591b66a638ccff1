"""`ecgraph party NAME-or-KEY`: everything known about a party, found by key, corporate number or name."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from ecgraph.cli.evidence_text import alert_summary, match_rows
from ecgraph.cli.output import OutputFormat, choose_format, console, print_json, print_kv, print_rows
from ecgraph.graph import ensure_schema, load_settings, open_graph
from ecgraph.graph.analyst import await_name_indexes, find_parties, party_overview
from ecgraph.schemas.errors import EcgraphError

__all__ = ["party_command"]


def party_command(
    query: Annotated[str, typer.Argument(help="Party key, corporate number, or (part of) a name in any order.")],
    limit: Annotated[int, typer.Option(min=1, help="At most this many declarations, alerts, neighbours.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Everything as one JSON object.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="The party's declarations as CSV.")] = False,
) -> None:
    """Show a party: its declarations and roles, list matches, alerts, neighbours (parties sharing a
    declaration, an address, a cluster) and ownership. A name finds the best full-text match; the other
    candidates are listed so that you can ask again by key.

    Exit codes: 0 shown; 1 no party matches or the database is unreachable; 2 usage error.

    Examples:

      ecgraph party "Hoeryong Shipping"

      ecgraph party jpcn:5958439320372 --json

      ecgraph party hoeryong --csv > hoeryong-declarations.csv
    """
    fmt = choose_format(as_json, as_csv)
    with open_graph(load_settings()) as graph:
        ensure_schema(graph)  # the name index arrived with this feature: add it to older databases
        await_name_indexes(graph)
        candidates = find_parties(graph, query)
        if not candidates:
            raise EcgraphError(f"no party matches {query!r}; try part of the name, the corporate number, "
                               "or `ecgraph search NAME` for list entries")
        overview = party_overview(graph, candidates[0]["key"], limit=limit)
    assert overview is not None  # the key was just read
    overview["other_candidates"] = candidates[1:]
    if fmt is OutputFormat.json:
        print_json(overview)
        return
    if fmt is OutputFormat.csv:
        print_rows(overview["declarations"], ["number", "role", "date", "destination", "value", "risk_level"], fmt=fmt)
        return
    show(overview)


def show(overview: dict[str, Any]) -> None:
    party = overview["party"]
    print_kv({"key": party.get("key"), "name": party.get("name"), "other names": party.get("names"),
              "country": party.get("country"), "corporate number": party.get("corp_no"),
              "addresses": overview["addresses"]}, fmt=OutputFormat.table, title="party")
    print_rows(match_rows(str(party.get("name") or ""), overview["matches"]),
               ["kind", "list says", "list", "score", "how"], fmt=OutputFormat.table,
               title=f"{len(overview['matches'])} list matches")
    print_rows([{**a, "finding": alert_summary(a)} for a in overview["alerts"]],
               ["id", "severity", "rule_id", "status", "declaration", "finding"],
               fmt=OutputFormat.table, title=f"{len(overview['alerts'])} alerts")
    print_rows(overview["declarations"], ["number", "role", "date", "destination", "value", "risk_level"],
               fmt=OutputFormat.table, title=f"{len(overview['declarations'])} declarations")
    print_rows(overview["neighbours"], ["key", "name", "country", "via"], fmt=OutputFormat.table,
               title="neighbours")
    if overview["ownership"]:
        print_rows(overview["ownership"], ["direction", "name", "country", "share", "key"], fmt=OutputFormat.table,
                   title="ownership")
    if overview["other_candidates"]:
        names = ", ".join(f"{c['name']} ({c['key']})" for c in overview["other_candidates"])
        console.print(f"also matching: {escape(names)}")
