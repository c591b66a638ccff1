"""The index from the graph, persisted in the index folder and rebuilt only when a list version changes.

The file name carries a fingerprint of (matcher version, every list's current version id and active
entry count); a changed list means a new fingerprint, so a stale index is never loaded. When a new one
is written, all but the newest few are removed. The folder is `Settings.index_dir` for the command line
(`ECGRAPH_INDEX_DIR`, default `<cache>/resolution`): `ingest lists`, `screen`, `demo` and `search` all use
the same one, so the index `make demo` builds is the one the first `search` loads.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.resolution import active_entry_records, list_fingerprint_rows
from ecgraph.rules.resolution.index import ResolutionIndex
from ecgraph.rules.resolution.score import MATCHER_VERSION

__all__ = ["IndexKey", "entry_from_record", "index_fingerprint", "index_is_current", "index_key", "load_index"]

KEEP_INDEXES = 4  # index files kept in the index folder, the newest first
# bump when the stored layout changes (2: sorted forms, form -> name number; 3: lazy entries; 4: memory-mapped)
_INDEX_VERSION = 4
SUFFIX = ".index"


def entry_from_record(record: Mapping[str, Any], list_id: str | None = None) -> dict[str, Any]:
    """An index entry from a list record (ListEntry.to_dict() shape, as stored on the node)."""
    names: list[dict[str, Any]] = [{"value": record.get("name") or "", "kind": "primary"}]
    for name in record.get("names") or []:
        if isinstance(name, Mapping):
            names.append({"value": name.get("value") or "", "kind": name.get("kind") or "alias",
                          "lang": name.get("lang")})
        else:
            names.append({"value": str(name), "kind": "alias"})
    countries = [c.get("iso2") if isinstance(c, Mapping) else c for c in record.get("countries") or []]
    countries += [a.get("country") for a in record.get("addresses") or [] if isinstance(a, Mapping)]
    identifiers = [i.get("value") if isinstance(i, Mapping) else i for i in record.get("identifiers") or []]
    dates = [d.get("value") for d in record.get("dates") or []
             if isinstance(d, Mapping) and d.get("kind") in ("birth", "incorporation")]
    source = record.get("source") or ""
    return {
        "id": record.get("id") or f"{source}:{record.get('source_id')}",
        "list": list_id or source,
        "source_id": record.get("source_id") or "",
        "entity_type": record.get("entity_type") or "unknown",
        "name": record.get("name") or "",
        "names": names,
        "countries": sorted({c for c in countries if c}),
        "identifiers": [i for i in identifiers if i],
        "dates": [d for d in dates if d],
    }


def index_fingerprint(rows: Iterable[Mapping[str, Any]]) -> str:
    payload = json.dumps([MATCHER_VERSION, _INDEX_VERSION, *[dict(r) for r in rows]], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _graph_entries(graph: Graph) -> Iterable[dict[str, Any]]:
    for row in active_entry_records(graph):
        record = json.loads(row["record"]) if row.get("record") else {"id": row["id"]}
        record.setdefault("id", row["id"])
        yield entry_from_record(record, row["list"])


@dataclass(frozen=True)
class IndexKey:
    """The graph's current list versions, their fingerprint and the file the index for them is kept in."""

    rows: list[dict[str, Any]]
    fingerprint: str
    path: Path

    def exists(self) -> bool:
        return self.path.exists()


def index_key(graph: Graph, cache_dir: Path) -> IndexKey:
    """The key of the index for the graph's lists as they are now (one query), kept in `cache_dir`."""
    rows = list_fingerprint_rows(graph)
    fingerprint = index_fingerprint(rows)
    return IndexKey(rows, fingerprint, cache_dir / f"index-{fingerprint}{SUFFIX}")


def index_is_current(graph: Graph, cache_dir: Path) -> bool:
    """Whether the cached index matches the graph's current list versions (so loading it builds nothing)."""
    return index_key(graph, cache_dir).exists()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed meanwhile by another process sharing the folder
        return 0.0


def _counted(entries: Iterable[dict[str, Any]], total: int,
             progress: Callable[[int, int], None]) -> Iterable[dict[str, Any]]:
    for done, entry in enumerate(entries, start=1):
        if done % 500 == 0 or done == total:
            progress(done, total)
        yield entry


def load_index(graph: Graph, cache_dir: Path, *, rebuild: bool = False,
               progress: Callable[[int, int], None] | None = None, key: IndexKey | None = None) -> ResolutionIndex:
    """The index for the graph's current list versions: from `cache_dir` when it is current, else built there.

    `progress(done, total)` is called while entries are indexed, when the index has to be built; `key` is
    `index_key(graph, cache_dir)` when the caller has it already (it costs a query over every entry)."""
    key = key or index_key(graph, cache_dir)
    rows, fingerprint, path = key.rows, key.fingerprint, key.path
    folder = cache_dir
    if path.exists() and not rebuild:
        try:
            index = ResolutionIndex.load(path)
        except (ValueError, EOFError, TypeError, KeyError):
            index = None  # a cache file from another version or a torn write: rebuild it
        if index is not None and index.fingerprint == fingerprint:
            return index
    entries: Iterable[dict[str, Any]] = _graph_entries(graph)
    if progress is not None:
        entries = _counted(entries, sum(int(r.get("entries") or 0) for r in rows), progress)
    index = ResolutionIndex.build(entries, fingerprint=fingerprint)
    folder.mkdir(parents=True, exist_ok=True)
    index.save(path)
    # keep a few: databases that share this cache folder (a test server beside the demo one) would
    # otherwise delete each other's index at every write and rebuild it at every search
    # (files of an older layout, index-*.marshal, go the same way)
    others = sorted((f for f in folder.glob("index-*") if f != path and f.suffix != ".tmp"), key=_modified)
    for old in others[:-KEEP_INDEXES + 1]:
        old.unlink(missing_ok=True)
    return index
