"""Run the rule packs' Cypher read-only, and probe which inputs the graph holds.

Rule Cypher is data from the vetted packs in rules/packs, never from user input, and it runs in a READ
transaction, so a rule cannot write even by mistake. Paths in its results are turned into evidence
(nodes and relationships with labels/types and their key properties) for the alert. Evidence names a node
by its stable key (`stable_ref`: a declaration's number, a party's key, an entry's id), never by Neo4j's
element id alone, which differs when the same data is loaded into a fresh database.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, LiteralString, TypeVar

from neo4j import ManagedTransaction, Record
from neo4j.graph import Node, Path, Relationship

from ecgraph.graph.connection import Graph

__all__ = ["EVIDENCE_PROPERTIES", "INPUT_PROBES", "STABLE_KEYS", "evidence_of", "node_evidence", "probe_inputs",
           "relationship_evidence", "run_rule_query", "stable_ref", "stream_rule_query"]

T = TypeVar("T")

# input name -> a query that returns one row when the graph holds that input
INPUT_PROBES: dict[str, LiteralString] = {
    "declarations": "MATCH (n:Declaration) RETURN 1 AS ok LIMIT 1",
    "list_entries": "MATCH (n:ListEntry) RETURN 1 AS ok LIMIT 1",
    "list_matches": "MATCH (:Party)-[r:MATCHES]->(:ListEntry) RETURN 1 AS ok LIMIT 1",
    "ownership": "MATCH ()-[r:OWNS]->() RETURN 1 AS ok LIMIT 1",
    "officers": "MATCH ()-[r:OFFICER_OF]->() RETURN 1 AS ok LIMIT 1",
    "country_groups": "MATCH (n:CountryGroup) RETURN 1 AS ok LIMIT 1",
    "hs_correlations": "MATCH (:HSCode)-[r:CORRELATES_WITH]->() RETURN 1 AS ok LIMIT 1",
    "chpl": "MATCH (n:ControlEntry) WHERE n.list STARTS WITH 'chpl' RETURN 1 AS ok LIMIT 1",
    "catchall_16_1": "MATCH (:HSCode)-[r:CORRELATES_WITH {source: 'jp_catchall_16_1_hs'}]->() RETURN 1 AS ok LIMIT 1",
    "indicator_terms": "MATCH (n:IndicatorTerm) RETURN 1 AS ok LIMIT 1",
    "control_suggestions": "MATCH ()-[r:SUGGESTED_CONTROL]->() RETURN 1 AS ok LIMIT 1",
    "label_captures": "MATCH (n:LabelCapture) RETURN 1 AS ok LIMIT 1",
    "label_contradictions": "MATCH (:LabelCapture)-[r:CONTRADICTS]->() RETURN 1 AS ok LIMIT 1",
    "party_addresses": "MATCH (:Party)-[r:LOCATED_AT]->(:Address) RETURN 1 AS ok LIMIT 1",
    "list_addresses": "MATCH (:ListEntry)-[r:LOCATED_AT]->(:Address) RETURN 1 AS ok LIMIT 1",
    "party_links": "MATCH (:Party)-[r:LOCATED_AT|OFFICER_OF|HAS_IDENTIFIER]-() RETURN 1 AS ok LIMIT 1",
    "ecommerce_orders": "MATCH (:Parcel)-[r:DECLARED_AS]->(:Declaration) RETURN 1 AS ok LIMIT 1",
    # inputs ecgraph has no source for yet: rules that need them load as inactive, naming them
    "meti_inform_notices": "MATCH (n:Notice) WHERE n.kind = 'METI_INFORM' RETURN 1 AS ok LIMIT 1",
    "payment_parties": "MATCH (:Declaration)-[r:PAYER|BUYER]->() RETURN 1 AS ok LIMIT 1",
    "documents": "MATCH (n:Document) RETURN 1 AS ok LIMIT 1",
    "etco_table_2_3_hs": "MATCH (n:ControlEntry) WHERE n.list = 'jp_etco_appended_2_3' RETURN 1 AS ok LIMIT 1",
    "contact_identifiers": "MATCH (n) WHERE n:Phone OR n:Email RETURN 1 AS ok LIMIT 1",
    "small_value_exception": "MATCH (n:Declaration) WHERE n.small_value_exception IS NOT NULL RETURN 1 AS ok LIMIT 1",
    "hs_predictions": "MATCH ()-[r:PREDICTED_HS]->() RETURN 1 AS ok LIMIT 1",
    "company_registry": "MATCH (n:Party) WHERE n.incorporation_date IS NOT NULL RETURN 1 AS ok LIMIT 1",
    "line_of_business": "MATCH (n:Party) WHERE n.industry IS NOT NULL RETURN 1 AS ok LIMIT 1",
}


def probe_inputs(graph: Graph, names: set[str] | None = None) -> dict[str, bool]:
    wanted = INPUT_PROBES if names is None else {n: q for n, q in INPUT_PROBES.items() if n in names}
    return {name: bool(graph.read(query)) for name, query in wanted.items()}


# The properties that name a node for good, first found first: each label's unique key (schemas/graph).
STABLE_KEYS = ("number", "key", "id", "code", "iso2", "tracking_number", "sha256", "hash")


def stable_ref(labels: Iterable[str], properties: Mapping[str, Any]) -> str:
    """A name for a node that survives reloading the same data: `Label:key` (its first label by name and
    its unique key), or `Label:{properties}` for a node without one."""
    label = min(labels, default="Node")
    for name in STABLE_KEYS:
        if properties.get(name) is not None:
            return f"{label}:{properties[name]}"
    return f"{label}:" + json.dumps(dict(properties), sort_keys=True, ensure_ascii=False, default=str)


# The properties evidence keeps of a node (its stable key names it besides, `stable_ref`).
EVIDENCE_PROPERTIES = ("id", "key", "number", "name", "code", "iso2", "list", "sub_list", "source_id", "hs_code",
                       "description", "raw", "score", "seq")


def node_evidence(element_id: str, labels: Iterable[str], properties: Mapping[str, Any]) -> dict[str, Any]:
    """A node as evidence, from its element id, labels and properties (all of them, or at least those of
    `EVIDENCE_PROPERTIES` and `STABLE_KEYS` it has: a read that projects them need not hydrate the node)."""
    keep = {k: properties[k] for k in EVIDENCE_PROPERTIES if k in properties}
    return {"element_id": element_id, "ref": stable_ref(labels, properties), "labels": sorted(labels),
            "properties": keep}


def relationship_evidence(element_id: str, type_: str, start: str | None, end: str | None,
                          properties: Mapping[str, Any]) -> dict[str, Any]:
    """A relationship as evidence: its scalar properties (and `fields`, the list a match names)."""
    props = {k: v for k, v in properties.items() if not isinstance(v, (list, dict)) or k in ("fields",)}
    return {"element_id": element_id, "type": type_, "start": start, "end": end, "properties": props}


def _node(node: Node) -> dict[str, Any]:
    return node_evidence(node.element_id, node.labels, dict(node.items()))


def _relationship(rel: Relationship) -> dict[str, Any]:
    start = rel.start_node.element_id if rel.start_node is not None else None
    end = rel.end_node.element_id if rel.end_node is not None else None
    return relationship_evidence(rel.element_id, rel.type, start, end, dict(rel.items()))


def evidence_of(value: Any, nodes: dict[str, dict[str, Any]], rels: dict[str, dict[str, Any]]) -> None:
    """Collect every node and relationship found in `value` (paths, nodes, lists of them)."""
    if isinstance(value, Path):
        for node in value.nodes:
            nodes.setdefault(node.element_id, _node(node))
        for rel in value.relationships:
            rels.setdefault(rel.element_id, _relationship(rel))
            for end in (rel.start_node, rel.end_node):
                if end is not None:
                    nodes.setdefault(end.element_id, _node(end))
    elif isinstance(value, Node):
        nodes.setdefault(value.element_id, _node(value))
    elif isinstance(value, Relationship):
        rels.setdefault(value.element_id, _relationship(value))
    elif isinstance(value, (list, tuple)):
        for item in value:
            evidence_of(item, nodes, rels)


# The driver hydrates each record's nodes and relationships into a graph object that refers to them while they
# refer to it: a reference cycle, which only Python's cycle collector frees. A screening run turns that
# collector off (rules/engine/engine.py), so a query returning a million paths held every one of them until its
# batch ended: PS-05 over 50,000 declarations of a 1M-declaration graph grew a process past 8 GB. With the
# collector off, the youngest generation is collected every this many records (the rows kept are few and
# move on to an older generation, so each collection walks one slice of records).
COLLECT_EVERY = 5_000


def _rows(result: Iterable[Record]) -> Iterator[dict[str, Any]]:
    """Each record as a row, its `paths`/`evidence` columns turned into evidence, as the records arrive."""
    collect = not gc.isenabled()
    for count, record in enumerate(result, start=1):
        if collect and count % COLLECT_EVERY == 0:
            gc.collect(0)
        row: dict[str, Any] = {}
        nodes: dict[str, dict[str, Any]] = {}
        rels: dict[str, dict[str, Any]] = {}
        for key in record.keys():  # noqa: SIM118 (a neo4j Record iterates over its values)
            value = record[key]
            if key in ("paths", "evidence"):
                evidence_of(value, nodes, rels)
            else:
                row[key] = value
        row["evidence"] = {"nodes": list(nodes.values()), "relationships": list(rels.values())}
        yield row


def _read_rows(tx: ManagedTransaction, query: LiteralString, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows = list(_rows(tx.run(query, params)))
    if not gc.isenabled():  # the last records' cycles too (see _rows), not at the end of the run's batch
        gc.collect(0)
    return rows


def run_rule_query(graph: Graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Run one rule's Cypher in a read transaction; `paths`/`evidence` columns become evidence."""
    query: LiteralString = cypher  # vetted rule-pack data, executed read-only
    with graph.driver.session(database=graph.database, default_access_mode="READ") as session:
        return session.execute_read(_read_rows, query, params)


def stream_rule_query(graph: Graph, cypher: str, params: dict[str, Any],
                      consume: Callable[[Iterator[dict[str, Any]]], T]) -> T:
    """Run one rule's Cypher in a read transaction and hand its rows to `consume` as they arrive.

    For a query whose rows do not fit in memory at once (PS-05 over a 50,000-declaration batch of a 1M graph
    returned ~1.5M rows of paths): `consume` writes what it has read and drops it. The driver runs the
    transaction again from the start after a transient error, and `consume` with it, so what `consume`
    does must be safe to repeat (alerts are merged by id) and what it returns must come from its last call.
    """
    query: LiteralString = cypher  # vetted rule-pack data, executed read-only

    def work(tx: ManagedTransaction) -> T:
        return consume(_rows(tx.run(query, params)))

    with graph.driver.session(database=graph.database, default_access_mode="READ") as session:
        return session.execute_read(work)
