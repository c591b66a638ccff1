"""`ecgraph screen --cluster`: a real Dask cluster (a scheduler and two workers, each started with its own
command as on separate machines, here on 127.0.0.1) writes exactly what one process writes.

Also: a worker killed in the middle of a run loses no result, and an address nobody answers at is an
error that names it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.demo.declarations import generate
from ecgraph.graph import Graph, load_settings
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.lists import load_list
from ecgraph.rules.resolution import SearchOptions, party_query, search_many
from ecgraph.rules.resolution.distributed import ClusterRun, ClusterUnavailable, search_on_cluster
from ecgraph.rules.resolution.store import load_index
from tests.conftest import free_port, fresh_graph_env

runner = CliRunner()
BIN = Path(sys.executable).parent


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen([str(BIN / "dask"), *args], stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def _wait_for_workers(address: str, count: int, timeout: float = 120) -> None:
    from distributed import Client

    with Client(address, timeout=60, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        client.wait_for_workers(count, timeout=timeout)


def _wait_for_fewer_workers(address: str, count: int, timeout: float = 120) -> None:
    """Until the scheduler has dropped workers down to `count` (a killed one is noticed asynchronously)."""
    from distributed import Client

    with Client(address, timeout=60, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        deadline = time.monotonic() + timeout
        while len(client.scheduler_info()["workers"]) > count:
            assert time.monotonic() < deadline, f"the scheduler still lists more than {count} workers"
            time.sleep(0.2)


def _worker(address: str, log: Path, *, nanny: bool = True) -> subprocess.Popen[bytes]:
    return _start(["worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1",
                   "--no-dashboard", *([] if nanny else ["--no-nanny"])], log)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and two `dask worker` processes, as a user starts them on three machines."""
    logs = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{free_port()}"
    scheduler = _start(["scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                        "--no-dashboard"], logs / "scheduler.log")
    workers = [_worker(address, logs / f"worker-{n}.log") for n in (1, 2)]
    try:
        _wait_for_workers(address, 2)
        yield address
    finally:
        for proc in (*workers, scheduler):
            _stop(proc)


@pytest.fixture(scope="module")
def world(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    tmp = tmp_path_factory.mktemp("cluster-world")
    with fresh_graph_env(neo4j_server, tmp) as graph:
        out = tmp / "demo.jsonl"
        generate(200, 11, out)
        load_list(graph, "us_trade_csl", data_dir=load_settings().data_dir)
        assert load_file(graph, out, state_dir=tmp / "state").counts["rejected"] == 0
        yield graph


def _alerts(graph: Graph) -> list[dict[str, Any]]:
    return graph.read("MATCH (a:Alert) RETURN a.id AS id, a.score AS score, a.evidence_hash AS evidence_hash, "
                      "a.severity AS severity ORDER BY id")


def _matches(graph: Graph) -> list[dict[str, Any]]:
    return graph.read("MATCH (p:Party)-[r:MATCHES]->(e:ListEntry) RETURN p.key AS party, e.id AS entry, "
                      "r.score AS score, r.explanation AS explanation ORDER BY party, entry")


@pytest.mark.neo4j
@pytest.mark.timeout(1800)
def test_cluster_run_writes_exactly_the_alerts_of_one_process(world: Graph, cluster: str) -> None:
    single = runner.invoke(app, ["screen", "--all", "--json", "--quiet"])
    assert single.exit_code == 0, single.output
    alerts, matches = _alerts(world), _matches(world)
    assert alerts and matches
    # forget what was screened (parties' screen hashes, every alert): the cluster run redoes all of it
    world.write("MATCH (p:Party) REMOVE p.screen_hash")
    world.write("MATCH (a:Alert) DETACH DELETE a")
    # as a user runs it (and a subprocess: the Dask client's threads must not write into CliRunner's capture)
    distributed = subprocess.run([str(BIN / "ecgraph"), "screen", "--all", "--cluster", cluster],
                                 capture_output=True, text=True, env=os.environ.copy(), timeout=1200, check=False)
    assert distributed.returncode == 0, distributed.stdout + distributed.stderr
    assert "matching tasks on 2 worker(s)" in distributed.stderr
    assert _matches(world) == matches
    assert _alerts(world) == alerts


@pytest.mark.neo4j
@pytest.mark.timeout(1800)
def test_a_worker_killed_mid_run_loses_no_match(world: Graph, cluster: str, tmp_path: Path) -> None:
    index = load_index(world, load_settings().index_dir)
    parties = world.read("MATCH (p:Party) RETURN p.key AS key, p.name AS name, p.names AS names, "
                         "p.name_latin AS name_latin, p.country AS country, p.corp_no AS corp_no ORDER BY key")
    queries = [party_query(p) for p in parties] * 4  # enough tasks that the killed worker holds some
    options = SearchOptions(0.85)
    expected = list(search_many(index, queries, options, workers=1))
    doomed = _worker(cluster, tmp_path / "doomed.log", nanny=False)
    try:
        _wait_for_workers(cluster, 3)
        run = ClusterRun(cluster)
        results: list[Any] = []
        first, resume = threading.Event(), threading.Event()

        def consume() -> None:
            for found in search_on_cluster(cluster, index, queries, options, run, chunk=16):
                results.append(found)
                first.set()
                # the run is a generator: it pauses here until the worker is dead and the scheduler knows,
                # so the kill lands mid-run however fast or loaded the machine is
                assert resume.wait(timeout=300)

        thread = threading.Thread(target=consume)
        thread.start()
        assert first.wait(timeout=300), "no result came back from the cluster"
        os.kill(doomed.pid, signal.SIGKILL)
        _wait_for_fewer_workers(cluster, 2)
        resume.set()
        thread.join(timeout=600)
        assert not thread.is_alive()
    finally:
        _stop(doomed)
    assert run.workers_at_start == 3 and len(run.workers_lost) == 1
    assert [[(m.entry_id, m.score) for m in found] for found in results] == \
        [[(m.entry_id, m.score) for m in found] for found in expected]


def test_an_unreachable_cluster_is_an_error_naming_its_address() -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    from ecgraph.rules.resolution.distributed import connect_cluster

    started = time.monotonic()
    with pytest.raises(ClusterUnavailable, match=f"cannot reach the Dask scheduler at {address}"):
        connect_cluster(address)
    assert time.monotonic() - started < 60


@pytest.mark.neo4j
def test_screen_with_an_unreachable_cluster_exits_1_naming_it(world: Graph) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    proc = subprocess.run([str(BIN / "ecgraph"), "screen", "--all", "--cluster", address], capture_output=True,
                          text=True, env=os.environ.copy(), timeout=300, check=False)
    assert proc.returncode == 1
    assert f"cannot reach the Dask scheduler at {address}" in proc.stderr
    assert json.dumps(address)[1:-1] in proc.stderr
