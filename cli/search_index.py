"""The persisted search index: built when lists are ingested, so that `search` only loads it.

`ecgraph search`, `screen` and `demo` share one cache folder (`<cache>/resolution`); an index is keyed by
the lists' versions, so a list load makes the next one, and `ingest lists` builds it at once rather than
leaving the wait to the analyst's first search. When it must be built anyway, a progress bar on stderr
says so (transient, off under --quiet or when stderr is not a terminal).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ecgraph.cli.output import err_console

if TYPE_CHECKING:
    from ecgraph.graph import Graph, Settings
    from ecgraph.rules.resolution import ResolutionIndex

__all__ = ["ensure_search_index", "index_dir", "load_search_index"]


def index_dir(settings: Settings) -> Path:
    """Where the resolution index is kept (the folder `screen` uses too)."""
    return settings.index_dir


def load_search_index(graph: Graph, settings: Settings, *, rebuild: bool = False, quiet: bool = False) -> ResolutionIndex:
    """The current index, loaded, or built with a progress bar when the lists changed since it was made."""
    from ecgraph.rules.resolution.store import index_key, load_index

    folder = index_dir(settings)
    key = index_key(graph, folder)  # one query over the lists, shared with load_index
    if not rebuild and key.exists():
        return load_index(graph, folder, key=key)
    with Progress(TextColumn("building the search index (once per list version)"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err_console, transient=True,
                  disable=quiet or not err_console.is_terminal) as progress:
        task = progress.add_task("index", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return load_index(graph, folder, rebuild=rebuild, progress=advance, key=key)


def ensure_search_index(graph: Graph, settings: Settings, *, quiet: bool = False) -> bool:
    """Build the index for the lists as they now are, unless it exists; True when it was built."""
    from ecgraph.rules.resolution.store import index_is_current

    if index_is_current(graph, index_dir(settings)):
        return False
    load_search_index(graph, settings, quiet=quiet)
    return True
