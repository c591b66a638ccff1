"""Things in front of the label: the wearer's finger or thumb, a glove, a strap, a pen, another
sticker. Shapes are defined on the label plane (so they stay put across a burst) and drawn in the
capture; the mask they return is what makes occluded_frac honest."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from benchmarks.fieldlabels.geometry import Camera

SKIN = ((224, 172, 140), (198, 140, 104), (141, 94, 66), (236, 192, 160))
COLOURS = {"glove": ((40, 90, 200), (30, 30, 34), (230, 230, 225)), "strap": ((30, 30, 32), (220, 170, 20), (40, 60, 120)),
           "sticker": ((250, 250, 245), (250, 215, 40), (240, 120, 40)), "pen": ((20, 40, 140), (20, 20, 20))}


def _capsule(p0: np.ndarray, p1: np.ndarray, radius: float, n: int = 24) -> np.ndarray:
    """Outline of a rounded bar from p0 to p1."""
    d = (p1 - p0) / max(1e-6, float(np.linalg.norm(p1 - p0)))
    nrm = np.array([-d[1], d[0]])
    a0 = np.arctan2(nrm[1], nrm[0])
    arc1 = [p1 + radius * np.array([np.cos(a0 - t), np.sin(a0 - t)]) for t in np.linspace(0, np.pi, n)]
    arc0 = [p0 + radius * np.array([np.cos(a0 + np.pi - t), np.sin(a0 + np.pi - t)]) for t in np.linspace(0, np.pi, n)]
    return np.array(arc1 + arc0)


def _shape(occ: dict[str, Any], lw: int, lh: int) -> np.ndarray:
    """Outline in label coordinates."""
    side, along, depth, width = occ["side"], occ["along"], occ["depth"], occ["width"]
    span = lw if side in ("top", "bottom") else lh
    inward = {"left": np.array([1.0, 0.0]), "right": np.array([-1.0, 0.0]), "top": np.array([0.0, 1.0]),
              "bottom": np.array([0.0, -1.0])}[side]
    edge = {"left": np.array([0.0, along * lh]), "right": np.array([lw, along * lh]),
            "top": np.array([along * lw, 0.0]), "bottom": np.array([along * lw, lh])}[side]
    reach = depth * (lh if side in ("top", "bottom") else lw)
    kind = occ["kind"]
    if kind in ("finger", "thumb", "glove"):
        radius = max(24.0, width * span * (0.75 if kind == "finger" else 1.0))
        return _capsule(edge - inward * span * 0.6, edge + inward * reach, radius)
    if kind == "pen":
        slant = np.array([inward[1], -inward[0]]) * span * 0.3
        return _capsule(edge - inward * span * 0.3 - slant, edge + inward * reach * 1.5 + slant, 9.0)
    if kind == "strap":
        across = np.array([inward[1], -inward[0]])
        mid = edge + inward * reach
        half = max(20.0, width * span * 0.35)
        far = 2 * max(lw, lh)
        return np.array([mid - across * far - inward * half, mid + across * far - inward * half,
                         mid + across * far + inward * half, mid - across * far + inward * half])
    across = np.array([inward[1], -inward[0]])  # sticker: a rectangle pasted over one edge
    half = width * span * 1.5
    return np.array([edge - inward * 40 - across * half, edge - inward * 40 + across * half,
                     edge + inward * reach + across * half, edge + inward * reach - across * half])


def apply(img: np.ndarray, occ: dict[str, Any], cam: Camera, label_size: tuple[int, int],
          rs: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Draw the occluder over img; returns the image and the occluder mask (uint8, 255 = hidden)."""
    lw, lh = label_size
    outline = _shape(occ, lw, lh)
    dense = np.concatenate([np.linspace(outline[i], outline[(i + 1) % len(outline)], 8) for i in range(len(outline))])
    pts = cam.forward(dense)
    h, w = img.shape[:2]
    pts = np.clip(pts, -4 * w, 5 * w)
    full = np.zeros((h, w), np.uint8)
    cv2.fillPoly(full, [np.round(pts).astype(np.int32)], 255)
    ys_any, xs_any = np.nonzero(full.any(axis=1))[0], np.nonzero(full.any(axis=0))[0]
    if not len(ys_any):
        return img, full
    y0, y1 = max(0, ys_any[0] - 3), min(h, ys_any[-1] + 4)
    x0, x1 = max(0, xs_any[0] - 3), min(w, xs_any[-1] + 4)
    mask = full[y0:y1, x0:x1]
    pts = pts - [x0, y0]
    h, w = mask.shape
    kind = occ["kind"]
    palette = SKIN if kind in ("finger", "thumb") else COLOURS.get(kind, COLOURS["sticker"])
    colour = np.array(palette[int(rs.integers(len(palette)))], np.float32) / 255.0
    dist = cv2.distanceTransform(mask, cv2.DIST_L2, 5)
    depth = np.clip(dist / max(1.0, float(dist.max())), 0, 1)
    if kind in ("finger", "thumb", "glove", "pen"):
        shade = 0.55 + 0.5 * np.sqrt(depth)  # rounded: darker at the rim
    else:
        shade = 0.92 + 0.08 * depth
        if kind == "strap":
            ys, xs = np.mgrid[0:h, 0:w]
            shade = shade * (0.9 + 0.1 * np.sin((xs + ys) * 0.9))
    layer = colour[None, None, :] * shade[..., None]
    if kind == "sticker":  # printed lines on the foreign sticker
        for k in range(3):
            y = int(np.mean(pts[:, 1]) + (k - 1) * 18)
            if 0 <= y < h:
                row = mask[y] > 0
                layer[y:y + 4][:, row] *= 0.25
    soft = cv2.GaussianBlur(mask, (0, 0), 1.2).astype(np.float32)[..., None] / 255.0
    crop = img[y0:y1, x0:x1]
    img[y0:y1, x0:x1] = crop * (1 - soft) + layer * soft
    return img, full
