"""Which pages of a burst are read, and how (issue 18): the fused image and the sharpest frame in full,
the other registered frames only in the fused page's line boxes (no detection). Real OCR, never mocked."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from ecgraph.ingest.labels.burst_pages import BURST_FRAMES_READ, moved_lines, read_burst_pages
from ecgraph.ingest.labels.fuse import fuse_frames, register
from ecgraph.ingest.labels.ocr import RapidOcrEngine, make_line
from tests.ingest.labels.conftest import DATA

pytestmark = pytest.mark.ocr

# data/label_bursts/lbu_0002*: four frames of one carton marking, each blurred anew.
FRAMES = [DATA / "label_bursts" / f"lbu_0002{suffix}.jpg" for suffix in ("", "_f1", "_f2", "_f3")]


def image(path: Path) -> Any:
    found = cv2.imread(str(path))
    assert found is not None, path
    return found


def test_fusion_keeps_where_each_stacked_frame_lies_against_the_reference() -> None:
    frames = [image(path) for path in FRAMES]
    fused = fuse_frames(frames)
    assert set(fused.aligned) == set(fused.used) == set(fused.homographies)
    assert fused.aligned[fused.reference] is frames[fused.reference]
    assert np.allclose(fused.homographies[fused.reference], np.eye(3))


def test_a_line_is_moved_into_a_shifted_frames_pixels() -> None:
    # A frame shifted 6 px right and 4 down: a point of the reference lies 6 right and 4 down in it.
    reference = image(FRAMES[0])
    shifted = np.roll(reference, (4, 6), axis=(0, 1))
    found = register(reference, shifted)
    assert found is not None and found[1] > 0.9
    line = make_line(
        "HS 8501.52", (100.0, 200.0, 300.0, 230.0), 0.9, ((100, 200), (300, 200), (300, 230), (100, 230))
    )
    assert line is not None
    [moved] = moved_lines([line], found[0])
    assert np.allclose(moved.poly, [(106, 204), (306, 204), (306, 234), (106, 234)], atol=1.0)


def test_an_image_recognised_in_its_own_pages_boxes_reads_the_lines_detection_found() -> None:
    # The boxes of a page are where its lines are: recognising the same pixels in them again, without
    # detection, gives the same lines (re-reads off, so only the first pass is compared).
    engine = RapidOcrEngine(reread=False, deblur=False)
    clean = DATA / "labels" / "lbl_0002.clean.png"
    full = engine.read(clean)
    boxed = engine.read_in_boxes(clean, full.lines)
    assert Counter(line.text for line in boxed.lines) == Counter(line.text for line in full.lines)
    assert {line.poly for line in boxed.lines} <= {line.poly for line in full.lines}


def test_a_stacked_burst_reads_fused_and_sharpest_in_full_and_registered_frames_in_the_fused_boxes(
    tmp_path: Path,
) -> None:
    frames = [image(path) for path in FRAMES]
    burst = read_burst_pages(frames, tmp_path, prefix="b_")
    assert burst.fused.stacked and len(burst.pages) == 1 + BURST_FRAMES_READ
    names = [path.name for path in burst.paths]
    assert names[:2] == ["b_fused.png", f"b_frame{burst.fused.reference}.png"]
    assert all(name.startswith("b_frame") for name in names[2:])
    for path, page in zip(burst.paths[2:], burst.pages[2:], strict=True):
        # The frame as captured, read in the fused page's boxes taken into its pixels: every line is one
        # of those boxes, or one a key-anchored re-read added.
        index = int(path.stem.removeprefix("b_frame"))
        boxes = {line.poly for line in moved_lines(burst.pages[0].lines, burst.fused.homographies[index])}
        assert page.lines and sum(line.poly in boxes for line in page.lines) >= len(page.lines) / 2
        assert len(page.lines) >= len(burst.pages[0].lines) / 2  # its own pixels read in most boxes


def test_frames_too_blurred_to_stack_are_read_in_the_sharpest_frames_boxes(tmp_path: Path) -> None:
    sharp = image(FRAMES[0])
    smeared = [cv2.GaussianBlur(sharp, (0, 0), sigma) for sigma in (6.0, 7.0, 8.0)]
    burst = read_burst_pages([sharp, *smeared], tmp_path)
    assert not burst.fused.stacked and np.array_equal(burst.fused.image, sharp)
    order = burst.fused.order[:BURST_FRAMES_READ]
    assert [path.name for path in burst.paths] == [f"frame{index}.png" for index in order]
    assert burst.pages[0].lines  # the sharp frame, read with its own detection
    for page in burst.pages[1:]:  # the smeared copies need no moving: the sharp frame's boxes as they are
        boxes = {tuple((round(x), round(y)) for x, y in line.poly) for line in burst.pages[0].lines}
        inside = [line for line in page.lines if tuple((round(x), round(y)) for x, y in line.poly) in boxes]
        assert len(inside) >= len(page.lines) / 2
