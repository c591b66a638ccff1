"""`ingest ecommerce --bulk`: backfill an empty database with orders (and declarations) through Neo4j's importer.

The importer builds a new database only, so a backfill takes every feed at once: `--declarations` files
are imported in the same run, first (as an online backfill loads declarations before the orders behind
them), sharing Address and Country nodes with the orders. Later feeds go online, as every day does.

Orders are read, validated, hashed and redacted by the online loader's own code (`load.prepare_orders`,
same rejects file and reasons) and decided batch by batch as an online load of the same batch size would
(`BatchVersions`), with the graph's answers (current sequence, stored hashes) kept in memory. Each batch's
rows are `build_order_batch`'s; `graph.bulk_ecommerce` turns them into the importer's CSVs. An order's own
node is only known once every file was read (a later amendment replaces it), so its row is spooled to a
scratch file and written in a second, cheap pass over that file. Validation and hashing, the client's
heaviest work, run in a second process while this one decides and writes (`workers`).
"""

from __future__ import annotations

import gc
import multiprocessing
import shutil
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import IO, Any

import orjson

from ecgraph.graph.bulk_declarations import DeclarationFiles, restore_empty_lists
from ecgraph.graph.bulk_ecommerce import OrderFiles
from ecgraph.graph.bulk_import import BulkFiles, check_importable, run_import
from ecgraph.graph.connection import connect
from ecgraph.graph.declarations import count_declarations
from ecgraph.graph.ecommerce import count_orders
from ecgraph.graph.migrate import apply_schema
from ecgraph.graph.server import LocalServer
from ecgraph.ingest.declarations.bulk import BulkLoad, write_declarations
from ecgraph.ingest.declarations.jsonl import read_jsonl
from ecgraph.ingest.declarations.load import detect_format
from ecgraph.ingest.declarations.resumable import batches
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.ecommerce.contacts import ContactHasher
from ecgraph.ingest.ecommerce.csv_flat import read_orders_csv
from ecgraph.ingest.ecommerce.load import (
    DEFAULT_BATCH_SIZE,
    OrderLoadResult,
    PreparedOrders,
    plan_orders,
    prepare_orders,
)
from ecgraph.ingest.ecommerce.map import build_order_batch, order_id
from ecgraph.schemas.errors import EcgraphError, SourceError
from ecgraph.schemas.private_files import open_private, private_folder

__all__ = ["OrderBulkLoad", "bulk_load_orders", "write_order_files"]

CURRENT, REPLACED = 1, 2


@dataclass
class OrderBulkLoad:
    results: list[OrderLoadResult]
    folder: str
    expected: dict[str, int]  # orders, versions, accounts, parcels, contacts the import must hold
    declarations: BulkLoad | None = None
    counted: dict[str, int] = field(default_factory=dict)
    csv_seconds: float = 0.0
    import_seconds: float = 0.0
    start_seconds: float = 0.0
    schema_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"files": [r.to_dict() for r in self.results], "folder": self.folder, "expected": self.expected,
                "declarations": self.declarations.to_dict() if self.declarations else None,
                "counted": self.counted, "csv_seconds": self.csv_seconds, "import_seconds": self.import_seconds,
                "start_seconds": self.start_seconds, "schema_seconds": self.schema_seconds}


@dataclass
class _State:
    """What the online loader would read back from the graph, and where each spooled order row ended."""

    current: dict[str, tuple[int, int]] = field(default_factory=dict)  # order id -> (sequence, spool ordinal)
    hashes: dict[str, str] = field(default_factory=dict)  # version id -> content hash
    marks: bytearray = field(default_factory=bytearray)  # spool ordinal -> CURRENT / REPLACED
    versions: int = 0


def _reader(path: Path, fmt: str) -> Iterator[SourceRecord]:
    return read_jsonl(path) if fmt == "jsonl" else read_orders_csv(path)


def write_order_files(paths: list[Path], out: OrderFiles, *, operator: str, hasher: ContactHasher, state_dir: Path,
                      fmt: str = "auto", rejects_path: Path | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                      workers: int = 1) -> tuple[list[OrderLoadResult], dict[str, int]]:
    """Validate, decide and write every order of `paths` into `out` (not finished); the expected counts."""
    for path in paths:
        if not path.is_file():
            raise SourceError("no such file; give the path of a .jsonl or .csv order feed", source="ecommerce",
                              file=str(path))
    if not operator.strip():
        raise SourceError("--operator is empty; name the e-commerce operator whose feed this is", source="ecommerce")
    state = _State()
    spool_path = out.files.folder / "orders.spool"
    private_folder(out.files.folder)  # the spool holds the orders (contacts hashed, names plain)
    results: list[OrderLoadResult] = []
    prepare = partial(prepare_orders, operator=operator, hasher=hasher)
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) if workers > 1 else None
    try:
        with spool_path.open("wb") as spool:
            for path in paths:
                fmt_here = detect_format(path, fmt)
                load_id = uuid.uuid4().hex[:12]
                rejects = rejects_path or state_dir / "ecommerce" / "rejects" / f"{path.name}.{load_id}.rejects.jsonl"
                result = OrderLoadResult(str(path), fmt_here, operator, load_id, str(rejects))
                started = time.perf_counter()
                with open_private(rejects) as rejects_out:
                    chunks = batches(_reader(path, fmt_here), batch_size)
                    for chunk, prepared in zip_prepared(chunks, pool, prepare):
                        _batch(chunk, prepared, result, state, out, spool, rejects_out)
                        gc.freeze()  # what the load keeps (`state`, `out`'s sets) is no garbage: never scan it again
                result.seconds = round(time.perf_counter() - started, 3)
                if result.counts["rejected"] == 0 and rejects.stat().st_size == 0:
                    rejects.unlink()
                results.append(result)
        orders = _second_pass(spool_path, out, state)
    finally:
        gc.unfreeze()
        if pool is not None:
            pool.shutdown()
    spool_path.unlink()
    expected = {"orders": orders, "versions": state.versions, "accounts": len(out.accounts),
                "parcels": len(out.parcels), "contacts": len(out.contacts), "linked": 0}
    return results, expected


def zip_prepared(chunks: Iterator[list[SourceRecord]], pool: ProcessPoolExecutor | None,
                 prepare: Callable[[list[SourceRecord]], PreparedOrders],
                 ahead: int = 2) -> Iterator[tuple[list[SourceRecord], PreparedOrders]]:
    """Each chunk with its prepared form, in file order; with a pool, `ahead` chunks are prepared meanwhile
    (never more: memory holds a few batches, not the file)."""
    if pool is None:
        for chunk in chunks:
            yield chunk, prepare(chunk)
        return
    pending: deque[tuple[list[SourceRecord], Future[PreparedOrders]]] = deque()
    for chunk in chunks:
        pending.append((chunk, pool.submit(prepare, chunk)))
        if len(pending) > ahead:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def _batch(chunk: list[SourceRecord], prepared: PreparedOrders, result: OrderLoadResult, state: _State,
           out: OrderFiles, spool: IO[bytes], rejects_out: IO[str]) -> None:
    """One online batch (`load._load_batch`), with the graph's answers taken from `state`."""
    del chunk  # the prepared form carries each source record

    def graph_holds(order: str, version: str) -> tuple[int | None, str | None]:
        now = state.current.get(order)
        return (now[0] if now else None), state.hashes.get(version)

    planned = plan_orders(prepared, result, result.load_id, rejects_out, graph_holds)
    if not planned:
        return
    batch = build_order_batch(planned)
    out.batch(batch)
    state.versions += len(batch.orders) + len(batch.history)
    items: dict[str, list[dict[str, Any]]] = {}
    for item in batch.items:
        items.setdefault(item["order_id"], []).append(item)
    parcels: dict[str, list[str]] = {}
    for parcel in batch.parcels:
        parcels.setdefault(parcel["order"], []).append(parcel["tracking_number"])
    for plan in planned:
        state.hashes[f"{order_id(result.operator, plan.record['order_number'])}:{plan.record['sequence']}"] = plan.hash
    for row in batch.orders:
        oid = row["id"]
        before = state.current.get(oid)
        if before is not None:
            state.marks[before[1]] = REPLACED
        state.current[oid] = (row["props"]["sequence"], len(state.marks))
        state.marks.append(CURRENT)
        final = {k: v for k, v in row.items() if k != "version"}  # the version node is written: not its record again
        spool.write(orjson.dumps([final, items.get(oid, []), parcels.get(oid, [])]) + b"\n")


def _second_pass(spool_path: Path, out: OrderFiles, state: _State) -> int:
    """Each order's final node: its props are every version that was current, `SET o += …` in turn."""
    carried: dict[str, dict[str, Any]] = {}
    orders = 0
    with spool_path.open("rb") as spool:
        for ordinal, line in enumerate(spool):
            row, items, parcels = orjson.loads(line)
            oid = row["id"]
            props = carried.pop(oid, {})
            for key, value in row["props"].items():
                if value is None:
                    props.pop(key, None)
                else:
                    props[key] = value
            if state.marks[ordinal] == REPLACED:
                carried[oid] = props
                continue
            out.current_order(row, props, items, parcels)
            orders += 1
    return orders


def bulk_load_orders(server: LocalServer, user: str, password: str, paths: list[Path], *, operator: str,
                     hasher: ContactHasher, state_dir: Path, declarations: list[Path] | None = None,
                     fmt: str = "auto", rejects_path: Path | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                     declaration_batch_size: int = 2000, workers: int = 2, database: str = "neo4j",
                     keep_files: bool = False) -> OrderBulkLoad:
    """Write the CSVs (declarations first), import them into a new database, start, apply the schema, count."""
    check_importable(server, database)  # before the long pass over the input, not after it
    folder = state_dir / "bulk" / time.strftime("%Y%m%dT%H%M%S")
    started = time.perf_counter()
    loaded_at = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    files = BulkFiles(folder)
    declaration_out = DeclarationFiles(files, loaded_at)
    declared = (write_declarations(declarations, declaration_out, state_dir=state_dir, batch_size=declaration_batch_size)
                if declarations else None)
    out = OrderFiles(files, loaded_at, addresses=declaration_out.addresses, countries=declaration_out.countries,
                     located_countries=declaration_out.in_country)
    results, expected = write_order_files(paths, out, operator=operator, hasher=hasher, state_dir=state_dir, fmt=fmt,
                                          rejects_path=rejects_path, batch_size=batch_size, workers=workers)
    out.finish(close=False)
    declaration_out.finish()  # Country (the orders' too) and HSCode nodes, then every file closed
    load = OrderBulkLoad(results, str(folder), expected, declared)
    load.csv_seconds = round(time.perf_counter() - started, 3)
    load.import_seconds = run_import(server, files, database=database).seconds
    started = time.perf_counter()
    server.start(user=user, password=password)
    load.start_seconds = round(time.perf_counter() - started, 3)
    started = time.perf_counter()
    with connect(server.bolt_uri, user, password, database) as graph:
        apply_schema(graph)
        if declared is not None:
            restore_empty_lists(graph)
            declared.counted = count_declarations(graph)
        load.counted = count_orders(graph)
    load.schema_seconds = round(time.perf_counter() - started, 3)
    if load.counted != load.expected or (declared is not None and declared.counted != declared.expected):
        raise EcgraphError(f"the import holds {load.counted}, the input gave {load.expected}: the CSVs are kept "
                           f"in {folder} for inspection")
    if not keep_files:
        shutil.rmtree(folder, ignore_errors=True)
    return load
