"""`ecgraph db`: the local Neo4j server (start, stop, status, logs) and the graph schema (migrate)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer
from neo4j import GraphDatabase

from ecgraph.cli.output import OutputFormat, console, print_kv
from ecgraph.graph import apply_schema, load_settings, local_credentials, local_server, open_graph
from ecgraph.graph.connection import connection_target
from ecgraph.graph.sizing import size_for, write_sizing

app = typer.Typer(
    help="""Run the local Neo4j server and keep the graph schema current.

Examples:

  ecgraph db start            # resolve Neo4j with Maven (once), start it, print the Browser URL

  ecgraph db status --json    # what scripts and scheduled jobs read

  ecgraph db logs -n 50       # the last lines of the server log
""",
    no_args_is_help=True,
)


def status_info() -> dict[str, Any]:
    """What `db status` reports: the same keys for the managed server and for your own Neo4j."""
    settings = load_settings()
    info: dict[str, Any] = {"managed": settings.managed, "database": settings.database}
    if settings.managed:
        server = local_server(settings, resolve=False)
        state = server.state()
        creds = local_credentials(settings, create=False)
        info.update(
            running=state.running,
            pid=state.pid,
            uri=server.bolt_uri,
            user=creds.user if creds else "neo4j",
            password=creds.password if creds else None,
            browser_url=server.browser_url,
            home=str(server.home),
            log=str(server.console_log),
            credentials_file=str(settings.credentials_file),
        )
    else:
        info.update(uri=settings.uri, user=settings.user, home=None, log=None, browser_url=None, running=False)
    info["neo4j_version"] = None
    try:
        uri, user, password = connection_target(settings)
        with GraphDatabase.driver(uri, auth=(user, password), connection_timeout=3) as driver:
            records, _, _ = driver.execute_query(
                "CALL dbms.components() YIELD name, versions RETURN versions[0] AS version",
                database_=settings.database,
            )
            info["neo4j_version"] = records[0]["version"] if records else None
            info["running"] = True
    except Exception:  # noqa: BLE001 - status reports an unreachable server, it never crashes
        if not settings.managed:
            info["running"] = False
    return info


@app.command()
def start(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for Bolt to answer.")] = 180.0,
) -> None:
    """Start the local Neo4j (resolving its jars with Maven the first time) and wait until it answers."""
    settings = load_settings()
    if not settings.managed:
        console.print(f"NEO4J_URI is set ({settings.uri}): ecgraph uses that server and manages none.")
        return
    server = local_server(settings)
    creds = local_credentials(settings)
    assert creds is not None
    began = time.monotonic()
    was_running = server.state().running
    server.start(user=creds.user, password=creds.password, timeout=timeout)
    with open_graph(settings) as graph:
        apply_schema(graph)
    verb = "already running" if was_running else f"started in {time.monotonic() - began:.1f} s"
    console.print(f"Neo4j {verb}.")
    console.print(f"  Browser:  {server.browser_url}")
    console.print(f"  Bolt:     bolt://localhost:{server.bolt_port}")
    console.print(f"  User:     {creds.user}")
    console.print(f"  Password: {creds.password}   (stored in {settings.credentials_file})")


@app.command()
def stop() -> None:
    """Stop the local Neo4j cleanly (it checkpoints before exiting)."""
    settings = load_settings()
    server = local_server(settings, resolve=False)
    console.print("Neo4j stopped." if server.stop() else "Neo4j was not running.")


@app.command()
def status(
    json_: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Show whether the database answers, where it lives and how to connect (with the local password)."""
    info = status_info()
    print_kv(info, fmt=OutputFormat.json if json_ else OutputFormat.table, title="ecgraph database")
    if not info["running"]:
        raise typer.Exit(code=1)


@app.command()
def logs(
    lines: Annotated[int, typer.Option("-n", "--lines", help="How many lines from the end.")] = 40,
    debug: Annotated[bool, typer.Option("--debug", help="Show debug.log instead of the console log.")] = False,
) -> None:
    """Print the end of the local server's log."""
    settings = load_settings()
    server = local_server(settings, resolve=False)
    path: Path = server.debug_log if debug else server.console_log
    if not path.exists():
        console.print(f"No log yet at {path}: the server has never started.")
        raise typer.Exit(code=1)
    text = path.read_text(errors="replace").splitlines()[-lines:]
    typer.echo("\n".join(text))


@app.command()
def migrate() -> None:
    """Apply the graph schema (constraints and indexes); safe to run any number of times."""
    settings = load_settings()
    with open_graph(settings) as graph:
        result = apply_schema(graph)
    console.print(f"Schema {result.checksum} applied ({result.statements} statements) to {graph.uri}.")


@app.command()
def install() -> None:
    """Resolve the Neo4j server and Browser jars from Maven Central (once; cached afterwards)."""
    settings = load_settings()
    server = local_server(settings)
    console.print(f"Neo4j {settings.neo4j_version} and Browser {settings.browser_version}: {server.lib_dir}")


@app.command()
def tune(
    declarations: Annotated[int, typer.Option("--declarations", min=1, help="Declarations the graph will hold.")],
    write: Annotated[bool, typer.Option("--write/--print-only", help="Write heap and pagecache to config.toml.")] = True,
) -> None:
    """Size the local server's page cache and heap for a declaration volume; takes effect at the next start.

    Example: ecgraph db tune --declarations 1000000
    """
    settings = load_settings()
    sizing = size_for(declarations)
    console.print(f"{declarations:,} declarations: store ~{sizing.store_bytes / 2**30:.1f} GiB; "
                  f"heap {sizing.heap}, page cache {sizing.pagecache} (machine {sizing.machine_bytes / 2**30:.0f} GiB: "
                  f"{sizing.note}).")
    if write:
        config = settings.config_dir / "config.toml"
        write_sizing(config, sizing)
        console.print(f"Written to {config} under \\[neo4j]; restart the server (`ecgraph db stop && ecgraph db start`).")
