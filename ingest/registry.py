"""Every list source by name: one visible table, no registration by import side effect."""

from __future__ import annotations

from difflib import get_close_matches

from ecgraph.ingest.source import ListSource
from ecgraph.schemas.errors import EcgraphError

__all__ = ["SOURCES", "get_source"]

# source id -> class. Add a source: write ingest/sources/<id>.py + <id>.yaml, then one line here.
SOURCES: dict[str, type[ListSource]] = {
}


def get_source(source_id: str) -> ListSource:
    try:
        return SOURCES[source_id]()
    except KeyError:
        hint = get_close_matches(source_id, SOURCES, n=1)
        did_you_mean = f" Did you mean {hint[0]!r}?" if hint else ""
        raise EcgraphError(
            f"unknown list source {source_id!r}.{did_you_mean} Known sources: {', '.join(sorted(SOURCES))}"
        ) from None
