"""Which pages of a burst are read, and how (issue 18): the fused image and the sharpest frame in full,
the other registered frames only in the fused page's line boxes (no detection). Real OCR, never mocked."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from ecgraph.ingest.labels.burst_pages import BURST_FRAMES_READ, read_burst_pages
from ecgraph.ingest.labels.fuse import fuse_frames
from ecgraph.ingest.labels.ocr import RapidOcrEngine
from tests.ingest.labels.conftest import DATA

pytestmark = pytest.mark.ocr

# data/label_bursts/lbu_0002*: four frames of one carton marking, each blurred anew.
FRAMES = [DATA / "label_bursts" / f"lbu_0002{suffix}.jpg" for suffix in ("", "_f1", "_f2", "_f3")]


def image(path: Path) -> Any:
    found = cv2.imread(str(path))
    assert found is not None, path
    return found


def test_fusion_keeps_each_stacked_frame_registered_onto_the_reference() -> None:
    frames = [image(path) for path in FRAMES]
    fused = fuse_frames(frames)
    assert set(fused.aligned) == set(fused.used)
    assert fused.aligned[fused.reference] is frames[fused.reference]
    assert all(image.shape == frames[0].shape for image in fused.aligned.values())


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
    assert all(name.endswith("_aligned.png") for name in names[2:])
    fused_boxes = {line.poly for line in burst.pages[0].lines}
    for page in burst.pages[2:]:
        # Every line is one of the fused page's boxes, or one a key-anchored re-read added.
        assert page.lines and sum(line.poly in fused_boxes for line in page.lines) >= len(page.lines) / 2
        assert len(page.lines) >= len(burst.pages[0].lines) / 2  # its own pixels read in most boxes


def test_frames_too_blurred_to_stack_are_read_in_the_sharpest_frames_boxes(tmp_path: Path) -> None:
    sharp = image(FRAMES[0])
    smeared = [cv2.GaussianBlur(sharp, (0, 0), sigma) for sigma in (6.0, 7.0, 8.0)]
    burst = read_burst_pages([sharp, *smeared], tmp_path)
    assert not burst.fused.stacked and np.array_equal(burst.fused.image, sharp)
    order = burst.fused.order[:BURST_FRAMES_READ]
    assert [path.name for path in burst.paths] == [
        f"frame{order[0]}.png",
        *(f"frame{index}_aligned.png" for index in order[1:]),
    ]
    assert burst.pages[0].lines  # the sharp frame, read with its own detection
    sharp_boxes = {line.poly for line in burst.pages[0].lines}
    for page in burst.pages[1:]:
        assert sum(line.poly in sharp_boxes for line in page.lines) >= len(page.lines) / 2
