"""What changes between frames of one label: hand tremor, light level and colour, hard shadow, glare,
motion or focus blur, resolution, sensor noise and JPEG quality."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import cv2
import numpy as np

from benchmarks.blindlabels.geometry import Array, Geometry

CASTS = {"none": (1.0, 1.0, 1.0), "sodium": (1.18, 0.96, 0.62), "cold_led": (0.86, 0.96, 1.16),
         "fluorescent": (0.92, 1.08, 0.92), "warm": (1.1, 1.0, 0.84)}


@dataclass
class Shot:
    jitter: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 1.0)
    gain: float = 1.0
    cast: str = "none"
    vignette: float = 0.0
    shadow: tuple[float, float, float, float] | None = None  # x, y (rel), angle, factor
    glare: tuple[float, float, float, float, float] | None = None  # x, y (label rel), rx, ry (rel), strength
    motion: tuple[float, float] | None = None  # length px, angle deg
    defocus: float = 0.0
    lowres: float = 1.0
    noise: float = 0.0
    jpeg_quality: int = 90
    seed: int = 0  # sensor noise

    def record(self) -> dict[str, object]:
        return {
            "jitter": {"dx": round(self.jitter[0], 1), "dy": round(self.jitter[1], 1),
                       "rotation_deg": round(self.jitter[2], 2), "scale": round(self.jitter[3], 3)},
            "light_gain": round(self.gain, 2), "colour_cast": self.cast, "vignette": round(self.vignette, 2),
            "hard_shadow": None if self.shadow is None else {"factor": round(self.shadow[3], 2)},
            "glare": None if self.glare is None else {"strength": round(self.glare[4])},
            "motion_blur": None if self.motion is None else {"length": round(self.motion[0], 1),
                                                             "angle": round(self.motion[1])},
            "defocus_radius": round(self.defocus, 1), "low_res_factor": round(self.lowres, 2),
            "noise_sigma": round(self.noise, 1), "jpeg_quality": self.jpeg_quality,
        }


def draw_shot(rng: random.Random, level: int, tremor: bool, size: tuple[int, int]) -> Shot:
    """Per-frame conditions at severity level 0/1/2; tremor adds a small shift/rotation/scale."""
    sh = Shot()
    if tremor:
        sh.jitter = (rng.gauss(0, 0.006) * size[0], rng.gauss(0, 0.006) * size[1], rng.gauss(0, 0.5),
                     1 + rng.gauss(0, 0.008))
    low = rng.random() < (0.03, 0.15, 0.35)[level]
    sh.gain = rng.uniform(0.3, 0.55) if low else rng.uniform(0.8, 1.08)
    sh.cast = rng.choice(list(CASTS)) if rng.random() < (0.15, 0.35, 0.5)[level] else "none"
    sh.vignette = rng.uniform(0, (0.2, 0.35, 0.5)[level])
    if rng.random() < (0.08, 0.3, 0.45)[level]:
        sh.shadow = (rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8), rng.uniform(0, 360), rng.uniform(0.35, 0.7))
    if rng.random() < (0.15, 0.35, 0.55)[level]:
        sh.glare = (rng.uniform(0.1, 0.9), rng.uniform(0.1, 0.9), rng.uniform(0.06, 0.2), rng.uniform(0.04, 0.12),
                    rng.uniform(90, (150, 210, 260)[level]))
    blur = rng.random()
    if blur < (0.2, 0.4, 0.5)[level]:
        sh.motion = (rng.uniform(2, (5, 9, 14)[level]), rng.uniform(0, 180))
    elif blur < (0.35, 0.7, 0.9)[level]:
        sh.defocus = rng.uniform(0.8, (1.5, 2.5, 3.5)[level])
    if rng.random() < (0.05, 0.2, 0.35)[level]:
        sh.lowres = rng.uniform((0.75, 0.6, 0.5)[level], 0.85)
    sh.noise = rng.uniform(1, (4, 7, 11)[level]) * (1.8 if low else 1.0)
    sh.jpeg_quality = rng.randint(*((72, 93), (50, 82), (30, 62))[level])
    sh.seed = rng.randint(0, 2**31)
    return sh


def _disk(r: float) -> Array:
    n = math.ceil(r)
    yy, xx = np.mgrid[-n:n + 1, -n:n + 1]
    k = (np.hypot(xx, yy) <= r + 0.5).astype(np.float32)
    return np.asarray(k / k.sum())


def apply_shot(img: Array, sh: Shot, hm: Array, g: Geometry) -> Array:
    """Light, shadow, glare, blur, resolution and noise on a float RGB capture -> uint8 RGB."""
    h, w = img.shape[:2]
    sw, sh_ = (w + 1) // 2, (h + 1) // 2  # smooth light fields are computed at half resolution
    yy, xx = np.mgrid[0:sh_, 0:sw].astype(np.float32) * 2
    light = np.full((sh_, sw), sh.gain, np.float32)
    if sh.vignette:
        rr = np.hypot((xx - w / 2) / w, (yy - h / 2) / h) * 1.4
        light *= 1 - sh.vignette * rr**2
    if sh.shadow is not None:
        sx, sy, ang, fac = sh.shadow
        a = math.radians(ang)
        side = (xx - sx * w) * math.cos(a) + (yy - sy * h) * math.sin(a)
        light *= 1 - (1 - fac) * np.clip(side / 2.5 + 0.5, 0, 1)
    glare = np.zeros((sh_, sw), np.float32)
    if sh.glare is not None:
        gx, gy, rx, ry, strength = sh.glare
        c = cv2.perspectiveTransform(np.array([[[gx * g.label_w, gy * g.label_h]]], np.float32), hm)[0, 0]
        d = ((xx - c[0]) / (rx * w)) ** 2 + ((yy - c[1]) / (ry * h)) ** 2
        glare = (strength * np.exp(-d * 1.5)).astype(np.float32)
    light = cv2.resize(light, (sw * 2, sh_ * 2), interpolation=cv2.INTER_LINEAR)[:h, :w]
    glare = cv2.resize(glare, (sw * 2, sh_ * 2), interpolation=cv2.INTER_LINEAR)[:h, :w]
    cast = np.array(CASTS[sh.cast], np.float32)[None, None, :]
    out: Array = img * light[..., None] * cast + glare[..., None]
    if sh.motion is not None:
        length, ang = sh.motion
        n = math.ceil(length) | 1
        k: Array = np.zeros((n, n), np.float32)
        cv2.line(k, (0, n // 2), (n - 1, n // 2), 1.0, 1)
        k = cv2.warpAffine(k, cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), ang, 1.0), (n, n))
        kn: Array = (k / max(float(k.sum()), 1e-6)).astype(np.float32)
        out = cv2.filter2D(out, -1, kn)
    elif sh.defocus > 0:
        out = cv2.filter2D(out, -1, _disk(sh.defocus))
    if sh.lowres < 1:
        small = cv2.resize(out, (int(w * sh.lowres), int(h * sh.lowres)), interpolation=cv2.INTER_AREA)
        out = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    out = out + np.random.default_rng(sh.seed).standard_normal(out.shape, dtype=np.float32) * np.float32(sh.noise)
    return np.asarray(np.clip(out, 0, 255).astype(np.uint8))
