"""RF-12: a later version of a declaration changes its consignee, end user, destination or routing."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.rule_inputs import declaration_versions
from ecgraph.rules.engine.model import Rule
from ecgraph.rules.engine.predicates._evidence import evidence, node
from ecgraph.rules.engine.shared_reads import group_members

__all__ = ["late_changes"]

WATCHED: dict[str, Callable[[dict[str, Any]], Any]] = {
    "consignee": lambda r: (r.get("consignee") or {}).get("name"),
    "end_user": lambda r: (r.get("end_user") or {}).get("name"),
    "destination": lambda r: r.get("destination_country"),
    "transit": lambda r: tuple(r.get("transit_countries") or ()),
}


def late_changes(graph: Graph, rule: Rule, declarations: list[str]) -> list[dict[str, Any]]:
    concern = group_members(graph, list(rule.params.get("concern_groups", [])))
    rows = []
    for row in declaration_versions(graph, declarations):
        versions = row["versions"]
        changes: list[dict[str, Any]] = []
        for before, after in pairwise(versions):
            old, new = json.loads(before["record"]), json.loads(after["record"])
            for field, read in WATCHED.items():
                if read(old) != read(new):
                    changes.append({"field": field, "from": read(old), "to": read(new),
                                    "versions": [before["version"], after["version"]]})
        if not changes:
            continue
        severe = any(c["field"] in ("destination", "transit") and set(c["to"] if isinstance(c["to"], tuple) else [c["to"]]) & concern
                     for c in changes)
        text = "; ".join(f"{c['field']} changed from {c['from']!r} to {c['to']!r} (v{c['versions'][0]} → v{c['versions'][1]})"
                         for c in changes)
        rows.append({
            "declaration": row["declaration"], "score": 0.5, "severity": "HIGH" if severe else None,
            "explanation": f"amended after filing: {text}",
            "evidence": evidence([node(row["declaration_eid"], "Declaration", number=row["declaration"])]
                                 + [node(v["eid"], "DeclarationVersion", number=row["declaration"], version=v["version"]) for v in versions]),
            "matched": {"changes": [{**c, "from": c["from"], "to": c["to"]} for c in changes]},
        })
    return rows
