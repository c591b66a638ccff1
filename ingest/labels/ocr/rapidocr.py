"""RapidOCR (PP-OCR models on onnxruntime): the default engine, chosen by `benchmarks/labels_ocr.py`.

A frame with motion blur is read twice: as captured, and with the smear removed (`deblur.py`); the
two readings are merged line by line, the more confident reading of each line winning. Removing the
smear lets the detector find small lines it misses otherwise; keeping the captured reading guards
against a wrongly estimated smear. Sharp frames are read once.

The detection, classification and recognition models ship inside the `rapidocr` wheel. They are
passed by path, so RapidOCR never looks for (or downloads) any other model: the engine runs offline.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from ecgraph.ingest.labels.ocr.base import OcrLine, OcrPage, deskew, make_line, merge_lines, reading_order
from ecgraph.ingest.labels.ocr.deblur import deblur
from ecgraph.schemas.errors import ConfigError

__all__ = ["RapidOcrEngine", "bundled_model_paths"]

# The model files inside the wheel (rapidocr 3.x). Asking for any other model would mean a download.
_BUNDLED = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}


def bundled_model_paths() -> dict[str, Path]:
    """The offline model files, checked to exist (ConfigError names the missing file otherwise)."""
    import rapidocr

    models = Path(rapidocr.__file__).parent / "models"
    paths = {key: models / name for key, name in _BUNDLED.items()}
    for key, path in paths.items():
        if not path.is_file():
            raise ConfigError(
                f"the RapidOCR model {path.name} ({key}) is not in {models}. ecgraph runs offline and "
                "never downloads OCR models: reinstall it with `.venv/bin/pip install --force-reinstall "
                "'rapidocr>=3'`, or use `--engine tesseract`.",
                setting=key,
            )
    return paths


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(self, threads: int | None = None, deblur: bool | None = None) -> None:
        self._engine: Any = None
        # ECGRAPH_OCR_DEBLUR=0 reads every frame once, as captured (the behaviour before blur removal;
        # `python -m benchmarks.labels_ocr` compares the two).
        self.deblur = deblur if deblur is not None else os.environ.get("ECGRAPH_OCR_DEBLUR", "1") != "0"
        # ECGRAPH_OCR_THREADS: onnxruntime threads. 2 is fastest on an idle 2-core machine; on a machine
        # busy with other work 1 is faster (measured: median 3.8 s vs 4.3–6.9 s per image at load 10).
        self._threads = threads or int(os.environ.get("ECGRAPH_OCR_THREADS") or min(2, os.cpu_count() or 1))

    def _load(self) -> Any:
        if self._engine is None:
            from rapidocr import RapidOCR

            params: dict[str, Any] = {key: str(path) for key, path in bundled_model_paths().items()}
            params["Global.log_level"] = "error"
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = self._threads
            params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
            self._engine = RapidOCR(params=params)
        return self._engine

    def read(self, path: Path) -> OcrPage:
        engine = self._load()
        start = time.perf_counter()
        result = engine(str(path))
        image = getattr(result, "img", None)
        lines = _lines(result)
        if image is None:  # nothing was read (RapidOCR's empty output has no image); a smear may be why
            import cv2

            image = cv2.imread(str(path))
        if self.deblur and image is not None:
            restored = deblur(image)
            if restored is not None:
                lines = merge_lines(lines, _lines(engine(restored[0])))
        seconds = time.perf_counter() - start
        height, width = image.shape[:2] if image is not None else (0, 0)
        return OcrPage(
            engine=self.name,
            image=str(path),
            width=int(width),
            height=int(height),
            seconds=seconds,
            lines=reading_order(deskew(lines, int(width), int(height))),
        )


def _lines(result: Any) -> list[OcrLine]:
    lines: list[OcrLine] = []
    boxes = result.boxes if result.boxes is not None else []
    for box, text, score in zip(boxes, result.txts or (), result.scores or (), strict=False):
        xs = [float(point[0]) for point in box]
        ys = [float(point[1]) for point in box]
        poly = tuple((float(point[0]), float(point[1])) for point in box)
        line = make_line(str(text), (min(xs), min(ys), max(xs), max(ys)), float(score), poly)
        if line is not None:
            lines.append(line)
    return lines
