"""Advice for the glasses' app, written beside an upload: which fields the label should carry were not
read with confidence (`missing`), and what to change for a better capture (`hint`).

The officer is still at the cargo when the upload is read; the app watches the inbox for
`<upload>.advice.json` and asks for another picture while there is still something missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["advice_path", "write_advice"]


def advice_path(upload: Path) -> Path:
    """`inbox/IMG_0001.jpg` → `inbox/IMG_0001.jpg.advice.json` (a burst folder `inbox/b1` → `inbox/b1.advice.json`)."""
    return upload.with_name(upload.name + ".advice.json")


def write_advice(upload: Path, capture: dict[str, Any]) -> Path | None:
    """Write the advice for one capture summary (`intake.ingest_captures`); None when it was not read now."""
    reading = capture.get("reading")
    if not reading:
        return None
    advice = {
        "capture": capture.get("id"),
        "upload": upload.name,
        "kind": reading.get("kind"),
        "complete": not reading.get("missing"),
        "missing": reading.get("missing", []),
        "hint": reading.get("hint", []),
        "candidates": [
            {"type": c["type"], "value": c["value"], "confidence": c["confidence"]}
            for c in reading.get("candidates", [])
            if c["type"] in reading.get("missing", [])
        ],
        "quality": reading.get("quality"),
    }
    target = advice_path(upload)
    partial = target.with_name(target.name + ".part")
    partial.write_text(json.dumps(advice, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(target)  # the app never sees a half-written file
    return target
