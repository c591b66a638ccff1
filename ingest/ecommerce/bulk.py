"""`ingest ecommerce --bulk`: backfill an empty database with orders (and declarations) through Neo4j's importer.

The importer builds a new database only, so a backfill takes every feed at once: `--declarations` files
are imported in the same run, first (as an online backfill loads declarations before the orders behind
them), sharing Address and Country nodes with the orders. Later feeds go online, as every day does.

Orders are read, validated, hashed and redacted by the online loader's own code (`load.prepare_orders`,
same rejects file and reasons) and decided batch by batch as an online load of the same batch size would
(`plan_orders`), with the graph's answers (current sequence, stored hashes) kept in memory. Each batch's
rows are `build_order_batch`'s; `graph.bulk_ecommerce` turns them into the importer's CSVs. `workers`
processes share the work, each reading and writing its own part of the feeds (`bulk_parts`: whole
batches, byte ranges of a JSON Lines file or a file each); only deciding, which must see an order's
amendments in file order wherever they lie, runs here, over a few keys per record, and the parts' rows
whose winner depends on the parts before them (accounts, addresses, contacts, parcels, orders current in
several parts) are merged here in part order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import shutil
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import IO, Any, TypeVar

import orjson

from ecgraph.graph.bulk_declarations import DeclarationFiles
from ecgraph.graph.bulk_ecommerce import OrderFiles
from ecgraph.graph.bulk_import import BulkFiles, check_importable, run_import
from ecgraph.graph.ecommerce import count_orders
from ecgraph.graph.server import LocalServer
from ecgraph.ingest.declarations.bulk import (
    BulkLoad,
    Counter,
    count_imported_declarations,
    start_imported,
    write_declarations,
)
from ecgraph.ingest.declarations.load import detect_format
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.ecommerce.bulk_parts import (
    BatchKeys,
    FilePart,
    PartDecisions,
    PartWritten,
    fold_props,
    prepare_part,
    split_feed,
    write_part,
)
from ecgraph.ingest.ecommerce.contacts import ContactHasher
from ecgraph.ingest.ecommerce.load import DEFAULT_BATCH_SIZE, OrderLoadResult, PreparedOrders, plan_orders
from ecgraph.ingest.ecommerce.map import order_id
from ecgraph.schemas.errors import SourceError
from ecgraph.schemas.private_files import open_private, private_folder

__all__ = ["OrderBulkLoad", "bulk_load_orders", "write_order_files"]

T = TypeVar("T")


@dataclass
class OrderBulkLoad(BulkLoad):
    """A declarations' bulk load's account, for orders: plus the declarations imported in the same run and
    the CPU seconds of the CSV pass (this process; its workers) and of the importer."""

    results: list[OrderLoadResult]  # type: ignore[assignment]
    declarations: BulkLoad | None = None
    cpu: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "declarations": self.declarations.to_dict() if self.declarations else None,
                "cpu": self.cpu}


@dataclass
class _State:
    """What the online loader would read back from the graph, and which part each order was current in."""

    current: dict[str, int] = field(default_factory=dict)  # order id -> current sequence
    hashes: dict[str, str] = field(default_factory=dict)  # version id -> content hash
    owner: dict[str, int] = field(default_factory=dict)  # order id -> the part of its first current version
    shared: set[str] = field(default_factory=set)  # orders current in more than one part
    versions: int = 0


def write_order_files(paths: list[Path], out: OrderFiles, *, operator: str, hasher: ContactHasher, state_dir: Path,
                      fmt: str = "auto", rejects_path: Path | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                      workers: int = 1) -> tuple[list[OrderLoadResult], dict[str, int]]:
    """Validate, decide and write every order of `paths` into `out` (not finished); the expected counts.

    `workers` processes each take a part of the input (`bulk_parts`); deciding stays in this one."""
    for path in paths:
        if not path.is_file():
            raise SourceError("no such file; give the path of a .jsonl or .csv order feed", source="ecommerce",
                              file=str(path))
    if not operator.strip():
        raise SourceError("--operator is empty; name the e-commerce operator whose feed this is", source="ecommerce")
    scratch = out.files.folder / "parts"
    private_folder(scratch)  # the parts' spools hold the orders (contacts hashed, names plain)
    results: list[OrderLoadResult] = []
    parts: list[FilePart] = []
    for file_index, path in enumerate(paths):
        fmt_here = detect_format(path, fmt)
        load_id = uuid.uuid4().hex[:12]
        rejects = rejects_path or state_dir / "ecommerce" / "rejects" / f"{path.name}.{load_id}.rejects.jsonl"
        results.append(OrderLoadResult(str(path), fmt_here, load_id, str(rejects), operator=operator))
        for start, line, end in split_feed(path, fmt_here, batch_size, workers):
            parts.append(FilePart(len(parts), file_index, path, fmt_here, start, line, end,
                                  scratch / f"part-{len(parts):03d}"))
    pool = (ProcessPoolExecutor(max_workers=min(workers, len(parts)), mp_context=multiprocessing.get_context("fork"))
            if workers > 1 and len(parts) > 1 else None)
    started = time.perf_counter()
    try:
        keys = _map(pool, partial(prepare_part, operator=operator, hasher=hasher, batch_size=batch_size), parts)
        state = _State()
        decided = [_decide(part, part_keys, results[part.file_index], state) for part, part_keys in zip(parts, keys)]
        loaded_at = str(out.loaded_at)
        for decisions in decided:
            decisions.shared, decisions.loaded_at = frozenset(state.shared), loaded_at
        del keys
        written = _map(pool, _write_part, list(zip(parts, decided, strict=True)))
    finally:
        gc.unfreeze()
        if pool is not None:
            pool.shutdown()
    orders = _merge(parts, written, results, out, started)
    shutil.rmtree(scratch, ignore_errors=True)
    expected = {"orders": orders, "versions": state.versions, "accounts": len(out.accounts),
                "parcels": len(out.parcels), "contacts": len(out.contacts), "linked": 0}
    return results, expected


def _map(pool: ProcessPoolExecutor | None, work: Callable[[Any], T], items: list[Any]) -> list[T]:
    return list(pool.map(work, items)) if pool is not None else [work(item) for item in items]


def _write_part(job: tuple[FilePart, PartDecisions]) -> PartWritten:
    return write_part(*job)


def _decide(part: FilePart, keys: list[BatchKeys], result: OrderLoadResult, state: _State) -> PartDecisions:
    """Step 2: each batch of the part decided by `plan_orders` against what the earlier batches wrote."""
    operator = result.operator
    decided = PartDecisions([], frozenset(), operator, result.file, result.load_id, "")

    def graph_holds(order: str, version: str) -> tuple[int | None, str | None]:
        return state.current.get(order), state.hashes.get(version)

    for batch in keys:
        prepared = PreparedOrders(
            [(SourceRecord(None, None, line, 0), reasons) for line, reasons in batch.invalid],
            [(SourceRecord(None, None, line, 0), key, digest, key, {})  # what deciding reads of a record
             for line, number, sequence, digest in batch.valid
             for key in ({"order_number": number, "sequence": sequence},)], batch.notes)
        rejects: list[tuple[int, list[str]]] = []
        planned = plan_orders(prepared, result, result.load_id, partial(_note_reject, rejects), graph_holds)
        decided.batches.append(({plan.line: plan.action for plan in planned}, rejects))
        state.versions += len(planned)
        for plan in planned:
            oid = order_id(operator, plan.record["order_number"])
            state.hashes[f"{oid}:{plan.record['sequence']}"] = plan.hash
        for plan in planned:  # after the batch: the graph answers the next batch, not this one
            if plan.action == "history":
                continue
            oid = order_id(operator, plan.record["order_number"])
            state.current[oid] = plan.record["sequence"]
            if state.owner.setdefault(oid, part.index) != part.index:
                state.shared.add(oid)
        gc.freeze()  # what deciding keeps (`state`) is no garbage: never scan it again
    return decided


def _note_reject(rejects: list[tuple[int, list[str]]], source: SourceRecord, reasons: list[str]) -> None:
    rejects.append((source.line, reasons))  # the part that read the record writes its reject


def _merge(parts: list[FilePart], written: list[PartWritten], results: list[OrderLoadResult], out: OrderFiles,
           started: float) -> int:
    """The parts' files, rejects and shared rows in part order; the orders current in several parts."""
    orders = 0
    carried: dict[str, tuple[dict[str, Any], list[Any]]] = {}
    rejects_files: dict[int, IO[str]] = {}
    try:
        for part, done in zip(parts, written, strict=True):
            out.files.absorb(done.files)
            out.merge(done.shared)
            orders += done.orders
            for line in done.current:
                row, items, parcels = orjson.loads(line)
                props = fold_props(carried.pop(row["id"], ({}, []))[0], row["props"])
                carried[row["id"]] = props, [row, items, parcels]
            if part.file_index not in rejects_files:
                rejects_files[part.file_index] = open_private(Path(results[part.file_index].rejects_path), "w")
            with done.rejects.open(encoding="utf-8") as rejected:
                shutil.copyfileobj(rejected, rejects_files[part.file_index])
    finally:
        for handle in rejects_files.values():
            handle.close()
    for props, (row, items, parcels) in carried.values():
        out.current_order(row, props, items, parcels)
        orders += 1
    for result in results:
        result.seconds = round(time.perf_counter() - started, 3)
        rejects = Path(result.rejects_path)
        if result.counts["rejected"] == 0 and rejects.stat().st_size == 0:
            rejects.unlink()
    return orders


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def bulk_load_orders(server: LocalServer, user: str, password: str, paths: list[Path], *, operator: str,
                     hasher: ContactHasher, state_dir: Path, declarations: list[Path] | None = None,
                     fmt: str = "auto", rejects_path: Path | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                     declaration_batch_size: int = 2000, workers: int | None = None, database: str = "neo4j",
                     keep_files: bool = False) -> OrderBulkLoad:
    """Write the CSVs (declarations first), import them into a new database, start, apply the schema, count."""
    check_importable(server, database)  # before the long pass over the input, not after it
    folder = state_dir / "bulk" / time.strftime("%Y%m%dT%H%M%S")
    started, main_cpu, children_cpu = time.perf_counter(), time.process_time(), _children_cpu()
    loaded_at = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    files = BulkFiles(folder)
    declaration_out = DeclarationFiles(files, loaded_at)
    workers = workers or len(os.sched_getaffinity(0))
    declared = (write_declarations(declarations, declaration_out, state_dir=state_dir, batch_size=declaration_batch_size,
                                   workers=workers) if declarations else None)
    out = OrderFiles(files, loaded_at, addresses=declaration_out.addresses, countries=declaration_out.countries,
                     located_countries=declaration_out.in_country)
    results, expected = write_order_files(paths, out, operator=operator, hasher=hasher, state_dir=state_dir, fmt=fmt,
                                          rejects_path=rejects_path, batch_size=batch_size,
                                          workers=workers)
    out.finish(close=False)
    declaration_out.finish()  # Country (the orders' too) and HSCode nodes, then every file closed
    load = OrderBulkLoad(results, str(folder), expected, declarations=declared)
    load.csv_seconds = round(time.perf_counter() - started, 3)
    workers_cpu = _children_cpu()  # the pool's processes are reaped: their CPU is the children's
    load.cpu = {"csv_main": round(time.process_time() - main_cpu, 3), "csv_workers": round(workers_cpu - children_cpu, 3)}
    load.import_seconds = run_import(server, files, database=database).seconds
    load.cpu["import"] = round(_children_cpu() - workers_cpu, 3)
    counted: list[tuple[BulkLoad, Counter]] = [] if declared is None else [(declared, count_imported_declarations)]
    start_imported(server, user, password, load, [*counted, (load, count_orders)], database=database,
                   keep_files=keep_files)
    return load
