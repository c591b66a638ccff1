"""Image(s) → LabelReading: OCR, normalisation and extraction, without touching the graph.

`read_label([one])` reads a single capture; `read_label(frames, burst=True)` reads the frames of one
label and votes over them (`burst.py`). The reading's dictionary form is the record that
`schemas/records/label_reading.schema.json` describes and `ecgraph labels read --json` prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecgraph.ingest.labels.burst import vote_entities
from ecgraph.ingest.labels.extract import LabelEntity, extract_entities
from ecgraph.ingest.labels.ocr import DEFAULT_ENGINE, OcrPage, get_engine

__all__ = ["LabelReading", "read_label", "reading_from_pages"]


@dataclass(frozen=True)
class LabelReading:
    """What one capture (or one burst) of a label says: text, confidence, entities."""

    images: tuple[str, ...]
    engine: str
    text: str
    confidence: float
    entities: tuple[LabelEntity, ...]
    seconds: float
    pages: tuple[OcrPage, ...] = field(default_factory=tuple, repr=False)

    @property
    def burst(self) -> bool:
        return len(self.images) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "images": list(self.images),
            "burst": self.burst,
            "engine": self.engine,
            "text": self.text,
            "confidence": round(self.confidence, 3),
            "seconds": round(self.seconds, 3),
            "entities": [entity.to_dict() for entity in self.entities],
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
    ocr = get_engine(engine)
    pages = [ocr.read(Path(path)) for path in paths]
    if burst:
        return [reading_from_pages(pages)]
    return [reading_from_pages([page]) for page in pages]


def reading_from_pages(pages: Sequence[OcrPage]) -> LabelReading:
    """Extract each page, then vote across pages (a single page keeps all it found)."""
    per_frame = [extract_entities(page)[1] for page in pages]
    entities = vote_entities(per_frame)
    # The text shown is the frame the engine was surest of, weighted by how much it read.
    best = max(pages, key=lambda page: page.confidence * len(page.text))
    order = {"company": 0, "model_number": 1, "part_number": 2, "serial_number": 3, "hs_code": 4, "eccn": 5}
    entities.sort(key=lambda entity: (order.get(entity.type, 9), entity.type, entity.role or ""))
    return LabelReading(
        images=tuple(page.image for page in pages),
        engine=pages[0].engine,
        text=best.text,
        confidence=best.confidence,
        entities=tuple(entities),
        seconds=sum(page.seconds for page in pages),
        pages=tuple(pages),
    )
