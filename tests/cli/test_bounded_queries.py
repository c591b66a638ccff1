"""Issue 17: `ecgraph path A B` hung for 15+ minutes when no path existed and ignored Ctrl-C. Every
path and neighbourhood query now has a hop bound in its pattern and a server-side transaction timeout,
and Ctrl-C ends the server transaction."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.cli.path import NO_PATH_EXIT
from ecgraph.graph import Graph, load_settings, open_graph
from ecgraph.graph.analyst import QueryTimedOut, bounded_read, find_nodes, shortest_path
from tests.conftest import fresh_graph_env

runner = CliRunner()

# Two dense components: declarations sharing consignees, exporters and notify parties in many ways,
# and nothing between the two; the pre-fix query enumerated every path of up to 8 steps before it
# could say "none".
DENSE = """
UNWIND range(0, $parties - 1) AS j
MERGE (:Party {key: $side + '-p' + j, name: 'Dense party ' + $side + ' ' + j})
WITH count(*) AS made
UNWIND range(0, $declarations - 1) AS i
MERGE (d:Declaration {number: $side + '-d' + i})
WITH d, i
UNWIND range(0, 3) AS k
MATCH (p:Party {key: $side + '-p' + CASE k WHEN 3 THEN (i * i) % $parties ELSE (i * 7 + k * 13) % $parties END})
FOREACH (_ IN CASE k WHEN 0 THEN [1] ELSE [] END | MERGE (d)-[:EXPORTER]->(p))
FOREACH (_ IN CASE k WHEN 1 THEN [1] ELSE [] END | MERGE (d)-[:CONSIGNEE]->(p))
FOREACH (_ IN CASE k WHEN 2 THEN [1] ELSE [] END | MERGE (d)-[:NOTIFY_PARTY]->(p))
FOREACH (_ IN CASE k WHEN 3 THEN [1] ELSE [] END | MERGE (d)-[:END_USER]->(p))
"""
LONELY = "MERGE (:ListEntry {id: 'lonely:1', name: 'Lonely Listed Trading', list: 'lonely', status: 'active'})"


@pytest.fixture(scope="module")
def dense(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    with fresh_graph_env(neo4j_server, tmp_path_factory.mktemp("dense")) as graph:
        for side in ("a", "b"):
            graph.write(DENSE, side=side, parties=60, declarations=400)
        graph.write(LONELY)
        try:
            yield graph
        finally:
            graph.write_autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")


def _path(*args: str) -> tuple[int, float, str]:
    started = time.perf_counter()
    result = runner.invoke(app, ["path", *args])
    return result.exit_code, time.perf_counter() - started, result.output


def test_no_connection_between_two_dense_components_exits_3_within_seconds(dense: Graph) -> None:
    start, end = (str(find_nodes(dense, number)[0]["element_id"]) for number in ("a-d0", "b-d0"))
    started = time.perf_counter()
    assert shortest_path(dense, start, end, max_hops=8) is None
    query_seconds = time.perf_counter() - started
    code, seconds, output = _path("a-d0", "b-d0", "--max-hops", "8")
    assert code == NO_PATH_EXIT, output
    assert "no connection within 8 hops" in output
    assert query_seconds <= 5.0 and seconds <= 5.0, (query_seconds, seconds)


def test_no_connection_to_an_isolated_entry_exits_3(dense: Graph) -> None:
    code, seconds, _ = _path("a-d0", "lonely:1")
    assert code == NO_PATH_EXIT and seconds <= 5.0


def test_a_path_inside_a_dense_component_is_the_shortest(dense: Graph) -> None:
    result = runner.invoke(app, ["path", "a-d0", "a-d399", "--json", "--max-hops", "8"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert len(found["relationships"]) == 6  # as networkx counts it on the same edges
    assert found["nodes"][0]["caption"] == "a-d0" and found["nodes"][-1]["caption"] == "a-d399"


def test_a_runaway_query_is_cut_by_the_server_timeout_not_by_the_user(dense: Graph) -> None:
    started = time.perf_counter()
    with pytest.raises(QueryTimedOut, match="transaction timeout"):
        bounded_read(dense, "UNWIND range(1, 10000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n",
                     timeout=1.0)
    assert time.perf_counter() - started < 30


def _running(graph: Graph) -> list[str]:
    rows = graph.read("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery")
    return [r["currentQuery"] for r in rows if "SHOW TRANSACTIONS" not in r["currentQuery"]]


def test_ctrl_c_ends_the_server_transaction(dense: Graph, tmp_path: Path) -> None:
    long_query = "UNWIND range(1, 10000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n"
    # as from a terminal, where Ctrl-C is not ignored (a background job of a non-interactive shell ignores it)
    script = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
              "sys.argv = ['ecgraph', *sys.argv[1:]]\nfrom ecgraph.cli.entry import main\nmain()")
    proc = subprocess.Popen([sys.executable, "-c", script, "cypher", long_query], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while long_query not in _running(dense):
            assert proc.poll() is None and time.monotonic() < deadline, "the query never started"
            time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    time.sleep(0.5)
    with open_graph(load_settings()) as graph:
        assert long_query not in _running(graph)
