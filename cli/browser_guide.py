"""`ecgraph browser`: the Neo4j Browser guide and style, served to Browser with one command.

Browser 5 plays a guide (`:play URL`) and loads a style (`:style URL`) only from hosts in the server's
`browser.remote_content_hostname_whitelist`, which by default is `guides.neo4j.com, localhost`. So
`serve` runs a tiny HTTP server on localhost (with CORS, since Browser fetches from its own origin) and
prints one Browser URL, `…/browser/?cmd=play&arg=<guide URL>`, that opens the guide; its first slide
loads the style. Nothing is written to the database or to Browser's settings.
"""

from __future__ import annotations

import threading
import webbrowser
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Annotated, Any

import typer

from ecgraph.cli.browse import browser_base_url, can_open_a_browser, connect_url, play_url
from ecgraph.cli.output import console, print_json
from ecgraph.graph import load_settings
from ecgraph.schemas.errors import EcgraphError

__all__ = ["GUIDE_FILES", "app", "guide_file", "start_guide_server"]

GUIDE_FILES = {"/guide.html": ("guide.html", "text/html; charset=utf-8"),
               "/ecgraph.grass": ("ecgraph.grass", "text/plain; charset=utf-8")}

app = typer.Typer(
    help="""Neo4j Browser, set up for analysts: a guide through the graph and a style sheet.

Examples:

  ecgraph browser serve                 # prints (and opens) the Browser URL that plays the guide

  ecgraph browser serve --port 7480 --no-open

  ecgraph browser style > ecgraph.grass # the style sheet, to drag onto Browser by hand
""",
    no_args_is_help=True,
)


def guide_file(name: str) -> str:
    """A file of graph/browser/ as shipped with ecgraph."""
    return (resources.files("ecgraph.graph") / "browser" / name).read_text(encoding="utf-8")


class _GuideHandler(BaseHTTPRequestHandler):
    def __init__(self, *args: Any, base_url: str, **kwargs: Any) -> None:
        self.base_url = base_url
        super().__init__(*args, **kwargs)

    def do_OPTIONS(self) -> None:
        # Browser sends no-cache headers, so its fetch is preceded by a CORS preflight.
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.send_header("Access-Control-Max-Age", "600")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path not in GUIDE_FILES:
            self.send_error(404, "ecgraph serves /guide.html and /ecgraph.grass")
            return
        name, content_type = GUIDE_FILES[path]
        body = guide_file(name).replace("{{style_url}}", f"{self.base_url}/ecgraph.grass").encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet: Browser polls nothing, but no noise
        return


def start_guide_server(port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve the guide and style on 127.0.0.1 in a background thread; returns (server, base URL).

    The URL says `localhost`, the host Browser's default allow-list accepts.
    """
    holder: dict[str, str] = {}
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(_handler_factory, holder))
    holder["base"] = f"http://localhost:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, name="ecgraph-guide", daemon=True).start()
    return server, holder["base"]


def _handler_factory(holder: dict[str, str], *args: Any, **kwargs: Any) -> _GuideHandler:
    return _GuideHandler(*args, base_url=holder["base"], **kwargs)


@app.command()
def serve(
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port on localhost (0: any free port).")] = 7480,
    open_: Annotated[bool | None, typer.Option(
        "--open/--no-open", help="Open the Browser URL (default: when a display exists).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print {guide, style, browser_url} and keep serving.")] = False,
) -> None:
    """Serve the ecgraph guide and style on localhost and print the Neo4j Browser URL that plays the
    guide (today's alerts, a declaration's evidence, a party's neighbourhood, list deltas). Its first
    slide loads the style. Runs until Ctrl+C.

    Exit codes: 0 stopped with Ctrl+C; 1 the port is taken; 2 usage error.
    """
    try:
        server, base = start_guide_server(port)
    except OSError as exc:
        raise EcgraphError(f"cannot serve the guide on localhost:{port} ({exc.strerror}); "
                           "pick another with --port, or --port 0 for any free one") from exc
    settings = load_settings()
    url = play_url(browser_base_url(settings), f"{base}/guide.html", connect_url(settings))
    if as_json:
        print_json({"guide": f"{base}/guide.html", "style": f"{base}/ecgraph.grass", "browser_url": url})
    else:
        console.print("ecgraph guide for Neo4j Browser (Ctrl+C to stop):")
        console.print(url, soft_wrap=True, highlight=False)
        console.print(f"style: run  :style {base}/ecgraph.grass  in Browser (the guide's first slide has it)",
                      highlight=False)
    if open_ if open_ is not None else can_open_a_browser():
        webbrowser.open(url)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


@app.command()
def style() -> None:
    """Print the GraSS style sheet (drag the saved file onto Browser's style panel, or use `serve`)."""
    typer.echo(guide_file("ecgraph.grass"), nl=False)
