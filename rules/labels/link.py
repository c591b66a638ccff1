"""The linking step of a label capture: read it with its declaration, link, write links and contradictions.

`ecgraph labels ingest` runs it right after writing the capture (unless `--no-link`); it can be re-run:
every write is a MERGE keyed on (mention, rule, target) or (capture, field, value on the label).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecgraph.graph import Graph
from ecgraph.graph import labels as graph_labels
from ecgraph.rules.labels.match import (
    contradictions,
    hs_digits,
    link_control_entries,
    link_goods,
    link_parties,
)

__all__ = ["LinkResult", "link_capture"]


@dataclass
class LinkResult:
    capture_id: str
    links: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)


def link_capture(graph: Graph, capture_id: str) -> LinkResult:
    """Link a capture's mentions to parties, goods items, HS codes, control entries; find contradictions."""
    capture = graph_labels.capture_for_linking(graph, capture_id)
    result = LinkResult(capture_id)
    if capture is None:
        return result
    mentions = capture["mentions"]
    prefixes = sorted({hs_digits(m["norm"]) for m in mentions if m["type"] == "hs_code"})
    eccns = sorted({m["norm"] for m in mentions if m["type"] == "eccn"})
    hs_nodes = graph_labels.hs_codes_by_prefix(graph, prefixes)
    entries = graph_labels.control_entries_by_code(graph, eccns)
    result.links = [
        *link_parties(capture_id, mentions, capture["parties"]),
        *link_goods(capture_id, mentions, capture["items"]),
        *link_control_entries(capture_id, mentions, hs_nodes, entries),
    ]
    result.contradictions = contradictions(capture)
    graph_labels.write_mention_links(graph, result.links)
    graph_labels.write_contradictions(graph, result.contradictions)
    return result
