"""Tiny factories for OCR pages laid out by hand (boxes in pixels), as an engine would return them."""

from __future__ import annotations

from ecgraph.ingest.labels.extract import LabelEntity, extract_entities
from ecgraph.ingest.labels.ocr import OcrPage, make_line

# (text, x0, y0, x1, y1) or, with the engine's confidence in the box, (text, x0, y0, x1, y1, confidence)
Box = tuple[str, float, float, float, float] | tuple[str, float, float, float, float, float]


def page(*boxes: Box, engine: str = "test") -> OcrPage:
    """A page from boxes kept in the order given (engines' order is arbitrary); confidence 0.9 unless given.

    Engine `test` has no confidence floor; pass `engine="rapidocr"` to apply RapidOCR's floors."""
    lines = []
    for text, x0, y0, x1, y1, *confidence in boxes:
        line = make_line(text, (x0, y0, x1, y1), confidence[0] if confidence else 0.9)
        assert line is not None
        lines.append(line)
    return OcrPage(engine=engine, image="test.png", width=1000, height=1000, seconds=0.0, lines=tuple(lines))


def entities(*boxes: Box, engine: str = "test") -> list[LabelEntity]:
    return extract_entities(page(*boxes, engine=engine))[1]


def found(*boxes: Box, engine: str = "test") -> set[tuple[str, str, str | None]]:
    """(type, norm as text, role) of every entity extracted."""
    return {(e.type, str(e.norm), e.role) for e in entities(*boxes, engine=engine)}
