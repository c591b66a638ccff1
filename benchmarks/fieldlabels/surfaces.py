"""What a label sits on and is made of: warehouse backgrounds (carton, stretch wrap, steel, concrete,
painted machine, crate wood, drum) and label-stock textures (paper, kraft, thermal, film, metal)."""

from __future__ import annotations

import cv2
import numpy as np

BACKGROUNDS = ("carton", "stretch_wrap", "steel", "concrete", "painted_machine", "crate_wood", "drum",
               "pallet_shelf")
_BASE = {"carton": (176, 138, 92), "stretch_wrap": (150, 158, 160), "steel": (120, 124, 128),
         "concrete": (128, 126, 120), "painted_machine": (214, 210, 190), "crate_wood": (190, 150, 104),
         "drum": (40, 70, 140), "pallet_shelf": (210, 110, 40)}


def smooth_noise(rs: np.random.Generator, shape: tuple[int, int], cells: int) -> np.ndarray:
    """Low-frequency noise in [-1, 1] (a coarse random grid, bicubically upscaled)."""
    h, w = shape
    grid = rs.uniform(-1, 1, (max(2, cells * h // max(h, w)) + 1, max(2, cells * w // max(h, w)) + 1))
    return np.clip(cv2.resize(grid.astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC), -1, 1)


def background(rs: np.random.Generator, kind: str, size: tuple[int, int]) -> np.ndarray:
    """A float32 RGB background in [0, 1] of `size` (w, h)."""
    w, h = size
    base = np.array(_BASE[kind], dtype=np.float32) / 255.0
    if kind == "painted_machine":
        base = rs.choice(np.array([(214, 210, 190), (120, 160, 120), (90, 120, 170), (200, 200, 204)],
                                  dtype=np.float32)) / 255.0
    img = np.ones((h, w, 3), np.float32) * base
    img *= (1 + 0.12 * smooth_noise(rs, (h, w), 6))[..., None]
    grain: np.ndarray = rs.normal(0, 0.025, (h, w)).astype(np.float32)
    if kind in ("carton", "crate_wood"):  # fibres / grain running one way
        grain = cv2.GaussianBlur(grain, (0, 0), sigmaX=9 if kind == "crate_wood" else 3, sigmaY=0.6) * 3
    elif kind in ("steel", "drum"):  # brushed
        grain = cv2.GaussianBlur(grain, (0, 0), sigmaX=20, sigmaY=0.5) * 4
    elif kind == "stretch_wrap":  # sheen bands
        grain += 0.15 * np.sin(np.linspace(0, rs.uniform(6, 20), w, dtype=np.float32))[None, :] * smooth_noise(rs, (h, w), 3)
    img += grain[..., None]
    if kind in ("carton", "pallet_shelf"):  # a tape strip or an edge
        y = int(rs.uniform(0.1, 0.9) * h)
        tape = (0.78, 0.70, 0.52) if kind == "carton" else (0.35, 0.35, 0.38)
        img[y:y + int(0.08 * h)] = img[y:y + int(0.08 * h)] * 0.3 + np.array(tape, np.float32) * 0.7
    return np.clip(img, 0, 1)


def texture_label(rs: np.random.Generator, img: np.ndarray, surface: str) -> np.ndarray:
    """Add the stock's own texture to a flat label image (float32 RGB in [0, 1])."""
    h, w = img.shape[:2]
    if surface == "metal":
        streak = cv2.GaussianBlur(rs.normal(0, 1, (h, w)).astype(np.float32), (0, 0), sigmaX=25, sigmaY=0.5)
        img = img * (1 + 0.25 * streak[..., None]) + 0.05 * smooth_noise(rs, (h, w), 4)[..., None]
    elif surface == "kraft":
        fib = cv2.GaussianBlur(rs.normal(0, 1, (h, w)).astype(np.float32), (0, 0), sigmaX=2.5, sigmaY=0.7)
        img = img * (1 + 0.08 * fib[..., None]) * (1 + 0.06 * smooth_noise(rs, (h, w), 5)[..., None])
    elif surface in ("paper", "thermal", "film"):
        img = img * (1 + 0.02 * smooth_noise(rs, (h, w), 8)[..., None]) + rs.normal(0, 0.008, (h, w, 1)).astype(np.float32)
    out: np.ndarray = np.clip(img, 0, 1).astype(np.float32)
    return out
