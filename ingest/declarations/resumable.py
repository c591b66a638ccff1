"""The resumable loop that declaration and e-commerce loads share: checkpoint, rejects file, batches, progress.

`open_checkpoint` continues an interrupted load (with `resume` and a checkpoint) or starts one, and cuts
the rejects file back to what the last committed batch left. `run_batches` loads batch after batch and
writes the checkpoint after each commit; a lost server becomes `DatabaseUnavailable` telling the user to
run the same command with `--resume`. `finish` removes the checkpoint and an empty rejects file.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, TypeVar

from neo4j.exceptions import ServiceUnavailable, SessionExpired
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TransferSpeedColumn

from ecgraph.graph.connection import Graph
from ecgraph.ingest.declarations.checkpoint import (
    Checkpoint,
    checkpoint_path,
    file_prefix_hash,
    read_checkpoint,
    write_checkpoint,
)
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.versions import COUNT_NAMES
from ecgraph.schemas.errors import DatabaseUnavailable
from ecgraph.schemas.logs import get_logger, logged_run
from ecgraph.schemas.private_files import open_private

__all__ = ["batches", "finish", "open_checkpoint", "progress_bar", "run_batches"]

PreparedT = TypeVar("PreparedT")

_LOGGER = "ecgraph.ingest.load"  # looked up per run: a module-level logger would keep the config of import time


def open_checkpoint(state_dir: Path, path: Path, *, resume: bool,
                    rejects_path: Path | None) -> tuple[Path, Checkpoint, bool]:
    """(checkpoint file, checkpoint, resumed?); the rejects file exists, cut to its committed length."""
    cp_file = checkpoint_path(state_dir, path)
    checkpoint = read_checkpoint(cp_file, path) if resume else None
    resumed = checkpoint is not None
    if checkpoint is None:
        load_id = uuid.uuid4().hex[:12]
        rejects = rejects_path or state_dir / "rejects" / f"{path.name}.{load_id}.rejects.jsonl"
        # a rejects file given for several inputs (or runs) is appended to, never truncated
        kept = rejects.stat().st_size if rejects.exists() else 0
        checkpoint = Checkpoint(str(path.resolve()), load_id, 0, 1, str(rejects), kept, file_prefix_hash(path),
                                dict.fromkeys(COUNT_NAMES, 0))
    with open_private(Path(checkpoint.rejects_path)) as fh:  # drop rejects of a batch that never committed
        fh.truncate(checkpoint.rejects_size)
    return cp_file, checkpoint, resumed


def run_batches(graph: Graph, path: Path, records: Iterable[SourceRecord], *, cp_file: Path,
                checkpoint: Checkpoint, counts: dict[str, int], batch_size: int, progress: bool, unit: str,
                prepare: Callable[[list[SourceRecord]], PreparedT],
                load_batch: Callable[[list[SourceRecord], PreparedT, IO[str]], None], event: str) -> float:
    """Load every batch, checkpointing after each commit; returns the seconds taken. Logs `<event>.start`,
    `.done` or `.failed` with the load id as run id, the file, the counts and the duration.

    Two stages: this thread reads and `prepare`s batch N+1 (validation, hashing: no graph, nothing
    shared) while one writer thread runs `load_batch` on batch N and writes its checkpoint, so the client's
    CPU work and the server's overlap. The writer takes batches in file order and alone touches the graph,
    the rejects file, the counts and the checkpoint, so the checkpoint still names the last committed batch.
    """
    started = time.perf_counter()
    with (logged_run(get_logger(_LOGGER), event, checkpoint.load_id, file=str(path), from_line=checkpoint.line) as logged,
          progress_bar(progress) as bar, open_private(Path(checkpoint.rejects_path)) as rejects_out,
          ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"ecgraph-{event}-writer") as writer):
        task = bar.add_task(path.name, total=path.stat().st_size, completed=checkpoint.offset, rate="")
        done = 0

        def commit(chunk: list[SourceRecord], prepared: PreparedT) -> None:
            try:
                load_batch(chunk, prepared, rejects_out)
            except (ServiceUnavailable, SessionExpired) as exc:
                raise DatabaseUnavailable(
                    graph.uri, f"{type(exc).__name__} at line {chunk[0].line} of {path}; everything before "
                    f"line {checkpoint.line} is committed: run the same command with --resume"
                ) from exc
            checkpoint.offset = chunk[-1].end_offset
            checkpoint.line = chunk[-1].next_line
            checkpoint.rejects_size = rejects_out.tell()
            checkpoint.counts = dict(counts)
            write_checkpoint(cp_file, checkpoint)
            logged.update(counts)

        pending: Future[None] | None = None
        for chunk in batches(records, batch_size):
            prepared = prepare(chunk)
            if pending is not None:
                pending.result()
                bar.update(task, completed=checkpoint.offset,
                           rate=f"{done / max(time.perf_counter() - started, 1e-9):,.0f} {unit}/s")
            pending = writer.submit(commit, chunk, prepared)
            done += len(chunk)
        if pending is not None:
            pending.result()
    return round(time.perf_counter() - started, 3)


def finish(cp_file: Path, checkpoint: Checkpoint, rejected: int) -> None:
    """The load is complete: no checkpoint to resume from, no empty rejects file left behind."""
    cp_file.unlink(missing_ok=True)
    rejects_file = Path(checkpoint.rejects_path)
    if rejected == 0 and rejects_file.stat().st_size == 0:
        rejects_file.unlink()


def batches(records: Iterable[SourceRecord], size: int) -> Iterator[list[SourceRecord]]:
    chunk: list[SourceRecord] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def progress_bar(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
        TransferSpeedColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True, disable=not enabled,
    )
