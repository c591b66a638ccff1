"""The truth JSON of one capture, in the format of data/labels/README.md."""

from __future__ import annotations

import math
import unicodedata

import cv2
import numpy as np

from benchmarks.blindlabels.capture import Scene
from benchmarks.blindlabels.geometry import Array
from benchmarks.blindlabels.render import Canvas, Item

VERSION = "1.0"


def _occluded(it: Item, sc: Scene, hm: Array) -> float:
    """Share of sample points of the box hidden by an occluder or outside the frame."""
    x0, y0, x1, y1 = it.bbox
    xs, ys = np.linspace(x0 + 1, x1 - 1, 10), np.linspace(y0 + 1, y1 - 1, 4)
    pts = np.array([[x, y] for y in ys for x in xs], dtype=np.float64)
    out = sc.geometry.forward(pts, hm)
    g = sc.geometry
    hidden = (out[:, 0] < 0) | (out[:, 1] < 0) | (out[:, 0] >= g.out_w) | (out[:, 1] >= g.out_h)
    for occ in sc.occluders:
        poly = np.array(occ.poly, dtype=np.float32).reshape(-1, 1, 2)
        for i, (px, py) in enumerate(pts):
            if not hidden[i] and cv2.pointPolygonTest(poly, (float(px), float(py)), False) >= 0:
                hidden[i] = True
    return round(float(hidden.mean()), 3)


def _rows(items: list[Item]) -> str:
    """Group items into visual rows (vertical overlap in the flat label), left to right."""
    order = sorted(range(len(items)), key=lambda i: (items[i].bbox[1] + items[i].bbox[3]) / 2)
    rows: list[list[int]] = []
    for i in order:
        b = items[i].bbox
        cy, hh = (b[1] + b[3]) / 2, b[3] - b[1]
        if rows:
            last = items[rows[-1][0]].bbox
            lcy, lh = (last[1] + last[3]) / 2, last[3] - last[1]
            if abs(cy - lcy) < 0.45 * min(hh, lh):
                rows[-1].append(i)
                continue
        rows.append([i])
    return "\n".join(" ".join(items[i].text for i in sorted(r, key=lambda i: items[i].bbox[0])) for r in rows)


def _norm(etype: str, value: str, norm: object) -> object:
    return unicodedata.normalize("NFKC", value) if etype == "company" else norm


def truth(cid: str, image: str, template: str, cv: Canvas, sc: Scene, hm: Array, shot: dict[str, object],
          seed: int, index: int) -> dict[str, object]:
    g = sc.geometry
    items = []
    for it in cv.items:
        x0, y0, x1, y1 = it.bbox
        poly = g.forward(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64), hm)
        height = (math.dist(poly[0], poly[3]) + math.dist(poly[1], poly[2])) / 2
        items.append({"text": it.text, "bbox_label": list(it.bbox), "poly": [[round(float(v), 1) for v in p] for p in poly],
                      "text_height_px": round(height, 1), "occluded_frac": _occluded(it, sc, hm), "font": it.font,
                      "font_px": it.font_px, "dotmatrix": it.process == "dotmatrix", "print": it.process,
                      "lang": it.lang})
    ents = [{"type": e.type, "value": e.value, "norm": _norm(e.type, e.value, e.norm), "role": e.role,
             "items": e.items, "occluded_frac": max(items[i]["occluded_frac"] for i in e.items)}  # type: ignore[type-var]
            for e in cv.entities]
    c = np.array(g.corners)
    rot = math.degrees(math.atan2(c[1][1] - c[0][1], c[1][0] - c[0][0]))
    return {
        "id": cid, "image": image,
        "generator": {"name": "blindlabels", "version": VERSION, "seed": seed, "index": index},
        "template": template, "fonts": {**cv.fonts.as_dict()},
        "image_size": [g.out_w, g.out_h], "label_size": [cv.w, cv.h],
        "text": "\n".join(it.text for it in cv.items), "text_rows": _rows(cv.items),
        "items": items, "entities": ents,
        "degradation": {**sc.record(), "rotation_deg": round(rot, 1), **shot},
    }
