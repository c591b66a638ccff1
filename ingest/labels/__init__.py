"""Smart-glasses label captures as a source: store (fetch) → OCR + extraction (parse) → capture rows (map).

store.py     content-addressed images with EXIF capture metadata; bad files rejected with a reason
ocr/         RapidOCR (default) and Tesseract behind one interface, in one table
text.py      normalisation of OCR text (Japanese without spaces, Japanese glyph forms)
extract/     the spaCy pipeline: key-anchored patterns, key/value pairing by box, legal forms
burst.py     several frames of one label → one set of entities, by vote
burst_pages.py  which pages of a burst are read, and how (fused + sharpest in full, others in boxes)
read.py      image(s) → LabelReading (what `ecgraph labels read` prints)
intake.py    ingest into the graph, and the watched inbox folder
"""

from __future__ import annotations

from ecgraph.ingest.labels.extract import LabelEntity, extract_entities
from ecgraph.ingest.labels.intake import CaptureContext, IntakeResult, ingest_captures, watch_inbox
from ecgraph.ingest.labels.ocr import DEFAULT_ENGINE, ENGINES, get_engine
from ecgraph.ingest.labels.read import LabelReading, read_burst, read_label
from ecgraph.ingest.labels.store import ImageRejected, ImageStore, StoredImage, check_image
from ecgraph.ingest.labels.text import normalise_line, normalise_text

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "CaptureContext",
    "ImageRejected",
    "ImageStore",
    "IntakeResult",
    "LabelEntity",
    "LabelReading",
    "StoredImage",
    "check_image",
    "extract_entities",
    "get_engine",
    "ingest_captures",
    "normalise_line",
    "normalise_text",
    "read_burst",
    "read_label",
    "watch_inbox",
]
