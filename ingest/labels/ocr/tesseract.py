"""Tesseract (Debian's tesseract-ocr with English and Japanese): the second engine.

Words come back one by one; they are grouped into Tesseract's own lines (block, paragraph, line),
each line's box is the union of its words, and its confidence is the mean word confidence.

Not a second voter beside RapidOCR (issue 18, measured on the dev captures: fieldlabels seed 7 and
labelgen dev/dev2, 40 singles each): run on the lines shaped like a code (5+ letters and digits, 2+
digits) cut from RapidOCR's own boxes, one line each (`--psm 7`, line height scaled to 48 px), it read
none of the 91 model/part/serial numbers and HS codes missing from RapidOCR's text, and 122 of the 211
RapidOCR did read. On the 10 lines where a padded or shifted RapidOCR box read the missing value, none
of 40 Tesseract readings (grey or Otsu-binarised, at 48 or 80 px) had it, so it could not break a tie.
"""

from __future__ import annotations

import shutil
import time
from collections import defaultdict
from pathlib import Path

from ecgraph.ingest.labels.ocr.base import OcrLine, OcrPage, make_line, reading_order
from ecgraph.schemas.errors import ToolMissingError

__all__ = ["TesseractEngine"]


class TesseractEngine:
    name = "tesseract"

    def __init__(self, languages: str = "eng+jpn") -> None:
        self.languages = languages

    def read(self, path: Path) -> OcrPage:
        if shutil.which("tesseract") is None:
            raise ToolMissingError(
                "tesseract",
                "Install it with `sudo apt-get install tesseract-ocr tesseract-ocr-eng "
                "tesseract-ocr-jpn` (or `make system-deps`), or use `--engine rapidocr`.",
            )
        import pytesseract
        from PIL import Image

        with Image.open(path) as image:
            image.load()
            width, height = image.size
            start = time.perf_counter()
            data = pytesseract.image_to_data(image, lang=self.languages, output_type=pytesseract.Output.DICT)
            seconds = time.perf_counter() - start
        words: dict[tuple[int, int, int], list[int]] = defaultdict(list)
        for index, word in enumerate(data["text"]):
            if str(word).strip() and float(data["conf"][index]) >= 0:
                words[(data["block_num"][index], data["par_num"][index], data["line_num"][index])].append(
                    index
                )
        lines: list[OcrLine] = []
        for indexes in words.values():
            x0 = min(data["left"][i] for i in indexes)
            y0 = min(data["top"][i] for i in indexes)
            x1 = max(data["left"][i] + data["width"][i] for i in indexes)
            y1 = max(data["top"][i] + data["height"][i] for i in indexes)
            raw = " ".join(str(data["text"][i]) for i in indexes)
            confidence = sum(float(data["conf"][i]) for i in indexes) / len(indexes) / 100.0
            line = make_line(raw, (float(x0), float(y0), float(x1), float(y1)), confidence)
            if line is not None:
                lines.append(line)
        return OcrPage(
            engine=self.name,
            image=str(path),
            width=width,
            height=height,
            seconds=seconds,
            lines=reading_order(lines),
        )
