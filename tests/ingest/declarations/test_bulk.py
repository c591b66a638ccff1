"""`ingest declarations --bulk`: the offline importer builds the very graph the online loader builds.

The same generated declarations (with amendments across batches, a bad record, a repeat and a
conflicting re-send) go online into the session's server and through `neo4j-admin database import`
into a second, new server; a canonical dump of both graphs (every label, property and value, every
relationship with its ends) must be equal, apart from the load ids and load times.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecgraph.demo.declarations import generate
from ecgraph.graph import Graph, LocalServer
from ecgraph.graph.connection import connect
from ecgraph.graph.local import generate_password
from ecgraph.ingest.declarations import load_file
from ecgraph.ingest.declarations.bulk import bulk_load
from ecgraph.schemas.errors import ServerError
from tests.conftest import free_port, server_folder

BATCH = 300  # small: amendments land in a later batch than the versions they replace
VOLATILE = {"loaded_at", "load_id", "applied_at"}  # when and under which load id: differs between two loads

NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, coalesce(a.id, a.number, a.key, a.iso2, a.code, a.tracking_number, a.hash) AS start,
       coalesce(b.id, b.number, b.key, b.iso2, b.code, b.tracking_number, b.hash) AS end, properties(r) AS props
"""


def canonical_dump(graph: Graph) -> tuple[list[str], list[str]]:
    """Every node and relationship as sorted JSON lines, volatile values replaced by their key alone."""
    def clean(props: dict[str, Any]) -> dict[str, Any]:
        return {k: ("<volatile>" if k in VOLATILE else v) for k, v in props.items()}

    nodes = sorted(json.dumps([sorted(r["labels"]), clean(r["props"])], sort_keys=True, default=str)
                   for r in graph.read(NODES))
    rels = sorted(json.dumps([r["type"], r["start"], r["end"], clean(r["props"])], sort_keys=True, default=str)
                  for r in graph.read(RELATIONSHIPS))
    return nodes, rels


def summary(dump: tuple[list[str], list[str]]) -> dict[str, Any]:
    """Labels, relationship types, property sets and counts: what the issue asks to be equal."""
    shapes: dict[str, int] = {}
    for line in dump[0]:
        labels, props = json.loads(line)
        key = f"node {':'.join(labels)} {sorted(props)}"
        shapes[key] = shapes.get(key, 0) + 1
    for line in dump[1]:
        rel_type, _, _, props = json.loads(line)
        key = f"rel {rel_type} {sorted(props)}"
        shapes[key] = shapes.get(key, 0) + 1
    return shapes


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    generated = tmp_path / "declarations.jsonl"
    generate(2000, seed=19, out=generated)
    lines = generated.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    conflict = {**first, "port_of_loading": "JPNGO" if first.get("port_of_loading") != "JPNGO" else "JPTYO"}
    extra = tmp_path / "more.jsonl"
    extra.write_text("\n".join([
        lines[5],  # the same version again: unchanged
        '{"declaration_number": "bad"',  # not JSON: rejected with its line
        json.dumps(conflict),  # same number and version, other content: rejected
    ]) + "\n", encoding="utf-8")
    return [generated, extra]


@pytest.fixture
def new_server(neo4j_lib: Path) -> Iterator[tuple[LocalServer, str]]:
    with server_folder("bulk") as folder:
        server = LocalServer(home=folder / "bulk-home", lib_dir=neo4j_lib, bolt_port=free_port(),
                             http_port=free_port(), heap="512m", pagecache="128m")
        try:
            yield server, generate_password()
        finally:
            server.stop(grace=60)


@pytest.mark.neo4j
@pytest.mark.timeout(1800)  # two servers and an import: minutes on a busy 2-core machine
def test_bulk_import_gives_the_graph_the_online_loader_gives(
        graph: Graph, inputs: list[Path], new_server: tuple[LocalServer, str], tmp_path: Path) -> None:
    online = [load_file(graph, path, state_dir=tmp_path / "online", batch_size=BATCH) for path in inputs]
    server, password = new_server
    bulk = bulk_load(server, "neo4j", password, inputs, state_dir=tmp_path / "bulk", batch_size=BATCH)

    assert [r.counts for r in bulk.results] == [r.counts for r in online]
    assert bulk.results[1].counts["rejected"] == 2 and bulk.results[0].counts["amended"] > 0
    rejects = [json.loads(line) for line in Path(bulk.results[1].rejects_path).read_text().splitlines()]
    assert [r["line"] for r in rejects] == [2, 3] and "already loaded with different content" in rejects[1]["reasons"][0]
    assert bulk.counted == bulk.expected
    with connect(server.bolt_uri, "neo4j", password) as imported:
        bulk_dump = canonical_dump(imported)
    online_dump = canonical_dump(graph)
    assert summary(bulk_dump) == summary(online_dump)
    assert bulk_dump == online_dump


@pytest.mark.neo4j
def test_bulk_refuses_a_running_server_or_an_existing_database(
        inputs: list[Path], new_server: tuple[LocalServer, str], tmp_path: Path) -> None:
    server, password = new_server
    server.start(user="neo4j", password=password)
    with pytest.raises(ServerError, match="is running: the offline importer needs it stopped"):
        bulk_load(server, "neo4j", password, inputs, state_dir=tmp_path / "bulk")
    server.stop()
    with pytest.raises(ServerError, match="already exists .*--bulk is for an empty or new database"):
        bulk_load(server, "neo4j", password, inputs, state_dir=tmp_path / "bulk")
