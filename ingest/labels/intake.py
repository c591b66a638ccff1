"""Intake of smart-glasses captures: check and store each image, read it, write the capture.

`ingest_captures` is what `ecgraph labels ingest` runs; `watch_inbox` is the folder the glasses
upload into (`ecgraph labels watch`). Files that cannot be captures are kept aside with a
`.reason.txt` beside them, and only plausible images are copied (see `quarantine.py`); the watch never
follows a symbolic link out of the inbox. A declaration named for a capture must exist in the graph.

The capture's id hashes the SHA-256 of its image(s), so the same image(s) ingested again is found in
the graph and skipped: nothing changes. Linking is a step of `rules/`, run by the CLI afterwards.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ecgraph.graph import Graph
from ecgraph.graph import labels as graph_labels
from ecgraph.ingest.labels.advice import write_advice
from ecgraph.ingest.labels.extract import norm_key
from ecgraph.ingest.labels.ocr import DEFAULT_ENGINE, get_engine
from ecgraph.ingest.labels.quarantine import private_folder, quarantine, reject_link
from ecgraph.ingest.labels.read import LabelReading, reading_from_pages
from ecgraph.ingest.labels.store import ImageRejected, ImageStore, StoredImage
from ecgraph.schemas.errors import SourceError
from ecgraph.schemas.logs import get_logger, logged_run

__all__ = [
    "CaptureContext",
    "IntakeResult",
    "UnknownDeclaration",
    "capture_id",
    "ingest_captures",
    "quarantine",
    "watch_inbox",
]

_LOGGER = (
    "ecgraph.ingest.labels"  # looked up per run: a module-level logger would keep the config of import time
)

_PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial")


@dataclass(frozen=True)
class CaptureContext:
    """What the officer's device says about a capture (all optional)."""

    declaration: str | None = None
    officer: str | None = None
    location: str | None = None


@dataclass
class IntakeResult:
    captures: list[dict[str, Any]] = field(default_factory=list)  # {id, images, new, entities, reading}
    rejected: list[dict[str, str]] = field(default_factory=list)  # {file, reason, kept_at}


def capture_id(shas: Sequence[str]) -> str:
    return "lc_" + hashlib.sha256("|".join(sorted(shas)).encode()).hexdigest()[:24]


class UnknownDeclaration(SourceError):
    def __init__(self, number: str) -> None:
        super().__init__(
            f"declaration {number!r} is not in the graph; check the number, or ingest the "
            "declaration first (`ecgraph ingest declarations`) and then the capture",
            source="labels",
        )
        self.number = number


def ingest_captures(
    graph: Graph,
    paths: Sequence[Path],
    *,
    root: Path,
    burst: bool = False,
    context: CaptureContext = CaptureContext(),
    engine: str = DEFAULT_ENGINE,
    move_rejected: bool = False,
    on_capture: Callable[[dict[str, Any]], None] | None = None,
    inbox: Path | None = None,
) -> IntakeResult:
    """Store, read and write each image (or all of them as one burst); bad files go to quarantine.

    Raises UnknownDeclaration, before anything is stored or written, when `context.declaration` is not
    in the graph. Logs `label_intake.start`, then `.done` with the counts or `.failed`, under a run id."""
    run_id = uuid.uuid4().hex[:12]
    with logged_run(
        get_logger(_LOGGER),
        "label_intake",
        run_id,
        images=len(paths),
        engine=engine,
        declaration=context.declaration,
    ) as logged:
        result = _ingest_captures(
            graph,
            paths,
            root=root,
            burst=burst,
            context=context,
            engine=engine,
            move_rejected=move_rejected,
            on_capture=on_capture,
            inbox=inbox,
            run_id=run_id,
        )
        logged.update(
            captures=len(result.captures),
            new=sum(1 for c in result.captures if c.get("new")),
            rejected=len(result.rejected),
        )
    return result


def _ingest_captures(
    graph: Graph,
    paths: Sequence[Path],
    *,
    root: Path,
    burst: bool,
    context: CaptureContext,
    engine: str,
    move_rejected: bool,
    on_capture: Callable[[dict[str, Any]], None] | None,
    inbox: Path | None,
    run_id: str,
) -> IntakeResult:
    if context.declaration and not graph_labels.declaration_exists(graph, str(context.declaration)):
        raise UnknownDeclaration(str(context.declaration))
    store = ImageStore(root)
    result = IntakeResult()
    stored: list[StoredImage] = []
    for path in paths:
        try:
            stored.append(store.add(Path(path))[0])
        except ImageRejected as exc:
            kept = quarantine(Path(path), root, str(exc), move=move_rejected, inbox=inbox)
            result.rejected.append({"file": str(path), "reason": str(exc), "kept_at": str(kept)})
    groups = [stored] if burst and stored else [[image] for image in stored]
    for group in groups:
        summary = _ingest_group(graph, group, context, engine, run_id)
        result.captures.append(summary)
        if on_capture:
            on_capture(summary)
    return result


def _ingest_group(
    graph: Graph, images: list[StoredImage], context: CaptureContext, engine: str, run_id: str
) -> dict[str, Any]:
    cid = capture_id([image.sha256 for image in images])
    if graph_labels.capture_exists(graph, cid):
        # Same image(s) again: nothing is read or rewritten; only a declaration given now is added.
        attached = bool(context.declaration) and graph_labels.attach_declaration(
            graph, cid, str(context.declaration)
        )
        return {
            "id": cid,
            "images": [i.path for i in images],
            "new": False,
            "entities": None,
            "reading": None,
            "declaration_added": attached,
        }
    ocr = get_engine(engine)
    reading = reading_from_pages([ocr.read(Path(image.path)) for image in images])
    graph_labels.write_capture(
        graph,
        {**_capture_row(cid, images, reading, context), "run_id": run_id},
        [{**image.to_row(), "frame": n} for n, image in enumerate(images)],
        mention_rows(reading),
        context.declaration,
    )
    return {
        "id": cid,
        "images": [i.path for i in images],
        "new": True,
        "entities": len(reading.entities),
        "reading": reading.to_dict(),
    }


def _capture_row(
    cid: str, images: list[StoredImage], reading: LabelReading, context: CaptureContext
) -> dict[str, Any]:
    captured = next((i.exif.get("captured_at") for i in images if i.exif.get("captured_at")), None)
    row = {
        "id": cid,
        "captured_at": captured,
        "officer": context.officer,
        "location": context.location,
        "engine": reading.engine,
        "text": reading.text,
        "confidence": round(reading.confidence, 3),
        "frames": len(images),
    }
    return {k: v for k, v in row.items() if v is not None}


def mention_rows(reading: LabelReading) -> list[dict[str, Any]]:
    """One row per entity: the shared LabelMention (type + norm) and what this capture printed."""
    rows = []
    for entity in reading.entities:
        norm = (
            json.dumps(entity.norm, ensure_ascii=False, sort_keys=True)
            if isinstance(entity.norm, dict)
            else str(entity.norm)
        )
        mention_id = (
            "lm_" + hashlib.sha256(f"{entity.type}|{norm_key(entity.norm)}".encode()).hexdigest()[:20]
        )
        rows.append(
            {
                "mention_id": mention_id,
                "type": entity.type,
                "norm": norm,
                "value": entity.value,
                "confidence": round(entity.confidence, 3),
                "role": entity.role,
                "role_key": entity.role or "",
                "frames": entity.frames,
            }
        )
    return rows


def watch_inbox(
    graph: Graph,
    inbox: Path,
    *,
    root: Path,
    once: bool = False,
    poll_seconds: float = 1.0,
    settle_seconds: float = 1.0,
    engine: str = DEFAULT_ENGINE,
    on_capture: Callable[[dict[str, Any]], None] | None = None,
    on_reject: Callable[[dict[str, str]], None] | None = None,
) -> IntakeResult:
    """Process what lands in `inbox`: a file is one capture, a sub-folder one burst (its files are frames).

    A `<name>.json` beside an image (or `capture.json` in a burst folder) may carry declaration, officer
    and location. Finished uploads move to `inbox/processed/`; rejected ones to quarantine. An upload is
    taken once it has not changed for `settle_seconds` (glasses upload over slow links).
    """
    total = IntakeResult()
    processed = inbox / "processed"
    while True:
        for entry in _ready_entries(inbox, settle_seconds, root, total, on_reject):
            frames = sorted(p for p in entry.iterdir() if _is_upload(p)) if entry.is_dir() else [entry]
            meta_file = entry / "capture.json" if entry.is_dir() else entry.with_name(entry.name + ".json")
            context = _context(meta_file)
            try:
                result = ingest_captures(
                    graph,
                    frames,
                    root=root,
                    burst=entry.is_dir(),
                    context=context,
                    engine=engine,
                    move_rejected=True,
                    on_capture=on_capture,
                    inbox=inbox,
                )
            except UnknownDeclaration as exc:
                result = IntakeResult(rejected=[_set_aside(inbox, entry, meta_file, str(exc))])
            for rejected in result.rejected:
                if on_reject:
                    on_reject(rejected)
            for summary in result.captures:
                write_advice(entry, summary)  # missing fields and a re-capture hint, for the glasses' app
            processed.mkdir(parents=True, exist_ok=True)
            for leftover in [entry, meta_file]:
                if leftover.exists():
                    shutil.move(
                        str(leftover), str(processed / f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{leftover.name}")
                    )
            total.captures.extend(result.captures)
            total.rejected.extend(result.rejected)
        if once:
            return total
        time.sleep(poll_seconds)


def _set_aside(inbox: Path, entry: Path, meta_file: Path, reason: str) -> dict[str, str]:
    """An upload that cannot be taken as it is (its metadata names an unknown declaration): to rejected/."""
    folder = private_folder(inbox / "rejected")
    stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
    target = folder / f"{stamp}-{entry.name}"
    for item in (entry, meta_file):
        if item.exists() and not item.is_symlink():
            shutil.move(str(item), str(folder / f"{stamp}-{item.name}"))
    (folder / f"{stamp}-{entry.name}.reason.txt").write_text(f"{entry}\n{reason}\n", encoding="utf-8")
    return {"file": str(entry), "reason": reason, "kept_at": str(target)}


def _is_upload(path: Path) -> bool:
    return (
        not path.is_symlink()
        and path.is_file()
        and not path.name.startswith(".")
        and not path.name.endswith(_PARTIAL_SUFFIXES)
        and path.suffix.lower() != ".json"
    )


def _ready_entries(
    inbox: Path,
    settle_seconds: float,
    root: Path,
    total: IntakeResult,
    on_reject: Callable[[dict[str, str]], None] | None,
) -> list[Path]:
    """Uploads that have settled. A symbolic link (an entry, or a frame of a burst folder) is never
    followed out of the inbox: it is removed and noted as rejected."""
    now = time.time()
    ready = []
    for entry in sorted(inbox.iterdir()):
        if entry.name in ("processed", "quarantine", "rejected") or entry.name.startswith("."):
            continue
        links = (
            [entry]
            if entry.is_symlink()
            else [p for p in entry.iterdir() if p.is_symlink()]
            if entry.is_dir()
            else []
        )
        for link in links:
            note = reject_link(link, root)
            rejected = {
                "file": str(link),
                "reason": "a symbolic link, not an upload (not followed)",
                "kept_at": str(note),
            }
            total.rejected.append(rejected)
            if on_reject:
                on_reject(rejected)
        if entry.is_symlink() or not (entry.is_dir() or _is_upload(entry)):
            continue
        newest = (
            max([entry.lstat().st_mtime, *(p.lstat().st_mtime for p in entry.iterdir())])
            if entry.is_dir()
            else entry.lstat().st_mtime
        )
        if now - newest >= settle_seconds:
            ready.append(entry)
    return ready


def _context(meta_file: Path) -> CaptureContext:
    if not meta_file.is_file():
        return CaptureContext()
    try:
        data = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return CaptureContext()
    return CaptureContext(
        declaration=data.get("declaration"), officer=data.get("officer"), location=data.get("location")
    )
