"""The camera model that places a flat label in a capture: bending round a cylinder, a homography
(scale, rotation, looking down), and wide-angle barrel distortion. Points go forward analytically
(for the truth polygons); pixels come back through the inverse (for cv2.remap)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class Camera:
    """Maps flat-label coordinates to capture pixels."""

    size: tuple[int, int]  # capture (w, h)
    label_size: tuple[int, int]
    homography: np.ndarray  # curved-label plane -> pinhole pixels
    k1: float  # barrel distortion (negative), over the half diagonal
    bend_radius: float  # 0 = flat; else cylinder radius in label pixels
    bend_axis: str  # "vertical" (drum, pipe) or "horizontal"

    def _bend(self, pts: np.ndarray) -> np.ndarray:
        if not self.bend_radius:
            return pts
        w, h = self.label_size
        u, v = (0, 1) if self.bend_axis == "vertical" else (1, 0)
        centre = (w / 2, h / 2)
        out = pts.copy()
        theta = np.clip((pts[:, u] - centre[u]) / self.bend_radius, -1.5, 1.5)
        depth = self.bend_radius * (1 - np.cos(theta))
        shrink = 1.0 / (1.0 + depth / (2.5 * max(w, h)))
        out[:, u] = centre[u] + self.bend_radius * np.sin(theta)
        out[:, v] = centre[v] + (pts[:, v] - centre[v]) * shrink
        return out

    def _unbend(self, pts: np.ndarray) -> np.ndarray:
        if not self.bend_radius:
            return pts
        w, h = self.label_size
        u, v = (0, 1) if self.bend_axis == "vertical" else (1, 0)
        centre = (w / 2, h / 2)
        out = pts.copy()
        ratio = (pts[:, u] - centre[u]) / self.bend_radius
        bad = np.abs(ratio) >= 0.995
        theta = np.arcsin(np.clip(ratio, -0.995, 0.995))
        depth = self.bend_radius * (1 - np.cos(theta))
        shrink = 1.0 / (1.0 + depth / (2.5 * max(w, h)))
        # beyond the cylinder's silhouette keep going outwards (never a far-off sentinel: the maps are
        # interpolated between grid points, and a sentinel would drag label pixels into the background)
        theta = np.where(bad, np.sign(ratio) * 1.6, theta)
        out[:, u] = centre[u] + self.bend_radius * theta
        out[:, v] = centre[v] + (pts[:, v] - centre[v]) / shrink
        return out

    def _centre_norm(self) -> tuple[np.ndarray, float]:
        w, h = self.size
        return np.array([w / 2, h / 2]), float(np.hypot(w / 2, h / 2))

    def forward(self, pts: np.ndarray) -> np.ndarray:
        """Flat-label points (N, 2) -> capture pixels (N, 2)."""
        p = self._bend(np.asarray(pts, dtype=np.float64))
        ph = np.c_[p, np.ones(len(p))] @ self.homography.T
        q = ph[:, :2] / ph[:, 2:3]
        c, norm = self._centre_norm()
        r2 = (((q - c) / norm) ** 2).sum(axis=1, keepdims=True)
        out: np.ndarray = c + (q - c) * (1 + self.k1 * r2)
        return out

    def undistort(self, pix: np.ndarray) -> np.ndarray:
        """Capture pixels (N, 2) -> pinhole pixels, inverting the barrel term by fixed-point steps."""
        c, norm = self._centre_norm()
        d = (pix - c) / norm
        u = d
        for _ in range(6):
            u = d / (1 + self.k1 * (u**2).sum(axis=1, keepdims=True))
        out: np.ndarray = c + u * norm
        return out

    def maps(self, step: int = 8) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """cv2.remap maps of every capture pixel into the flat label and into the pinhole image.

        The mapping is smooth, so it is computed on a grid every `step` pixels (at the centres cv2.resize
        interpolates from) and upscaled: 60x less work than per pixel."""
        w, h = self.size
        gw, gh = -(-w // step), -(-h // step)
        xs = (np.arange(gw) + 0.5) * w / gw - 0.5
        ys = (np.arange(gh) + 0.5) * h / gh - 0.5
        gx, gy = np.meshgrid(xs, ys)
        pin = self.undistort(np.c_[gx.ravel(), gy.ravel()])
        inv = np.linalg.inv(self.homography)
        ph = np.c_[pin, np.ones(len(pin))] @ inv.T
        flat = self._unbend(ph[:, :2] / ph[:, 2:3])

        def up(values: np.ndarray) -> np.ndarray:
            small = values.reshape(gh, gw).astype(np.float32)
            return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)

        return up(flat[:, 0]), up(flat[:, 1]), up(pin[:, 0]), up(pin[:, 1])
