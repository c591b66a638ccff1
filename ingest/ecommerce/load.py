"""Load an operator's order feed: stream, validate, hash contacts, batch, write, checkpoint, count.

The mechanics are the declarations' (`ingest.declarations`): the same JSON Lines reader, source records,
checkpoints (byte offset + rejects length, atomically written; `--resume` continues a killed load),
content hash (key order and number spelling do not count) and batching. What differs is the record:
orders are keyed by (operator, order number) and versioned by their amendment `sequence`. A version
already loaded with the same hash is `unchanged`; with a different hash it is a duplicate order number
and is rejected (send it as the next sequence); a higher sequence replaces the current order and keeps
the older one as history (a cancellation is such a version, status `cancelled`); a lower one arriving
late is history only.

Speed (benchmarks/ecommerce.py): batches of 5,000 orders, one read of the versions already stored and one
transaction each; the transaction is one flat `UNWIND` per node or relationship kind (graph.ecommerce);
contacts are hashed once per value; and validation, hashing and redaction of the next batch overlap the
server's work on this one (`run_batches`' prepare stage; one writer thread keeps file order).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.ecommerce import existing_order_versions, write_order_batch
from ecgraph.ingest.declarations.checkpoint import Checkpoint
from ecgraph.ingest.declarations.jsonl import read_jsonl
from ecgraph.ingest.declarations.load import LoadResult, detect_format
from ecgraph.ingest.declarations.map import content_hash
from ecgraph.ingest.declarations.resumable import finish, open_checkpoint, run_batches
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.versions import BatchVersions, VersionDecision
from ecgraph.ingest.ecommerce.contacts import ContactHasher
from ecgraph.ingest.ecommerce.csv_flat import read_orders_csv
from ecgraph.ingest.ecommerce.map import PlannedOrder, build_order_batch, order_id, redact
from ecgraph.ingest.ecommerce.validate import read_order_countries, validate_order
from ecgraph.schemas.errors import SourceError

__all__ = ["DEFAULT_BATCH_SIZE", "OrderLoadResult", "load_orders", "order_conflict", "plan_orders", "prepare_orders",
           "reject_order"]

_WITHHELD = "<withheld>"
_EMAIL_SHAPE = re.compile(r"[^\s\"'<>@,;:{}\[\]]+@[^\s\"'<>@,;:{}\[\]]+")
_PHONE_SHAPE = re.compile(r"(?<![\w+])\+?\d[\d ().\-]*\d(?!\w)")

# Orders per transaction: few, large transactions (one EXISTING read and one commit per batch); 5,000
# orders are ~40 MB of parameters and commit state, well inside the managed server's heap.
DEFAULT_BATCH_SIZE = 5000

SOURCE = "ecommerce"


@dataclass
class OrderLoadResult(LoadResult):
    """A declaration load's result (counts, rejects file, warnings), for one operator's feed."""

    operator: str = ""


def load_orders(graph: Graph, path: Path, *, operator: str, hasher: ContactHasher, state_dir: Path,
                fmt: str = "auto", rejects_path: Path | None = None, resume: bool = False,
                batch_size: int = DEFAULT_BATCH_SIZE, progress: bool = False) -> OrderLoadResult:
    """Load one feed file of `operator`; with `resume`, continue an interrupted load from its checkpoint."""
    if not path.is_file():
        raise SourceError("no such file; give the path of a .jsonl or .csv order feed", source=SOURCE, file=str(path))
    if not operator.strip():
        raise SourceError("--operator is empty; name the e-commerce operator whose feed this is",
                          source=SOURCE, file=str(path))
    fmt = detect_format(path, fmt)
    state_dir = state_dir / "ecommerce"  # checkpoints apart from the declarations'
    cp_file, checkpoint, resumed = open_checkpoint(state_dir, path, resume=resume, rejects_path=rejects_path)
    if resumed:
        result = OrderLoadResult(str(path), fmt, checkpoint.load_id, checkpoint.rejects_path,
                                 resumed_from_line=checkpoint.line, counts=dict(checkpoint.counts), operator=operator)
    else:
        result = OrderLoadResult(str(path), fmt, checkpoint.load_id, checkpoint.rejects_path, operator=operator)
    reader = read_jsonl if fmt == "jsonl" else read_orders_csv
    records = reader(path, start_offset=checkpoint.offset, start_line=checkpoint.line)
    result.seconds = run_batches(
        graph, path, records, cp_file=cp_file, checkpoint=checkpoint, counts=result.counts, batch_size=batch_size,
        progress=progress, unit="orders",
        event="order_load", prepare=lambda chunk: prepare_orders(chunk, operator, hasher),
        load_batch=lambda chunk, prepared, rejects_out: _load_batch(graph, prepared, result, checkpoint, rejects_out))
    finish(cp_file, checkpoint, result.counts["rejected"])
    return result


@dataclass
class PreparedOrders:
    """One batch after the client's work: the invalid records with their reasons, the valid ones with
    their content hash and their redacted form (contacts already hashed). Nothing shared is touched."""

    invalid: list[tuple[SourceRecord, list[str]]]
    valid: list[tuple[SourceRecord, dict[str, Any], str, dict[str, Any], dict[str, list[dict[str, str]]]]]
    notes: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, notes) of countries kept as text


def prepare_orders(chunk: list[SourceRecord], operator: str, hasher: ContactHasher) -> PreparedOrders:
    prepared = PreparedOrders([], [])
    for source in chunk:
        notes = [] if source.reasons else read_order_countries(source.record)
        reasons = source.reasons or validate_order(source.record, operator)
        if reasons:
            prepared.invalid.append((source, reasons))
            continue
        if notes:
            prepared.notes.append((source.line, notes))
        assert source.record is not None
        redacted, contacts = redact(source.record, hasher)
        prepared.valid.append((source, source.record, content_hash(source.record), redacted, contacts))
    return prepared


def _load_batch(graph: Graph, prepared: PreparedOrders, result: OrderLoadResult, checkpoint: Checkpoint,
                rejects_out: IO[str]) -> None:
    """Decide each valid order's fate against the graph and write the batch (writer thread)."""
    keys = [{"order": order_id(result.operator, r["order_number"]), "id": _version_id(result.operator, r)}
            for _, r, _, _, _ in prepared.valid]
    known = existing_order_versions(graph, keys) if keys else {}
    planned = plan_orders(prepared, result, checkpoint.load_id,
                          lambda source, reasons: reject_order(rejects_out, result.file, source, reasons),
                          lambda _order, version: known.get(version, (None, None)))
    rejects_out.flush()
    os.fsync(rejects_out.fileno())
    if planned:
        write_order_batch(graph, build_order_batch(planned))


def plan_orders(prepared: PreparedOrders, result: OrderLoadResult, load_id: str,
                reject: Callable[[SourceRecord, list[str]], None],
                graph_holds: Callable[[str, str], tuple[int | None, str | None]]) -> list[PlannedOrder]:
    """Reject the invalid, keep the notes, and decide each valid order version against what the graph holds
    (`graph_holds(order id, version id)`: the order's current sequence and this version's stored hash). The
    online load asks the graph, the bulk import its own record of what it wrote, so both decide alike.
    `reject(source, reasons)` is called in the order the rejects file lists them."""
    counts, operator = result.counts, result.operator
    for source, reasons in prepared.invalid:
        reject(source, reasons)
        counts["rejected"] += 1
    for line, notes in prepared.notes:
        result.warn(line, notes)
    planned: list[PlannedOrder] = []
    versions: BatchVersions[PlannedOrder] = BatchVersions()
    for source, record, digest, redacted, contacts in prepared.valid:
        oid, sequence = order_id(operator, record["order_number"]), record["sequence"]
        current, version_hash = graph_holds(oid, _version_id(operator, record))
        decision = versions.take(oid, sequence, digest, current, version_hash, counts)
        if decision.counter == "conflict":
            reject(source, [order_conflict(record["order_number"], sequence, decision)])
        if decision.action is None:
            continue
        plan = PlannedOrder(redacted, digest, decision.action, operator, result.file, source.line, load_id, contacts)
        planned.append(plan)
        versions.planned(oid, sequence, digest, plan)
    return planned


def order_conflict(number: str, sequence: int, decision: VersionDecision) -> str:
    """The reject reason of an order version loaded before with other content."""
    return (f"duplicate order: {number} sequence {sequence} was already loaded with different content; "
            f"send the change as sequence {decision.next_version} with status changed or cancelled")


def _version_id(operator: str, record: dict[str, Any]) -> str:
    return f"{order_id(operator, record['order_number'])}:{record['sequence']}"


def reject_order(out: IO[str], file: str, source: SourceRecord, reasons: list[str]) -> None:
    """One JSON line per rejected order; phone and e-mail never reach the rejects file in clear."""
    number = source.record.get("order_number") if isinstance(source.record, dict) else None
    raw = source.raw.decode("utf-8", "replace") if isinstance(source.raw, bytes) else source.raw
    entry = {"file": file, "line": source.line, "order_number": number, "reasons": reasons,
             "raw": _mask_contacts(raw)}
    out.write(json.dumps(entry, ensure_ascii=False) + "\n")


def _mask_contacts(raw: Any) -> Any:
    """A rejected order as the rejects file keeps it: every field as sent, so it can be mended and sent
    again, except phones and e-mails. A line that is not JSON keeps its text with anything shaped like an
    e-mail or a phone number (9 digits or more) withheld."""
    if isinstance(raw, str):
        try:
            parsed = json.loads(raw)
        except ValueError:
            return _mask_text(raw)
        return _mask_fields(parsed)
    return _mask_fields(raw)


def _mask_fields(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (_WITHHELD if (k in ("phone", "email") or k.endswith(("_phone", "_email"))) and v else
                    _mask_fields(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_fields(v) for v in value]
    return value


def _mask_text(text: str) -> str:
    text = _EMAIL_SHAPE.sub(_WITHHELD, text)
    return _PHONE_SHAPE.sub(lambda m: _WITHHELD if sum(c.isdigit() for c in m.group()) >= 9 else m.group(), text)
