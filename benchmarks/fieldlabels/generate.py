"""Generate singles and bursts with their truth files and a manifest; same seed, same bytes."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.fieldlabels import capture, scene, shipment, truth, wear
from benchmarks.fieldlabels.canvas import Label, contain_items
from benchmarks.fieldlabels.designs import DESIGNS

GENERATOR_NAME = "fieldlabels"
GENERATOR_VERSION = "1.0"
EFFECTS = ("lens_distortion", "perspective_look_down", "rotation", "curvature", "wrinkle", "fade", "smudge",
           "low_light", "colour_cast", "hard_shadow", "glare", "motion_blur", "defocus", "lowres", "noise",
           "jpeg", "occlusion")


def design_label(seed: int, kind: str, index: int) -> tuple[Label, random.Random]:
    """The label of capture `index` (`kind` is lbl or lbu); designs go round-robin."""
    rnd = random.Random(f"{GENERATOR_NAME}:{seed}:{kind}:{index}")
    names = sorted(DESIGNS)
    name = names[(index + (0 if kind == "lbl" else 3)) % len(names)]
    facts = shipment.draw(rnd)
    label = DESIGNS[name](rnd, facts)
    contain_items(label)
    label.wear = wear.apply(label, rnd)
    return label, rnd


def _write(out: Path, stem: str, label: Label, shot: capture.Shot, gen: dict[str, Any],
           burst: dict[str, Any] | None) -> dict[str, Any]:
    (out / f"{stem}.jpg").write_bytes(shot.jpeg)
    record = truth.build(stem, f"{stem}.jpg", label, shot, gen, burst)
    (out / f"{stem}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"id": stem, "image": f"{stem}.jpg", "template": label.template, "variant": label.variant,
            "severity": shot.degradation["severity"], "size": list(shot.size), "entities": len(label.entities)}


def generate(out: Path, singles: int, bursts: int, frames: int, seed: int) -> dict[str, Any]:
    """Write `singles` captures and `bursts` bursts of `frames` frames into `out`; returns the manifest."""
    if frames < 1:
        raise ValueError("--frames must be at least 1 (frame 0 is lbu_NNNN.jpg)")
    out.mkdir(parents=True, exist_ok=True)
    images: list[dict[str, Any]] = []
    for index in range(singles):
        label, rnd = design_label(seed, "lbl", index)
        sc = scene.draw(rnd, label.reflective, label.surface, label.curved)
        gen = {"name": GENERATOR_NAME, "version": GENERATOR_VERSION, "seed": seed, "index": index}
        images.append(_write(out, f"lbl_{index:04d}", label, capture.shoot(label, sc), gen, None))
    burst_rows: list[dict[str, Any]] = []
    for index in range(bursts):
        label, rnd = design_label(seed, "lbu", index)
        base = scene.draw(rnd, label.reflective, label.surface, label.curved)
        stems = []
        for frame in range(frames):
            sc = scene.jitter(base, rnd, frame)
            stem = f"lbu_{index:04d}" if frame == 0 else f"lbu_{index:04d}_f{frame}"
            gen = {"name": GENERATOR_NAME, "version": GENERATOR_VERSION, "seed": seed, "index": index}
            meta = {"id": f"lbu_{index:04d}", "frame": frame, "frames": frames}
            row = _write(out, stem, label, capture.shoot(label, sc), gen, meta)
            images.append(row)
            stems.append(stem)
        burst_rows.append({"id": f"lbu_{index:04d}", "template": label.template, "frames": stems})
    severities = Counter(row["severity"] for row in images if row["id"].startswith("lbl_"))
    manifest = {"generator": GENERATOR_NAME, "version": GENERATOR_VERSION, "seed": seed, "count": len(images),
                "singles": singles, "bursts": bursts, "frames": frames, "templates": sorted(DESIGNS),
                "effects": list(EFFECTS), "single_severities": dict(sorted(severities.items())),
                "images": images, "burst_groups": burst_rows}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest
