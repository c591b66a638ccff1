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
# rapidocr, calibrated on the dev split (see the module docstring); types not listed keep the engine's
# floor (`extract.components.confidence_floor`).
# Measured with `python -m benchmarks.labels_ocr --sets dev --singles 60 --bursts 0 --calibrate` (60 dev
# captures of labelgen with the wider development vocabulary of issue 18; 30 had given company 0.952, HS
# 0.969, model 0.856: the second 30 held misread model numbers and company names read at 0.95-0.97).
# Thresholds apply to single frames; a burst's facts are values two pages read alike (`burst.py`).
FACT_CONFIDENCE: dict[str, dict[str, float]] = {
    "rapidocr": {"model_number": 0.977, "serial_number": 0.998, "company": 0.98, "hs_code": 0.936}
}


def fact_threshold(engine: str, kind: str) -> float:
    return FACT_CONFIDENCE.get(engine, {}).get(kind, confidence_floor(engine, kind))


def is_fact(engine: str, kind: str, confidence: float) -> bool:
    return confidence >= fact_threshold(engine, kind)
