"""The bulk declarations pass on several cores: each worker reads its own part of a file and writes its own CSVs.

A file is cut into parts at batch boundaries (`json_lines.split_feed`; a CSV file, or a small one, is one
part; several files are parts of their own), so that every part holds whole online batches. Three steps,
only the middle one in order:

1. `prepare_part` (a worker per part): read, read country names, validate and hash each record, and hand
   back only what deciding needs, per batch: each valid record's line, number, version and content hash,
   the invalid records with their reasons, and the country notes.
2. The caller (`bulk.py`) decides every version in file order, as the online load would batch after
   batch (an amendment may lie in any part), and tells each part what each line became.
3. `write_part` (a worker per part): read the part again, build each batch's rows (`build_batch`, the
   online loader's own) and write its version nodes and the final nodes of declarations whose current
   versions all lie in this part; what is first-writer-wins or last-writer-wins across parts (parties,
   addresses, declarations current in several batches) comes back for the caller to merge in part order.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from ecgraph.graph.bulk_declarations import DeclarationFiles
from ecgraph.graph.bulk_import import BulkFiles
from ecgraph.graph.declarations import DeclarationBatch
from ecgraph.ingest.declarations.csv_flat import read_csv
from ecgraph.ingest.declarations.jsonl import read_jsonl
from ecgraph.ingest.declarations.map import Planned, build_batch, content_hash
from ecgraph.ingest.declarations.resumable import batches
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.validate import (
    read_country_fields,
    read_exception_claim,
    validate_declaration,
)
from ecgraph.ingest.json_lines import FilePart
from ecgraph.schemas.private_files import private_folder

__all__ = ["BatchKeys", "FilePart", "PartDecisions", "PartWritten", "Parties", "fold_batch", "fold_parties",
           "prepare_part", "read_part", "write_part"]

SPOOL = "prepared.jsonl"  # step 1's valid records, a batch per line, for step 3 (read once, not parsed twice)
CURRENT, REPLACED = 1, 2  # what a record became: the current version, or current once and replaced later



@dataclass
class BatchKeys:
    """One batch as deciding sees it, in record order: valid (line, number, version, hash, start offset); the
    invalid ones by position (the record as read, its reasons); the country notes of valid ones by position."""

    valid: list[tuple[int, str, Any, str, int] | None]
    invalid: dict[int, tuple[SourceRecord, list[str]]]
    notes: dict[int, list[str]]


@dataclass
class PartDecisions:
    """Per batch of a part: line -> (action, hash) of each record to write; `marks`: CURRENT / REPLACED / 0 per
    record of the part; `shared`: declarations current in more than one batch (their final node is the caller's)."""

    batches: list[dict[int, tuple[str, str]]]
    sizes: list[int]  # records per batch, valid or not
    marks: bytes
    shared: frozenset[str]
    file: str
    load_id: str
    loaded_at: str
    batch_size: int


@dataclass
class Parties:
    """Parties and addresses as WRITE_PARTIES / WRITE_ADDRESSES leave them after a run of batches."""

    parties: dict[str, dict[str, Any]] = field(default_factory=dict)
    addresses: dict[str, dict[str, Any]] = field(default_factory=dict)
    located: dict[str, dict[str, None]] = field(default_factory=dict)  # address id -> party keys, in order


@dataclass
class PartWritten:
    files: BulkFiles
    countries: set[str]
    hs_codes: set[str]
    parties: Parties
    declarations: int  # Declaration nodes the part wrote itself
    items: int  # their goods items
    shared: list[dict[str, Any]] = field(default_factory=list)  # rows of `shared` declarations, in record order


def read_part(part: FilePart) -> Iterator[SourceRecord]:
    return part.records(read_jsonl if part.fmt == "jsonl" else read_csv)


def prepare_part(part: FilePart, batch_size: int) -> list[BatchKeys]:
    """Step 1: read country names, validate and hash each record of the part (`bulk._decide` reads the keys);
    the valid records, as read, go to the part's spool for step 3 (one line per batch)."""
    private_folder(part.folder)  # the spool holds the declarations
    keys: list[BatchKeys] = []
    start = part.start_offset
    with (part.folder / SPOOL).open("wb") as spool:
        for chunk in batches(read_part(part), batch_size):
            batch = BatchKeys([], {}, {})
            valid: list[tuple[int, int, dict[str, Any]]] = []  # position, line, record
            for position, source in enumerate(chunk):
                record_start, start = start, source.end_offset
                notes = [] if source.reasons else read_country_fields(source.record)
                if not source.reasons:
                    read_exception_claim(source.record)  # as the online load reads it
                reasons = source.reasons or validate_declaration(source.record)
                if reasons:
                    batch.valid.append(None)
                    batch.invalid[position] = (source, reasons)
                    continue
                if notes:
                    batch.notes[position] = notes
                record = source.record
                assert record is not None
                batch.valid.append((source.line, record["declaration_number"], record["version"],
                                    content_hash(record), record_start))
                valid.append((position, source.line, record))
            spool.write(orjson.dumps(valid) + b"\n")
            keys.append(batch)
            gc.freeze()  # the keys kept are no garbage: never scan them again
    return keys


def write_part(part: FilePart, decided: PartDecisions) -> PartWritten:
    """Step 3: the part's rows as decided; what crosses parts comes back for the caller to merge."""
    out = DeclarationFiles(BulkFiles(part.folder), decided.loaded_at)
    written = PartWritten(out.files, out.countries, out.hs_codes, Parties(), 0, 0)
    first = 0  # the part's ordinal of the batch's first record
    with (part.folder / SPOOL).open("rb") as spool:
        for spooled, actions, size in zip(spool, decided.batches, decided.sizes, strict=True):
            if actions:
                _write_batch(orjson.loads(spooled), actions, decided, out, written, first)
            first += size
    (part.folder / SPOOL).unlink()
    out.files.close()
    return written


def _write_batch(valid: list[tuple[int, int, dict[str, Any]]], actions: dict[int, tuple[str, str]],
                 decided: PartDecisions, out: DeclarationFiles, written: PartWritten, first: int) -> None:
    """One batch of the part as its transaction would write it (`valid`: position, line, record as step 1 read it)."""
    planned: list[tuple[Planned, int]] = []
    for position, line, record in valid:
        decision = actions.get(line)
        if decision is not None:
            planned.append((Planned(record, decision[1], decision[0], decided.file, line, decided.load_id),
                            first + position))
    if not planned:
        return
    batch = build_batch([plan for plan, _ in planned])
    fold_batch(batch, written.parties)
    for row in batch.declarations:
        out.version(row["number"], row["date"], row["version"])
        out.merged_nodes(row)
    for row in batch.history:
        out.version(row["number"], row["date"], row["version"])
    rows = iter(batch.declarations)  # one per planned record that is not history, in order
    for plan, here in planned:
        if plan.action == "history":
            continue
        row = next(rows)
        if row["number"] in decided.shared:
            written.shared.append(row)
        elif decided.marks[here] == CURRENT:
            out.declaration(row, {k: v for k, v in row["props"].items() if v is not None})
            written.declarations += 1
            written.items += len(row["items"])
    gc.freeze()  # what the part keeps (its parties and sets) is no garbage: never scan it again


def fold_batch(batch: DeclarationBatch, into: Parties) -> None:
    """What one batch's WRITE_PARTIES (property by property) and WRITE_ADDRESSES (ON CREATE only, one
    LOCATED_AT per party and address) leave in the graph."""
    written = Parties({row["key"]: {"name": row["names"][0], **row} for row in batch.parties})
    for row in batch.addresses:
        written.addresses.setdefault(row["id"], row)
        written.located.setdefault(row["id"], {})[row["key"]] = None
    fold_parties(into, written)


def fold_parties(into: Parties, later: Parties) -> None:
    """Merge parties written later into `into`: names in order of first sight, the earliest first_seen, the
    first country / corporate number / Latin name given, the latest normalised name; an address as first
    written. The merge is associative, so parts folded on their own and then in order give one fold."""
    for key, row in later.parties.items():
        party = into.parties.get(key)
        if party is None:
            party = into.parties[key] = {"name": row["name"], "names": [], "first_seen": row["first_seen"],
                                         "country": None, "corp_no": None, "name_latin": None}
        party["names"] += [name for name in row["names"] if name not in party["names"]]
        party["first_seen"] = min(party["first_seen"], row["first_seen"])
        for name in ("country", "corp_no", "name_latin"):
            party[name] = party[name] if party[name] is not None else row[name]
        party["name_norm"] = row["name_norm"]
    for address_id, address in later.addresses.items():
        into.addresses.setdefault(address_id, address)
    for address_id, keys in later.located.items():
        into.located.setdefault(address_id, {}).update(keys)
