"""Where the flat label lands in the photo: placement, perspective, cylinder curvature, wrinkled film.

Forward maps carry truth boxes into the capture; the inverse map (analytic for the cylinder, a few
fixed-point steps for the small wrinkle displacement) drives cv2.remap.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import cv2
import numpy as np

Array = np.ndarray


@dataclass
class Geometry:
    """Fixed for one label (all frames of a burst); hand tremor enters as a jitter of the homography."""

    label_w: int
    label_h: int
    out_w: int
    out_h: int
    corners: list[list[float]]  # label corners (TL, TR, BR, BL) in the capture before jitter
    curve: float = 0.0  # half-angle of the cylinder arc in radians, 0 = flat
    wrinkles: list[list[float]] = field(default_factory=list)  # amp, angle, wavelength, phase, shade

    @property
    def radius(self) -> float:
        return self.label_w / (2 * self.curve) if self.curve > 1e-3 else 0.0

    def homography(self, jitter: tuple[float, float, float, float] = (0, 0, 0, 1)) -> Array:
        """Label (after curvature) -> capture; jitter = dx, dy (px), rotation (deg), scale."""
        dx, dy, rot, scale = jitter
        dst = np.array(self.corners, dtype=np.float64)
        c = dst.mean(axis=0)
        a = math.radians(rot)
        rm = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
        dst = (dst - c) @ rm.T * scale + c + [dx, dy]
        w, h = self.label_w, self.label_h
        if self.curve > 1e-3:
            half = self.radius * math.sin(self.curve)
            src = np.array([[w / 2 - half, 0], [w / 2 + half, 0], [w / 2 + half, h], [w / 2 - half, h]])
        else:
            src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float64)
        return cv2.getPerspectiveTransform(src.astype(np.float32), dst.astype(np.float32))

    def _wrinkle(self, x: Array, y: Array) -> tuple[Array, Array, Array]:
        dx, dy, shade = np.zeros_like(x), np.zeros_like(x), np.ones_like(x)
        for amp, ang, lam, ph, sh in self.wrinkles:
            ca, sa = math.cos(ang), math.sin(ang)
            t = 2 * math.pi * (x * ca + y * sa) / lam + ph
            s = np.sin(t)
            dx += amp * s * ca
            dy += amp * s * sa
            shade += sh * np.cos(t)
        return dx, dy, shade

    def _bend(self, x: Array) -> Array:
        if self.curve <= 1e-3:
            return x
        r = self.radius
        return self.label_w / 2 + r * np.sin((x - self.label_w / 2) / r)

    def forward(self, pts: Array, hm: Array) -> Array:
        """Label points (N, 2) -> capture points (N, 2)."""
        x, y = pts[:, 0].astype(np.float64), pts[:, 1].astype(np.float64)
        dx, dy, _ = self._wrinkle(x, y)
        xb, yb = self._bend(x + dx), y + dy
        q = cv2.perspectiveTransform(np.stack([xb, yb], axis=1).reshape(-1, 1, 2), hm)
        return np.asarray(q.reshape(-1, 2))

    def inverse_maps(self, hm: Array) -> tuple[Array, Array, Array]:
        """For each capture pixel: label x, label y (float32, -1 outside the label) and a shading factor.

        The maps are smooth, so they are computed on a half-resolution grid and interpolated.
        """
        hw, hh = (self.out_w + 1) // 2, (self.out_h + 1) // 2
        gx, gy = np.meshgrid(np.arange(hw, dtype=np.float32) * 2, np.arange(hh, dtype=np.float32) * 2)
        pts = np.stack([gx, gy], axis=-1).reshape(-1, 1, 2)
        q = cv2.perspectiveTransform(pts, np.linalg.inv(hm)).reshape(hh, hw, 2)
        qx, qy = q[..., 0], q[..., 1]
        shade = np.ones_like(qx)
        if self.curve > 1e-3:
            r = self.radius
            rel = (qx - self.label_w / 2) / r
            shade = 0.55 + 0.45 * np.sqrt(np.clip(1 - rel**2, 0, 1))
            qx = np.where(np.abs(rel) <= 1, self.label_w / 2 + r * np.arcsin(np.clip(rel, -1, 1)), -1e4)
        x, y = qx.copy(), qy.copy()
        if self.wrinkles:
            for _ in range(3):
                dx, dy, _ = self._wrinkle(x, y)
                x, y = qx - dx, qy - dy
            shade = shade * self._wrinkle(x, y)[2]
        size = (hw * 2, hh * 2)
        fx, fy, fs = (cv2.resize(a.astype(np.float32), size, interpolation=cv2.INTER_LINEAR) for a in (x, y, shade))
        fx, fy, fs = fx[: self.out_h, : self.out_w], fy[: self.out_h, : self.out_w], fs[: self.out_h, : self.out_w]
        outside = (fx < 0) | (fy < 0) | (fx > self.label_w - 1) | (fy > self.label_h - 1)
        fx[outside] = -1
        fy[outside] = -1
        return np.ascontiguousarray(fx), np.ascontiguousarray(fy), np.ascontiguousarray(fs)


def draw_geometry(rng: random.Random, label_w: int, label_h: int, level: int) -> Geometry:
    """Place the label: scale so most value text stays >= 12 px, tilt, perspective, curve, wrinkles."""
    scale = rng.uniform(*((0.72, 1.0), (0.6, 0.92), (0.5, 0.85))[level])
    fill = rng.uniform(0.6, 0.86)
    portrait = label_h > label_w * 1.05
    aspect = 4 / 3 if portrait else 3 / 4  # out_h / out_w
    out_w = label_w * scale / fill
    if label_h * scale > fill * out_w * aspect:
        out_w = label_h * scale / (fill * aspect)
    out_w = min(max(out_w, 600), 1400)
    out_h = out_w * aspect
    scale = min(scale, fill * out_w / label_w, fill * out_h / label_h)
    w, h = label_w * scale, label_h * scale
    rot = math.radians(rng.uniform(-1, 1) * (4, 9, 14)[level])
    pers = rng.uniform(0, (0.04, 0.08, 0.13)[level])
    cx = out_w / 2 + rng.uniform(-1, 1) * max(0.0, (out_w - w) / 2) * 0.7
    cy = out_h / 2 + rng.uniform(-1, 1) * max(0.0, (out_h - h) / 2) * 0.7
    if level == 2 and rng.random() < 0.25:  # label partly out of frame
        cx += rng.choice((-1, 1)) * w * rng.uniform(0.05, 0.12)
    base = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    corners = []
    for bx, by in base:
        jx, jy = rng.uniform(-pers, pers) * w, rng.uniform(-pers, pers) * h
        corners.append([cx + bx * math.cos(rot) - by * math.sin(rot) + jx,
                        cy + bx * math.sin(rot) + by * math.cos(rot) + jy])
    curve = rng.uniform(0.35, (0.6, 0.85, 1.05)[level]) if rng.random() < (0.15, 0.3, 0.4)[level] else 0.0
    wrinkles: list[list[float]] = []
    if rng.random() < (0.1, 0.25, 0.4)[level]:
        for _ in range(rng.randint(2, 4)):
            wrinkles.append([rng.uniform(0.8, (2.0, 3.0, 4.5)[level]), rng.uniform(0, math.pi),
                             rng.uniform(60, 220), rng.uniform(0, 6.28), rng.uniform(0.03, 0.09)])
    return Geometry(label_w, label_h, int(out_w), int(out_h), corners, curve, wrinkles)
