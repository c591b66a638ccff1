"""Asking for a better capture (issue 18): the kind of label and its expected fields, image quality and
the hint it gives, the advice file beside an upload, and burst fusion."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np

from benchmarks.labelgen import make_burst
from ecgraph.ingest.labels.advice import advice_path, write_advice
from ecgraph.ingest.labels.expect import expected_fields, label_kind
from ecgraph.ingest.labels.fuse import align, fuse_frames
from ecgraph.ingest.labels.quality import CaptureQuality, hints, measure


def test_the_kind_of_label_is_told_by_the_words_its_standard_prints() -> None:
    assert label_kind("CUSTOMS DECLARATION CN 23\nHS tariff number: 8504.40") == "customs_form"
    assert label_kind("(00) 3 4912345 000000001 8\n(240)SGDV-2R8A01B\n(21)D0012345") == "gs1"
    assert label_kind("(1P) SUPPLIER PART NO\n(S) SERIAL NO W1470228") == "mh10"
    assert label_kind("MODEL: AB-12\nINPUT AC200V 50/60Hz\nOUTPUT 2.2kW") == "nameplate"
    assert expected_fields("AIR WAYBILL No. 131-12345675")[1] == ("company", "hs_code")
    assert label_kind("hello") == "label"


def test_hints_follow_the_measured_quality() -> None:
    good = CaptureQuality(sharpness=0.05, glare=0.0, brightness=150.0, text_px=30.0)
    assert hints(good) == ["closer"]  # nothing stands out: a closer capture is the general advice
    assert hints(CaptureQuality(0.001, 0.0, 150.0, 30.0)) == ["steadier"]
    assert hints(CaptureQuality(0.05, 0.0, 150.0, 8.0)) == ["closer"]
    assert hints(CaptureQuality(0.05, 0.5, 40.0, 30.0)) == ["less glare", "more light"]


def test_blur_lowers_the_measured_sharpness_below_the_hint_threshold() -> None:
    sharp = make_burst("dev", 0, 1).sharp
    assert sharp is not None
    smeared = cv2.GaussianBlur(sharp, (0, 0), 2.5)  # out of focus, as a shaking head leaves a frame
    assert "steadier" not in hints(measure(sharp))
    assert "steadier" in hints(measure(smeared))


def test_advice_is_written_beside_the_upload_only_for_a_capture_read_now(tmp_path: Path) -> None:
    upload = tmp_path / "IMG_0001.jpg"
    reading = {
        "kind": "carton",
        "missing": ["hs_code"],
        "hint": ["steadier"],
        "quality": {"sharpness": 0.001},
        "candidates": [{"type": "hs_code", "value": "8504.40", "confidence": 0.7}],
    }
    written = write_advice(upload, {"id": "lc_1", "reading": reading})
    assert written == advice_path(upload) == tmp_path / "IMG_0001.jpg.advice.json"
    advice = json.loads(written.read_text())
    assert advice["missing"] == ["hs_code"] and advice["hint"] == ["steadier"] and not advice["complete"]
    assert advice["candidates"] == [{"type": "hs_code", "value": "8504.40", "confidence": 0.7}]
    assert write_advice(tmp_path / "again.jpg", {"id": "lc_1", "reading": None}) is None


def test_a_shifted_frame_is_registered_back_onto_the_reference() -> None:
    reference = make_burst("dev", 1, 1).frames[0]
    shifted = np.roll(reference, (6, -9), axis=(0, 1))
    aligned = align(reference, shifted)
    assert aligned is not None
    warped, correlation = aligned
    inner = (slice(40, -40), slice(40, -40))
    before = np.abs(shifted[inner].astype(int) - reference[inner]).mean()
    after = np.abs(warped[inner].astype(int) - reference[inner]).mean()
    assert correlation > 0.9 and after < before / 2


def test_fusion_stacks_only_frames_sharp_enough_and_keeps_the_frame_size() -> None:
    burst = make_burst("dev", 3, 8)
    fused = fuse_frames(burst.frames)
    assert fused.image.shape == burst.frames[0].shape
    assert fused.reference == fused.order[0] and fused.reference in fused.used
    assert len(fused.used) <= 8
