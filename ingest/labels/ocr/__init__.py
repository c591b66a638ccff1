"""OCR engines behind one small interface, in one visible table.

`rapidocr` is the default: on the bundled captures it found more entities than Tesseract, on
Japanese above all (numbers: `python -m benchmarks.labels_ocr`).
"""

from __future__ import annotations

from collections.abc import Callable

from ecgraph.ingest.labels.ocr.base import (
    OcrEngine,
    OcrLine,
    OcrPage,
    make_line,
    merge_lines,
    reading_order,
)
from ecgraph.ingest.labels.ocr.rapidocr import RapidOcrEngine, bundled_model_paths
from ecgraph.ingest.labels.ocr.tesseract import TesseractEngine
from ecgraph.schemas.errors import ConfigError

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "OcrEngine",
    "OcrLine",
    "OcrPage",
    "RapidOcrEngine",
    "TesseractEngine",
    "bundled_model_paths",
    "get_engine",
    "make_line",
    "merge_lines",
    "reading_order",
    "worker_engines",
]

ENGINES: dict[str, Callable[[], OcrEngine]] = {
    "rapidocr": RapidOcrEngine,
    "tesseract": TesseractEngine,
}
DEFAULT_ENGINE = "rapidocr"

_loaded: dict[str, OcrEngine] = {}


def get_engine(name: str = DEFAULT_ENGINE) -> OcrEngine:
    """The engine called `name`, loaded once per process (model loading is the slow part)."""
    if name not in ENGINES:
        raise ConfigError(
            f"unknown OCR engine {name!r}; choose one of: {', '.join(ENGINES)}.", setting="--engine"
        )
    if name not in _loaded:
        _loaded[name] = ENGINES[name]()
    return _loaded[name]


_workers: dict[str, list[OcrEngine]] = {}


def worker_engines(name: str, count: int) -> list[OcrEngine]:
    """`count` engines called `name` for reading pages side by side, one thread each, loaded once per
    process. RapidOCR's are made with one onnxruntime thread apiece: two workers of two threads each on
    a 2-core machine would only take turns."""
    get_engine(name)  # the name checked, the default engine loaded
    engines = _workers.setdefault(name, [])
    while len(engines) < count:
        engines.append(RapidOcrEngine(threads=1) if name == "rapidocr" else ENGINES[name]())
    return engines[:count]
