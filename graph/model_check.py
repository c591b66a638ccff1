"""Hold a live database to the graph model: every label, relationship type and property it holds must be
declared in `schemas/model/`. `ecgraph schema --check` runs it; tests run it on the worlds they build.

Neo4j reports what a database holds through `db.schema.nodeTypeProperties()` and
`db.schema.relTypeProperties()` (one row per label combination or type and property), so the check reads
the real graph, not the code that wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecgraph.graph.connection import Graph
from ecgraph.schemas.graph_model import GraphModel

__all__ = ["ModelDrift", "check_graph_against_model"]

NODE_TYPE_PROPERTIES = """
CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName
RETURN nodeLabels AS labels, propertyName AS property
"""
REL_TYPE_PROPERTIES = """
CALL db.schema.relTypeProperties() YIELD relType, propertyName
RETURN relType AS type, propertyName AS property
"""


@dataclass(frozen=True)
class ModelDrift:
    """One thing the database holds that the model does not declare."""

    kind: str  # "label" | "relationship" | "node property" | "relationship property"
    owner: str
    name: str

    def __str__(self) -> str:
        if self.kind in ("label", "relationship"):
            return f"undeclared {self.kind} {self.name}"
        return f"undeclared {self.kind} {self.owner}.{self.name}"


def _rel_type_name(raw: str) -> str:
    """`db.schema.relTypeProperties` spells types as ":`MATCHES`"."""
    return raw.lstrip(":").strip("`")


def check_graph_against_model(graph: Graph, model: GraphModel) -> list[ModelDrift]:
    """What the database holds beyond the model, sorted; empty when the two agree."""
    drift: set[ModelDrift] = set()
    known_labels = model.node_labels()
    for row in graph.read(NODE_TYPE_PROPERTIES):
        labels: list[str] = row["labels"]
        for label in labels:
            if label not in known_labels:
                drift.add(ModelDrift("label", label, label))
        key = row["property"]
        if key is not None and labels and not model.declares(labels, key):
            drift.add(ModelDrift("node property", ":".join(sorted(labels)), key))
    for row in graph.read(REL_TYPE_PROPERTIES):
        rel_type = _rel_type_name(row["type"])
        if rel_type not in model.relationships:
            drift.add(ModelDrift("relationship", rel_type, rel_type))
            continue
        key = row["property"]
        if key is not None and not model.declares([rel_type], key, edge=True):
            drift.add(ModelDrift("relationship property", rel_type, key))
    return sorted(drift, key=lambda d: (d.kind, d.owner, d.name))
