"""Photograph a flat label in a warehouse: surface, occluders, light, blur, noise, resolution, JPEG.

A Scene is fixed for one label (geometry, print wear, occluders, background); a Shot holds what changes
from frame to frame (tremor, light, shadow, glare, blur, noise, compression).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import cv2
import numpy as np

from benchmarks.blindlabels.geometry import Array, Geometry, draw_geometry
from benchmarks.blindlabels.lighting import Shot, apply_shot

LEVELS = ("light", "medium", "heavy")
SKIN = ((224, 172, 140), (198, 140, 104), (150, 100, 72), (236, 196, 168))


@dataclass
class Occluder:
    """A finger, strap or overlapping sticker, as a polygon in label coordinates."""

    kind: str
    poly: list[list[float]]
    colour: tuple[int, int, int]


@dataclass
class Scene:
    severity: str
    geometry: Geometry
    fade: float = 0.0
    smudges: list[list[float]] = field(default_factory=list)  # x, y, radius, angle, length
    occluders: list[Occluder] = field(default_factory=list)
    background: str = "cardboard"
    bg_seed: int = 0
    surface: Array | None = field(default=None, repr=False)  # the rendered background, kept for a burst

    def record(self) -> dict[str, object]:
        g = self.geometry
        return {"severity": self.severity, "label_quad": [[round(v, 1) for v in c] for c in g.corners],
                "cylinder_half_angle_deg": round(math.degrees(g.curve), 1), "wrinkles": len(g.wrinkles),
                "faded": round(self.fade, 2), "smudges": len(self.smudges),
                "occlusion": [o.kind for o in self.occluders] or None, "background": self.background}


def _capsule(x0: float, y0: float, x1: float, y1: float, r: float) -> list[list[float]]:
    """A finger: a segment with round ends, radius r."""
    ang = math.atan2(y1 - y0, x1 - x0)
    pts = [[x1 + r * math.cos(ang - math.pi / 2 + math.pi * i / 12),
            y1 + r * math.sin(ang - math.pi / 2 + math.pi * i / 12)] for i in range(13)]
    pts += [[x0 + r * math.cos(ang + math.pi / 2 + math.pi * i / 12),
             y0 + r * math.sin(ang + math.pi / 2 + math.pi * i / 12)] for i in range(13)]
    return pts


def _occluder(rng: random.Random, w: int, h: int) -> Occluder:
    kind = rng.choices(("finger", "strap", "sticker"), weights=(5, 2, 3))[0]
    side = rng.choice(("l", "r", "t", "b"))
    if kind == "finger":
        r = min(w, h) * rng.uniform(0.05, 0.08)
        depth = rng.uniform(0.08, 0.25)
        if side in ("l", "r"):
            y = rng.uniform(0.1, 0.9) * h
            x0 = -r * 4 if side == "l" else w + r * 4
            x1 = depth * w if side == "l" else w - depth * w
            return Occluder(kind, _capsule(x0, y, x1, y + rng.uniform(-0.05, 0.05) * h, r), rng.choice(SKIN))
        x = rng.uniform(0.1, 0.9) * w
        y0 = -r * 4 if side == "t" else h + r * 4
        y1 = depth * h if side == "t" else h - depth * h
        return Occluder(kind, _capsule(x, y0, x + rng.uniform(-0.05, 0.05) * w, y1, r), rng.choice(SKIN))
    if kind == "strap":
        bw = min(w, h) * rng.uniform(0.025, 0.05)
        x0, x1 = rng.uniform(-0.2, 0.6) * w, rng.uniform(0.4, 1.2) * w
        return Occluder(kind, [[x0 - bw, -20], [x0 + bw, -20], [x1 + bw, h + 20], [x1 - bw, h + 20]],
                        rng.choice(((210, 180, 40), (30, 30, 30), (40, 90, 170), (230, 230, 230))))
    sw, sh = w * rng.uniform(0.18, 0.3), h * rng.uniform(0.12, 0.25)
    x = rng.choice((-sw * 0.4, w - sw * 0.6))
    y = rng.choice((-sh * 0.4, h - sh * 0.6))
    return Occluder(kind, [[x, y], [x + sw, y], [x + sw, y + sh], [x, y + sh]],
                    rng.choice(((250, 250, 250), (250, 220, 60), (240, 120, 100))))


def draw_scene(rng: random.Random, label_w: int, label_h: int, severity: str) -> Scene:
    level = LEVELS.index(severity)
    sc = Scene(severity, draw_geometry(rng, label_w, label_h, level),
               background=rng.choice(("cardboard", "concrete", "metal", "pallet", "film")), bg_seed=rng.randint(0, 2**31))
    if rng.random() < (0.1, 0.3, 0.5)[level]:
        sc.fade = rng.uniform(0.2, (0.35, 0.42, 0.6)[level])
    if rng.random() < (0.05, 0.25, 0.45)[level]:
        for _ in range(rng.randint(1, 3)):
            sc.smudges.append([rng.uniform(0, label_w), rng.uniform(0, label_h), rng.uniform(30, 90),
                               rng.uniform(0, math.pi), rng.uniform(4, (6, 10, 14)[level])])
    if rng.random() < (0.1, 0.3, 0.5)[level]:
        sc.occluders = [_occluder(rng, label_w, label_h) for _ in range(1 if level < 2 else rng.randint(1, 2))]
    return sc


def wear(label: Array, paper: tuple[int, int, int], sc: Scene) -> Array:
    """Faded and smudged print, in the flat label."""
    img = label.astype(np.float32)
    if sc.fade:
        img = np.array(paper, np.float32) + (img - np.array(paper, np.float32)) * (1 - sc.fade)
    for x, y, r, ang, length in sc.smudges:
        k = np.zeros((int(length) * 2 + 1, int(length) * 2 + 1), np.float32)
        c = int(length)
        cv2.line(k, (int(c - length * math.cos(ang)), int(c - length * math.sin(ang))),
                 (int(c + length * math.cos(ang)), int(c + length * math.sin(ang))), 1.0, 1)
        k /= k.sum()
        x0, y0 = max(0, int(x - r)), max(0, int(y - r))
        x1, y1 = min(img.shape[1], int(x + r)), min(img.shape[0], int(y + r))
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        patch = img[y0:y1, x0:x1]
        sm = cv2.filter2D(patch, -1, k)
        yy, xx = np.mgrid[y0:y1, x0:x1]
        wgt = np.clip(1 - np.hypot(xx - x, yy - y) / r, 0, 1)[..., None] * 0.9
        img[y0:y1, x0:x1] = patch * (1 - wgt) + np.minimum(sm, patch * 0.4 + sm * 0.6) * wgt
    return np.clip(img, 0, 255).astype(np.uint8)


def background(sc: Scene) -> Array:
    """A cheap warehouse surface: base colour, large and fine texture, a lighting gradient."""
    if sc.surface is not None:
        return sc.surface
    g = sc.geometry
    r = np.random.default_rng(sc.bg_seed)
    base = {"cardboard": (150, 118, 80), "concrete": (128, 128, 124), "metal": (110, 118, 126),
            "pallet": (160, 130, 90), "film": (170, 175, 178)}[sc.background]
    coarse: Array = cv2.resize(r.normal(0, 14, (g.out_h // 90 + 2, g.out_w // 90 + 2)).astype(np.float32),
                               (g.out_w, g.out_h), interpolation=cv2.INTER_CUBIC)
    fine: Array = r.standard_normal((g.out_h, g.out_w), dtype=np.float32) * np.float32(6)
    if sc.background in ("pallet", "cardboard", "film"):  # fibres, wood grain, stretched film
        fine = cv2.blur(fine, (41, 1)) * np.float32(2.5)
    sc.surface = np.array(base, np.float32)[None, None, :] + (coarse + fine)[..., None]
    return sc.surface


def shoot(label: Array, sc: Scene, shot: Shot) -> tuple[Array, Array, bytes]:
    """Render one frame; returns (RGB capture before JPEG, homography used, JPEG bytes)."""
    g = sc.geometry
    hm = g.homography(shot.jitter)
    mx, my, shade = g.inverse_maps(hm)
    warped = cv2.remap(label, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    inside: Array = (mx >= 0).astype(np.float32)
    inside = cv2.GaussianBlur(inside, (3, 3), 0)[..., None]
    img: Array = background(sc) * (1 - inside) + warped.astype(np.float32) * shade[..., None] * inside
    for occ in sc.occluders:
        poly = g.forward(np.array(occ.poly), hm)
        mask = np.zeros((g.out_h, g.out_w), np.uint8)
        cv2.fillPoly(mask, [np.round(poly).astype(np.int32)], 255)
        m = cv2.GaussianBlur(mask, (5, 5), 0).astype(np.float32)[..., None] / 255
        col: Array = np.array(occ.colour, np.float32)[None, None, :]
        if occ.kind == "finger":
            col = col * (0.8 + 0.25 * cv2.GaussianBlur(mask, (0, 0), 12)[..., None].astype(np.float32) / 255)
        img = img * (1 - m) + col * m
    img = apply_shot(img, shot, hm, g)
    ok, enc = cv2.imencode(".jpg", cv2.cvtColor(img, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, shot.jpeg_quality])
    assert ok
    return img, hm, enc.tobytes()
