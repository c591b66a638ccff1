"""Evidence rows for predicates: the same shape `graph.rule_queries` gives Cypher rules."""

from __future__ import annotations

from typing import Any

from ecgraph.graph.rule_queries import stable_ref

__all__ = ["evidence", "node", "rel"]


def node(element_id: str, label: str, **props: Any) -> dict[str, Any]:
    """A node of the evidence: `element_id` links the alert to it in this database; the stored evidence
    names it by its stable key (pass the label's key property: number, key, id …)."""
    kept = {k: v for k, v in props.items() if v is not None}
    return {"element_id": element_id, "ref": stable_ref([label], kept), "labels": [label], "properties": kept}


def rel(element_id: str, type_: str, start: str, end: str, **props: Any) -> dict[str, Any]:
    return {"element_id": element_id, "type": type_, "start": start, "end": end,
            "properties": {k: v for k, v in props.items() if v is not None}}


def evidence(nodes: list[dict[str, Any]], rels: list[dict[str, Any]] | None = None) -> dict[str, list[dict[str, Any]]]:
    unique_nodes = {n["element_id"]: n for n in nodes}
    unique_rels = {r["element_id"]: r for r in rels or []}
    return {"nodes": list(unique_nodes.values()), "relationships": list(unique_rels.values())}
