"""The bulk order pass on several cores: each worker reads its own part of a feed and writes its own CSVs.

A feed is cut into parts at batch boundaries (`split_feed`: byte offsets of JSON Lines, found by one
scan; a CSV feed, or a small one, is one part; several files are parts of their own), so that every part
holds whole online batches. Three steps, only the middle one in order:

1. `prepare_part` (a worker per part): read, validate, hash and redact each record (the online loader's
   `prepare_orders`), spool the prepared batches to the part's own file, and hand back only what deciding
   needs: per batch each valid record's line, order number, sequence and content hash, the invalid lines
   with their reasons, and the country notes.
2. The caller decides every version in file order with the shared `plan_orders` (the online load's own
   decisions: an order's amendments may lie in any part), and tells each part which lines to write as
   what, and which rejects to write.
3. `write_part` (a worker per part): build each batch's rows (`build_order_batch`) and write the part's
   version nodes, rejects and the final nodes of orders whose current versions all lie in this part;
   everything that is first-writer-wins or last-writer-wins across parts (accounts, addresses, contacts,
   parcels, their links, and orders current in several parts) comes back in part order for the caller
   to merge (`OrderFiles.merge`).
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ecgraph.graph.bulk_ecommerce import OrderFiles, SharedRows
from ecgraph.graph.bulk_import import BulkFiles
from ecgraph.ingest.declarations.jsonl import read_jsonl
from ecgraph.ingest.declarations.resumable import batches
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.ecommerce.contacts import ContactHasher
from ecgraph.ingest.ecommerce.csv_flat import read_orders_csv
from ecgraph.ingest.ecommerce.load import prepare_orders, reject_order
from ecgraph.ingest.ecommerce.map import PlannedOrder, build_order_batch
from ecgraph.ingest.json_lines import FilePart, split_feed
from ecgraph.schemas.private_files import open_private, private_folder

__all__ = ["BatchKeys", "FilePart", "PartDecisions", "PartWritten", "prepare_part", "split_feed", "write_part"]


@dataclass
class BatchKeys:
    """One batch as deciding sees it: valid (line, order number, sequence, hash), invalid (line, reasons)."""

    valid: list[tuple[int, str, int, str]]
    invalid: list[tuple[int, list[str]]]
    notes: list[tuple[int, list[str]]]


@dataclass
class PartDecisions:
    """Per batch of a part: the action of each line to write (`new`, `replace`, `history`) and the rejects
    in the order the online load writes them; `shared`: orders current in this part and another."""

    batches: list[tuple[dict[int, str], list[tuple[int, list[str]]]]]
    shared: frozenset[str]
    operator: str
    file: str
    load_id: str
    loaded_at: str


@dataclass
class PartWritten:
    files: BulkFiles
    shared: SharedRows
    rejects: Path
    orders: int  # Order nodes written by the part itself
    current: list[bytes] = field(default_factory=list)  # spooled rows of orders current in several parts


def _records(part: FilePart) -> Iterator[SourceRecord]:
    return part.records(read_jsonl if part.fmt == "jsonl" else read_orders_csv)


def prepare_part(part: FilePart, operator: str, hasher: ContactHasher, batch_size: int) -> list[BatchKeys]:
    """Step 1: validate, hash and redact the part's records; the prepared batches go to its spool."""
    private_folder(part.folder)  # the spool holds the orders (contacts hashed, names plain)
    keys: list[BatchKeys] = []
    start = (part.start_offset, part.start_line)
    with (part.folder / "prepared.spool").open("wb") as spool:
        for chunk in batches(_records(part), batch_size):
            starts: dict[int, tuple[int, int]] = {}
            for source in chunk:  # where each record can be read again (a conflict's reject quotes it)
                starts[source.line], start = start, (source.end_offset, source.next_line)
            prepared = prepare_orders(chunk, operator, hasher)
            valid = [(s.line, starts[s.line], redacted, digest, contacts)
                     for s, _, digest, redacted, contacts in prepared.valid]
            pickle.dump((valid, prepared.invalid), spool, protocol=pickle.HIGHEST_PROTOCOL)
            keys.append(BatchKeys([(s.line, r["order_number"], r["sequence"], digest)
                                   for s, r, digest, _, _ in prepared.valid],
                                  [(s.line, reasons) for s, reasons in prepared.invalid], prepared.notes))
            gc.freeze()  # the keys kept are no garbage: never scan them again
    return keys


def write_part(part: FilePart, decided: PartDecisions) -> PartWritten:
    """Step 3: the part's rows as decided; what crosses parts comes back for the caller to merge."""
    out = OrderFiles(BulkFiles(part.folder / "csv"), decided.loaded_at, defer_shared=True)
    rejects_path = part.folder / "rejects.jsonl"
    written = PartWritten(out.files, out.shared, rejects_path, 0)
    finals: dict[str, int] = {}  # order id -> ordinal of its last current row in this part
    with ((part.folder / "prepared.spool").open("rb") as spool,
          (part.folder / "current.spool").open("wb") as current,
          open_private(rejects_path, "w") as rejects_out):
        ordinal = 0
        for actions, rejects in decided.batches:
            valid, invalid = pickle.load(spool)
            if rejects:
                _write_rejects(part, decided.file, rejects, valid, invalid, rejects_out)
            planned = [PlannedOrder(redacted, digest, actions[line], decided.operator, decided.file, line,
                                    decided.load_id, contacts)
                       for line, _, redacted, digest, contacts in valid if line in actions]
            if not planned:
                continue
            batch = build_order_batch(planned)
            out.batch(batch)
            gc.freeze()  # what the part keeps (`out`'s rows and sets) is no garbage: never scan it again
            items: dict[str, list[dict[str, Any]]] = {}
            for item in batch.items:
                items.setdefault(item["order_id"], []).append(item)
            parcels: dict[str, list[str]] = {}
            for parcel in batch.parcels:
                parcels.setdefault(parcel["order"], []).append(parcel["tracking_number"])
            for row in batch.orders:
                oid = row["id"]
                final = {k: v for k, v in row.items() if k != "version"}  # the version node is written already
                line = orjson.dumps([final, items.get(oid, []), parcels.get(oid, [])])
                if oid in decided.shared:
                    written.current.append(line)
                    continue
                finals[oid] = ordinal
                current.write(line + b"\n")
                ordinal += 1
    written.orders = _final_orders(part.folder / "current.spool", out, finals)
    out.files.close()
    (part.folder / "prepared.spool").unlink()
    (part.folder / "current.spool").unlink()
    return written


def _write_rejects(part: FilePart, file: str, rejects: list[tuple[int, list[str]]],
                   valid: list[tuple[int, tuple[int, int], Any, str, Any]],
                   invalid: list[tuple[SourceRecord, list[str]]], rejects_out: Any) -> None:
    unread = {source.line: source for source, _ in invalid}
    starts = {line: start for line, start, _, _, _ in valid}
    for line, reasons in rejects:
        source = unread.get(line)
        if source is None:  # a valid record rejected as a conflict: read it again, as it was sent
            offset, first = starts[line]
            source = next(_records(part.read_from(offset, first)))
        reject_order(rejects_out, file, source, reasons)


def _final_orders(spool_path: Path, out: OrderFiles, finals: dict[str, int]) -> int:
    """Each order's final node: its props are every version that was current, `SET o += …` in turn."""
    carried: dict[str, dict[str, Any]] = {}
    orders = 0
    with spool_path.open("rb") as spool:
        for ordinal, line in enumerate(spool):
            row, items, parcels = orjson.loads(line)
            props = fold_props(carried.pop(row["id"], {}), row["props"])
            if finals[row["id"]] != ordinal:
                carried[row["id"]] = props
                continue
            out.current_order(row, props, items, parcels)
            orders += 1
    return orders


def fold_props(props: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """`SET o += update` on props: a null removes the property."""
    for key, value in update.items():
        if value is None:
            props.pop(key, None)
        else:
            props[key] = value
    return props
