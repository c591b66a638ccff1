"""Per-type confidence a value needs to be reported as a fact; below it, it is a candidate.

A fact is what rules use (linking, label/declaration contradictions); a candidate is shown to the
officer and never used by a rule. The thresholds are calibrated per entity type on the development
split of the generated benchmark (`benchmarks/labels_ocr.py --calibrate`), as the lowest confidence
at which the values reported above it keep precision >= TARGET_PRECISION.
"""

from __future__ import annotations

__all__ = ["FACT_CONFIDENCE", "TARGET_PRECISION", "fact_threshold", "is_fact"]

from ecgraph.ingest.labels.extract.components import confidence_floor

TARGET_PRECISION = 0.95
# rapidocr, calibrated on the development splits (see the module docstring); types not listed keep the
# engine's floor (`extract.components.confidence_floor`). Measured in session 12 on the singles of dev and
# dev2 (60 each, labelgen) and fieldlabels (seed 18, a generator written without reading the reader),
# never on shared or sealed, with `benchmarks.labels_ocr --calibrate`'s rule over every value read
# (facts and candidates, 265 captures): model 0.98 (84 of 88 right at 0.98 or surer, 4 of 9 between 0.96
# and 0.98), company 0.947, serial 0.993. HS codes: every code read at 0.85 or surer was right (150 of
# 150, each an HS 2022 subheading) and none was read between 0.70 and 0.85, so the threshold is the
# engine's floor, not the 0.6 the rule gives from two values under 0.7. Part numbers reach 0.95 at no
# threshold on fieldlabels (0.81 at 0.99: most wrong ones are values one generator calls the
# manufacturer's model number, MPN, (1P), and another a part number); 0.97 keeps dev at 1.00 and dev2 at
# 0.89 (0.99 cut dev2's part recall from 0.38 to 0.10). Thresholds apply to single
# frames; a burst's facts are values its pages read alike (`burst.py`), two frames alike only when each
# is as sure as this.
FACT_CONFIDENCE: dict[str, dict[str, float]] = {
    "rapidocr": {
        "model_number": 0.98,
        "part_number": 0.97,
        "serial_number": 0.993,
        "company": 0.947,
        "hs_code": 0.85,
    }
}


def fact_threshold(engine: str, kind: str) -> float:
    return FACT_CONFIDENCE.get(engine, {}).get(kind, confidence_floor(engine, kind))


def is_fact(engine: str, kind: str, confidence: float) -> bool:
    return confidence >= fact_threshold(engine, kind)
