"""`ingest declarations --bulk`: a backfill of an empty or new database through Neo4j's offline importer.

The same reader, validator, rejects file, keys and hashes as the online path (`load.py`), and the same
decisions: records are taken in batches of `batch_size` exactly as an online load would, with the
graph's state (current version per declaration, hash per version, parties merged batch after batch)
kept in memory instead of read back from Neo4j. So the graph the importer builds is the one an
online load of the same files with the same batch size would have built.

Three steps over the input (`bulk_parts`), the first and last in `workers` processes, each over its own
part of the files: read, validate and hash; decide every version in file order (here, on a few keys per
record); build and write each part's rows. Memory holds a version number and a hash per declaration, and
the parties: not the records.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import IO, Any, TypeVar

from ecgraph.graph.bulk_declarations import DeclarationFiles, restore_empty_lists
from ecgraph.graph.bulk_import import BulkFiles, ImportReport, check_importable, run_import
from ecgraph.graph.connection import Graph, connect
from ecgraph.graph.declarations import count_declarations
from ecgraph.graph.migrate import apply_schema
from ecgraph.graph.server import LocalServer
from ecgraph.ingest.declarations.bulk_parts import (
    CURRENT,
    REPLACED,
    BatchKeys,
    FilePart,
    PartDecisions,
    Parties,
    PartWritten,
    fold_parties,
    prepare_part,
    read_part,
    write_part,
)
from ecgraph.ingest.declarations.load import LoadResult, _reject, detect_format
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.versions import BatchVersions, declaration_conflict
from ecgraph.ingest.json_lines import split_feed
from ecgraph.schemas.errors import EcgraphError, SourceError
from ecgraph.schemas.private_files import open_private, private_folder

__all__ = ["BulkLoad", "bulk_load", "count_imported_declarations", "start_imported", "write_declarations",
           "write_import_files"]

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
    """What the online loader would read back from the graph: versions and hashes (parties: `Parties`)."""

    current: dict[str, tuple[int, int]] = field(default_factory=dict)  # number -> (d.version, ordinal written)
    hashes: dict[str, str] = field(default_factory=dict)  # version id -> hash
    marks: bytearray = field(default_factory=bytearray)  # ordinal -> CURRENT / REPLACED / 0
    replaced: set[str] = field(default_factory=set)  # numbers current in more than one batch
    versions: int = 0
    declarations: int = 0


def write_import_files(paths: list[Path], folder: Path, *, state_dir: Path, fmt: str = "auto",
                       rejects_path: Path | None = None, batch_size: int = 2000,
                       workers: int = 1) -> tuple[BulkLoad, BulkFiles]:
    """Validate and decide like the online loader; write the importer's CSVs into `folder`."""
    loaded_at = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    out = DeclarationFiles(BulkFiles(folder), loaded_at)
    load = write_declarations(paths, out, state_dir=state_dir, fmt=fmt, rejects_path=rejects_path,
                              batch_size=batch_size, workers=workers)
    started = time.perf_counter()
    files = out.finish()
    load.csv_seconds = round(load.csv_seconds + time.perf_counter() - started, 3)
    return load, files


def write_declarations(paths: list[Path], out: DeclarationFiles, *, state_dir: Path, fmt: str = "auto",
                       rejects_path: Path | None = None, batch_size: int = 2000, workers: int = 1) -> BulkLoad:
    """Every declaration, party and address into `out`, not finished: an order feed may follow (`ingest
    ecommerce --bulk --declarations`), sharing the Address and Country nodes; `out.finish()` ends it.

    `workers` processes each read, validate and write a part of the input (`bulk_parts`); deciding, which must
    see a declaration's versions in file order wherever they lie, stays in this one."""
    for path in paths:
        if not path.is_file():
            raise SourceError("no such file; give the path of a .jsonl or .csv declarations file",
                              source="declarations", file=str(path))
    started = time.perf_counter()
    scratch = out.files.folder / "declaration-parts"
    private_folder(scratch)  # the parts' CSVs hold the declarations
    results: list[LoadResult] = []
    parts: list[FilePart] = []
    for file_index, path in enumerate(paths):
        file_fmt = detect_format(path, fmt)
        load_id = uuid.uuid4().hex[:12]
        rejects = rejects_path or state_dir / "rejects" / f"{path.name}.{load_id}.rejects.jsonl"
        results.append(LoadResult(str(path), file_fmt, load_id, str(rejects)))
        for start, line, end in split_feed(path, file_fmt, batch_size, workers):
            parts.append(FilePart(len(parts), file_index, path, file_fmt, start, line, end,
                                         scratch / f"part-{len(parts):03d}"))
    pool = (ProcessPoolExecutor(max_workers=min(workers, len(parts)), mp_context=multiprocessing.get_context("fork"))
            if workers > 1 and len(parts) > 1 else None)
    state = _State()
    try:
        keys = _map(pool, partial(prepare_part, batch_size=batch_size), parts)
        loaded_at = str(out.loaded_at)
        decided = _decide_all(parts, keys, results, state)
        del keys
        for decisions in decided:
            decisions.shared, decisions.loaded_at, decisions.batch_size = frozenset(state.replaced), loaded_at, batch_size
        written = _map(pool, _write_part, list(zip(parts, decided, strict=True)))
    finally:
        gc.unfreeze()
        if pool is not None:
            pool.shutdown()
    items, parties = _merge(written, out)
    shutil.rmtree(scratch, ignore_errors=True)
    for result in results:
        result.seconds = round(time.perf_counter() - started, 3)
    load = BulkLoad(results, str(out.files.folder), {"declarations": state.declarations, "versions": state.versions,
                                                     "parties": parties, "items": items})
    load.csv_seconds = round(time.perf_counter() - started, 3)
    return load


T = TypeVar("T")


def _map(pool: ProcessPoolExecutor | None, work: Callable[[Any], T], items: list[Any]) -> list[T]:
    return list(pool.map(work, items)) if pool is not None else [work(item) for item in items]


def _write_part(job: tuple[FilePart, PartDecisions]) -> PartWritten:
    return write_part(*job)


def _decide_all(parts: list[FilePart], keys: list[list[BatchKeys]], results: list[LoadResult],
                state: _State) -> list[PartDecisions]:
    """Step 2, in file order: each batch decided as the online load decides it; rejects written in record order."""
    decided: list[PartDecisions] = []
    for file_index, result in enumerate(results):
        rejects = Path(result.rejects_path)
        with open_private(rejects) as rejects_out:
            for part, part_keys in zip(parts, keys, strict=True):
                if part.file_index != file_index:
                    continue
                first = len(state.marks)
                decisions = PartDecisions([], [], b"", frozenset(), result.file, result.load_id, "", 0)
                for batch in part_keys:
                    decisions.batches.append(_decide(part, batch, result, state, rejects_out))
                    decisions.sizes.append(len(batch.valid))
                    gc.freeze()  # what deciding keeps (`state`) is no garbage: never scan it again
                decisions.marks = bytes(state.marks[first:])
                decided.append(decisions)
        if result.counts["rejected"] == 0 and rejects.stat().st_size == 0:
            rejects.unlink()
    return decided


@dataclass(slots=True)
class _Plan:
    """What deciding knows of a record it plans to write (the batch may turn its action into history)."""

    line: int
    number: str
    version: int
    hash: str
    action: str
    ordinal: int


def _decide(part: FilePart, batch: BatchKeys, result: LoadResult, state: _State,
            rejects_out: IO[str]) -> dict[int, tuple[str, str]]:
    """One online batch (`load._load_batch`), with the graph's answers taken from `state`."""
    counts = result.counts
    first = len(state.marks)
    state.marks.extend(bytes(len(batch.valid)))
    planned: list[_Plan] = []
    versions: BatchVersions[_Plan] = BatchVersions()
    for position, keyed in enumerate(batch.valid):
        if keyed is None:
            source, reasons = batch.invalid[position]
            _reject(rejects_out, result.file, source, reasons)
            counts["rejected"] += 1
            continue
        line, number, version, digest, offset = keyed
        result.warn(line, batch.notes.get(position, []))
        now = state.current.get(number)
        decision = versions.take(number, version, digest, now[0] if now else None,
                                 state.hashes.get(f"{number}:{version}"), counts)
        if decision.counter == "conflict":
            _reject(rejects_out, result.file, _read_again(part, offset, line),
                    [declaration_conflict(number, version, decision)])
        if decision.action is None:
            continue
        plan = _Plan(line, number, version, digest, decision.action, first + position)
        planned.append(plan)
        versions.planned(number, version, digest, plan)
    state.versions += len(planned)
    for plan in planned:  # after the batch, as its transaction
        state.hashes[f"{plan.number}:{plan.version}"] = plan.hash
        if plan.action == "history":
            continue
        before = state.current.get(plan.number)
        if before is not None:
            state.marks[before[1]] = REPLACED
            state.replaced.add(plan.number)
        else:
            state.declarations += 1
        state.current[plan.number] = (plan.version, plan.ordinal)
        state.marks[plan.ordinal] = CURRENT
    return {plan.line: (plan.action, plan.hash) for plan in planned}


def _read_again(part: FilePart, offset: int, line: int) -> SourceRecord:
    """A valid record rejected as a conflict, read again as it was sent (the reject quotes it)."""
    return next(read_part(part.read_from(offset, line)))


def _merge(written: list[PartWritten], out: DeclarationFiles) -> tuple[int, int]:
    """The parts' files and sets in part order; then the declarations current in several batches (their props
    are every version that was current, `SET d += …` in turn), the parties and the addresses; how many goods
    items and parties."""
    parties = Parties()
    items = 0
    carried: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}  # number -> (props so far, latest row)
    for done in written:
        out.files.absorb(done.files)
        out.countries.update(done.countries)
        out.hs_codes.update(done.hs_codes)
        fold_parties(parties, done.parties)
        items += done.items
        for row in done.shared:
            props = carried.pop(row["number"], ({}, row))[0]
            for key, value in row["props"].items():
                if value is None:
                    props.pop(key, None)
                else:
                    props[key] = value
            carried[row["number"]] = (props, row)
    for props, row in carried.values():  # the latest row of each is its current version (the one marked CURRENT)
        out.declaration(row, props)
        items += len(row["items"])
    for key, party in parties.parties.items():
        out.party({"key": key, **party})
    for address_id, row in parties.addresses.items():
        out.address(row, list(parties.located[address_id]))
    return items, len(parties.parties)


def bulk_load(server: LocalServer, user: str, password: str, paths: list[Path], *, state_dir: Path,
              fmt: str = "auto", rejects_path: Path | None = None, batch_size: int = 2000,
              database: str = "neo4j", keep_files: bool = False, workers: int | None = None) -> BulkLoad:
    """Write the CSVs, import them into a new database, start the server, apply the schema, check counts.

    `workers` processes share the CSV pass (default: the cores this process may use)."""
    check_importable(server, database)  # before the long pass over the input, not after it
    folder = state_dir / "bulk" / time.strftime("%Y%m%dT%H%M%S")
    load, files = write_import_files(paths, folder, state_dir=state_dir, fmt=fmt, rejects_path=rejects_path,
                                     batch_size=batch_size, workers=workers or len(os.sched_getaffinity(0)))
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

