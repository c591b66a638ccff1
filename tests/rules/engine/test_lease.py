"""Locks that heal (issue 16), with real `ecgraph screen` processes: one killed with -9 is marked failed by
the next run, which goes ahead; SIGTERM ends a run cleanly; a refused run (exit 75) changes nothing, not
even party matches; `ecgraph jobs unlock` clears a lock for the operator."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from ecgraph.graph import Graph, load_settings
from ecgraph.graph.screening import acquire_lock, read_lock
from ecgraph.ingest.lists import load_custom_list
from ecgraph.rules.engine.lease import screening_lease
from tests.conftest import fresh_graph_env
from tests.rules.engine.small_world import export_declaration, load_declarations, write_jsonl

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def world(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    """Two declarations to Tako LLC, which a watch list names: a matching run would add MATCHES edges."""
    tmp = tmp_path_factory.mktemp("lease")
    with fresh_graph_env(neo4j_server, tmp) as graph:
        load_declarations(graph, tmp, [export_declaration("30000000001", "Tako LLC", "AM"),
                                       export_declaration("30000000002", "Tako LLC", "AM")])
        watch = write_jsonl(tmp / "watch.jsonl", [{"id": "W1", "name": "Tako LLC", "country": "AM",
                                                   "type": "organization"}])
        load_custom_list(graph, "watch", watch, data_dir=load_settings().data_dir)
        yield graph


def ecgraph(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ecgraph.cli", *args], capture_output=True, text=True,
                          timeout=timeout, check=False, env={**os.environ, "COLUMNS": "300"})


def slow_screen(*args: str) -> subprocess.Popen[str]:
    """A real `ecgraph screen ARGS` that holds the lock, has recorded its run, and waits inside the rules."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.rules.engine.slow_screen", "120", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "RULES-STARTED" in line, (line, proc.stderr.read() if proc.stderr else "")
    return proc


def snapshot(graph: Graph) -> str:
    """Every node and relationship with its properties, except the lock node (its lease is renewed)."""
    nodes = graph.read("MATCH (n) WHERE NOT n:Lock RETURN labels(n) AS l, properties(n) AS p")
    rels = graph.read("MATCH (a)-[r]->(b) RETURN type(r) AS t, properties(r) AS p, elementId(a) AS a, "
                      "elementId(b) AS b")
    return json.dumps(sorted(json.dumps([r["l"], r["p"]], sort_keys=True, default=str) for r in nodes)
                      + sorted(json.dumps(r, sort_keys=True, default=str) for r in rels))


def runs(graph: Graph) -> dict[str, dict[str, Any]]:
    return {r["run"]["id"]: r["run"] for r in graph.read("MATCH (r:ScreeningRun) RETURN r {.*} AS run")}


def test_a_refused_run_changes_nothing_not_even_party_matches(world: Graph) -> None:
    holder = slow_screen("--no-match")
    try:
        before = snapshot(world)
        assert world.read("MATCH ()-[m:MATCHES]->() RETURN count(m) AS n") == [{"n": 0}]
        refused = ecgraph("screen")
        assert refused.returncode == 75, refused.stdout + refused.stderr
        assert snapshot(world) == before
    finally:
        holder.send_signal(signal.SIGTERM)
        holder.wait(timeout=60)


def test_a_run_killed_with_9_is_marked_failed_by_the_next_which_goes_ahead(world: Graph) -> None:
    victim = slow_screen()
    dead = next(r for r in runs(world).values() if r["status"] == "running")
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert read_lock(world, "screening") is not None  # nothing released it
    after = ecgraph("screen", "--json")
    assert after.returncode == 0, after.stdout + after.stderr
    marked = runs(world)[dead["id"]]
    assert marked["status"] == "failed" and marked["finished_at"] is not None and "lease" in marked["error"]
    assert read_lock(world, "screening") is None
    assert world.read("MATCH ()-[m:MATCHES]->() RETURN count(m) AS n")[0]["n"] >= 1


def test_sigterm_ends_a_run_cleanly(world: Graph) -> None:
    proc = slow_screen()
    run = next(r for r in runs(world).values() if r["status"] == "running")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "SIGTERM" in err and "Traceback" not in err
    stopped = runs(world)[run["id"]]
    assert stopped["status"] == "failed" and stopped["finished_at"] is not None and "SIGTERM" in stopped["error"]
    assert read_lock(world, "screening") is None
    assert ecgraph("screen", "--no-match").returncode == 0


def test_a_lapsed_lease_is_taken_over_and_a_live_one_is_renewed(world: Graph) -> None:
    lapsed = acquire_lock(world, "screening", "elsewhere:1:abc", 1)
    assert lapsed["acquired"]
    time.sleep(1.5)
    with screening_lease(world, ttl=3) as lease:
        first = world.read("MATCH (l:Lock {id: 'screening'}) RETURN l.expires_at AS e")[0]["e"]
        time.sleep(2.5)  # the heartbeat renews every ttl/3 = 1 s
        assert world.read("MATCH (l:Lock {id: 'screening'}) RETURN l.expires_at AS e")[0]["e"] > first
        assert read_lock(world, "screening")["holder"] == lease.holder  # type: ignore[index]
    assert read_lock(world, "screening") is None


def test_jobs_unlock_clears_a_lock_for_the_operator(world: Graph) -> None:
    assert ecgraph("jobs", "unlock").returncode == 0  # nothing to clear
    acquire_lock(world, "screening", "elsewhere:1:def", 3600)  # a live lease on another host
    refused = ecgraph("jobs", "unlock")
    assert refused.returncode == 75 and "--force" in refused.stderr
    cleared = ecgraph("jobs", "unlock", "--force")
    assert cleared.returncode == 0 and "elsewhere:1:def" in cleared.stdout
    assert read_lock(world, "screening") is None
