"""Motion blur: find it in a capture (cepstrum) and take it out (Wiener deconvolution).

Why: on the bundled captures nearly every missed model number and HS code sat in a frame smeared by
head movement (5–13 px). The detector then finds no line at all under 6–10 px text; upscaling 2x, a
larger detection size and unsharp masking did not bring it back (measured), removing the smear did.

How: a straight smear of length L multiplies the spectrum by a sinc whose zeros repeat every 1/L, so
the cepstrum (inverse FFT of the log spectrum) has a sharp negative peak at distance L in the
direction of the smear. Each (angle, length) is scored against the other angles at the same length
(robust z-score); a frame counts as smeared when the best score is below `MIN_SCORE`. A smear of L px
also leaves a peak at 2L: when the peak at half the best length is nearly as deep, the shorter smear is
taken. JPEG's 8 px block grid leaves the same kind of peak on the axes at 8 and 16 px, so those few
points are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

__all__ = ["MIN_SCORE", "MotionBlur", "deblur", "estimate_motion_blur", "motion_kernel", "wiener_deconvolve"]

# Lengths searched (px). Under 4 px the smear costs OCR little, over 15 px it is rare for a held camera.
MIN_LENGTH, MAX_LENGTH = 4, 15
# Robust z-score a smear's cepstral peak must reach. Measured on data/labels and data/label_bursts
# (benchmarks/labels_ocr.py): smeared frames score −6 … −45, sharp frames −3.6 … −7.8.
MIN_SCORE = -8.5
# A peak at half the found length this deep, as a share of the found peak's score, is the smear itself
# and the found one its echo (`_fundamental`). On data/labels only lbl_0018 changes (14 → 7 px; its echo
# scored −9.9, the smear −8.3); its HS code, ECCN and most of its text come back (benchmarks/labels_ocr.py).
HARMONIC_SHARE = 0.5
# Noise-to-signal ratio of the Wiener filter: lower sharpens more and rings more (0.004–0.04 measured
# alike on the captures; the middle is kept).
NOISE_TO_SIGNAL = 0.01
# Axis points where JPEG blocks (8 px, and 16 px chroma) leave a cepstral peak of their own.
_JPEG_LENGTHS = (8, 16)
_JPEG_ANGLE_TOLERANCE = 3  # degrees either side of 0° and 90°


@dataclass(frozen=True)
class MotionBlur:
    """A straight smear: its length in pixels, its direction in degrees (0 = along x, y pointing down),
    and the cepstral score it was found with (more negative = clearer)."""

    length: int
    angle: int
    score: float


def _cepstrum(gray: Any) -> Any:
    image = gray.astype(np.float32)
    image -= image.mean()
    height, width = image.shape
    window = np.outer(np.hanning(height), np.hanning(width)).astype(np.float32)
    spectrum = np.fft.fft2(image * window)
    return np.fft.fftshift(np.real(np.fft.ifft2(np.log(np.abs(spectrum) + 1e-3))))


def estimate_motion_blur(gray: Any) -> MotionBlur | None:
    """The smear in a grayscale image (uint8 array), or None when the frame looks sharp."""
    cepstrum = _cepstrum(gray).astype(np.float32)
    centre_y, centre_x = cepstrum.shape[0] // 2, cepstrum.shape[1] // 2
    angles = np.deg2rad(np.arange(180, dtype=np.float32))
    lengths = np.arange(MAX_LENGTH + 1, dtype=np.float32)
    map_x = (centre_x + np.outer(np.cos(angles), lengths)).astype(np.float32)
    map_y = (centre_y + np.outer(np.sin(angles), lengths)).astype(np.float32)
    polar = cv2.remap(cepstrum, map_x, map_y, cv2.INTER_LINEAR)  # [angle, length]
    median = np.median(polar, axis=0, keepdims=True)
    spread = np.median(np.abs(polar - median), axis=0, keepdims=True) + 1e-6
    score = (polar - median) / spread
    for length in _JPEG_LENGTHS:
        if length <= MAX_LENGTH:
            for axis in (0, 90, 180):
                low, high = max(axis - _JPEG_ANGLE_TOLERANCE, 0), min(axis + _JPEG_ANGLE_TOLERANCE + 1, 180)
                score[low:high, length] = 0.0
    searched = score[:, MIN_LENGTH:]
    angle, offset = np.unravel_index(int(np.argmin(searched)), searched.shape)
    best = float(searched[angle, offset])
    if best > MIN_SCORE:
        return None
    return _fundamental(score, int(angle), int(offset) + MIN_LENGTH, best)


def _fundamental(score: Any, angle: int, length: int, best: float) -> MotionBlur:
    """The smear whose cepstral peak at `length` was strongest, or the one half as long when that one
    peaks nearly as strongly: the sinc's zeros repeat, so a smear of L px also leaves a peak at 2L, and
    noise can make that echo the deeper one (a 7 px smear found as 14 px; deconvolving twice the length
    wipes out the small text the re-read needs)."""
    halves = [half for half in {length // 2, (length + 1) // 2} if half >= MIN_LENGTH]
    if halves:
        half = min(halves, key=lambda h: float(score[angle, h]))
        if float(score[angle, half]) <= HARMONIC_SHARE * best:
            return MotionBlur(length=half, angle=angle, score=best)
    return MotionBlur(length=length, angle=angle, score=best)


def motion_kernel(blur: MotionBlur) -> Any:
    """A normalised line kernel of the smear's length and direction (bilinear, odd size)."""
    size = (blur.length + 2) | 1
    kernel = np.zeros((size, size), np.float32)
    centre = size // 2
    dx, dy = np.cos(np.deg2rad(blur.angle)), np.sin(np.deg2rad(blur.angle))
    half = (blur.length - 1) / 2
    for t in np.linspace(-half, half, blur.length * 8):
        x, y = centre + t * dx, centre + t * dy
        x0, y0 = int(np.floor(x)), int(np.floor(y))
        fx, fy = x - x0, y - y0
        for xx, yy, weight in (
            (x0, y0, (1 - fx) * (1 - fy)),
            (x0 + 1, y0, fx * (1 - fy)),
            (x0, y0 + 1, (1 - fx) * fy),
            (x0 + 1, y0 + 1, fx * fy),
        ):
            if 0 <= xx < size and 0 <= yy < size:
                kernel[yy, xx] += weight
    return kernel / kernel.sum()


def wiener_deconvolve(image: Any, kernel: Any, noise_to_signal: float = NOISE_TO_SIGNAL) -> Any:
    """`image` (uint8, grey or BGR) with `kernel` taken out, channel by channel; edges are mirrored."""
    pad = kernel.shape[0] * 2
    channels = cv2.split(image) if image.ndim == 3 else [image]
    restored = []
    for channel in channels:
        padded = cv2.copyMakeBorder(channel, pad, pad, pad, pad, cv2.BORDER_REFLECT).astype(np.float32) / 255
        height, width = padded.shape
        psf = np.zeros((height, width), np.float32)
        psf[: kernel.shape[0], : kernel.shape[1]] = kernel
        psf = np.roll(psf, (-(kernel.shape[0] // 2), -(kernel.shape[1] // 2)), axis=(0, 1))
        transfer = np.fft.rfft2(psf)
        result = np.fft.rfft2(padded) * np.conj(transfer) / (np.abs(transfer) ** 2 + noise_to_signal)
        plane = np.fft.irfft2(result, s=(height, width))[pad:-pad, pad:-pad]
        restored.append(np.clip(plane * 255, 0, 255).astype(np.uint8))
    return cv2.merge(restored) if image.ndim == 3 else restored[0]


def deblur(image: Any) -> tuple[Any, MotionBlur] | None:
    """The BGR (or grey) image with its motion smear removed, and the smear; None when it looks sharp."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    blur = estimate_motion_blur(gray)
    if blur is None:
        return None
    return wiener_deconvolve(image, motion_kernel(blur)), blur
