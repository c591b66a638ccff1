"""Image(s) → LabelReading: OCR, normalisation and extraction, without touching the graph.

`read_label([one])` reads a single capture; `read_label(frames, burst=True)` fuses the frames of one
label (`fuse.py`), reads the fused image and the sharpest frames, and votes per field: a value read
alike on two or more pages is a fact, one read on a single page only a candidate (`burst.py`). The reading
splits what it found into facts (confident enough for rules, `calibration.py`) and candidates, and
names the fields its kind of label should carry that it could not read with confidence (`missing`),
with what to change for a better capture (`hint`, from `quality.py`). Its dictionary form is the
record `schemas/records/label_reading.schema.json` describes and `ecgraph labels read --json` prints.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2

from ecgraph.ingest.labels.burst import SINGLE_VALUED, agreed_values, vote_entities
from ecgraph.ingest.labels.burst_pages import BURST_FRAMES_READ, BURST_WORKERS, read_burst_pages, read_pages
from ecgraph.ingest.labels.calibration import is_fact
from ecgraph.ingest.labels.expect import expected_fields
from ecgraph.ingest.labels.extract import LabelEntity, extract_candidates
from ecgraph.ingest.labels.extract.entity import norm_key
from ecgraph.ingest.labels.fuse import FusedBurst
from ecgraph.ingest.labels.ocr import DEFAULT_ENGINE, OcrPage, get_engine
from ecgraph.ingest.labels.quality import CaptureQuality, hints, measure_file

__all__ = [
    "BURST_FRAMES_READ",
    "BURST_WORKERS",
    "LabelReading",
    "best_single_page_facts",
    "frames_to_read",
    "read_burst",
    "read_label",
    "read_pages",
    "reading_from_pages",
]

_ORDER = {"company": 0, "model_number": 1, "part_number": 2, "serial_number": 3, "hs_code": 4, "eccn": 5}


@dataclass(frozen=True)
class LabelReading:
    """What one capture (or one burst) of a label says: text, confidence, facts, candidates, gaps."""

    images: tuple[str, ...]
    engine: str
    text: str
    confidence: float
    entities: tuple[LabelEntity, ...]
    seconds: float
    pages: tuple[OcrPage, ...] = field(default_factory=tuple, repr=False)
    candidates: tuple[LabelEntity, ...] = ()
    kind: str = "label"
    expected: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    hint: tuple[str, ...] = ()
    quality: CaptureQuality | None = None

    @property
    def burst(self) -> bool:
        return len(self.images) > 1

    def capture_advice(self) -> dict[str, Any]:
        """What the glasses' app needs to ask for a better capture (`labels watch` writes it as JSON)."""
        return {
            "images": list(self.images),
            "kind": self.kind,
            "missing": list(self.missing),
            "hint": list(self.hint),
            "quality": self.quality.to_dict() if self.quality else None,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "images": list(self.images),
            "burst": self.burst,
            "engine": self.engine,
            "text": self.text,
            "confidence": round(self.confidence, 3),
            "seconds": round(self.seconds, 3),
            "entities": [entity.to_dict() for entity in self.entities],
            "candidates": [entity.to_dict() for entity in self.candidates],
            "kind": self.kind,
            "missing": list(self.missing),
            "hint": list(self.hint),
            "quality": self.quality.to_dict() if self.quality else None,
            "frames": [
                {
                    "image": page.image,
                    "text": page.text,
                    "confidence": round(page.confidence, 3),
                    "width": page.width,
                    "height": page.height,
                }
                for page in self.pages
            ],
        }


def read_label(
    paths: Sequence[Path], *, engine: str = DEFAULT_ENGINE, burst: bool = False
) -> list[LabelReading]:
    """One reading per image, or one reading for all of them when they are the frames of a burst."""
    if burst and len(paths) > 1:
        return [read_burst(paths, engine=engine)]
    ocr = get_engine(engine)
    readings = []
    for path in paths:
        page = ocr.read(Path(path))
        readings.append(reading_from_pages([page], [measure_file(str(path), page)]))
    return readings


def read_burst(paths: Sequence[Path], *, engine: str = DEFAULT_ENGINE) -> LabelReading:
    """The frames fused (registered, median-stacked), then the fused image and the sharpest frames read
    (`burst_pages.read_burst_pages`) and voted. Frames that cannot be decoded are left out; the reading
    names every frame given."""
    start = time.perf_counter()
    frames = [(Path(path), cv2.imread(str(path), cv2.IMREAD_COLOR)) for path in paths]
    usable = [(path, image) for path, image in frames if image is not None]
    if len(usable) < 2:
        return read_label([path for path, _ in usable] or list(paths)[:1], engine=engine)[0]
    with tempfile.TemporaryDirectory(prefix="ecgraph-burst-") as folder:
        burst = read_burst_pages([image for _, image in usable], Path(folder), engine)
        qualities = [
            measure_file(str(path), page) for path, page in zip(burst.paths, burst.pages, strict=True)
        ]
    reading = reading_from_pages(burst.pages, qualities, fused_first=burst.fused.stacked)
    return LabelReading(
        **{
            **reading.__dict__,
            "images": tuple(str(path) for path in burst.paths),
            "seconds": time.perf_counter() - start,
        }
    )


def frames_to_read(fused: FusedBurst, count: int = BURST_FRAMES_READ) -> list[int]:
    """Indexes of the frames to read, the sharpest first (the fused image is read too when stacked)."""
    return fused.order[:count]


# Types a label prints once per role: two pages reading two values of one is a dispute.
_ONE_PER_ROLE = frozenset({*SINGLE_VALUED, "company", "country_of_origin"})


def _disputed(voted: Sequence[LabelEntity], pages: Sequence[Sequence[LabelEntity]]) -> set[Any]:
    """Keys of values read as they are on one page only while another page read another value of the
    same type and role: the pages disagree, so neither is sure enough for a rule (precision first;
    measured on the dev bursts, where such values were wrong half the time). A value the vote chose
    among alike readings (`JK53-1` on the fused image, `JK53-18X` on the sharpest frame, both cut
    short) is disputed too: it stands for two pages, but only one of them read it."""
    if len(pages) < 2:
        return set()
    disputed = set()
    for entity in voted:
        read_as_is = sum(any(e.key == entity.key for e in page) for page in pages)
        if read_as_is > 1 or entity.type not in _ONE_PER_ROLE:
            continue
        for page in pages:
            same = [e for e in page if e.type == entity.type and e.role == entity.role]
            if same and all(e.key != entity.key for e in same):
                disputed.add(entity.key)
    return disputed


def best_single_page_facts(
    agreed: Sequence[LabelEntity], pages: Sequence[Sequence[LabelEntity]], engine: str
) -> list[LabelEntity]:
    """For each (type, role) the burst's vote left without a fact, the most confident value one page
    read as surely as a single capture's fact (`calibration.is_fact`), unless another page read another
    value of a type the label prints once per role (the pages disagree: `JK53-1` on the fused image,
    `JK53-18X` on a frame, both cut short). A burst must not read less than its best page alone: frames
    that read nothing (blur, glare on one frame) made the vote keep nothing, while the sharpest frame
    alone kept its value (blind set, 8-frame bursts: HS 0.45 voted, 0.64 from the sharpest frame)."""
    covered = {(e.type, e.role) for e in agreed}
    read: dict[tuple[str, str | None], list[LabelEntity]] = {}
    for page in pages:
        for entity in page:
            read.setdefault((entity.type, entity.role), []).append(entity)
    kept = []
    for (kind, role), entities in read.items():
        if (kind, role) in covered:
            continue
        if kind in _ONE_PER_ROLE and len({norm_key(e.norm) for e in entities}) > 1:
            continue
        sure = [e for e in entities if is_fact(engine, kind, e.confidence)]
        if sure:
            kept.append(max(sure, key=lambda entity: entity.confidence))
    return kept


def reading_from_pages(
    pages: Sequence[OcrPage],
    qualities: Sequence[CaptureQuality | None] | None = None,
    *,
    fused_first: bool = False,
) -> LabelReading:
    """Extract each page, vote across pages (a single page keeps all it found), then split facts from
    candidates and say which expected fields are missing and how to capture them better. `fused_first`:
    pages[0] is a burst's fused image (`burst.agreed_values`)."""
    engine = pages[0].engine
    extracted = [extract_candidates(page) for page in pages]
    voted = vote_entities([[*found, *unsure] for found, unsure in extracted])
    voted.sort(key=lambda entity: (_ORDER.get(entity.type, 9), entity.type, entity.role or ""))
    if len(pages) == 1:
        disputed = _disputed(voted, [[*found, *unsure] for found, unsure in extracted])
        facts = tuple(e for e in voted if is_fact(engine, e.type, e.confidence) and e.key not in disputed)
    else:
        agreed = agreed_values(
            [[*found, *unsure] for found, unsure in extracted], fused_first=fused_first, engine=engine
        )
        agreed_facts = [e for e in voted if (e.type, norm_key(e.norm)) in agreed]
        facts = (
            *agreed_facts,
            *best_single_page_facts(agreed_facts, [found for found, _ in extracted], engine),
        )
    fact_keys = {e.key for e in facts}
    candidates = tuple(e for e in voted if e.key not in fact_keys)
    # The text shown is the frame the engine was surest of, weighted by how much it read.
    best = max(pages, key=lambda page: page.confidence * len(page.text))
    kind, expected = expected_fields("\n".join(page.text for page in pages))
    read_types = {e.type for e in facts}
    missing = tuple(kind_ for kind_ in expected if kind_ not in read_types)
    known = [q for q in qualities or () if q is not None]
    quality = max(known, key=lambda q: q.sharpness) if known else None
    return LabelReading(
        images=tuple(page.image for page in pages),
        engine=pages[0].engine,
        text=best.text,
        confidence=best.confidence,
        entities=facts,
        seconds=sum(page.seconds for page in pages),
        pages=tuple(pages),
        candidates=candidates,
        kind=kind,
        expected=expected,
        missing=missing,
        hint=tuple(hints(quality)) if missing else (),
        quality=quality,
    )
