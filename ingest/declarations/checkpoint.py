"""Checkpoints of a declarations load, so that `--resume` continues after a kill or a Neo4j restart.

After every committed batch the loader writes (atomically: temp file + rename) the byte offset and
line of the next declaration, the load id, the counts so far and the length of the rejects file.
A resumed run seeks to that offset and truncates the rejects file to that length. The batch that was
in flight when the run died is simply read again: its writes are MERGE-idempotent and it either
committed whole or not at all, so there are neither duplicates nor gaps.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ecgraph.schemas.errors import SourceError
from ecgraph.schemas.private_files import open_private

__all__ = ["Checkpoint", "checkpoint_path", "file_prefix_hash", "read_checkpoint", "write_checkpoint"]

PREFIX_BYTES = 1 << 16  # enough of the file to notice it was replaced, cheap to hash


@dataclass
class Checkpoint:
    file: str
    load_id: str
    offset: int  # byte offset of the next declaration to read
    line: int  # its line number
    rejects_path: str
    rejects_size: int
    prefix_hash: str
    counts: dict[str, int] = field(default_factory=dict)


def checkpoint_path(state_dir: Path, source: Path) -> Path:
    digest = hashlib.sha1(str(source.resolve()).encode()).hexdigest()[:16]
    return state_dir / "checkpoints" / f"declarations-{digest}.json"


def file_prefix_hash(source: Path) -> str:
    with source.open("rb") as fh:
        return hashlib.sha256(fh.read(PREFIX_BYTES)).hexdigest()[:24]


def read_checkpoint(path: Path, source: Path) -> Checkpoint | None:
    """The checkpoint of an interrupted load of `source`, or None when there is nothing to resume."""
    if not path.exists():
        return None
    try:
        checkpoint = Checkpoint(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as exc:
        raise SourceError(f"the checkpoint {path} is unreadable ({exc}); delete it and load again without "
                          "--resume (re-loading is idempotent)", source="declarations", file=str(source)) from exc
    if checkpoint.prefix_hash != file_prefix_hash(source):
        raise SourceError("the file changed since the interrupted load, so its checkpoint does not apply; "
                          "load it again without --resume (re-loading is idempotent)",
                          source="declarations", file=str(source))
    return checkpoint


def write_checkpoint(path: Path, checkpoint: Checkpoint) -> None:
    tmp = path.with_suffix(".tmp")
    with open_private(tmp, "w") as fh:
        json.dump(asdict(checkpoint), fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
