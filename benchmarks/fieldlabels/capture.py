"""Photograph a flat label under a Scene: place it with the camera model, compose it over the
background, then occlusion, light, shadow, glare, blur, low resolution, noise and JPEG. Returns the
capture with each item's polygon and honest occluded share."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from PIL import Image

from benchmarks.fieldlabels import occluders, surfaces
from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.geometry import Camera
from benchmarks.fieldlabels.scene import CASTS, Scene


@dataclass(frozen=True)
class Shot:
    """A finished capture and where every label item ended up."""

    jpeg: bytes
    size: tuple[int, int]
    polys: list[list[list[float]]]
    heights: list[float]
    occluded: list[float]
    glared: list[float]
    degradation: dict[str, Any]


def camera_for(label: Label, scene: Scene) -> Camera:
    """Fit the label in the frame (scaled up if the focus text would fall under min_text_px)."""
    w, h = scene.size
    lw, lh = label.image.size
    scale = scene.fill * min(w / lw, h / lh)
    focus = [label.items[i].box for e in label.entities if e.type in FOCUS for i in e.items]
    if focus:
        smallest = min(b[3] - b[1] for b in focus)
        shrink = (1 - scene.look_down) * (1 - abs(scene.yaw))
        scale = max(scale, scene.min_text_px / (smallest * shrink))
    fit = scene.fill * min(w / lw, h / lh)
    cx, cy = scene.centre[0] * w, scene.centre[1] * h
    hw, hh = lw * scale / 2, lh * scale / 2
    a = math.radians(scene.rotation_deg)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    if scale > fit * 1.02 and focus:  # zoomed in to read: aim at the focus fields, not the label centre
        fx = (min(b[0] for b in focus) + max(b[2] for b in focus)) / 2 - lw / 2
        fy = (min(b[1] for b in focus) + max(b[3] for b in focus)) / 2 - lh / 2
        blend = min(1.0, (scale / fit - 1) * 2)
        shift = rot @ np.array([fx * scale, fy * scale]) * blend
        cx, cy = cx - shift[0], cy - shift[1]
    top, _bottom = 1 - scene.look_down, 1.0
    left, right = 1 - max(0.0, scene.yaw), 1 - max(0.0, -scene.yaw)
    quad = np.array([[-hw * top * left, -hh], [hw * top * right, -hh], [hw * right, hh], [-hw * left, hh]])
    dst = (quad @ rot.T + [cx, cy]).astype(np.float32)
    src = np.array([[0, 0], [lw, 0], [lw, lh], [0, lh]], dtype=np.float32)
    homography = cv2.getPerspectiveTransform(src, dst).astype(np.float64)
    radius = 0.0
    if scene.bend:
        half = (lw if scene.bend_axis == "vertical" else lh) / 2
        radius = half / scene.bend
    return Camera(scene.size, (lw, lh), homography, scene.k1, radius, scene.bend_axis)


_LAST: dict[str, Any] = {}
FOCUS = ("model_number", "part_number", "hs_code", "company", "serial_number")


def _prepare_label(label: Label, scene: Scene, rs: np.random.Generator) -> np.ndarray:
    """Label pixels in [0, 1] with fading, smudges, texture and curvature shading applied."""
    img = np.asarray(label.image, dtype=np.float32) / 255.0
    tex = np.random.default_rng(scene.texture_seed)
    img = surfaces.texture_label(tex, img, label.surface)
    h, w = img.shape[:2]
    if scene.fade:
        stock = np.median(img.reshape(-1, 3), axis=0)
        patchy = np.clip(scene.fade * (1 + 0.6 * surfaces.smooth_noise(tex, (h, w), 5)), 0, 0.85)
        img = img + (stock - img) * patchy[..., None]
    if scene.smudge:
        k = int(9 + 20 * scene.smudge)
        smear = cv2.filter2D(img, -1, np.ones((1, k), np.float32) / k)
        region = np.clip(surfaces.smooth_noise(tex, (h, w), 3) * 2 - 0.6, 0, 1)[..., None]
        img = img * (1 - region) + np.minimum(img, smear) * region
    if scene.wrinkle_px:
        img = img * _creases(tex, (h, w), scene.wrinkle_px)[..., None]
    if scene.bend:
        axis = 1 if scene.bend_axis == "vertical" else 0
        t = np.linspace(-scene.bend, scene.bend, img.shape[axis], dtype=np.float32)
        shade = 0.75 + 0.25 * np.cos(t) + 0.12 * np.exp(-((t - 0.3 * scene.bend) ** 2) / 0.02)
        img = img * (shade[None, :, None] if axis == 1 else shade[:, None, None])
    out: np.ndarray = np.clip(img, 0, 1.2).astype(np.float32)
    return out


def _creases(rs: np.random.Generator, shape: tuple[int, int], strength: float) -> np.ndarray:
    """Shading of creased film: each crease a bright and a dark band side by side, plus soft buckles."""
    h, w = shape
    xs = np.arange(w, dtype=np.float32)[None, :]
    ys = np.arange(h, dtype=np.float32)[:, None]
    shade = 1 + 0.025 * strength * surfaces.smooth_noise(rs, shape, 9)
    for _ in range(int(rs.integers(1, 4))):
        a = float(rs.uniform(0, np.pi))
        x0, y0 = float(rs.uniform(0, w)), float(rs.uniform(0, h))
        d = (xs - x0) * np.float32(np.cos(a)) + (ys - y0) * np.float32(np.sin(a))
        k = np.float32(0.04 * strength)
        shade = shade + k * (np.exp(-((d - 3) / 3) ** 2) - np.exp(-((d + 3) / 3) ** 2))
    out: np.ndarray = shade.astype(np.float32)
    return out


def _lighting(scene: Scene, shape: tuple[int, int], rs: np.random.Generator) -> np.ndarray:
    h, w = shape
    xn = (np.arange(w, dtype=np.float32) / w - 0.5)[None, :]
    yn = (np.arange(h, dtype=np.float32) / h - 0.5)[:, None]
    light = scene.gain * (1 + scene.gradient[0] * xn + scene.gradient[1] * yn)
    light *= 1 - scene.vignette * (xn**2 + yn**2) * 2
    if scene.shadow:
        a = math.radians(scene.shadow["angle_deg"])
        side = xn * math.cos(a) + yn * math.sin(a) - scene.shadow["offset"]
        edge = scene.shadow["edge_px"] / max(w, h)
        cover = 1 / (1 + np.exp(np.clip(-side / max(edge, 1e-4), -60, 60)))
        if scene.shadow.get("band"):
            cover = cover * (1 - 1 / (1 + np.exp(np.clip(-(side - scene.shadow["band"]) / max(edge, 1e-4), -60, 60))))
        light *= 1 - scene.shadow["strength"] * cover
    cast = np.array(CASTS[scene.cast], np.float32)
    return light[..., None] * cast


def _glare(scene: Scene, shape: tuple[int, int]) -> np.ndarray:
    h, w = shape
    g = scene.glare or {}
    dx = ((np.arange(w, dtype=np.float32) / w - g["x"]) / g["radius"])[None, :]
    dy = ((np.arange(h, dtype=np.float32) / h - g["y"]) / g["radius"])[:, None]
    if g.get("streak"):
        dx = dx * 0.35
    blob = np.exp(-(dx**2 + dy**2) * 1.5)
    out: np.ndarray = (g["strength"] * blob)[..., None].astype(np.float32)
    return out


def _blur(img: np.ndarray, scene: Scene) -> np.ndarray:
    if scene.motion_px >= 1.5:
        k = round(scene.motion_px) | 1
        kernel = np.zeros((k, k), np.float32)
        a = math.radians(scene.motion_deg)
        c = k // 2
        for t in np.linspace(-c, c, 3 * k):
            kernel[round(c + t * math.sin(a)), round(c + t * math.cos(a))] = 1
        img = cv2.filter2D(img, -1, kernel / kernel.sum())
    if scene.defocus_px >= 0.8:
        r = scene.defocus_px
        k = int(2 * math.ceil(r) + 1)
        yy, xx = np.mgrid[0:k, 0:k] - k // 2
        disk = ((xx**2 + yy**2) <= r * r + 0.5).astype(np.float32)
        img = cv2.filter2D(img, -1, disk / disk.sum())
    return img


def shoot(label: Label, scene: Scene) -> Shot:
    """Render the capture of `label` under `scene`."""
    rs = np.random.default_rng(scene.seed)
    cam = camera_for(label, scene)
    w, h = scene.size
    mx, my, px, py = cam.maps()
    if scene.wrinkle_px:
        tex = np.random.default_rng(scene.texture_seed + 1)
        mx += scene.wrinkle_px * surfaces.smooth_noise(tex, (h, w), 14)
        my += scene.wrinkle_px * surfaces.smooth_noise(tex, (h, w), 14)
    key = (id(label), scene.texture_seed, scene.background, scene.size)
    if _LAST.get("key") != key:  # frames of a burst share the prepared label and the background
        _LAST.clear()
        _LAST["key"] = key
        lab = _prepare_label(label, scene, rs)
        _LAST["label"] = np.dstack([lab, np.ones(lab.shape[:2], np.float32)])
        _LAST["bg"] = surfaces.background(np.random.default_rng(scene.texture_seed), scene.background, (w + 80, h + 80))
    lab_rgba: np.ndarray = _LAST["label"]
    bg: np.ndarray = _LAST["bg"]
    warped: np.ndarray = cv2.remap(lab_rgba, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    off = np.array(scene.centre) * [w, h] - [w / 2, h / 2]  # background moves with the framing
    bx = px + np.float32(40 - off[0] * 0.3)
    by = py + np.float32(40 - off[1] * 0.3)
    bgw: np.ndarray = cv2.remap(bg, bx, by, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    img: np.ndarray = np.ascontiguousarray(warped[..., :3], dtype=np.float32)
    img -= bgw
    img *= warped[..., 3:4]
    img += bgw
    mask = np.zeros((h, w), np.uint8)
    if scene.occluder:
        img, mask = occluders.apply(img, scene.occluder, cam, label.image.size, np.random.default_rng(scene.texture_seed + 2))
    img *= _lighting(scene, (h, w), rs)
    glare: np.ndarray = np.zeros((h, w, 1), np.float32)
    if scene.glare:
        glare = _glare(scene, (h, w)) * np.float32(1.2 if label.reflective else 1.0) * (1 - mask[..., None] / np.float32(255))
        img += glare
    np.clip(img, 0, 1.5, out=img)
    img = _blur(img, scene)
    if scene.lowres < 1:
        small = cv2.resize(img, (int(w * scene.lowres), int(h * scene.lowres)), interpolation=cv2.INTER_AREA)
        img = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    sigma = scene.noise_sigma / 255.0 * (1 + max(0.0, 0.8 - scene.gain))
    noise: np.ndarray = rs.standard_normal(img.shape, dtype=np.float32)
    noise *= np.float32(sigma)
    img += noise
    np.maximum(img, 0, out=img)
    out = Image.fromarray(cv2.convertScaleAbs(img, alpha=255.0))
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=scene.jpeg_quality)
    polys, heights, occl, glared = _truth_geometry(label, cam, mask, glare[..., 0])
    return Shot(buf.getvalue(), scene.size, polys, heights, occl, glared, _degradation(scene, cam))


def _truth_geometry(label: Label, cam: Camera, mask: np.ndarray, glare: np.ndarray
                    ) -> tuple[list[list[list[float]]], list[float], list[float], list[float]]:
    """Per item: polygon in the capture, height, share hidden (occluder or out of frame), share washed out
    by glare (a bright add of 0.45 or more on a 0-1 scale)."""
    w, h = cam.size
    polys: list[list[list[float]]] = []
    heights: list[float] = []
    occl: list[float] = []
    glared: list[float] = []
    gx, gy = np.meshgrid(np.linspace(0.04, 0.96, 9), np.linspace(0.15, 0.85, 4))
    for item in label.items:
        x0, y0, x1, y1 = item.box
        corners = cam.forward(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64))
        polys.append([[round(float(x), 1), round(float(y), 1)] for x, y in corners])
        heights.append(round(float((np.linalg.norm(corners[3] - corners[0]) + np.linalg.norm(corners[2] - corners[1])) / 2), 1))
        pts = cam.forward(np.c_[x0 + gx.ravel() * (x1 - x0), y0 + gy.ravel() * (y1 - y0)])
        xi, yi = np.round(pts[:, 0]).astype(int), np.round(pts[:, 1]).astype(int)
        inside = (xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)
        hidden = ~inside
        hidden[inside] = mask[yi[inside], xi[inside]] > 127
        occl.append(round(float(hidden.mean()), 3))
        washed = np.zeros_like(hidden)
        washed[inside] = glare[yi[inside], xi[inside]] >= 0.45
        glared.append(round(float(washed.mean()), 3))
    return polys, heights, occl, glared


def _degradation(scene: Scene, cam: Camera) -> dict[str, Any]:
    lw, lh = cam.label_size
    quad = cam.forward(np.array([[0, 0], [lw, 0], [lw, lh], [0, lh]], dtype=np.float64))
    return {
        "severity": scene.severity, "size": list(scene.size), "background": scene.background,
        "label_quad": [[round(float(x), 1), round(float(y), 1)] for x, y in quad],
        "rotation_deg": round(scene.rotation_deg, 2), "look_down": round(scene.look_down, 3),
        "yaw": round(scene.yaw, 3), "lens_k1": round(scene.k1, 3),
        "curvature": {"bend": round(scene.bend, 3), "axis": scene.bend_axis} if scene.bend else None,
        "wrinkle_px": round(scene.wrinkle_px, 2), "fade": round(scene.fade, 3), "smudge": round(scene.smudge, 3),
        "lighting": {"gain": round(scene.gain, 3), "cast": scene.cast,
                     "gradient": [round(v, 3) for v in scene.gradient], "vignette": round(scene.vignette, 3)},
        "shadow": scene.shadow, "glare": scene.glare, "occlusion": scene.occluder,
        "motion_blur": {"length_px": scene.motion_px, "angle_deg": round(scene.motion_deg, 1)} if scene.motion_px >= 1.5 else None,
        "defocus_px": round(scene.defocus_px, 2) if scene.defocus_px >= 0.8 else 0.0,
        "lowres": round(scene.lowres, 3), "noise_sigma": round(scene.noise_sigma, 2),
        "jpeg_quality": scene.jpeg_quality,
    }
