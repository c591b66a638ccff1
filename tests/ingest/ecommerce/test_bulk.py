"""`ingest ecommerce --bulk`: the offline importer builds the very graph the online loaders build.

A generated feed (amendments across batches) plus a bad line, a repeat and a conflicting re-send, with
the ECM declarations behind it, goes online (declarations, then orders) into the session's server and
through one `neo4j-admin database import` into a second, new server; a canonical dump of both graphs
(every label, property and value, every relationship with its ends) must be equal, apart from load ids
and load times. The rejects are the online path's, line for line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecgraph.demo.ecommerce import OPERATOR, generate_feed
from ecgraph.graph import Graph, LocalServer
from ecgraph.graph.connection import connect
from ecgraph.ingest.declarations import load_file
from ecgraph.ingest.ecommerce import ContactHasher, load_orders
from ecgraph.ingest.ecommerce.bulk import bulk_load_orders
from tests.ingest.declarations.test_bulk import canonical_dump, new_server, summary

__all__ = ["new_server"]  # the fixture, shared with the declarations' bulk test

BATCH = 150  # small: amendments land in a later batch than the orders they replace
HASHER = ContactHasher(b"test-key-" * 4)


@pytest.fixture
def feed(tmp_path: Path) -> tuple[list[Path], Path]:
    orders = tmp_path / "orders.jsonl"
    generate_feed(600, seed=5, out=orders)
    lines = orders.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    conflict = {**first, "price": first["price"] + 1}
    extra = tmp_path / "more.jsonl"
    extra.write_text("\n".join([
        lines[7],  # the same version again: unchanged
        '{"order_number": "broken"',  # not JSON: rejected with its line
        json.dumps(conflict),  # same order and sequence, other content: rejected
    ]) + "\n", encoding="utf-8")
    return [orders, extra], orders.with_name(orders.name + ".declarations.jsonl")


@pytest.mark.neo4j
@pytest.mark.timeout(1800)  # two servers and an import: minutes on a busy 2-core machine
@pytest.mark.parametrize("workers", [2])
def test_bulk_import_of_orders_and_declarations_gives_the_online_graph(
        graph: Graph, feed: tuple[list[Path], Path], new_server: tuple[LocalServer, str], tmp_path: Path,
        workers: int) -> None:
    orders, declarations = feed
    load_file(graph, declarations, state_dir=tmp_path / "online")
    online = [load_orders(graph, path, operator=OPERATOR, hasher=HASHER, state_dir=tmp_path / "online",
                          batch_size=BATCH) for path in orders]
    server, password = new_server
    bulk = bulk_load_orders(server, "neo4j", password, orders, operator=OPERATOR, hasher=HASHER,
                            state_dir=tmp_path / "bulk", declarations=[declarations], batch_size=BATCH,
                            workers=workers)

    assert [r.counts for r in bulk.results] == [r.counts for r in online]
    assert bulk.results[0].counts["amended"] > 0 and bulk.results[1].counts["rejected"] == 2
    assert bulk.counted == bulk.expected and bulk.declarations is not None
    rejects = [json.loads(line) for line in Path(bulk.results[1].rejects_path).read_text().splitlines()]
    online_rejects = [json.loads(line) for line in Path(online[1].rejects_path).read_text().splitlines()]
    assert [(r["line"], r["reasons"]) for r in rejects] == [(r["line"], r["reasons"]) for r in online_rejects]
    assert "duplicate order" in rejects[1]["reasons"][0]
    with connect(server.bolt_uri, "neo4j", password) as imported:
        bulk_dump = canonical_dump(imported)
    online_dump = canonical_dump(graph)
    assert summary(bulk_dump) == summary(online_dump)
    assert bulk_dump == online_dump
