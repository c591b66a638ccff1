"""Label linking: a capture's names and codes → declaration parties, goods items, HS codes, control
entries; and the contradictions between label and declaration that the label-mismatch rules use."""

from __future__ import annotations

from ecgraph.rules.labels.link import LinkResult, link_capture
from ecgraph.rules.labels.match import (
    NAME_CUTOFF,
    company_match,
    contradictions,
    dual_use_eccn,
    link_control_entries,
    link_goods,
    link_parties,
    normalise_company,
)

__all__ = [
    "NAME_CUTOFF",
    "LinkResult",
    "company_match",
    "contradictions",
    "dual_use_eccn",
    "link_capture",
    "link_control_entries",
    "link_goods",
    "link_parties",
    "normalise_company",
]
