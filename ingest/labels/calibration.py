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
# engine's floor (`extract.components.confidence_floor`).
# Measured with `python -m benchmarks.labels_ocr --sets dev,dev2 --singles 60 --bursts 0 --calibrate` (60
# dev and 60 dev2 captures of labelgen; dev alone had given model 0.977, company 0.98, HS 0.936, serial
# 0.998, which left 14-16 % of the shared set's true values as candidates). With dev2's layouts and fonts
# and the company fixes of session 10 (a heading glued to a name, a name cut in two) the company values
# read at 0.967-0.98 are right; every HS code read at the engine's floor or above passed the HS 2022 check
# and was right. Thresholds apply to single frames; a burst's facts are values its pages read alike
# (`burst.py`), two frames alike only when each is as sure as this.
FACT_CONFIDENCE: dict[str, dict[str, float]] = {
    "rapidocr": {"model_number": 0.975, "serial_number": 0.998, "company": 0.967, "hs_code": 0.887}
}


def fact_threshold(engine: str, kind: str) -> float:
    return FACT_CONFIDENCE.get(engine, {}).get(kind, confidence_floor(engine, kind))


def is_fact(engine: str, kind: str, confidence: float) -> bool:
    return confidence >= fact_threshold(engine, kind)
