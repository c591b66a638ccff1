"""The frames of a burst registered and fused into one image before reading.

Why: glasses stream video; frames of one label differ by hand tremor, motion blur, noise and glare
drift. Aligning them on the sharpest frame (OpenCV ECC, a homography) and taking a robust per-pixel
stack (the median) keeps what the frames agree on: noise and a glare spot that moves fall away,
and blur averages toward the sharper frames. The fused image and the sharpest frames are then read
and their fields voted (`burst.vote_entities`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from ecgraph.ingest.labels.quality import _sharpness

__all__ = ["FusedBurst", "align", "fuse_frames", "register", "sharpness_order"]

# Frames are aligned at this width (ECC is iterative; alignment at full size costs seconds).
ALIGN_WIDTH = 480
# ECC stops after this many iterations or this change.
_CRITERIA = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 30, 1e-4)
# Frames whose ECC correlation with the reference stays below this are left out of the stack.
MIN_CORRELATION = 0.6
# At most this many frames go into the stack (the sharpest ones): more cost time and add blur.
MAX_STACK = 8
# Only frames at least this sharp, as a share of the sharpest, are stacked: the median of a sharp frame
# and smeared ones is smeared (measured: Laplacian variance of the all-frame median fell to a third).
MIN_SHARPNESS_SHARE = 0.6


@dataclass
class FusedBurst:
    """The fused image; when fewer than three frames were sharp enough to stack it is the sharpest frame."""

    image: Any  # BGR uint8
    reference: int  # index of the sharpest frame, the one the others were aligned to
    used: list[int]  # indexes of the frames in the stack
    order: list[int]  # all frame indexes, sharpest first
    # The stacked frames warped onto the reference (the reference as it is), by frame index.
    aligned: dict[int, Any] = field(default_factory=dict)
    # By frame index, the homography taking a point of the reference (and of the fused image) to the same
    # point of that frame as captured: a line the fused page found can be read on each frame's own
    # pixels (`burst_pages`), without a second interpolation (a warped frame reads softer).
    homographies: dict[int, Any] = field(default_factory=dict)

    @property
    def stacked(self) -> bool:
        return len(self.used) >= 3


def _scores(frames: Sequence[Any]) -> list[float]:
    return [_sharpness(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)) for frame in frames]


def sharpness_order(frames: Sequence[Any]) -> list[int]:
    scores = _scores(frames)
    return sorted(range(len(frames)), key=lambda i: -scores[i])


def register(reference: Any, moving: Any) -> tuple[Any, float] | None:
    """The ECC homography (3x3, full-size pixels) that takes a point of `reference` to the same point of
    `moving` (both BGR, same size), and its correlation; None when ECC fails."""
    scale = min(1.0, ALIGN_WIDTH / reference.shape[1])
    small_ref = cv2.resize(cv2.cvtColor(reference, cv2.COLOR_BGR2GRAY), None, fx=scale, fy=scale)
    small_mov = cv2.resize(cv2.cvtColor(moving, cv2.COLOR_BGR2GRAY), None, fx=scale, fy=scale)
    small_ref = cv2.GaussianBlur(small_ref, (5, 5), 0).astype(np.float32)
    small_mov = cv2.GaussianBlur(small_mov, (5, 5), 0).astype(np.float32)
    warp: Any = np.eye(3, dtype=np.float32)
    no_mask: Any = None
    try:
        correlation, warp = cv2.findTransformECC(
            small_ref, small_mov, warp, cv2.MOTION_HOMOGRAPHY, _CRITERIA, no_mask, 5
        )
    except cv2.error:
        return None
    to_full = np.diag([1 / scale, 1 / scale, 1]).astype(np.float32)
    return to_full @ warp @ np.linalg.inv(to_full), float(correlation)


def align(reference: Any, moving: Any) -> tuple[Any, float] | None:
    """`moving` warped onto `reference` (both BGR, same size) by an ECC homography; None when ECC fails."""
    found = register(reference, moving)
    if found is None:
        return None
    return _warp(reference, moving, found[0]), found[1]


def _warp(reference: Any, moving: Any, homography: Any) -> Any:
    height, width = reference.shape[:2]
    return cv2.warpPerspective(
        moving,
        homography,
        (width, height),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REPLICATE,
    )


def fuse_frames(frames: Sequence[Any]) -> FusedBurst:
    """The sharpest frames aligned on the sharpest one and median-stacked (one frame: itself)."""
    if not frames:
        raise ValueError("a burst needs at least one frame")
    scores = _scores(frames)
    order = sorted(range(len(frames)), key=lambda i: -scores[i])
    reference = frames[order[0]]
    stack, used = [reference], [order[0]]
    homographies: dict[int, Any] = {order[0]: np.eye(3, dtype=np.float32)}
    for index in order[1:MAX_STACK]:
        if frames[index].shape != reference.shape or scores[index] < MIN_SHARPNESS_SHARE * scores[order[0]]:
            continue
        found = register(reference, frames[index])
        if found is not None and found[1] >= MIN_CORRELATION:
            stack.append(_warp(reference, frames[index], found[0]))
            used.append(index)
            homographies[index] = found[0]
    registered = dict(zip(used, stack, strict=True))
    if len(stack) < 3:
        return FusedBurst(reference, order[0], used, order, registered, homographies)
    fused = np.median(np.stack(stack), axis=0).astype(np.uint8)
    return FusedBurst(fused, order[0], used, order, registered, homographies)
