"""Load declaration files into the graph: stream, validate, batch, write, checkpoint, count.

Per batch: read → validate every record (all reasons) → look up which versions the graph already
has → classify each declaration (new / replace / unchanged / history / conflict) → rejects to the
rejects file → write the batch in one transaction → checkpoint. Memory holds one batch at a time.

Idempotency: a declaration's content hash is stored on its version; the same number, version and
hash again is `unchanged` and writes nothing. Amendments: a higher version replaces the current
links and items and the older version stays as history; an older version that arrives late is kept
as history only; the same version with different content is a conflict and is rejected.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.declarations import existing_versions, write_batch
from ecgraph.ingest.declarations.checkpoint import (
    Checkpoint,
)
from ecgraph.ingest.declarations.csv_flat import read_csv
from ecgraph.ingest.declarations.jsonl import read_jsonl
from ecgraph.ingest.declarations.map import Planned, build_batch, content_hash
from ecgraph.ingest.declarations.resumable import finish, open_checkpoint, run_batches
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.validate import (
    read_country_fields,
    read_exception_claim,
    validate_declaration,
)
from ecgraph.ingest.declarations.versions import COUNT_NAMES, BatchVersions, declaration_conflict
from ecgraph.schemas.errors import SourceError

__all__ = ["LoadResult", "detect_format", "load_file"]

MAX_WARNINGS = 1000


@dataclass
class LoadResult:
    file: str
    format: str
    load_id: str
    rejects_path: str
    resumed_from_line: int | None = None
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_NAMES, 0))
    # what loaded but was read with a reservation (a country text naming no country, or several), each
    # `file:line: field: …`; the first MAX_WARNINGS are kept, `warned` counts them all
    warnings: list[str] = field(default_factory=list)
    warned: int = 0

    def warn(self, line: int, notes: list[str]) -> None:
        """Report `notes` about the record at `line` of this file (a record that loaded)."""
        self.warned += len(notes)
        room = MAX_WARNINGS - len(self.warnings)
        self.warnings.extend(f"{self.file}:{line}: {note}" for note in notes[:max(0, room)])

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), **self.counts}


def detect_format(path: Path, fmt: str = "auto") -> str:
    if fmt in ("jsonl", "csv"):
        return fmt
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    with path.open("rb") as fh:
        head = fh.read(64).lstrip()
    return "jsonl" if head.startswith(b"{") else "csv"


def load_file(
    graph: Graph, path: Path, *, state_dir: Path, fmt: str = "auto", rejects_path: Path | None = None,
    resume: bool = False, batch_size: int = 2000, progress: bool = False,
) -> LoadResult:
    """Load one file; with `resume`, continue an interrupted load of the same file from its checkpoint."""
    if not path.is_file():
        raise SourceError("no such file; give the path of a .jsonl or .csv declarations file",
                          source="declarations", file=str(path))
    fmt = detect_format(path, fmt)
    cp_file, checkpoint, resumed = open_checkpoint(state_dir, path, resume=resume, rejects_path=rejects_path)
    if resumed:
        result = LoadResult(str(path), fmt, checkpoint.load_id, checkpoint.rejects_path,
                            resumed_from_line=checkpoint.line, counts=dict(checkpoint.counts))
    else:
        result = LoadResult(str(path), fmt, checkpoint.load_id, checkpoint.rejects_path)
    reader = read_jsonl if fmt == "jsonl" else read_csv
    records = reader(path, start_offset=checkpoint.offset, start_line=checkpoint.line)
    result.seconds = run_batches(
        graph, path, records, cp_file=cp_file, checkpoint=checkpoint, counts=result.counts, batch_size=batch_size,
        progress=progress, unit="decl",
        event="declaration_load", prepare=lambda chunk: None,
        load_batch=lambda chunk, _, rejects_out: _load_batch(graph, chunk, result, checkpoint, rejects_out))
    finish(cp_file, checkpoint, result.counts["rejected"])
    return result


def _load_batch(graph: Graph, chunk: list[SourceRecord], result: LoadResult, checkpoint: Checkpoint,
                rejects_out: IO[str]) -> None:
    counts = result.counts
    valid: list[tuple[SourceRecord, dict[str, Any], str]] = []  # (source, its record, content hash)
    for source in chunk:
        # `Russia` -> RU before the schema asks for a code; `Atlantis` is kept as text and reported
        notes = [] if source.reasons else read_country_fields(source.record)
        if not source.reasons:
            read_exception_claim(source.record)  # `yes` / `少額特例` -> true
        reasons = source.reasons or validate_declaration(source.record)
        if reasons:
            _reject(rejects_out, result.file, source, reasons)
            counts["rejected"] += 1
        else:
            result.warn(source.line, notes)
            assert source.record is not None
            valid.append((source, source.record, content_hash(source.record)))
    keys = [{"number": record["declaration_number"], "id": _version_id(record)} for _, record, _ in valid]
    known = existing_versions(graph, keys) if keys else {}
    planned: list[Planned] = []
    versions: BatchVersions[Planned] = BatchVersions()
    for source, record, digest in valid:
        number, version = record["declaration_number"], record["version"]
        current, version_hash = known.get(_version_id(record), (None, None))
        decision = versions.take(number, version, digest, current, version_hash, counts)
        if decision.counter == "conflict":
            _reject(rejects_out, result.file, source, [declaration_conflict(number, version, decision)])
        if decision.action is None:
            continue
        plan = Planned(record, digest, decision.action, result.file, source.line, checkpoint.load_id)
        planned.append(plan)
        versions.planned(number, version, digest, plan)
    rejects_out.flush()
    os.fsync(rejects_out.fileno())
    if planned:
        write_batch(graph, build_batch(planned))


def _version_id(record: dict[str, Any]) -> str:
    return f"{record['declaration_number']}:{record['version']}"


def _reject(out: IO[str], file: str, source: SourceRecord, reasons: list[str]) -> None:
    number = source.record.get("declaration_number") if source.record else None
    raw = source.raw.decode("utf-8", "replace") if isinstance(source.raw, bytes) else source.raw
    entry = {"file": file, "line": source.line, "declaration_number": number, "reasons": reasons, "raw": raw}
    out.write(json.dumps(entry, ensure_ascii=False) + "\n")
