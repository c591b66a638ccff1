"""The only code that speaks Cypher and manages the Neo4j server.

Imports nothing from ingest, rules or cli: they call it with plain rows and get plain rows back.
"""

from __future__ import annotations

from ecgraph.graph.connection import Graph, WriteCounts, open_graph
from ecgraph.graph.local import Credentials, local_credentials, local_server
from ecgraph.graph.migrate import apply_schema, ensure_schema
from ecgraph.graph.server import LocalServer, ServerState
from ecgraph.graph.settings import Settings, load_settings

__all__ = [
    "Credentials",
    "Graph",
    "LocalServer",
    "ServerState",
    "Settings",
    "WriteCounts",
    "apply_schema",
    "ensure_schema",
    "load_settings",
    "local_credentials",
    "local_server",
    "open_graph",
]
