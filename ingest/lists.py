"""Load one version of a list into the graph: get the files, archive them, parse fully, diff, write.

The order is what keeps a bad download harmless: the whole file is parsed (and checked against the
source's expected entry count) *before* anything is written, so a `SourceError` leaves the previous
version in force. Bytes identical to the current version write nothing at all. Otherwise the delta is
computed here, in Python, from one read of every entry's content hash, and `graph.lists.write_version`
writes added / changed / unchanged / removed rows in batches, moving the list's current version last.

Bad records never stop a load: the parser rejects them and they are written, with their reasons, to
`<data dir>/rejects/<list>-<version>.jsonl`.
"""

from __future__ import annotations

import builtins  # LoadReport has a field named `list`, which shadows the builtin in its body
import json
import re
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from ecgraph.graph import Graph
from ecgraph.graph.lists import (
    VersionRows,
    current_version,
    entry_states,
    stored_records,
    version_exists,
    write_version,
)
from ecgraph.ingest.archive import archive_file, archived_files
from ecgraph.ingest.custom_list import custom_source
from ecgraph.ingest.fetch import FetchResult, build_client
from ecgraph.ingest.list_fetch import download_source
from ecgraph.ingest.list_map import changed_fields, detail_rows, entry_props
from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.ingest.source import ListSource, ParseContext, Reject, files_sha256
from ecgraph.schemas.errors import EcgraphError, SourceError
from ecgraph.schemas.logs import get_logger, logged_run
from ecgraph.schemas.private_files import open_private

__all__ = ["LoadReport", "ParsedList", "load_custom_list", "load_list", "load_parsed", "parse_list", "reparse_version"]

_LOGGER = "ecgraph.ingest.lists"  # looked up per run: a module-level logger would keep the config of import time


@dataclass
class LoadReport:
    """What one load did: written to the terminal, to `--json`, and into the ListVersion node."""

    list: str
    status: str  # loaded | unchanged (same bytes as the current version) | not_modified (HTTP 304)
    origin: str  # snapshot | file | url | live
    version: str | None = None
    version_id: str | None = None
    sha256: str | None = None
    entries: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    rejects: int = 0
    rejects_file: str | None = None
    warnings: builtins.list[str] = field(default_factory=builtins.list)
    files: builtins.list[str] = field(default_factory=builtins.list)  # archive refs `role=sha256/name`
    writes: int = 0  # nodes + relationships created/deleted + properties set + labels added
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ParsedList:
    entries: list[ListEntry]
    ctx: ParseContext


def parse_list(source: ListSource, files: dict[str, Path], *, expected: tuple[int, int] | None) -> ParsedList:
    """Parse every record before anything is written; structural failures raise SourceError."""
    ctx = ParseContext(source=source.id)
    entries: dict[str, ListEntry] = {}
    first_file = str(next(iter(files.values()), ""))
    try:
        for entry in source.parse(files, ctx):
            if entry.id in entries:
                ctx.reject(first_file, None, [f"duplicate id {entry.id!r}: the first record with it was kept"],
                           entry.to_dict())
                continue
            entries[entry.id] = entry
    except EcgraphError:
        raise
    except Exception as exc:  # a parser tripping over a malformed file: name it, keep the old version
        raise SourceError(
            f"the file could not be parsed ({type(exc).__name__}: {exc}). It is probably malformed or "
            "truncated; the previous version stays in force.", source=source.id, file=first_file,
        ) from exc
    if not entries:
        raise SourceError("no entries could be read; the previous version stays in force.",
                          source=source.id, file=first_file)
    if expected is not None and len(entries) < expected[0]:
        raise SourceError(
            f"only {len(entries):,} entries were read, fewer than the {expected[0]:,} a complete file has: "
            "the file looks truncated, so the previous version stays in force. If the list really shrank, "
            "update expected_entries in the source's YAML.", source=source.id, file=first_file,
        )
    if expected is not None and len(entries) > expected[1]:
        ctx.warn(f"{len(entries):,} entries is more than the expected maximum {expected[1]:,}: "
                 "check the file, then update expected_entries in the source's YAML.")
    return ParsedList(list(entries.values()), ctx)


def load_list(
    graph: Graph,
    source_id: str,
    *,
    data_dir: Path,
    file: Path | None = None,
    url: str | None = None,
    live: bool = False,
    client: httpx.Client | None = None,
    today: date | None = None,
) -> LoadReport:
    """Load a registered source from `--file`, `--url`, the official URLs (`live`) or the bundled snapshot.

    Logs `list_load.start`, then `.done` with the counts and version, or `.failed` (a fetch too), under a run id."""
    origin = "file" if file is not None else "url" if url is not None else "live" if live else "snapshot"
    run_id = uuid.uuid4().hex[:12]
    with logged_run(get_logger(_LOGGER), "list_load", run_id, source=source_id, origin=origin) as logged:
        report = _load_list(graph, source_id, data_dir=data_dir, file=file, url=url, live=live, client=client,
                            today=today, run_id=run_id)
        logged.update(_logged_counts(report))
    return report


def _logged_counts(report: LoadReport) -> dict[str, Any]:
    return {"status": report.status, "version_id": report.version_id, "entries": report.entries,
            "added": report.added, "changed": report.changed, "removed": report.removed,
            "rejects": report.rejects}


def _load_list(
    graph: Graph,
    source_id: str,
    *,
    data_dir: Path,
    file: Path | None,
    url: str | None,
    live: bool,
    client: httpx.Client | None,
    today: date | None,
    run_id: str | None = None,
) -> LoadReport:
    source = get_source(source_id)
    meta = source.meta
    list_props = {"source": source.id, "title": meta.title, "publisher": meta.publisher,
                  "country": meta.country, "kind": "public", "url": meta.url}
    fetched: dict[str, FetchResult] = {}
    with tempfile.TemporaryDirectory(prefix="ecgraph-fetch-") as tmp:
        if file is not None:
            origin, files = "file", source.files_from(file)
        elif url is not None or live:
            origin = "url" if url else "live"
            previous = current_version(graph, source.id)
            own_client = client is None
            http = client or build_client()
            try:
                got = download_source(source, http, Path(tmp), url, previous, data_dir)
            finally:
                if own_client:
                    http.close()
            if got is None:
                return LoadReport(list=source.id, status="not_modified", origin=origin,
                                  version=(previous or {}).get("version"), sha256=(previous or {}).get("sha256"))
            files, fetched = got
        else:
            origin, files = "snapshot", source.snapshot_files(snapshot_dir())
        return load_parsed(
            graph, source, source.id, list_props, files, origin=origin, data_dir=data_dir,
            expected=meta.expected_entries, fetched=fetched, today=today, run_id=run_id,
        )


def load_custom_list(
    graph: Graph, name: str, file: Path, *, data_dir: Path, today: date | None = None
) -> LoadReport:
    """Load an analyst's watch list (JSON Lines or CSV) as `custom:NAME`, versioned like a public list."""
    source = custom_source(name)
    if not file.is_file():
        raise SourceError("the file does not exist", source=source.id, file=str(file))
    list_props = {"source": source.id, "title": f"Custom watch list {name}", "publisher": "analyst",
                  "country": "ZZ", "kind": "custom", "url": None}
    run_id = uuid.uuid4().hex[:12]
    with logged_run(get_logger(_LOGGER), "list_load", run_id, source=source.id, origin="file") as logged:
        report = load_parsed(graph, source, source.id, list_props, {"list": file}, origin="file",
                             data_dir=data_dir, expected=None, today=today, run_id=run_id)
        logged.update(_logged_counts(report))
    return report


def reparse_version(data_dir: Path, source_id: str, file_refs: list[str]) -> ParsedList:
    """Parse an archived version again (its ListVersion `files` refs) with today's parser."""
    source = get_source(source_id)
    return parse_list(source, archived_files(data_dir, file_refs, source=source_id), expected=None)


def load_parsed(
    graph: Graph, source: ListSource, list_id: str, list_props: dict[str, Any], files: dict[str, Path], *,
    origin: str, data_dir: Path, expected: tuple[int, int] | None,
    fetched: dict[str, FetchResult] | None = None, today: date | None = None, run_id: str | None = None,
) -> LoadReport:
    """Archive `files`, and unless they are the current version's bytes, parse, diff and write them.
    `run_id` is the load's log run id; the version it writes carries it, so a log line finds its version."""
    started = time.perf_counter()
    fetched = fetched or {}
    archived = []
    for role, path in sorted(files.items()):
        got = fetched.get(role)
        archived.append(archive_file(
            data_dir, path, source=list_id, role=role, url=got.url if got else None,
            fetched_at=got.fetched_at if got else None, etag=got.etag if got else None,
            last_modified=got.last_modified if got else None,
        ))
    sha = files_sha256(files)
    report = LoadReport(list=list_id, status="unchanged", origin=origin, sha256=sha,
                        files=[a.ref for a in archived])
    current = current_version(graph, list_id)
    if current is not None and current.get("sha256") == sha:
        report.version, report.version_id = current.get("version"), current.get("id")
        report.entries = int(current.get("entries") or 0)
        report.seconds = time.perf_counter() - started
        return report
    parsed = parse_list(source, files, expected=expected)
    label = source.version(files)
    version_id = _unused_version_id(graph, list_id, label, sha)
    label = version_id.split("@", 1)[1]
    now = datetime.now(UTC)
    fetched_at = min((r.fetched_at for r in fetched.values()), default=now)
    rows, known_ids = _delta_rows(graph, list_id, label, version_id, parsed.entries, list_props)
    rows.delisted_on = today or now.date()
    rows.version_props = {
        "list": list_id, "version": label, "sha256": sha, "origin": origin, "fetched_at": fetched_at,
        "loaded_at": now, "files": report.files,
        "urls": [f"{role}={r.url}" for role, r in sorted(fetched.items())],
        "etags": [f"{role}={r.etag}" for role, r in sorted(fetched.items()) if r.etag],
        "last_modified": [f"{role}={r.last_modified}" for role, r in sorted(fetched.items()) if r.last_modified],
    }
    if run_id is not None:
        rows.version_props["run_id"] = run_id
    report.status, report.version, report.version_id = "loaded", label, version_id
    report.entries = len(parsed.entries)
    report.added, report.changed = rows.counts["added"], rows.counts["changed"]
    report.removed, report.unchanged = rows.counts["removed"], rows.counts["unchanged"]
    report.rejects = len(parsed.ctx.rejects)
    report.warnings = parsed.ctx.warnings + _drop_dangling_links(rows, known_ids)
    rows.counts.update(entries=report.entries, rejects=report.rejects, warnings=len(report.warnings))
    if parsed.ctx.rejects:
        report.rejects_file = str(write_rejects(data_dir, list_id, label, parsed.ctx.rejects))
        rows.version_props["rejects_file"] = report.rejects_file
    counts = write_version(graph, rows)
    report.writes = (counts.nodes_created + counts.nodes_deleted + counts.relationships_created
                     + counts.relationships_deleted + counts.properties_set + counts.labels_added)
    report.seconds = time.perf_counter() - started
    return report


def _delta_rows(
    graph: Graph, list_id: str, label: str, version_id: str, entries: list[ListEntry], list_props: dict[str, Any]
) -> tuple[VersionRows, set[str]]:
    """Compare each entry's content hash with what the graph holds (one read) and sort it into rows; the
    stored records of the changed entries (a second read, of those only) say which fields changed."""
    states = entry_states(graph, list_id)
    rows = VersionRows(list_id=list_id, version=label, version_id=version_id, list_props=list_props,
                       version_props={})
    counts = {"added": 0, "changed": 0, "removed": 0, "unchanged": 0}
    present = {e.id for e in entries}
    changed: list[tuple[ListEntry, dict[str, Any]]] = []
    for entry in entries:
        props = entry_props(entry, list_id)
        state = states.get(entry.id)
        if state is not None and state["status"] == "active" and state["content_hash"] == props["content_hash"]:
            rows.unchanged_ids.append(entry.id)
            counts["unchanged"] += 1
            if entry.links:  # a link skipped before because its target was missing can be drawn now
                rows.links.extend(link for link in detail_rows(entry)["links"]
                                  if link["target"] in present and link["target"] not in states)
            continue
        change = "added" if state is None or state["status"] != "active" else "changed"  # added: new, or back
        counts[change] += 1
        row: dict[str, Any] = {"id": entry.id, "change": change, "fields": [], "props": props}
        if change == "changed":
            changed.append((entry, row))
        if state is None:
            rows.created.append(row)  # never held: created outright
        else:
            rows.upserts.append(row)
            rows.changed_ids.append(entry.id)  # its addresses, countries, ids and links are rebuilt
        for key, detail in detail_rows(entry).items():
            getattr(rows, key).extend(detail)
    before = stored_records(graph, [entry.id for entry, _ in changed]) if changed else {}
    for entry, row in changed:
        row["fields"] = changed_fields(before.get(entry.id), entry)
    rows.removed_ids = [eid for eid, s in states.items() if s["status"] == "active" and eid not in present]
    rows.legacy_ids = [eid for eid, s in states.items() if s["legacy"]]  # written by an older ecgraph
    counts["removed"] = len(rows.removed_ids)
    rows.counts = counts
    return rows, present | set(states)


def _drop_dangling_links(rows: VersionRows, known: set[str]) -> list[str]:
    """Links to ids the list never had cannot be drawn: drop them and say so once."""
    missing = sorted({link["target"] for link in rows.links if link["target"] not in known})
    if not missing:
        return []
    rows.links = [link for link in rows.links if link["target"] in known]
    message = (f"{len(missing)} link target(s) are not entries of this list and were skipped "
               f"(e.g. {', '.join(missing[:3])})")
    return [message]


def _unused_version_id(graph: Graph, list_id: str, label: str, sha: str) -> str:
    """`<list>@<label>`; a label already used by other bytes (an edited copy) gets the content hash too."""
    candidate = f"{list_id}@{label}"
    if not version_exists(graph, candidate):
        return candidate
    candidate = f"{list_id}@{label}+{sha[:8]}"
    n = 2
    while version_exists(graph, candidate):
        candidate = f"{list_id}@{label}+{sha[:8]}.{n}"
        n += 1
    return candidate


def write_rejects(data_dir: Path, list_id: str, version: str, rejects: list[Reject]) -> Path:
    """One JSON line per rejected record: the raw record, its file and line, and every reason."""
    path = data_dir / "rejects" / f"{_safe(list_id)}-{_safe(version)}.jsonl"
    with open_private(path, "w") as out:
        for reject in rejects:
            out.write(json.dumps({"source": reject.source, "file": reject.file, "line": reject.line,
                                  "reasons": reject.reasons, "raw": reject.raw},
                                 ensure_ascii=False, default=str) + "\n")
    return path


def _safe(text: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", text)
