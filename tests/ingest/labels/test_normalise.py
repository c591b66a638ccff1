"""Contrast normalisation (issue 18: read more of the true values on unseen captures): a second page
pass on a grey copy whose dots are joined and whose contrast is equalised reads dot-matrix print the
page pass finds nothing in, and keeps what the page pass read."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from ecgraph.ingest.labels.ocr import RapidOcrEngine
from ecgraph.ingest.labels.ocr.normalise import normalise_contrast


def dot_matrix(text: str, ink: int = 150, paper: int = 200, pitch: int = 4) -> np.ndarray:
    """`text` printed in dots `pitch` px apart, grey ink on grey paper (a worn ribbon on a carton)."""
    mask = np.zeros((120, 420), np.uint8)
    cv2.putText(mask, text, (20, 75), cv2.FONT_HERSHEY_SIMPLEX, 1.3, 255, 3, cv2.LINE_AA)
    grid = np.zeros_like(mask)
    grid[::pitch, ::pitch] = 255
    dotted = cv2.bitwise_and(mask, cv2.dilate(grid, np.ones((2, 2), np.uint8)))
    page = np.full(mask.shape, paper, np.float32) - (paper - ink) * (dotted / 255.0)
    return cv2.cvtColor(page.astype(np.uint8), cv2.COLOR_GRAY2BGR)


def engine(normalise: bool) -> RapidOcrEngine:
    return RapidOcrEngine(threads=1, deblur=False, reread=False, verify=False, normalise=normalise)


def test_dot_matrix_print_the_page_pass_misses_is_read_from_the_normalised_copy(tmp_path: Path) -> None:
    image = tmp_path / "dots.png"
    cv2.imwrite(str(image), dot_matrix("HS 8542.31"))
    assert "8542.31" not in engine(normalise=False).read(image).text
    assert "HS 8542.31" in engine(normalise=True).read(image).text


def test_solid_print_reads_the_same_with_the_second_pass(tmp_path: Path) -> None:
    image = tmp_path / "solid.png"
    page = np.full((120, 420, 3), 200, np.uint8)
    cv2.putText(page, "HS 8542.31", (20, 75), cv2.FONT_HERSHEY_SIMPLEX, 1.3, (60, 60, 60), 3, cv2.LINE_AA)
    cv2.imwrite(str(image), page)
    assert engine(normalise=True).read(image).text == engine(normalise=False).read(image).text == "HS 8542.31"


def test_the_normalised_copy_is_grey_and_makes_faint_ink_stand_out() -> None:
    page = np.full((120, 420, 3), 200, np.uint8)
    cv2.putText(page, "HS 8542.31", (20, 75), cv2.FONT_HERSHEY_SIMPLEX, 1.3, (185, 185, 185), 3, cv2.LINE_AA)
    copy = normalise_contrast(page)
    assert copy.shape == page.shape
    assert (copy[..., 0] == copy[..., 1]).all() and (copy[..., 1] == copy[..., 2]).all()
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    ink = grey < 195

    def contrast(plane: np.ndarray) -> float:  # mean paper minus mean ink
        return float(plane[~ink].mean() - plane[ink].mean())

    assert contrast(copy[..., 0]) > 1.5 * contrast(grey)
