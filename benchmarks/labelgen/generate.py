"""Generated captures and bursts, from a split and an index: the same (split, index) is always the
same capture, so hundreds of images are made at benchmark time and never committed.

Two development splits: `dev` and `dev2`, whose layouts and fonts `dev` never uses (`layouts.LAYOUTS`,
`fonts.FONTS`). `dev2` was the sealed split until its layouts were read while tuning; it keeps the
sealed split's seeds (`_SEED_NAMES`), so its captures are byte-identical to those the earlier figures
were measured on. Tune on both; the sealed test set comes from a separate generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from benchmarks.labelgen.capture import CONDITIONS, Image, draw_scene, frame
from benchmarks.labelgen.content import draw_facts
from benchmarks.labelgen.fonts import Font, fonts_for
from benchmarks.labelgen.layouts import LAYOUTS, STANDARDS, Layout, build_rows, expected_fields
from benchmarks.labelgen.render import Design, render

__all__ = ["SPLITS", "VERSION", "Capture", "make_burst", "make_capture"]

VERSION = "labelgen18-1"
SPLITS = ("dev", "dev2")
# The name each split draws its random numbers under (dev2 keeps the seeds it had as `sealed`).
_SEED_NAMES = {"dev": "dev", "dev2": "sealed"}
_PAPERS = {
    "white": ((246, 246, 240), (20, 20, 20)),
    "yellow": ((240, 222, 120), (25, 25, 25)),
    "kraft": ((190, 150, 105), (35, 30, 28)),
    "metal": ((196, 198, 200), (25, 25, 30)),
    "dark_metal": ((45, 48, 52), (225, 225, 220)),
}


@dataclass
class Capture:
    """One label seen in one or more frames, with the truth in the shared set's format."""

    id: str
    split: str
    standard: str
    layout: str
    fonts: dict[str, str]
    mode: str
    conditions: tuple[str, ...]
    frames: list[Image]
    entities: list[dict[str, Any]]  # type, value, norm, role, occluded_frac, text_height_px (first frame)
    expected: tuple[str, ...]
    records: list[dict[str, Any]] = field(default_factory=list)
    sharp: Image | None = None  # the same scene with no motion or focus blur (a re-capture)

    def truth(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "generator": {"name": "labelgen", "version": VERSION},
            "split": self.split,
            "template": self.standard,
            "layout": self.layout,
            "fonts": self.fonts,
            "mode": self.mode,
            "conditions": list(self.conditions),
            "expected": list(self.expected),
            "entities": self.entities,
            "frames": self.records,
            "text": "",
            "text_rows": "",
        }


def _pick_font(split: str, japanese: bool, rng: random.Random, style: str | None = None) -> Font:
    fonts = fonts_for(split, japanese)
    if style:
        fonts = [f for f in fonts if f.style == style] or fonts
    return rng.choice(fonts)


def _design(split: str, layout: Layout, rng: random.Random) -> tuple[Design, Any]:
    facts = draw_facts(rng, japanese_shipper=layout.standard == "jp_carton" or rng.random() < 0.3)
    mode = rng.choices(("plain", "dotmatrix", "thermal"), (0.6, 0.2, 0.2))[0]
    latin = _pick_font(split, False, rng, "mono" if mode == "dotmatrix" else None)
    bold = next(
        (
            f
            for f in fonts_for(split, False)
            if f.name.startswith(latin.name.split("_")[0]) and "bold" in f.name
        ),
        None,
    )
    paper = {"jp_carton": "kraft", "nameplate": rng.choice(("metal", "dark_metal", "white"))}.get(
        layout.standard, rng.choice(("white", "white", "white", "yellow"))
    )
    if mode == "thermal":
        paper = "white"
    design = Design(
        standard=layout.standard,
        layout=layout.name,
        rows=build_rows(layout, facts, rng),
        latin=latin,
        japanese=_pick_font(split, True, rng),
        bold_latin=bold,
        base_px=rng.randrange(22, 34),
        mode=mode,
        paper=_PAPERS[paper][0],
        ink=_PAPERS[paper][1],
    )
    return design, facts


def _facts_in_frame(boxes: list[Any], masks: list[Image]) -> list[dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for (truth, _), stack in zip(boxes, masks, strict=True):
        full, visible = int((stack[0] > 0).sum()), int((stack[1] > 0).sum())
        occluded = 1.0 if full == 0 else 1 - visible / full
        points = cv2.findNonZero(stack[0])
        height = 0.0 if points is None else float(min(cv2.minAreaRect(points)[1]))
        entity = {
            "type": truth.type,
            "value": truth.value,
            "norm": truth.norm,
            "role": truth.role,
            "occluded_frac": round(occluded, 3),
            "text_height_px": round(height, 1),
        }
        key = (truth.type, truth.norm)
        if key not in found or found[key]["occluded_frac"] > entity["occluded_frac"]:
            found[key] = entity
    return list(found.values())


def _generate(split: str, kind: str, index: int, frames: int) -> Capture:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {SPLITS}")
    seed = _SEED_NAMES[split]
    rng = random.Random(f"{VERSION}:{seed}:{kind}:{index}")
    standard = STANDARDS[index % len(STANDARDS)]
    layout = rng.choice([lay for lay in LAYOUTS if lay.split == split and lay.standard == standard])
    design, _ = _design(split, layout, rng)
    label, boxes = render(design, rng)
    label = np.ascontiguousarray(label[..., ::-1])  # RGB (Pillow) to BGR (OpenCV)
    masks = []
    for _, (x0, y0, x1, y1) in boxes:
        mask = np.zeros(label.shape[:2], np.uint8)
        mask[y0:y1, x0:x1] = 255
        masks.append(mask)
    conditions = tuple(sorted(rng.sample(CONDITIONS, rng.randrange(2, 5))))
    scene = draw_scene((label.shape[1], label.shape[0]), conditions, rng, "low_resolution" in conditions)
    images, records, entities = [], [], []
    for number in range(frames):
        frame_rng = random.Random(f"{VERSION}:{seed}:{kind}:{index}:frame{number}")
        image, fact_masks, record = frame(label, masks, scene, frame_rng, tremor=0.004 if frames > 1 else 0.0)
        images.append(image)
        records.append(record)
        if number == 0:
            entities = _facts_in_frame(boxes, fact_masks)
    sharp_scene = draw_scene((label.shape[1], label.shape[0]), (), random.Random(0), False)
    sharp_scene.quad, sharp_scene.width, sharp_scene.height = scene.quad, scene.width, scene.height
    sharp_scene.params = {
        **scene.params,
        "motion": 0.0,
        "focus": 0.0,
        "glare": None,
        "jpeg": 92,
        "noise": 1.0,
    }
    sharp_scene.conditions = tuple(c for c in conditions if c not in ("motion_blur", "focus_blur", "glare"))
    sharp, _, _ = frame(label, masks, sharp_scene, random.Random(f"{VERSION}:{seed}:{kind}:{index}:sharp"))
    return Capture(
        id=f"gen_{split}_{kind}_{index:04d}",
        split=split,
        standard=standard,
        layout=layout.name,
        fonts={"latin": design.latin.name, "ja": design.japanese.name},
        mode=design.mode,
        conditions=conditions,
        frames=images,
        entities=entities,
        expected=expected_fields(standard),
        records=records,
        sharp=sharp,
    )


def make_capture(split: str, index: int) -> Capture:
    """Single capture number `index` of `split`."""
    return _generate(split, "single", index, 1)


def make_burst(split: str, index: int, frames: int = 16) -> Capture:
    """Burst number `index` of `split`: `frames` frames of one label held still (its first 4 and first 8
    frames are the 4- and 8-frame bursts, so the three sizes see the same labels)."""
    return _generate(split, "burst", index, frames)
