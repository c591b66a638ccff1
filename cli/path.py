"""`ecgraph path A B`: how two entities connect, over relationships that mean something."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from ecgraph.cli.output import OutputFormat, choose_format, err_console, print_json, print_rows
from ecgraph.graph import Graph, ensure_schema, load_settings, open_graph
from ecgraph.graph.analyst import (
    MAX_PATH_HOPS,
    PATH_RELATIONSHIP_TYPES,
    QueryTimedOut,
    await_name_indexes,
    find_nodes,
    query_timeout,
    shortest_path,
)
from ecgraph.schemas.errors import EcgraphError

__all__ = ["NO_PATH_EXIT", "TIMED_OUT_EXIT", "path_command"]

NO_PATH_EXIT = 3  # like grep's 1: the question was fine, the answer is "not connected"
TIMED_OUT_EXIT = 4  # the server cut the search at its transaction timeout: no answer either way


def path_command(
    a: Annotated[str, typer.Argument(help="Declaration number, party key, list entry id, alert id, HS code or a name.")],
    b: Annotated[str, typer.Argument(help="The other end, given the same way.")],
    max_hops: Annotated[int, typer.Option(min=1, max=MAX_PATH_HOPS, help="Longest path to look for.")] = 6,
    timeout: Annotated[float | None, typer.Option(
        min=0.1, help="Seconds before the server stops the search (default: ECGRAPH_QUERY_TIMEOUT or 20).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The path as {from, to, nodes, relationships}.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="One CSV row per step.")] = False,
) -> None:
    """Show the shortest path between two entities over party roles, list matches, same-as links,
    ownership, shared addresses, goods and control entries, labels and alerts (country and list hubs
    are left out, so a path is a real connection).

    Exit codes: 0 a path was found; 1 an end was not found or the database is unreachable;
    2 usage error; 3 no path within --max-hops; 4 the server stopped the search at --timeout;
    130 cancelled with Ctrl-C (the server transaction ends with it).

    Examples:

      ecgraph path 52179392938 us_ofac_sdn:19574

      ecgraph path jpcn:5958439320372 "Hoeryong Shipping" --max-hops 4 --json
    """
    fmt = choose_format(as_json, as_csv)
    seconds = query_timeout() if timeout is None else timeout
    # leaving the `with` block (also on Ctrl-C) closes the driver and its connection, and the server
    # ends a transaction whose connection is gone: nothing keeps running after the command
    with open_graph(load_settings()) as graph:
        ensure_schema(graph)  # the name indexes arrived with this feature: add them to older databases
        await_name_indexes(graph)
        start, end = resolve(graph, a), resolve(graph, b)
        try:
            found = None if start["element_id"] == end["element_id"] else \
                shortest_path(graph, start["element_id"], end["element_id"], max_hops, timeout=seconds)
        except QueryTimedOut as exc:
            err_console.print(f"[bold red]timed out:[/] {escape(str(exc))}", highlight=False)
            raise typer.Exit(TIMED_OUT_EXIT) from None
    if start["element_id"] == end["element_id"]:
        raise EcgraphError(f"{a!r} and {b!r} are the same {start['labels'][0]}; give two different entities")
    if found is None:
        if fmt is OutputFormat.json:
            print_json({"from": start, "to": end, "nodes": [], "relationships": []})
        err_console.print(f"no connection within {max_hops} hops between {escape(start['caption'] or a)} and "
                          f"{escape(end['caption'] or b)} (over {', '.join(PATH_RELATIONSHIP_TYPES)})",
                          highlight=False)
        raise typer.Exit(NO_PATH_EXIT)
    if fmt is OutputFormat.json:
        print_json({"from": start, "to": end, **found})
        return
    steps = list(path_steps(found))
    if fmt is OutputFormat.csv:
        print_rows(steps, ["step", "from", "relationship", "to"], fmt=fmt)
        return
    print_rows(steps, ["step", "from", "relationship", "to"], fmt=OutputFormat.table,
               title=f"{len(steps)} step(s) from {start['caption']} to {end['caption']}")


def resolve(graph: Graph, text: str) -> dict[str, Any]:
    found = find_nodes(graph, text)
    if not found:
        raise EcgraphError(f"nothing in the graph is called {text!r}: give a declaration number, party key, "
                           "list entry id, alert id, HS code, or part of a party / list entry name")
    if len(found) > 1 and "score" in found[0]:
        others = ", ".join(f"{n['caption']}" for n in found[1:3])
        err_console.print(f"{escape(text)!s} → {escape(str(found[0]['caption']))} (also: {escape(others)})")
    return dict(found[0])


def _label(node: dict[str, Any]) -> str:
    return f"{node['labels'][0] if node['labels'] else ''} {node['caption']}"


def path_steps(found: dict[str, Any]) -> list[dict[str, Any]]:
    """The path as readable steps, each relationship shown in its own direction."""
    nodes = found["nodes"]
    out = []
    for index, rel in enumerate(found["relationships"]):
        left, right = nodes[index], nodes[index + 1]
        arrow = f"-[{rel['type']}]->" if rel["start"] == left["element_id"] else f"<-[{rel['type']}]-"
        out.append({"step": index + 1, "from": _label(left), "relationship": arrow, "to": _label(right)})
    return out
