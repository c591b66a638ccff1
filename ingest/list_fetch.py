"""Download a registered source's files for a live load, conditionally on the previous version.

The previous ListVersion keeps each file's ETag / Last-Modified; they go back as If-None-Match /
If-Modified-Since, and a file answered `304 Not Modified` is taken from the archive of that version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from ecgraph.ingest.archive import archived_files
from ecgraph.ingest.fetch import FetchResult, fetch
from ecgraph.ingest.source import ListSource
from ecgraph.schemas.errors import SourceError

__all__ = ["download_source"]


def download_source(
    source: ListSource, client: httpx.Client, tmp: Path, url: str | None, previous: dict[str, Any] | None,
    data_dir: Path,
) -> tuple[dict[str, Path], dict[str, FetchResult]] | None:
    """Fetch each role's file (conditional on the previous version's ETag); None when nothing changed.

    A role answered 304 while another changed is taken from the archive of the previous version.
    """
    meta = source.meta
    if url is not None:
        if len(meta.snapshot) != 1:
            raise SourceError(f"this source has {len(meta.snapshot)} files ({', '.join(meta.snapshot)}); "
                              "--url takes one. Use --live, or --file with a folder.", source=source.id, file=url)
        urls = {next(iter(meta.snapshot)): url}
        previous = None  # another URL: no conditional GET
    else:
        urls = dict(meta.data_urls)
    try:
        prev_files = archived_files(data_dir, list(previous["files"]), source=source.id) if previous else {}
    except SourceError:
        prev_files = {}  # the archive moved (another ECGRAPH_DATA_DIR): download everything again
    etags = _pairs((previous or {}).get("etags"))
    modified = _pairs((previous or {}).get("last_modified"))
    files: dict[str, Path] = {}
    results: dict[str, FetchResult] = {}
    for role, role_url in sorted(urls.items()):
        conditional = role in prev_files
        result = fetch(
            client, role_url, tmp / role, source=source.id,
            etag=etags.get(role) if conditional else None,
            last_modified=modified.get(role) if conditional else None,
            file_name=Path(meta.snapshot[role]).name if role in meta.snapshot else None,
        )
        files[role] = prev_files[role] if result.path is None else result.path
        results[role] = result  # a 304 keeps its validators for the next conditional GET
    if all(result.not_modified for result in results.values()):
        return None
    return files, results


def _pairs(values: list[str] | None) -> dict[str, str]:
    return dict(v.split("=", 1) for v in values or [] if "=" in v)
