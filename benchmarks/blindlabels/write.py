"""Generate singles and bursts into a folder: JPEG + truth JSON per frame, and a manifest."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from benchmarks.blindlabels.capture import LEVELS, draw_scene, shoot, wear
from benchmarks.blindlabels.goods import Goods
from benchmarks.blindlabels.layouts import registry
from benchmarks.blindlabels.lighting import draw_shot
from benchmarks.blindlabels.truth import VERSION, truth

# 40 % light, 40 % medium, 20 % heavy, exactly per five labels; the index // 10 shift gives every
# template every severity (templates go round-robin over ten).
SEVERITY_CYCLE = ("light", "medium", "heavy", "light", "medium")


def severity_of(index: int, templates: int) -> str:
    """Severity of label `index` when `templates` layouts go round-robin."""
    return SEVERITY_CYCLE[(index + index // templates) % len(SEVERITY_CYCLE)]


def _dump(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def capture_label(out: Path, stem: str, seed: int, index: int, frames: int) -> list[dict[str, object]]:
    """One label: frames == 1 is a single capture; frames > 1 a burst (frame 0 keeps the plain name)."""
    rng = random.Random(f"blindlabels:{seed}:{stem}")
    layouts = registry()
    template = list(layouts)[index % len(layouts)]
    severity = severity_of(index, len(layouts))
    goods = Goods.draw(rng)
    cv = layouts[template](rng, goods)
    sc = draw_scene(rng, cv.w, cv.h, severity)
    label = wear(np.asarray(cv.img), cv.paper, sc)
    rows = []
    base = None
    for f in range(frames):
        shot = draw_shot(rng, LEVELS.index(severity), tremor=f > 0, size=(sc.geometry.out_w, sc.geometry.out_h))
        if base is None:
            base = shot
        else:  # the scene's light stays; exposure and flicker move a little from frame to frame
            shot.gain, shot.cast = base.gain * rng.uniform(0.86, 1.12), base.cast
        _, hm, jpeg = shoot(label, sc, shot)
        cid = stem if f == 0 else f"{stem}_f{f}"
        (out / f"{cid}.jpg").write_bytes(jpeg)
        rec = truth(cid, f"{cid}.jpg", template, cv, sc, hm, shot.record(), seed, index)
        if frames > 1:
            rec["burst"] = {"label": stem, "frame": f, "frames": frames}
        _dump(out / f"{cid}.json", rec)
        rows.append({"id": cid, "image": f"{cid}.jpg", "template": template, "severity": severity,
                     "image_size": rec["image_size"], "entities": len(cv.entities),
                     **({"burst": stem, "frame": f} if frames > 1 else {})})
    return rows


def generate(out: Path, singles: int, bursts: int, frames: int, seed: int) -> dict[str, object]:
    """Write lbl_NNNN (singles) and lbu_NNNN[_fK] (bursts) with truth and manifest.json."""
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    for i in range(singles):
        rows += capture_label(out, f"lbl_{i:04d}", seed, i, 1)
    for i in range(bursts):
        rows += capture_label(out, f"lbu_{i:04d}", seed, i, frames)
    manifest = {"generator": {"name": "blindlabels", "version": VERSION, "seed": seed},
                "singles": singles, "bursts": bursts, "frames": frames, "images": rows}
    _dump(out / "manifest.json", manifest)
    return manifest
