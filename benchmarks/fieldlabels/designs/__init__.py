"""One module per label standard or house style; DESIGNS is the visible table of them."""

from __future__ import annotations

import random
from collections.abc import Callable

from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.designs import ansi_di, carton_jp, cn_forms, nameplate
from benchmarks.fieldlabels.shipment import Shipment

Design = Callable[[random.Random, Shipment], Label]

DESIGNS: dict[str, Design] = {
    "ansi_mh10": ansi_di.draw,
    "nameplate": nameplate.draw,
    "carton_jp": carton_jp.draw,
    "cn_customs_form": cn_forms.draw,
}

# entity types each design always carries (model_number or part_number is checked separately)
CARRIES: dict[str, frozenset[str]] = {
    "ansi_mh10": ansi_di.CARRIES,
    "nameplate": nameplate.CARRIES,
    "carton_jp": carton_jp.CARRIES,
    "cn_customs_form": cn_forms.CARRIES,
}

__all__ = ["CARRIES", "DESIGNS", "Design"]
