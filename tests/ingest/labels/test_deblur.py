"""Motion-blur estimation and removal (labels issue: single-frame recall), on the flat label renders in
data/labels: a known smear is put on, the estimator must find it, and a sharp render must stay as it is."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from ecgraph.ingest.labels.ocr import OcrLine, merge_lines
from ecgraph.ingest.labels.ocr.deblur import (
    MotionBlur,
    deblur,
    estimate_motion_blur,
    motion_kernel,
    wiener_deconvolve,
)

DATA = Path(__file__).resolve().parents[3] / "data" / "labels"


def _grey(name: str) -> np.ndarray:
    image = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    assert image is not None, name
    return image


def _angle_gap(a: int, b: int) -> int:
    gap = abs(a - b) % 180
    return min(gap, 180 - gap)


@pytest.mark.parametrize(("length", "angle"), [(9, 0), (7, 35), (11, 120), (6, 90)])
def test_a_known_smear_is_found(length: int, angle: int) -> None:
    sharp = _grey("lbl_0004.clean.png")
    smeared = cv2.filter2D(sharp, -1, motion_kernel(MotionBlur(length, angle, 0.0)))
    found = estimate_motion_blur(smeared)
    assert found is not None
    assert abs(found.length - length) <= 1
    assert _angle_gap(found.angle, angle) <= 8


def test_a_sharp_render_is_left_alone() -> None:
    assert estimate_motion_blur(_grey("lbl_0004.clean.png")) is None
    assert deblur(cv2.cvtColor(_grey("lbl_0004.clean.png"), cv2.COLOR_GRAY2BGR)) is None


def test_deconvolution_brings_back_most_of_the_sharp_image() -> None:
    sharp = _grey("lbl_0007.clean.png").astype(np.float32)
    kernel = motion_kernel(MotionBlur(9, 20, 0.0))
    smeared = cv2.filter2D(sharp, -1, kernel, borderType=cv2.BORDER_REFLECT).clip(0, 255).astype(np.uint8)
    restored = wiener_deconvolve(smeared, kernel).astype(np.float32)
    assert restored.shape == smeared.shape and restored.dtype == np.float32
    error_before = np.abs(smeared.astype(np.float32) - sharp).mean()
    assert np.abs(restored - sharp).mean() < 0.75 * error_before


def _line(text: str, box: tuple[float, float, float, float], confidence: float) -> OcrLine:
    return OcrLine(text=text, box=box, confidence=confidence, raw=text)


def test_merge_keeps_the_surer_reading_of_a_line_and_adds_lines_only_one_pass_found() -> None:
    captured = [_line("MODEL: XL7A39", (10, 10, 200, 30), 0.70), _line("SINGAPORE", (10, 50, 120, 70), 0.99)]
    restored = [
        _line("MODEL: XL7439VVEK", (12, 11, 210, 31), 0.90),  # same line, read better
        _line("SINGAP0RE", (10, 50, 120, 70), 0.80),  # same line, read worse
        _line("HS CODE 6815.19", (10, 90, 200, 110), 0.88),  # missed by the first pass
    ]
    assert [line.text for line in merge_lines(captured, restored)] == [
        "MODEL: XL7439VVEK",
        "SINGAPORE",
        "HS CODE 6815.19",
    ]


def test_lines_split_by_the_sharper_pass_are_added_next_to_the_joined_box() -> None:
    # lbl_0021: the blurred pass reads the MODEL and HS lines as one tall box; the restored pass splits them.
    captured = [_line("M0DEL MY6R.7760=2F", (10, 10, 300, 60), 0.68)]
    restored = [
        _line("MODEL: MX6R-77GD/ZF", (10, 10, 200, 30), 0.9),
        _line("H5. C00E 9013.20.1261", (10, 40, 300, 60), 0.91),
    ]
    texts = {line.text for line in merge_lines(captured, restored)}
    assert {"MODEL: MX6R-77GD/ZF", "H5. C00E 9013.20.1261"} <= texts
