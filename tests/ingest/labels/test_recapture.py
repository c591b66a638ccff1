"""A re-capture closes the gap (issue 18): a blurred capture reports the fields it could not read with a
hint to hold steadier; a sharper frame of the same generated label reads them."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks.labelgen import make_capture
from ecgraph.ingest.labels import read_label
from ecgraph.ingest.labels.extract import norm_key

pytestmark = [pytest.mark.ocr]


def test_a_sharper_recapture_reads_what_the_blurred_one_asked_for(tmp_path: Path) -> None:
    capture = make_capture("dev", 4)  # a Japanese carton marking: company, model, HS code, origin
    assert capture.sharp is not None
    blurred, sharp = tmp_path / "blurred.png", tmp_path / "sharp.png"
    cv2.imwrite(str(blurred), cv2.GaussianBlur(capture.sharp, (0, 0), 3.5))
    cv2.imwrite(str(sharp), capture.sharp)
    first = read_label([blurred])[0]
    assert first.missing and "steadier" in first.hint
    again = read_label([sharp])[0]
    truth = {e["type"]: e["norm"] for e in capture.entities}
    closed = [kind for kind in first.missing if kind not in again.missing]
    assert closed, (first.missing, again.missing)
    read = {(e.type, norm_key(e.norm)) for e in again.entities}
    right = [kind for kind in closed if (kind, norm_key(truth[kind])) in read]
    assert right, (closed, read, truth)
    assert len(again.missing) < len(first.missing)


def test_a_steadier_burst_reads_what_the_blurred_burst_asked_for(tmp_path: Path) -> None:
    # The same for bursts (read as `read_burst` does: fused image and sharpest frame in full, the other
    # registered frames in the fused page's boxes): four frames of one label, hand tremor shifting each.
    capture = make_capture("dev", 4)
    assert capture.sharp is not None
    shifts = [(0, 0), (3, -2), (-2, 4), (4, 3)]
    frames = [np.roll(capture.sharp, shift, axis=(0, 1)) for shift in shifts]
    blurred, steady = [], []
    for number, frame in enumerate(frames):
        blurred.append(tmp_path / f"blurred_{number}.png")
        steady.append(tmp_path / f"steady_{number}.png")
        cv2.imwrite(str(blurred[-1]), cv2.GaussianBlur(frame, (0, 0), 3.5))
        cv2.imwrite(str(steady[-1]), frame)
    [first] = read_label(blurred, burst=True)
    assert first.burst and first.missing and "steadier" in first.hint
    [again] = read_label(steady, burst=True)
    truth = {e["type"]: e["norm"] for e in capture.entities}
    read = {(e.type, norm_key(e.norm)) for e in again.entities}
    closed = [kind for kind in first.missing if kind not in again.missing]
    assert [kind for kind in closed if (kind, norm_key(truth[kind])) in read], (closed, read, truth)
    assert len(again.missing) < len(first.missing)
