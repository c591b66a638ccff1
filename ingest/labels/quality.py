"""How good a capture is for reading, measured on the image: sharpness, glare, light and text size.

Why: when a field the label should carry was not read with confidence, the officer is still at the
cargo and can take another picture; the measurements say what to change (`hint`): come closer (text
too small), hold steadier (blurred), tilt away from the light (glare), or find more light.
Thresholds are calibrated on the development split of the generated benchmark (benchmarks/labelgen).
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from typing import Any

import cv2
import numpy as np

from ecgraph.ingest.labels.ocr.base import OcrPage

__all__ = ["CaptureQuality", "hints", "measure", "measure_file"]

# Text lines under this median height (px) are too small to read reliably: come closer.
MIN_TEXT_PX = 14.0
# Laplacian variance (on the image scaled to 1000 px wide, per unit of contrast) under which a frame
# counts as blurred: hold steadier. Dev split: blurred captures 0.0001-0.0025 (3 of 20 above),
# unblurred 0.0032-0.089.
MIN_SHARPNESS = 0.003
# Share of the image that is blown-out highlight well above the image's median brightness (a bright
# spot, not white paper) above which glare hides text: change the angle.
MAX_GLARE = 0.16
GLARE_SMOOTHING = 8.0
# Mean brightness (0-255) under which the capture is too dark: more light. Dev split: low-light
# captures 40-83, others 101 and above.
MIN_BRIGHTNESS = 90.0
_WIDTH = 1000


@dataclass(frozen=True)
class CaptureQuality:
    sharpness: float
    glare: float
    brightness: float
    text_px: float

    def to_dict(self) -> dict[str, float]:
        return {key: round(value, 4) for key, value in asdict(self).items()}


def _sharpness(gray: Any) -> float:
    scaled = cv2.resize(
        gray, (_WIDTH, max(int(gray.shape[0] * _WIDTH / gray.shape[1]), 1)), interpolation=cv2.INTER_AREA
    )
    contrast = float(np.percentile(scaled, 95) - np.percentile(scaled, 5)) or 1.0
    return float(cv2.Laplacian(scaled.astype(np.float32) / contrast, cv2.CV_32F).var())


def measure(image: Any, page: OcrPage | None = None) -> CaptureQuality:
    """The quality of one BGR image; `page` (its OCR) gives the text size."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    hsv = cv2.cvtColor(image, cv2.COLOR_BGR2HSV) if image.ndim == 3 else None
    value = hsv[..., 2] if hsv is not None else gray
    # Glare is a patch where even the print is blown out: saturated after smoothing over a few text
    # strokes (white paper between lines of print is not).
    scale = _WIDTH / value.shape[1]
    small = cv2.resize(value, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    glare = float((cv2.GaussianBlur(small, (0, 0), GLARE_SMOOTHING) >= 250).mean())
    heights = [line.height for line in page.lines] if page is not None and page.lines else []
    return CaptureQuality(
        sharpness=_sharpness(gray),
        glare=glare,
        brightness=float(gray.mean()),
        text_px=statistics.median(heights) if heights else 0.0,
    )


def measure_file(path: str, page: OcrPage | None = None) -> CaptureQuality | None:
    image = cv2.imread(path, cv2.IMREAD_COLOR)
    return None if image is None else measure(image, page)


def hints(quality: CaptureQuality | None) -> list[str]:
    """What to change for a better capture, most useful first (`closer` when nothing else stands out)."""
    if quality is None:
        return ["closer"]
    found = []
    if quality.glare > MAX_GLARE:
        found.append("less glare")
    if quality.sharpness < MIN_SHARPNESS:
        found.append("steadier")
    if quality.text_px and quality.text_px < MIN_TEXT_PX:
        found.append("closer")
    if quality.brightness < MIN_BRIGHTNESS:
        found.append("more light")
    return found or ["closer"]
