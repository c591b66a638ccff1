"""`neo4j://` routing: what ecgraph uses against a Neo4j cluster or Aura, tried on the single test server.

A single server answers routing requests with itself as router, reader and writer, so the same code
that sends analysts' reads to secondaries of a cluster (`Graph.read` runs with READ routing) works here.
"""

from __future__ import annotations

import pytest

from ecgraph.graph import load_settings, open_graph
from ecgraph.graph.connection import connect


@pytest.mark.neo4j
def test_neo4j_scheme_routes_reads_and_writes(neo4j_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    routed = neo4j_env["NEO4J_URI"].replace("bolt://", "neo4j://")
    monkeypatch.setenv("NEO4J_URI", routed)
    with open_graph(load_settings()) as graph:
        assert graph.uri.startswith("neo4j://")
        graph.write("MERGE (n:RoutingProbe {id: 'p'}) SET n.seen = coalesce(n.seen, 0) + 1")
        assert graph.read("MATCH (n:RoutingProbe {id: 'p'}) RETURN n.seen AS seen") == [{"seen": 1}]
        table = graph.read("CALL dbms.routing.getRoutingTable({}, $db) YIELD servers RETURN servers",
                           db=graph.database)[0]["servers"]
        roles = {server["role"]: server["addresses"] for server in table}
        assert set(roles) == {"READ", "WRITE", "ROUTE"}
        port = routed.rsplit(":", 1)[1]
        assert all(address.endswith(f":{port}") for addresses in roles.values() for address in addresses)
        graph.write("MATCH (n:RoutingProbe) DELETE n")


@pytest.mark.neo4j
def test_connect_accepts_routing_uri_directly(neo4j_env: dict[str, str]) -> None:
    routed = neo4j_env["NEO4J_URI"].replace("bolt://", "neo4j://")
    with connect(routed, neo4j_env["NEO4J_USER"], neo4j_env["NEO4J_PASSWORD"]) as graph:
        assert graph.read("RETURN 1 AS one") == [{"one": 1}]
