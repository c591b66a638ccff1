"""Contrast normalisation: a second look at a capture whose ink barely stands out from its paper.

Why: faded prints, coloured or dim light, a shadow across half the label and dot-matrix or inkjet
characters whose dots do not touch leave lines the page pass misses or misreads (`EEACON K.K.` for
`BEACON K.K.`, an HS code not found at all). Read again from a grey image whose dots are joined by a
slight blur and whose contrast is equalised tile by tile (CLAHE), those lines come back; merged line by
line with the first reading (`base.merge_lines`), the surer reading of each line wins. Measured on the
dev captures (labelgen dev and dev2, 80 singles; fieldlabels seed 7, 40 singles): the true model
numbers, HS codes and company names in the OCR text went from 130 to 138 of 187 and from 102 to 104
of 135; plain CLAHE without the blur gained one value fewer, a larger detector input (1600 px) or
lower detector thresholds fewer still (`benchmarks/labels_ocr.py`, "where the misses are").
Facts moved less: dev2 model numbers 1 -> 3 of 6 and HS 7 -> 8 of 12, but two right model numbers of a
fieldlabels table lost (a surer normalised line replaced one extraction paired) and one wrong company
added on labelgen dev; so the pass is off unless ECGRAPH_OCR_NORMALISE=1 (`rapidocr.py`).
"""

from __future__ import annotations

from typing import Any

import cv2

__all__ = ["BLUR_SIGMA", "CLAHE_CLIP", "CLAHE_TILES", "normalise_contrast"]

# Gaussian blur (px) that joins a dot-matrix character's dots without merging neighbouring letters.
BLUR_SIGMA = 1.2
# CLAHE: contrast limit and tiles per side (OpenCV's usual values; 4.0 measured no better).
CLAHE_CLIP = 2.0
CLAHE_TILES = 8


def normalise_contrast(image: Any) -> Any:
    """`image` (BGR or grey, uint8) as a 3-channel grey image, slightly blurred, contrast equalised per tile."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    gray = cv2.GaussianBlur(gray, (0, 0), BLUR_SIGMA)
    gray = cv2.createCLAHE(clipLimit=CLAHE_CLIP, tileGridSize=(CLAHE_TILES, CLAHE_TILES)).apply(gray)
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
