"""Record contracts (JSON Schemas), the graph schema (constraints and indexes) and the error vocabulary.

The leaf that every other part of ecgraph reads; it imports nothing of theirs.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from ecgraph.schemas.errors import EcgraphError, SchemaError

__all__ = ["EcgraphError", "SchemaError", "graph_schema_statements", "load_json_schema", "schema_text"]


def schema_text(relative_path: str) -> str:
    """Read a file shipped in `ecgraph.schemas` (works for normal and editable installs)."""
    node = resources.files("ecgraph.schemas")
    for part in relative_path.split("/"):
        node = node / part
    try:
        return node.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SchemaError("schema file is not shipped with ecgraph", file=relative_path) from exc


@cache
def load_json_schema(name: str) -> dict[str, Any]:
    """Load `schemas/records/<name>.schema.json`."""
    path = f"records/{name}.schema.json"
    try:
        loaded: dict[str, Any] = json.loads(schema_text(path))
    except json.JSONDecodeError as exc:
        raise SchemaError(f"invalid JSON at line {exc.lineno}: {exc.msg}", file=path) from exc
    return loaded


def graph_schema_statements() -> list[tuple[str, str]]:
    """Every constraint/index statement of the graph schema as (file, statement), in file order.

    Statements live in `schemas/graph/*.cypher`, one per `;`, each written with IF NOT EXISTS so that
    applying them twice changes nothing.
    """
    folder = resources.files("ecgraph.schemas") / "graph"
    out: list[tuple[str, str]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".cypher"):
            continue
        text = entry.read_text(encoding="utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
        for statement in body.split(";"):
            statement = " ".join(statement.split())
            if statement:
                out.append((f"graph/{entry.name}", statement))
    return out
