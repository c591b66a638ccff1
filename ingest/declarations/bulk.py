"""`ingest declarations --bulk`: a backfill of an empty or new database through Neo4j's offline importer.

The same reader, validator, rejects file, keys and hashes as the online path (`load.py`), and the same
decisions: records are taken in batches of `batch_size` exactly as an online load would, with the
graph's state (current version per declaration, hash per version, parties merged batch after batch)
kept in memory instead of read back from Neo4j. So the graph the importer builds is the one an
online load of the same files with the same batch size would have built.

Two passes over the input: the first validates, decides and writes every version, party and address;
the second writes each declaration's current version (only known once every file was read). Memory
holds a version number and a hash per declaration, and the parties: not the records.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from ecgraph.graph.bulk_declarations import DeclarationFiles, restore_empty_lists
from ecgraph.graph.bulk_import import BulkFiles, ImportReport, check_importable, run_import
from ecgraph.graph.connection import Graph, connect
from ecgraph.graph.declarations import DeclarationBatch, count_declarations
from ecgraph.graph.migrate import apply_schema
from ecgraph.graph.server import LocalServer
from ecgraph.ingest.declarations.csv_flat import read_csv
from ecgraph.ingest.declarations.jsonl import read_jsonl
from ecgraph.ingest.declarations.load import LoadResult, _reject, detect_format
from ecgraph.ingest.declarations.map import Planned, build_batch, content_hash
from ecgraph.ingest.declarations.resumable import batches
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.validate import (
    read_country_fields,
    read_exception_claim,
    validate_declaration,
)
from ecgraph.ingest.declarations.versions import BatchVersions, declaration_conflict
from ecgraph.schemas.errors import EcgraphError, SourceError
from ecgraph.schemas.private_files import open_private

__all__ = ["BulkLoad", "bulk_load", "count_imported_declarations", "start_imported", "write_declarations",
           "write_import_files"]

CURRENT, REPLACED = 1, 2  # what a record became: the current version, or current once and replaced later


@dataclass
class BulkLoad:
    results: list[LoadResult]
    folder: str
    expected: dict[str, int]  # declarations, versions, parties, items the import must produce
    counted: dict[str, int] = field(default_factory=dict)
    csv_seconds: float = 0.0
    import_seconds: float = 0.0
    start_seconds: float = 0.0
    schema_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"files": [r.to_dict() for r in self.results], "folder": self.folder, "expected": self.expected,
                "counted": self.counted, "csv_seconds": self.csv_seconds, "import_seconds": self.import_seconds,
                "start_seconds": self.start_seconds, "schema_seconds": self.schema_seconds}


@dataclass
class _State:
    """What the online loader would read back from the graph: versions, hashes, parties, addresses."""

    current: dict[str, tuple[int, int]] = field(default_factory=dict)  # number -> (d.version, ordinal written)
    hashes: dict[str, str] = field(default_factory=dict)  # version id -> hash
    marks: bytearray = field(default_factory=bytearray)  # ordinal -> CURRENT / REPLACED / 0
    replaced: set[str] = field(default_factory=set)  # numbers current in more than one batch
    parties: dict[str, dict[str, Any]] = field(default_factory=dict)
    addresses: dict[str, dict[str, Any]] = field(default_factory=dict)
    located: dict[str, dict[str, None]] = field(default_factory=dict)  # address id -> party keys, in order
    versions: int = 0
    declarations: int = 0
    items: int = 0


def _reader(path: Path, fmt: str) -> Iterator[SourceRecord]:
    return read_jsonl(path) if fmt == "jsonl" else read_csv(path)


def write_import_files(paths: list[Path], folder: Path, *, state_dir: Path, fmt: str = "auto",
                       rejects_path: Path | None = None, batch_size: int = 2000) -> tuple[BulkLoad, BulkFiles]:
    """Validate and decide like the online loader; write the importer's CSVs into `folder`."""
    loaded_at = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    out = DeclarationFiles(BulkFiles(folder), loaded_at)
    load = write_declarations(paths, out, state_dir=state_dir, fmt=fmt, rejects_path=rejects_path,
                              batch_size=batch_size)
    started = time.perf_counter()
    files = out.finish()
    load.csv_seconds = round(load.csv_seconds + time.perf_counter() - started, 3)
    return load, files


def write_declarations(paths: list[Path], out: DeclarationFiles, *, state_dir: Path, fmt: str = "auto",
                       rejects_path: Path | None = None, batch_size: int = 2000) -> BulkLoad:
    """Every declaration, party and address into `out`, not finished: an order feed may follow (`ingest
    ecommerce --bulk --declarations`), sharing the Address and Country nodes; `out.finish()` ends it."""
    for path in paths:
        if not path.is_file():
            raise SourceError("no such file; give the path of a .jsonl or .csv declarations file",
                              source="declarations", file=str(path))
    started = time.perf_counter()
    state = _State()
    results: list[LoadResult] = []
    formats = [detect_format(path, fmt) for path in paths]
    for path, file_fmt in zip(paths, formats, strict=True):
        results.append(_first_pass(path, file_fmt, out, state, state_dir, rejects_path, batch_size))
    _second_pass(paths, formats, results, out, state)
    for key, party in state.parties.items():
        out.party({"key": key, **party})
    for address_id, row in state.addresses.items():
        out.address(row, list(state.located[address_id]))
    load = BulkLoad(results, str(out.files.folder), {"declarations": state.declarations, "versions": state.versions,
                                                     "parties": len(state.parties), "items": state.items})
    load.csv_seconds = round(time.perf_counter() - started, 3)
    return load


def _first_pass(path: Path, fmt: str, out: DeclarationFiles, state: _State, state_dir: Path,
                rejects_path: Path | None, batch_size: int) -> LoadResult:
    load_id = uuid.uuid4().hex[:12]
    rejects = rejects_path or state_dir / "rejects" / f"{path.name}.{load_id}.rejects.jsonl"
    result = LoadResult(str(path), fmt, load_id, str(rejects))
    started = time.perf_counter()
    with open_private(rejects) as rejects_out:
        for chunk in batches(_reader(path, fmt), batch_size):
            first = len(state.marks)
            state.marks.extend(bytes(len(chunk)))
            _batch(chunk, first, result, state, out, rejects_out)
    result.seconds = round(time.perf_counter() - started, 3)
    if result.counts["rejected"] == 0 and rejects.stat().st_size == 0:
        rejects.unlink()
    return result


def _batch(chunk: list[SourceRecord], first: int, result: LoadResult, state: _State, out: DeclarationFiles,
           rejects_out: IO[str]) -> None:
    """One online batch (`load._load_batch`), with the graph's answers taken from `state`."""
    counts = result.counts
    planned: list[tuple[Planned, int]] = []
    versions: BatchVersions[Planned] = BatchVersions()
    for ordinal, source in enumerate(chunk, start=first):
        notes = [] if source.reasons else read_country_fields(source.record)
        if not source.reasons:
            read_exception_claim(source.record)  # as the online load reads it
        reasons = source.reasons or validate_declaration(source.record)
        if reasons:
            _reject(rejects_out, result.file, source, reasons)
            counts["rejected"] += 1
            continue
        result.warn(source.line, notes)
        record = source.record
        assert record is not None
        digest = content_hash(record)
        number, version = record["declaration_number"], record["version"]
        now = state.current.get(number)
        decision = versions.take(number, version, digest, now[0] if now else None,
                                 state.hashes.get(f"{number}:{version}"), counts)
        if decision.counter == "conflict":
            _reject(rejects_out, result.file, source, [declaration_conflict(number, version, decision)])
        if decision.action is None:
            continue
        plan = Planned(record, digest, decision.action, result.file, source.line, result.load_id)
        planned.append((plan, ordinal))
        versions.planned(number, version, digest, plan)
    if planned:
        _apply(build_batch([plan for plan, _ in planned]), planned, state, out)


def _apply(batch: DeclarationBatch, planned: list[tuple[Planned, int]], state: _State,
           out: DeclarationFiles) -> None:
    """What the batch's transaction leaves in the graph, minus the current declarations (second pass)."""
    for row in batch.declarations:
        out.version(row["number"], row["date"], row["version"])
        out.merged_nodes(row)
    for row in batch.history:
        out.version(row["number"], row["date"], row["version"])
    state.versions += len(batch.declarations) + len(batch.history)
    for plan, ordinal in planned:
        number = plan.record["declaration_number"]
        state.hashes[f"{number}:{plan.record['version']}"] = plan.hash
        if plan.action == "history":
            continue
        before = state.current.get(number)
        if before is not None:
            state.marks[before[1]] = REPLACED
            state.replaced.add(number)
        else:
            state.declarations += 1
        state.current[number] = (plan.record["version"], ordinal)
        state.marks[ordinal] = CURRENT
    for row in batch.parties:  # WRITE_PARTIES, property by property
        party = state.parties.get(row["key"])
        if party is None:
            party = state.parties[row["key"]] = {"name": row["names"][0], "names": [], "first_seen": row["first_seen"],
                                                 "country": None, "corp_no": None, "name_latin": None}
        party["names"] += [name for name in row["names"] if name not in party["names"]]
        party["first_seen"] = min(party["first_seen"], row["first_seen"])
        for name in ("country", "corp_no", "name_latin"):
            party[name] = party[name] if party[name] is not None else row[name]
        party["name_norm"] = row["name_norm"]
    for row in batch.addresses:  # WRITE_ADDRESSES: ON CREATE only, one LOCATED_AT per party and address
        state.addresses.setdefault(row["id"], row)
        state.located.setdefault(row["id"], {})[row["key"]] = None


def _second_pass(paths: list[Path], formats: list[str], results: list[LoadResult], out: DeclarationFiles,
                 state: _State) -> None:
    """Each declaration's current version: its props are every version that was current, `SET d += …` in turn."""
    carried: dict[str, dict[str, Any]] = {}
    ordinal = 0
    for path, fmt, result in zip(paths, formats, results, strict=True):
        for source in _reader(path, fmt):
            mark = state.marks[ordinal]
            ordinal += 1
            if not mark:
                continue
            record = source.record
            assert record is not None
            digest = state.hashes[f"{record['declaration_number']}:{record['version']}"]  # from the first pass
            plan = Planned(record, digest, "new", result.file, source.line, result.load_id)
            row = build_batch([plan]).declarations[0]
            number = row["number"]
            props = carried.pop(number, {})
            for key, value in row["props"].items():
                if value is None:
                    props.pop(key, None)
                else:
                    props[key] = value
            if mark == REPLACED:
                carried[number] = props
                continue
            out.declaration(row, props)
            state.items += len(row["items"])


def bulk_load(server: LocalServer, user: str, password: str, paths: list[Path], *, state_dir: Path,
              fmt: str = "auto", rejects_path: Path | None = None, batch_size: int = 2000,
              database: str = "neo4j", keep_files: bool = False) -> BulkLoad:
    """Write the CSVs, import them into a new database, start the server, apply the schema, check counts."""
    check_importable(server, database)  # before the long pass over the input, not after it
    folder = state_dir / "bulk" / time.strftime("%Y%m%dT%H%M%S")
    load, files = write_import_files(paths, folder, state_dir=state_dir, fmt=fmt, rejects_path=rejects_path,
                                     batch_size=batch_size)
    report: ImportReport = run_import(server, files, database=database)
    load.import_seconds = report.seconds
    start_imported(server, user, password, load, [(load, count_imported_declarations)], database=database,
                   keep_files=keep_files)
    return load


Counter = Callable[[Graph], dict[str, int]]


def count_imported_declarations(graph: Graph) -> dict[str, int]:
    """The declarations' counts, after putting back the empty lists the importer cannot store."""
    restore_empty_lists(graph)
    return count_declarations(graph)


def start_imported(server: LocalServer, user: str, password: str, load: BulkLoad,
                   counted: Sequence[tuple[BulkLoad, Counter]], *, database: str = "neo4j",
                   keep_files: bool = False) -> None:
    """Every bulk loader's last step: start the server on the imported database, apply the schema, count what
    each import holds (in order) and check it against what its input gave; the CSVs go unless kept.

    `load` takes the start and schema seconds; a count that differs is an error and keeps the CSVs."""
    started = time.perf_counter()
    server.start(user=user, password=password)
    load.start_seconds = round(time.perf_counter() - started, 3)
    started = time.perf_counter()
    with connect(server.bolt_uri, user, password, database) as graph:
        apply_schema(graph)
        for target, count in counted:
            target.counted = count(graph)
    load.schema_seconds = round(time.perf_counter() - started, 3)
    for target, _ in counted:
        if target.counted != target.expected:
            raise EcgraphError(f"the import holds {target.counted}, the input gave {target.expected}: the CSVs are "
                               f"kept in {load.folder} for inspection")
    if not keep_files:
        shutil.rmtree(load.folder, ignore_errors=True)

