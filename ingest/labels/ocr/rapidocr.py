"""RapidOCR (PP-OCR models on onnxruntime): the default engine, chosen by `benchmarks/labels_ocr.py`.

A frame with motion blur is read twice: as captured, and with the smear removed (`deblur.py`); the
two readings are merged line by line, the more confident reading of each line winning. Removing the
smear lets the detector find small lines it misses otherwise; keeping the captured reading guards
against a wrongly estimated smear. With ECGRAPH_OCR_NORMALISE=1 every frame is also read from a
contrast-normalised grey copy (`normalise.py`: faded ink, dim or coloured light, dot-matrix print),
merged the same way (off by default: it costs ~1.1 CPU-s a frame for a small gain). With
ECGRAPH_OCR_FAINT=1 (and the page pass off) only the lines read unsurely are recognised again from that
copy, and text found on it where no line is added (`faint.py`; off: no model number or HS code gained,
measured). Then the identifiers that matter most
are read again, upscaled: where their value is missing or rejected (`reread.py`), and where it was
accepted, to drop a value two re-reads agree is something else (`reread.verify_lines`).

The detection, classification and recognition models ship inside the `rapidocr` wheel. They are
passed by path, so RapidOCR never looks for (or downloads) any other model: the engine runs offline.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ecgraph.ingest.labels.ocr.base import OcrLine, OcrPage, deskew, make_line, merge_lines, reading_order
from ecgraph.ingest.labels.ocr.deblur import deblur
from ecgraph.ingest.labels.ocr.faint import NEW_TEXT_SIDE, faint_lines, merge_faint, uncovered
from ecgraph.ingest.labels.ocr.normalise import normalise_contrast
from ecgraph.ingest.labels.ocr.reread import SCALE, merge_reread, read_region, verify_lines
from ecgraph.schemas.errors import ConfigError

__all__ = ["RapidOcrEngine", "bundled_model_paths"]

# The re-read crops' detector scales a crop up to this many px on its short side (RapidOCR's page
# default, 736, makes a one-line crop ~6000 px wide and costs seconds; 320 read as many values, measured).
CROP_LIMIT_TYPE, CROP_SIDE = "min", 320
# A re-read line is kept only when a second read of the region at this scale gives the same letters
# and digits: a single read turned `B501.62` into a wrong real HS code and `LAYU-0Z` into a wrong model
# number (measured with benchmarks/labels_ocr.py); 0 keeps every single read.
AGREE_SCALE = 2.0

# The page detector's input: the long side scaled to PAGE_SIDE px (RapidOCR's default scales the short
# side up to 736, so a 1048x832 capture was detected at full size). Recognition still reads each line
# from the full-resolution image; only where to look is found on the smaller one. Measured on dev
# captures: page CPU 2.2 s -> 1.3 s with the same lines found (`python -m benchmarks.labels_ocr
# --speed 12` compares against the previous settings, ECGRAPH_OCR_FAST=0).
PAGE_LIMIT_TYPE, PAGE_SIDE = "max", 960

# Scales at which an accepted model/part/serial number or HS code is read again to check it
# (`reread.verify_lines`): dropped only when the re-reads at all of them agree on another value. One
# re-read alone dropped right values on its own misreadings (measured on data/label_bursts); 2x first,
# as the smaller crop is read faster.
VERIFY_SCALES = (AGREE_SCALE or SCALE, SCALE)

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

    def __init__(
        self,
        threads: int | None = None,
        deblur: bool | None = None,
        reread: bool | None = None,
        verify: bool | None = None,
        fast: bool | None = None,
        normalise: bool | None = None,
        faint: bool | None = None,
    ) -> None:
        self._engine: Any = None
        self._new_text: Any = None
        # ECGRAPH_OCR_FAINT=1: the targeted second look at faint lines (`faint.py`): unsure lines
        # recognised again and uncovered text detected, both on the normalised copy; skipped when the
        # whole-page normalised pass runs (use another benchmark --cache folder).
        self.faint = faint if faint is not None else os.environ.get("ECGRAPH_OCR_FAINT", "0") == "1"
        # ECGRAPH_OCR_NORMALISE=1 adds a second page pass on the contrast-normalised copy (`normalise.py`;
        # use another benchmark --cache folder: the cache does not know the setting). Off by default: on
        # the dev singles it put a few more true values in the text and in the facts (dev2 model numbers
        # 1 -> 3 of 6) but lost two right model numbers on a fieldlabels table and added one wrong
        # company, for ~1.1 CPU-s more per frame (1.15 -> 2.23 CPU-s, one thread, 5 dev frames, load 3);
        # not the clear gain that cost asks for.
        self.normalise = (
            normalise if normalise is not None else os.environ.get("ECGRAPH_OCR_NORMALISE", "0") == "1"
        )
        # ECGRAPH_OCR_DEBLUR=0 reads every frame once, as captured (the behaviour before blur removal;
        # `python -m benchmarks.labels_ocr` compares the two).
        self.deblur = deblur if deblur is not None else os.environ.get("ECGRAPH_OCR_DEBLUR", "1") != "0"
        # ECGRAPH_OCR_REREAD=0 skips the key-anchored re-read of unread or rejected values (`reread.py`;
        # use another benchmark --cache folder: the cache does not know the setting).
        self.reread_values = (
            reread if reread is not None else os.environ.get("ECGRAPH_OCR_REREAD", "1") != "0"
        )
        # ECGRAPH_OCR_VERIFY=0 keeps accepted model/part/serial numbers and HS codes as first read; by
        # default each is read again at 2x and 3x and dropped when both re-reads agree on another value
        # of its type (`reread.verify_lines`; use another benchmark --cache folder).
        self.verify_values = (
            verify if verify is not None else os.environ.get("ECGRAPH_OCR_VERIFY", "1") != "0"
        )
        self._crops: Any = None
        # ECGRAPH_OCR_FAST=0 restores the slower settings of the previous releases (page detected at full
        # size, the 180° classifier run, re-reads of a line's own box detected again): the baseline that
        # `benchmarks/labels_ocr.py --speed` measures the fast settings against.
        self.fast = fast if fast is not None else os.environ.get("ECGRAPH_OCR_FAST", "1") != "0"
        # ECGRAPH_OCR_THREADS: onnxruntime threads. 2 is fastest on an idle 2-core machine; on a machine
        # busy with other work 1 is faster (measured: median 3.8 s vs 4.3–6.9 s per image at load 10).
        self._threads = threads or int(os.environ.get("ECGRAPH_OCR_THREADS") or min(2, os.cpu_count() or 1))

    def _rapidocr(self, limit: tuple[str, int] | None) -> Any:
        """A RapidOCR on the bundled models with this engine's threads; `limit`: the detector's
        (limit type, side) when it must not scale images its own way."""
        from rapidocr import RapidOCR

        params: dict[str, Any] = {key: str(path) for key, path in bundled_model_paths().items()}
        params["Global.log_level"] = "error"
        params["EngineConfig.onnxruntime.intra_op_num_threads"] = self._threads
        params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
        if limit is not None:
            params["Det.limit_type"], params["Det.limit_side_len"] = limit
        return RapidOCR(params=params)

    def _load(self) -> Any:
        if self._engine is None:
            self._engine = self._rapidocr((PAGE_LIMIT_TYPE, PAGE_SIDE) if self.fast else None)
        return self._engine

    def _load_crops(self) -> Any:
        """A second RapidOCR for re-read regions: same models, but the detector keeps a small crop at
        its size (the page engine scales every image up to 736 px on its short side, which makes a
        one-line crop some 6000 px wide and takes seconds)."""
        if self._crops is None:
            self._crops = self._rapidocr((CROP_LIMIT_TYPE, CROP_SIDE))
        return self._crops

    def reread(self, image: Any, lines: list[OcrLine]) -> list[OcrLine]:
        """`lines` (page pixels, as read) with the key-anchored re-read merged in, then each accepted
        model/part/serial number or HS code checked against two upscaled re-reads (`ocr/reread.py`)."""
        from ecgraph.ingest.labels.extract.anchors import reread_regions, surer_reading, watched_values

        height, width = image.shape[:2]
        regions = reread_regions(deskew(lines, width, height), self.name)
        if not regions and not self.verify_values:
            return lines
        crops = self._load_crops()

        def recognise(crop: Any) -> list[OcrLine]:
            return _lines(crops(crop, use_det=True, use_cls=not self.fast, use_rec=True))

        def recognise_line(crop: Any) -> list[OcrLine]:
            """The crop read as one line, without detection (a line's own box: ~20x cheaper)."""
            return _crop_line(crops(crop, use_det=False, use_cls=False, use_rec=True), crop)

        found: list[OcrLine] = []
        for region in regions:
            # Fast: every region is one text line (the key's box, the strip right of it, the line
            # below), so it is recognised without detection.
            read_with = recognise_line if self.fast else recognise
            read = read_region(image, region, read_with, detect=not self.fast)
            if AGREE_SCALE:
                again = {
                    _plain(line.text)
                    for line in read_region(image, region, read_with, AGREE_SCALE, detect=not self.fast)
                }
                read = [line for line in read if _plain(line.text) in again]
            found.extend(read)
        merged = merge_reread(lines, found, surer_reading)
        if not self.verify_values:
            return merged
        if self.fast:
            return verify_lines(image, merged, recognise_line, watched_values, VERIFY_SCALES, detect=False)
        return verify_lines(image, merged, recognise, watched_values, VERIFY_SCALES)

    def _load_new_text(self) -> Any:
        """A detector for the normalised copy scaled to NEW_TEXT_SIDE px (its recogniser is never loaded:
        the page engine recognises the new boxes)."""
        if self._new_text is None:
            self._new_text = self._rapidocr(("max", NEW_TEXT_SIDE))
        return self._new_text

    def read_faint(self, image: Any, lines: list[OcrLine]) -> list[OcrLine]:
        """`lines` with the unsure ones recognised again in their own boxes from the contrast-normalised
        copy, and text found on that copy where no line is added (`faint.py`)."""
        import numpy as np

        from ecgraph.ingest.labels.extract.anchors import surer_reading

        normalised = normalise_contrast(image)
        chosen = faint_lines(lines)
        read = _recognise(self._load(), normalised, [lines[index].poly for index in chosen])
        rereads = {index: line for index, line in zip(chosen, read, strict=True) if line is not None}
        found = self._load_new_text()(normalised, use_det=True, use_cls=False, use_rec=False)
        boxes = [
            OcrLine("", _bounds(poly), 1.0, "", poly)
            for poly in (
                tuple((float(x), float(y)) for x, y in np.asarray(box).reshape(-1, 2))
                for box in (found.boxes if getattr(found, "boxes", None) is not None else [])
            )
            if len(poly) == 4
        ]
        new = uncovered(boxes, lines)
        added = [line for line in _recognise(self._load(), normalised, [box.poly for box in new]) if line]
        return merge_faint(lines, rereads, added, surer_reading)

    def read_in_boxes(self, path: Path, boxes: Sequence[OcrLine]) -> OcrPage:
        """`path` recognised only in the given line polygons (page pixels), without detection, then
        re-read where a key's value is missing as `read` does. For a burst frame registered onto the
        fused image (`fuse.FusedBurst.aligned`): its lines sit where the fused page found them, and
        detection, most of a page's engine time, is skipped (`burst_pages.py`)."""
        import cv2

        engine = self._load()
        start = time.perf_counter()
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        height, width = image.shape[:2] if image is not None else (0, 0)
        lines: list[OcrLine] = []
        polys = [box.poly for box in boxes if len(box.poly) == 4]
        if image is not None and polys:
            lines = [line for line in _recognise(engine, image, polys) if line is not None]
            if self.reread_values:
                lines = self.reread(image, lines)
        return OcrPage(
            engine=self.name,
            image=str(path),
            width=int(width),
            height=int(height),
            seconds=time.perf_counter() - start,
            lines=reading_order(deskew(lines, int(width), int(height))),
        )

    def read(self, path: Path) -> OcrPage:
        engine = self._load()
        start = time.perf_counter()
        result = engine(str(path), use_cls=not self.fast)
        image = getattr(result, "img", None)
        lines = _lines(result)
        if image is None:  # nothing was read (RapidOCR's empty output has no image); a smear may be why
            import cv2

            image = cv2.imread(str(path))
        sharpest = image
        if self.deblur and image is not None:
            restored = deblur(image)
            if restored is not None:
                lines = merge_lines(lines, _lines(engine(restored[0], use_cls=not self.fast)))
                sharpest = restored[0]
        if self.normalise and image is not None:
            lines = merge_lines(lines, _lines(engine(normalise_contrast(image), use_cls=not self.fast)))
        elif self.faint and image is not None:
            lines = self.read_faint(image, lines)
        if self.reread_values and sharpest is not None:
            lines = self.reread(sharpest, lines)
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


def _plain(text: str) -> str:
    return "".join(char for char in text.upper() if char.isalnum())


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


def _bounds(poly: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [point[0] for point in poly], [point[1] for point in poly]
    return (min(xs), min(ys), max(xs), max(ys))


def _recognise(
    engine: Any, image: Any, polys: Sequence[tuple[tuple[float, float], ...]]
) -> list[OcrLine | None]:
    """Each polygon of `image` recognised as one line (no detection), None where nothing was read."""
    import numpy as np
    from rapidocr.main import RapidOCRError
    from rapidocr.utils.process_img import get_rotate_crop_image

    crops = [get_rotate_crop_image(image, np.asarray(poly, np.float32)) for poly in polys]
    usable = [index for index, crop in enumerate(crops) if min(crop.shape[:2]) >= 2]
    read: list[OcrLine | None] = [None] * len(polys)
    if not usable:
        return read
    try:
        result = engine.recognize_txt([crops[index] for index in usable])
    except RapidOCRError:  # nothing recognised in any crop
        return read
    for index, text, score in zip(usable, result.txts or (), result.scores or (), strict=False):
        read[index] = make_line(str(text), _bounds(polys[index]), float(score), polys[index])
    return read


def _crop_line(result: Any, crop: Any) -> list[OcrLine]:
    """A recognition-only result (no boxes) as one line spanning the whole crop."""
    height, width = crop.shape[:2]
    corners = ((0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height)))
    lines: list[OcrLine] = []
    for text, score in zip(result.txts or (), result.scores or (), strict=False):
        line = make_line(str(text), (0.0, 0.0, float(width), float(height)), float(score), corners)
        if line is not None:
            lines.append(line)
    return lines
