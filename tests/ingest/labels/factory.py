"""Tiny factories for OCR pages laid out by hand (boxes in pixels), as an engine would return them."""

from __future__ import annotations

from ecgraph.ingest.labels.extract import LabelEntity, extract_entities
from ecgraph.ingest.labels.ocr import OcrPage, make_line


def page(*boxes: tuple[str, float, float, float, float], engine: str = "test") -> OcrPage:
    """A page from (text, x0, y0, x1, y1) boxes, kept in the order given (engines' order is arbitrary)."""
    lines = []
    for text, x0, y0, x1, y1 in boxes:
        line = make_line(text, (x0, y0, x1, y1), 0.9)
        assert line is not None
        lines.append(line)
    return OcrPage(engine=engine, image="test.png", width=1000, height=1000, seconds=0.0, lines=tuple(lines))


def entities(*boxes: tuple[str, float, float, float, float]) -> list[LabelEntity]:
    return extract_entities(page(*boxes))[1]


def found(*boxes: tuple[str, float, float, float, float]) -> set[tuple[str, str, str | None]]:
    """(type, norm as text, role) of every entity extracted."""
    return {(e.type, str(e.norm), e.role) for e in entities(*boxes)}
