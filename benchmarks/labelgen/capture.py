"""A flat label photographed in a warehouse: geometry, light, print wear, optics and the sensor.

Every geometric step is applied to the label and to one mask per scored fact alike, so each fact's
occluded share and text height in the capture are measured, not guessed. The scene (where the label
sits, the light, the occluder) is drawn once; `frame` draws what changes between the frames of a burst
(hand tremor, motion and focus blur, noise, glare drift, compression).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

__all__ = ["CONDITIONS", "Scene", "draw_scene", "frame"]

Image = NDArray[Any]
CONDITIONS = (
    "curved",
    "shadow",
    "low_light",
    "coloured_light",
    "glare",
    "faded",
    "smudged",
    "motion_blur",
    "focus_blur",
    "perspective",
    "occlusion",
    "wrinkled",
    "low_resolution",
)


@dataclass
class Scene:
    """What stays fixed across the frames of one capture or burst."""

    conditions: tuple[str, ...]
    width: int
    height: int
    quad: NDArray[np.float32]  # label corners in the capture (TL, TR, BR, BL)
    params: dict[str, Any] = field(default_factory=dict)


def _wear(label: Image, conditions: tuple[str, ...], rng: random.Random) -> Image:
    """Faded and smudged print, on the label itself."""
    out = label.astype(np.float32)
    if "faded" in conditions:
        paper = np.median(out.reshape(-1, 3), axis=0)
        keep = rng.uniform(0.3, 0.55)
        out = paper + (out - paper) * keep
    if "smudged" in conditions:
        h, w = out.shape[:2]
        for _ in range(rng.randrange(2, 5)):
            x, y = rng.randrange(w), rng.randrange(h)
            rw, rh = rng.randrange(w // 8, w // 3), rng.randrange(h // 20, h // 8)
            x0, y0, x1, y1 = max(x - rw, 0), max(y - rh, 0), min(x + rw, w), min(y + rh, h)
            if x1 - x0 > 4 and y1 - y0 > 4:
                k = rng.choice((7, 9, 11, 15))
                patch = cv2.GaussianBlur(out[y0:y1, x0:x1], (k, 1 + 2 * (k // 4)), 0)
                out[y0:y1, x0:x1] = patch * rng.uniform(0.85, 1.0)
    return np.clip(out, 0, 255).astype(np.uint8)


def _bend(layers: list[Image], conditions: tuple[str, ...], rng: random.Random) -> list[Image]:
    """Curved surface (a label on a drum or tube) and wrinkled film, as one remap of every layer."""
    h, w = layers[0].shape[:2]
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    map_x, map_y = xs.copy(), ys.copy()
    if "curved" in conditions:
        # Seen on a cylinder: the label's middle is nearest; its sides recede (compressed) and bow.
        arc = rng.uniform(0.7, 1.3)
        u = (xs / w - 0.5) * 2
        map_x = (np.arcsin(np.clip(u * np.sin(arc / 2), -1, 1)) / (arc / 2) / 2 + 0.5) * w
        map_y = ys + (1 - np.cos(u * arc / 2)) * h * rng.uniform(-0.08, 0.08)
    if "wrinkled" in conditions:
        amp = rng.uniform(0.8, 2.2)
        for _ in range(2):
            fx, fy, phase = rng.uniform(1, 4) / w, rng.uniform(1, 4) / h, rng.uniform(0, 6.3)
            map_y = map_y + amp * np.sin(2 * np.pi * (fx * xs + fy * ys) + phase)
            map_x = map_x + 0.5 * amp * np.sin(2 * np.pi * (fy * xs - fx * ys) + phase)
    if map_x is xs or ("curved" not in conditions and "wrinkled" not in conditions):
        return layers
    return [
        cv2.remap(
            layer,
            map_x.astype(np.float32),
            map_y.astype(np.float32),
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
        for layer in layers
    ]


def draw_scene(
    label_size: tuple[int, int], conditions: tuple[str, ...], rng: random.Random, low_res: bool
) -> Scene:
    """Where the label sits in the capture and the fixed light and occluder of the scene."""
    lw, lh = label_size
    width = rng.randrange(480, 720) if low_res else rng.randrange(800, 1400)
    portrait = lh > lw * 1.15
    height = int(width * (rng.uniform(1.25, 1.4) if portrait else rng.uniform(0.62, 0.8)))
    fill = rng.uniform(0.55, 0.88)
    scale = min(width * fill / lw, height * fill / lh)
    cx, cy = width / 2 + rng.uniform(-0.05, 0.05) * width, height / 2 + rng.uniform(-0.05, 0.05) * height
    angle = np.deg2rad(rng.uniform(-12, 12))
    corners = np.array([[-lw / 2, -lh / 2], [lw / 2, -lh / 2], [lw / 2, lh / 2], [-lw / 2, lh / 2]]) * scale
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    quad = corners @ rot.T + [cx, cy]
    if "perspective" in conditions:
        tilt = rng.uniform(0.08, 0.2) * scale * max(lw, lh)
        side = rng.randrange(4)
        quad[side] += (
            (quad[(side + 2) % 4] - quad[side]) / np.linalg.norm(quad[(side + 2) % 4] - quad[side]) * tilt
        )
        quad[(side + 1) % 4] += (
            (quad[(side + 3) % 4] - quad[(side + 1) % 4])
            / np.linalg.norm(quad[(side + 3) % 4] - quad[(side + 1) % 4])
            * tilt
            * rng.uniform(0, 0.4)
        )
    params: dict[str, Any] = {
        "background": tuple(rng.randrange(60, 200) for _ in range(3)),
        "gain": (rng.uniform(0.3, 0.5) if "low_light" in conditions else rng.uniform(0.85, 1.1)),
        "tint": (
            (rng.uniform(1.0, 1.25), rng.uniform(0.8, 1.0), rng.uniform(0.45, 0.75))
            if "coloured_light" in conditions
            else (1.0, 1.0, 1.0)
        ),
        "gradient": (rng.uniform(-0.3, 0.3), rng.uniform(-0.3, 0.3)),
        "shadow": (
            [(rng.uniform(0, width), rng.uniform(0, height)) for _ in range(3)],
            rng.uniform(0.3, 0.55),
        )
        if "shadow" in conditions
        else None,
        "glare": (
            rng.uniform(0.2, 0.8) * width,
            rng.uniform(0.2, 0.8) * height,
            rng.uniform(0.08, 0.2) * width,
        )
        if "glare" in conditions
        else None,
        "occluder": _occluder(quad, rng) if "occlusion" in conditions else None,
        "motion": rng.uniform(4, 11) if "motion_blur" in conditions else rng.uniform(0, 2.5),
        "focus": rng.uniform(1.2, 2.4) if "focus_blur" in conditions else rng.uniform(0, 0.6),
        "jpeg": rng.randrange(40, 70) if low_res else rng.randrange(55, 92),
        "noise": rng.uniform(3, 9) if "low_light" in conditions else rng.uniform(1, 4),
    }
    return Scene(conditions, width, height, quad.astype(np.float32), params)


def _occluder(quad: NDArray[Any], rng: random.Random) -> tuple[str, list[tuple[float, float]]]:
    """A finger, strap or overlapping sticker over a part of the label (a polygon in the capture)."""
    kind = rng.choice(("finger", "strap", "sticker"))
    edge = rng.randrange(4)
    a, b = quad[edge], quad[(edge + 1) % 4]
    t = rng.uniform(0.2, 0.8)
    px, py = a + (b - a) * t
    inward = quad.mean(axis=0) - (px, py)
    inward = inward / (np.linalg.norm(inward) + 1e-6)
    length = np.linalg.norm(quad[2] - quad[0]) * rng.uniform(0.12, 0.28)
    across = np.array([-inward[1], inward[0]]) * length * (0.25 if kind == "finger" else 0.5)
    tip = np.array([px, py]) + inward * length
    start = np.array([px, py]) - inward * length * 0.3
    poly = [start + across, tip + across * 0.6, tip - across * 0.6, start - across]
    return kind, [(float(x), float(y)) for x, y in poly]


def frame(
    label: Image, masks: list[Image], scene: Scene, rng: random.Random, tremor: float = 0.0
) -> tuple[Image, list[Image], dict[str, Any]]:
    """One capture of the scene: the image, each fact's mask in the capture, what was applied."""
    conditions = scene.conditions
    worn = _wear(label, conditions, rng)
    bent = _bend([worn, *masks], conditions, rng)
    lh, lw = label.shape[:2]
    quad = scene.quad.copy()
    if tremor:
        shift = np.array([rng.gauss(0, tremor), rng.gauss(0, tremor)], np.float32) * scene.width
        angle = np.deg2rad(rng.gauss(0, 0.6))
        centre = quad.mean(axis=0)
        rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]], np.float32)
        quad = (quad - centre) @ rot.T + centre + shift
    src = np.array([[0, 0], [lw - 1, 0], [lw - 1, lh - 1], [0, lh - 1]], np.float32)
    homography = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    size = (scene.width, scene.height)
    p = scene.params
    canvas = np.full((scene.height, scene.width, 3), p["background"], np.uint8)
    noise_bg = np.asarray(
        cv2.GaussianBlur(
            np.random.default_rng(rng.randrange(2**31))
            .normal(0, 18, (scene.height, scene.width))
            .astype(np.float32),
            (0, 0),
            3,
        )
    )
    canvas = np.clip(canvas.astype(np.float32) + noise_bg[..., None], 0, 255).astype(np.uint8)
    warped = cv2.warpPerspective(
        bent[0], homography, size, flags=cv2.INTER_AREA if lw > scene.width else cv2.INTER_LINEAR
    )
    inside = cv2.warpPerspective(np.full((lh, lw), 255, np.uint8), homography, size)
    image: Any = np.where(inside[..., None] > 127, warped, canvas).astype(np.float32)
    fact_masks = [cv2.warpPerspective(mask, homography, size, flags=cv2.INTER_NEAREST) for mask in bent[1:]]
    # Light: gain, colour cast, a gradient across the scene, a hard shadow, glare.
    ys, xs = np.mgrid[0 : scene.height, 0 : scene.width].astype(np.float32)
    gx, gy = p["gradient"]
    light = p["gain"] * (1 + gx * (xs / scene.width - 0.5) + gy * (ys / scene.height - 0.5))
    image *= light[..., None] * np.array(p["tint"][::-1], np.float32)[None, None, :]  # BGR order
    if p["shadow"] is not None:
        points, depth = p["shadow"]
        corner = [(0, 0), (scene.width, 0), (scene.width, scene.height), (0, scene.height)][rng.randrange(4)]
        shade = np.zeros((scene.height, scene.width), np.uint8)
        cv2.fillPoly(shade, [np.array([corner, *points], np.int32)], 255)
        image[shade > 0] *= depth
    if p["glare"] is not None:
        gx0, gy0, radius = p["glare"]
        gx0 += rng.gauss(0, 0.02) * scene.width
        gy0 += rng.gauss(0, 0.02) * scene.height
        glow = np.exp(-(((xs - gx0) ** 2) / (2 * radius**2) + ((ys - gy0) ** 2) / (2 * (radius * 0.6) ** 2)))
        image += (glow * 330)[..., None] * (inside[..., None] > 127)
    if "wrinkled" in conditions:
        streak = 18 * np.sin(xs / scene.width * rng.uniform(20, 40) + ys / scene.height * 7)
        image += (streak * (inside > 127))[..., None]
    occluded: Any = np.zeros((scene.height, scene.width), np.uint8)
    if p["occluder"] is not None:
        kind, poly = p["occluder"]
        colour = {"finger": (120, 150, 205), "strap": (40, 40, 40), "sticker": (235, 235, 235)}[kind]
        cv2.fillPoly(occluded, [np.array(poly, np.int32)], 255)
        if kind == "finger":
            occluded = cv2.GaussianBlur(occluded, (0, 0), 4)
            occluded = np.where(occluded > 100, 255, 0).astype(np.uint8)
        image[occluded > 0] = np.array(colour, np.float32) * p["gain"]
    image = np.clip(image, 0, 255).astype(np.uint8)
    # Optics: motion smear (drawn anew each frame around the scene's level), defocus.
    length = max(0.0, p["motion"] + (rng.gauss(0, 2.5) if tremor else 0.0))
    motion_angle = rng.uniform(0, 180)
    if length >= 1.5:
        size_k = int(length) | 1
        kernel: Any = np.zeros((size_k, size_k), np.float32)
        kernel[size_k // 2, :] = 1.0
        turn = cv2.getRotationMatrix2D((size_k / 2 - 0.5, size_k / 2 - 0.5), motion_angle, 1.0)
        kernel = cv2.warpAffine(kernel, turn, (size_k, size_k))
        image = cv2.filter2D(image, -1, kernel / max(float(kernel.sum()), 1e-6))
    focus = max(0.0, p["focus"] + (abs(rng.gauss(0, 0.4)) if tremor else 0.0))
    if focus > 0.3:
        image = cv2.GaussianBlur(image, (0, 0), focus)
    noise = np.random.default_rng(rng.randrange(2**31)).normal(0, p["noise"], image.shape)
    image = np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    quality = int(np.clip(p["jpeg"] + (rng.randrange(-8, 9) if tremor else 0), 30, 95))
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    image = cv2.imdecode(encoded, cv2.IMREAD_COLOR)
    visible = [np.where(occluded > 0, 0, mask).astype(np.uint8) for mask in fact_masks]
    record = {
        "motion_px": round(length, 1),
        "motion_angle": round(motion_angle),
        "focus_sigma": round(focus, 2),
        "jpeg_quality": quality,
    }
    return image, [np.stack([m, v]) for m, v in zip(fact_masks, visible, strict=True)], record
