"""A generator of varied cargo-label captures for the label benchmark (issue #18).

fonts.py     the faces (Debian font packages) and which split prints with each
content.py   the facts a label prints (real HS 2022 subheadings, model/serial shapes, companies)
layouts.py   standards x arrangements x key vocabularies, and which split owns each layout
render.py    a design drawn flat (plain, dot-matrix, thermal print) with each fact's box
capture.py   the warehouse camera: curvature, wrinkles, light, shadow, glare, wear, blur, occlusion
generate.py  (split, index) -> a capture or a burst with its truth; the split is defined there
"""

from __future__ import annotations

from benchmarks.labelgen.generate import SPLITS, VERSION, Capture, make_burst, make_capture

__all__ = ["SPLITS", "VERSION", "Capture", "make_burst", "make_capture"]
