"""Small helpers the designs share: picking faces and a starting canvas."""

from __future__ import annotations

import random

from benchmarks.fieldlabels import fonts
from benchmarks.fieldlabels.canvas import RGB, Canvas


def faces(rnd: random.Random, *groups: tuple[str, ...]) -> list[str]:
    """One face from each group."""
    return [rnd.choice(group) for group in groups]


def start(rnd: random.Random, template: str, variant: str, size: tuple[int, int], stock: RGB,
          surface: str = "paper", reflective: bool = False) -> Canvas:
    """A blank label of `size` on `stock`, with a Japanese face already chosen for any kanji."""
    canvas = Canvas(size, stock, rnd, template, variant)
    canvas.label.surface = surface
    canvas.label.reflective = reflective
    canvas.use_faces(jp=rnd.choice(fonts.JP_GOTHIC + fonts.JP_MINCHO))
    return canvas


def paper(rnd: random.Random) -> RGB:
    """White-ish label stock: bright white, cream, or the grey-white of thermal paper."""
    return rnd.choice(((250, 250, 247), (246, 244, 236), (238, 240, 241), (252, 251, 244), (244, 246, 250)))
