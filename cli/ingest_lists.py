"""`ecgraph ingest lists`: load list sources (bundled snapshot, a local file, a URL, or live) and custom lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ecgraph.cli.display_names import update_display_names
from ecgraph.cli.output import OutputFormat, err_console, print_rows
from ecgraph.cli.search_index import ensure_search_index
from ecgraph.graph import ensure_schema, load_settings, open_graph
from ecgraph.graph.lists import name_index_filled_after
from ecgraph.ingest.lists import LoadReport, load_custom_list, load_list
from ecgraph.ingest.registry import SOURCES, get_source
from ecgraph.schemas.errors import EcgraphError

__all__ = ["lists"]

COLUMNS = ("list", "status", "version", "entries", "added", "changed", "removed", "rejects", "seconds")


def lists(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Source ids to load (default: every registered source), or `custom` with --name.",
                       show_default=False),
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Load this local file (or folder of files).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Download the file from this URL instead.")] = None,
    live: Annotated[bool, typer.Option("--live", help="Download from the publishers' official URLs.")] = False,
    name: Annotated[str | None, typer.Option("--name", help="Name of the custom list (`custom:NAME`).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print one JSON object per load, for scripts.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
) -> None:
    """Load sanctions / end-user lists as new versions, with per-entry deltas.

    No SOURCE: every registered source, from the bundled snapshot in data/ (--live: the official URLs).

    The same bytes as the current version write nothing; a bad file leaves the previous version in force.

    Bad records go to a rejects file (its path is printed); the rest of the file loads.

    Examples:

      ecgraph ingest lists                            # every source, bundled snapshot

      ecgraph ingest lists us_trade_csl --file data/sanctions/us_csl/consolidated.csv

      ecgraph ingest lists us_ofac_sdn --live --json  # fetch (conditional GET), load

      ecgraph ingest lists custom --name watch1 --file my_watch_list.csv   # or .xlsx, .jsonl; only a name column is required
    """
    sources = list(sources or [])
    custom = bool(sources) and sources[0] == "custom"
    _check_usage(sources, custom, file, url, live, name)
    settings = load_settings()
    reports: list[dict[str, Any]] = []
    failed = False
    with open_graph(settings) as graph:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=err_console, transient=True, disable=quiet or json_ or not err_console.is_terminal,
                      ) as progress:
            ensure_schema(graph)
            targets = [f"custom:{name}"] if custom else (sources or sorted(SOURCES))
            # a first load fills the entry-name search index once at the end, not in every commit
            with name_index_filled_after(graph):
                for target in targets:
                    task = progress.add_task(f"loading {escape(target)}", total=None)
                    try:
                        if custom:
                            assert name is not None and file is not None
                            report = load_custom_list(graph, name, file, data_dir=settings.data_dir)
                        else:
                            report = load_list(graph, target, file=file, url=url, live=live,
                                               data_dir=settings.data_dir)
                        reports.append(_row(report))
                    except EcgraphError as exc:
                        failed = True
                        reports.append({"list": target, "status": "failed", "error": str(exc)})
                        if not json_:
                            err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
                    finally:
                        progress.remove_task(task)
        # the search index for the new list versions, now rather than at the analyst's first `search`
        ensure_search_index(graph, settings, quiet=quiet or json_)
        update_display_names(graph)
    print_rows(reports, COLUMNS, fmt=OutputFormat.json if json_ else OutputFormat.table, title="list loads")
    if not json_:
        for row in reports:
            if row.get("rejects_file"):
                err_console.print(f"{row['list']}: {row['rejects']} rejected record(s) in "
                                  f"{escape(row['rejects_file'])}", highlight=False)
    if failed:
        raise typer.Exit(code=1)


def _check_usage(
    sources: list[str], custom: bool, file: Path | None, url: str | None, live: bool, name: str | None
) -> None:
    if custom:
        if len(sources) != 1 or name is None or file is None or url or live:
            raise typer.BadParameter("use: ecgraph ingest lists custom --name NAME --file FILE")
        return
    if name is not None:
        raise typer.BadParameter("--name is only for custom lists: ecgraph ingest lists custom --name NAME --file FILE")
    if sum((file is not None, url is not None, live)) > 1:
        raise typer.BadParameter("choose one of --file, --url and --live")
    if (file is not None or url is not None) and len(sources) != 1:
        raise typer.BadParameter("--file and --url load one source: name it, e.g. `ecgraph ingest lists "
                                 "us_ofac_sdn --file sdn.csv`")
    for source in sources:
        try:
            get_source(source)
        except EcgraphError as exc:
            raise typer.BadParameter(str(exc)) from exc


def _row(report: LoadReport) -> dict[str, Any]:
    row = report.to_dict()
    row["seconds"] = round(report.seconds, 2)
    return row
