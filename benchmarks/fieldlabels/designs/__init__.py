"""One module per label standard or house style; DESIGNS is the visible table of them, CARRIES the
entity types each always prints (model_number or part_number is checked for every design)."""

from __future__ import annotations

import random
from collections.abc import Callable

from benchmarks.fieldlabels.canvas import Label
from benchmarks.fieldlabels.designs import (
    ansi_di,
    cal_tag,
    carton_jp,
    cn_forms,
    drum,
    gs1_logistic,
    iata_cargo,
    invoice,
    nameplate,
    pallet_manifest,
    reel,
    rma_tag,
)
from benchmarks.fieldlabels.shipment import Shipment

Design = Callable[[random.Random, Shipment], Label]

DESIGNS: dict[str, Design] = {
    "ansi_mh10": ansi_di.draw,
    "gs1_logistic": gs1_logistic.draw,
    "iata_cargo": iata_cargo.draw,
    "nameplate": nameplate.draw,
    "carton_jp": carton_jp.draw,
    "cn_customs_form": cn_forms.draw,
    "invoice_snippet": invoice.draw,
    "semiconductor_reel": reel.draw,
    "chemical_drum": drum.draw,
    "calibration_tag": cal_tag.draw,
    "pallet_manifest": pallet_manifest.draw,  # house style 1
    "rma_tag": rma_tag.draw,  # house style 2
}

CARRIES: dict[str, frozenset[str]] = {
    "ansi_mh10": ansi_di.CARRIES,
    "gs1_logistic": gs1_logistic.CARRIES,
    "iata_cargo": iata_cargo.CARRIES,
    "nameplate": nameplate.CARRIES,
    "carton_jp": carton_jp.CARRIES,
    "cn_customs_form": cn_forms.CARRIES,
    "invoice_snippet": invoice.CARRIES,
    "semiconductor_reel": reel.CARRIES,
    "chemical_drum": drum.CARRIES,
    "calibration_tag": cal_tag.CARRIES,
    "pallet_manifest": pallet_manifest.CARRIES,
    "rma_tag": rma_tag.CARRIES,
}

__all__ = ["CARRIES", "DESIGNS", "Design"]
