"""`ecgraph browse ALERT-or-DECLARATION`: a Neo4j Browser URL with the evidence query in the editor.

Browser 5 honours `?cmd=edit&arg=<query>` (also play, guide, param, params). It decodes the whole URL
before it splits the parameters, so the query itself must not contain `&` or `#`; ids are checked.
`dbms=neo4j://USER@HOST:PORT` fills in the connection form's URL and user name, so an analyst types only
the password (never put in a URL).
"""

from __future__ import annotations

import os
import sys
import webbrowser
from typing import Annotated
from urllib.parse import quote, urlsplit

import typer
from rich.markup import escape

from ecgraph.cli.display_names import update_display_names
from ecgraph.cli.output import console, err_console, print_json
from ecgraph.graph import Settings, load_settings, open_graph
from ecgraph.graph.analyst import ALERT_EVIDENCE_QUERY, DECLARATION_EVIDENCE_QUERY, browse_target
from ecgraph.schemas.errors import EcgraphError

__all__ = ["browse_command", "browser_base_url", "connect_url", "cypher_literal", "edit_url", "evidence_query",
           "play_url"]


def browser_base_url(settings: Settings) -> str:
    """Where Neo4j Browser is: ECGRAPH_BROWSER_URL, else the local server's HTTP port."""
    return os.environ.get("ECGRAPH_BROWSER_URL") or f"http://localhost:{settings.http_port}/browser/"


def connect_url(settings: Settings) -> str:
    """The Bolt URL with the user name, for Browser's `dbms=` parameter: `neo4j://neo4j@localhost:7687`."""
    if settings.uri is None:
        from ecgraph.graph import local_credentials

        creds = local_credentials(settings, create=False)
        return f"neo4j://{creds.user if creds else settings.user}@localhost:{settings.bolt_port}"
    parts = urlsplit(settings.uri)
    host = parts.netloc.rsplit("@", 1)[-1]
    return f"{parts.scheme}://{settings.user}@{host}"


def _with_connect(url: str, connect: str | None) -> str:
    return url if connect is None else url.replace("?", f"?dbms={quote(connect, safe=':/@')}&", 1)


def cypher_literal(text: str) -> str:
    """A Cypher string literal for `text` (for Browser's editor, which takes no parameters)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def evidence_query(kind: str, identifier: str) -> str:
    """The evidence query for an alert or a declaration, with its id written in as a literal."""
    if kind == "alert":
        return str(ALERT_EVIDENCE_QUERY).replace("$id", cypher_literal(identifier))
    return str(DECLARATION_EVIDENCE_QUERY).replace("$number", cypher_literal(identifier))


def edit_url(base: str, query: str, connect: str | None = None) -> str:
    if "&" in query or "#" in query:
        raise EcgraphError("Neo4j Browser cannot take a query containing '&' or '#' in its URL; "
                           "copy the query into the editor instead")
    return _with_connect(f"{base}?cmd=edit&arg={quote(query, safe='')}", connect)


def play_url(base: str, guide_url: str, connect: str | None = None) -> str:
    return _with_connect(f"{base}?cmd=play&arg={quote(guide_url, safe='')}", connect)


def can_open_a_browser() -> bool:
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def browse_command(
    identifier: Annotated[str, typer.Argument(help="An alert id or a declaration number.")],
    open_: Annotated[bool | None, typer.Option(
        "--open/--no-open", help="Open the URL in a web browser (default: when a display exists).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="{kind, id, url, query} for scripts.")] = False,
) -> None:
    """Print a Neo4j Browser URL that opens with the evidence query of an alert or declaration in the
    editor (press Ctrl+Enter to run it), and open it when a display exists. Log in to Browser once with
    the credentials `ecgraph db status` prints.

    The URL fills in the connection form's server and user name; only the password is left to type.

    Exit codes: 0 ok; 1 no such alert or declaration, or the database is unreachable; 2 usage error.

    Examples:

      ecgraph browse 3f2a9c…            # an alert: the alert, its declaration and every evidence node

      ecgraph browse 52179392938 --no-open
    """
    settings = load_settings()
    with open_graph(settings) as graph:
        kind = browse_target(graph, identifier)
        update_display_names(graph)  # the style sheet's captions, for graphs loaded before they existed
    if kind is None:
        raise EcgraphError(f"{identifier!r} is neither an alert id nor a declaration number; "
                           "`ecgraph alerts list` shows alert ids")
    query = evidence_query(kind, identifier)
    url = edit_url(browser_base_url(settings), query, connect_url(settings))
    if as_json:
        print_json({"kind": kind, "id": identifier, "url": url, "query": query})
    else:
        console.print(f"{kind} {escape(identifier)}: evidence query ready in Neo4j Browser:")
        console.print(url, soft_wrap=True, highlight=False)
    wants_open = open_ if open_ is not None else can_open_a_browser()
    if wants_open and not webbrowser.open(url):
        err_console.print("could not open a web browser; copy the URL above")
