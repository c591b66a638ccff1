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
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from neo4j.exceptions import ServiceUnavailable, SessionExpired
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TransferSpeedColumn

from ecgraph.graph.connection import Graph
from ecgraph.graph.declarations import existing_versions, write_batch
from ecgraph.ingest.declarations.checkpoint import (
    Checkpoint,
    checkpoint_path,
    file_prefix_hash,
    read_checkpoint,
    write_checkpoint,
)
from ecgraph.ingest.declarations.csv_flat import read_csv
from ecgraph.ingest.declarations.jsonl import read_jsonl
from ecgraph.ingest.declarations.map import Planned, build_batch, content_hash
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.validate import (
    read_country_fields,
    read_exception_claim,
    validate_declaration,
)
from ecgraph.schemas.errors import DatabaseUnavailable, SourceError

__all__ = ["LoadResult", "detect_format", "load_file"]

COUNT_NAMES = ("loaded", "amended", "unchanged", "history", "rejected")


@dataclass
class LoadResult:
    file: str
    format: str
    load_id: str
    rejects_path: str
    resumed_from_line: int | None = None
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_NAMES, 0))

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
    cp_file = checkpoint_path(state_dir, path)
    checkpoint = read_checkpoint(cp_file, path) if resume else None
    if checkpoint is None:
        load_id = uuid.uuid4().hex[:12]
        rejects = rejects_path or state_dir / "rejects" / f"{path.name}.{load_id}.rejects.jsonl"
        # a rejects file given for several inputs (or runs) is appended to, never truncated
        kept = rejects.stat().st_size if rejects.exists() else 0
        checkpoint = Checkpoint(str(path.resolve()), load_id, 0, 1, str(rejects), kept, file_prefix_hash(path),
                                dict.fromkeys(COUNT_NAMES, 0))
        result = LoadResult(str(path), fmt, load_id, str(rejects))
    else:
        result = LoadResult(str(path), fmt, checkpoint.load_id, checkpoint.rejects_path,
                            resumed_from_line=checkpoint.line, counts=dict(checkpoint.counts))
    rejects_file = Path(checkpoint.rejects_path)
    rejects_file.parent.mkdir(parents=True, exist_ok=True)
    with rejects_file.open("ab") as fh:  # drop rejects of a batch that never committed
        fh.truncate(checkpoint.rejects_size)
    reader = read_jsonl if fmt == "jsonl" else read_csv
    records = reader(path, start_offset=checkpoint.offset, start_line=checkpoint.line)
    started = time.perf_counter()
    with _progress(progress) as bar, rejects_file.open("a", encoding="utf-8") as rejects_out:
        task = bar.add_task(path.name, total=path.stat().st_size, completed=checkpoint.offset, rate="")
        done = 0
        for chunk in _batches(records, batch_size):
            try:
                _load_batch(graph, chunk, result, checkpoint, rejects_out)
            except (ServiceUnavailable, SessionExpired) as exc:
                raise DatabaseUnavailable(
                    graph.uri, f"{type(exc).__name__} at line {chunk[0].line} of {path}; everything before "
                    f"line {checkpoint.line} is committed: run the same command with --resume"
                ) from exc
            checkpoint.offset = chunk[-1].end_offset
            checkpoint.line = chunk[-1].next_line
            checkpoint.rejects_size = rejects_out.tell()
            checkpoint.counts = dict(result.counts)
            write_checkpoint(cp_file, checkpoint)
            done += len(chunk)
            rate = done / max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=checkpoint.offset, rate=f"{rate:,.0f} decl/s")
    result.seconds = round(time.perf_counter() - started, 3)
    cp_file.unlink(missing_ok=True)
    if result.counts["rejected"] == 0 and rejects_file.stat().st_size == 0:
        rejects_file.unlink()
    return result


def _batches(records: Iterable[SourceRecord], size: int) -> Iterator[list[SourceRecord]]:
    chunk: list[SourceRecord] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _load_batch(graph: Graph, chunk: list[SourceRecord], result: LoadResult, checkpoint: Checkpoint,
                rejects_out: IO[str]) -> None:
    counts = result.counts
    valid: list[tuple[SourceRecord, dict[str, Any], str]] = []  # (source, its record, content hash)
    for source in chunk:
        if not source.reasons:
            read_country_fields(source.record)  # `Russia` -> RU before the schema asks for a code
            read_exception_claim(source.record)  # `yes` / `少額特例` -> true
        reasons = source.reasons or validate_declaration(source.record)
        if reasons:
            _reject(rejects_out, result.file, source, reasons)
            counts["rejected"] += 1
        else:
            assert source.record is not None
            valid.append((source, source.record, content_hash(source.record)))
    keys = [{"number": record["declaration_number"], "id": _version_id(record)} for _, record, _ in valid]
    known = existing_versions(graph, keys) if keys else {}
    planned: list[Planned] = []
    seen: dict[str, tuple[int, str, Planned | None]] = {}  # number -> (version, hash, plan) within this batch
    for source, record, digest in valid:
        number, version = record["declaration_number"], record["version"]
        current, version_hash = known.get(_version_id(record), (None, None))
        earlier = seen.get(number)
        if earlier is not None:  # the same declaration twice in one batch: versions apply in order
            if earlier[0] == version and version_hash is None:
                version_hash = earlier[1]
            current = max(current or 0, earlier[0])
        if version_hash == digest:
            counts["unchanged"] += 1
            continue
        if version_hash is not None:
            reason = (f"declaration {number} version {version} was already loaded with different content; "
                      f"send the change as an amendment with version {(current or 0) + 1}")
            _reject(rejects_out, result.file, source, [reason])
            counts["rejected"] += 1
            continue
        if current is None:
            action, counter = "new", "loaded"
        elif version > current:
            action, counter = "replace", "amended"
            if earlier is not None and earlier[2] is not None and earlier[2].action != "history":
                action = earlier[2].action  # still new (or still replacing) in the graph
                earlier[2].action = "history"
        else:
            action, counter = "history", "history"
        counts[counter] += 1
        plan = Planned(record, digest, action, result.file, source.line, checkpoint.load_id)
        planned.append(plan)
        if earlier is None or version > earlier[0]:
            seen[number] = (version, digest, plan)
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


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
        TransferSpeedColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True, disable=not enabled,
    )
