"""The truth file of one capture, in the format of data/labels/README.md."""

from __future__ import annotations

from typing import Any

from benchmarks.fieldlabels.canvas import Item, Label, lang_of
from benchmarks.fieldlabels.capture import Shot

DOTTED = ("dotmatrix", "inkjet", "dotpeen")


def text_rows(items: list[Item]) -> str:
    """Items grouped into visual rows of the flat label (vertical overlap), each row left to right."""
    rows: list[list[Item]] = []
    for item in sorted(items, key=lambda it: (it.box[1], it.box[0])):
        for row in rows:
            top = min(r.box[1] for r in row)
            bottom = max(r.box[3] for r in row)
            overlap = min(bottom, item.box[3]) - max(top, item.box[1])
            if overlap >= 0.5 * min(item.box[3] - item.box[1], bottom - top):
                row.append(item)
                break
        else:
            rows.append([item])
    return "\n".join(" ".join(it.text for it in sorted(row, key=lambda it: it.box[0])) for row in rows)


def build(capture_id: str, image: str, label: Label, shot: Shot, generator: dict[str, Any],
          burst: dict[str, Any] | None = None) -> dict[str, Any]:
    """Assemble the truth dict for a capture."""
    items = [
        {"text": it.text, "bbox_label": list(it.box), "poly": shot.polys[i], "text_height_px": shot.heights[i],
         "occluded_frac": shot.occluded[i], "glare_frac": shot.glared[i], "font": it.face, "font_px": it.px, "render": it.style,
         "dotmatrix": it.style in DOTTED, "lang": lang_of(it.text)}
        for i, it in enumerate(label.items)
    ]
    entities = [
        {"type": e.type, "value": e.value, "norm": e.norm, "role": e.role, "items": list(e.items),
         "occluded_frac": max(shot.occluded[i] for i in e.items)}
        for e in label.entities
    ]
    truth: dict[str, Any] = {
        "id": capture_id, "image": image, "generator": generator, "template": label.template,
        "variant": label.variant, "fonts": dict(sorted(label.faces.items())),
        "image_size": list(shot.size), "label_size": list(label.image.size),
        "text": "\n".join(it.text for it in label.items), "text_rows": text_rows(label.items),
        "items": items, "entities": entities, "degradation": dict(shot.degradation, wear=list(label.wear)),
    }
    if burst is not None:
        truth["burst"] = burst
    return truth
