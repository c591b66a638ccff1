"""Wear a label picks up before anyone photographs it: dead elements of a thermal print head (thin
white lines along the feed), scuffs on cartons, scratches on metal plates. Drawn on the flat label, so
every frame of a burst shows the same wear."""

from __future__ import annotations

import random

from PIL import ImageDraw

from benchmarks.fieldlabels.canvas import Label


def apply(label: Label, rnd: random.Random) -> list[str]:
    """Wear `label` in place; returns what was done (for the truth's degradation record)."""
    done: list[str] = []
    img = label.image
    draw = ImageDraw.Draw(img)
    w, h = img.size
    if label.surface == "thermal" and rnd.random() < 0.35:
        for _ in range(rnd.randint(1, 3)):
            x = rnd.uniform(0.05, 0.95) * w
            draw.line((x, 0, x, h), fill=label.stock, width=rnd.choice((1, 2, 2, 3)))
        done.append("thermal_dead_dots")
    if label.surface == "kraft" and rnd.random() < 0.4:
        for _ in range(rnd.randint(2, 6)):
            x, y = rnd.uniform(0, w), rnd.uniform(0, h)
            dx, dy = rnd.uniform(-120, 120), rnd.uniform(-30, 30)
            shade = tuple(min(255, c + rnd.randint(10, 30)) for c in label.stock)
            draw.line((x, y, x + dx, y + dy), fill=shade, width=rnd.randint(2, 6))
        done.append("scuffs")
    if label.surface == "metal" and rnd.random() < 0.5:
        for _ in range(rnd.randint(3, 10)):
            x, y = rnd.uniform(0, w), rnd.uniform(0, h)
            shade = tuple(min(255, c + 40) for c in label.stock)
            draw.line((x, y, x + rnd.uniform(-200, 200), y + rnd.uniform(-40, 40)), fill=shade, width=1)
        done.append("scratches")
    return done
