"""Entities from OCR boxes: a spaCy pipeline of key-anchored patterns, layout pairing and legal forms."""

from __future__ import annotations

from ecgraph.ingest.labels.extract.entity import ENTITY_TYPES, ROLES, LabelEntity, norm_key
from ecgraph.ingest.labels.extract.patterns import country_iso2, norm_hs_code
from ecgraph.ingest.labels.extract.pipeline import (
    build_pipeline,
    extract_candidates,
    extract_entities,
    register_components,
)

__all__ = [
    "ENTITY_TYPES",
    "ROLES",
    "LabelEntity",
    "build_pipeline",
    "country_iso2",
    "extract_candidates",
    "extract_entities",
    "norm_hs_code",
    "norm_key",
    "register_components",
]
