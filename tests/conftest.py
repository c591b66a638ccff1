"""Test-session fixtures: one throwaway Neo4j server for the whole run, a clean graph per test.

The server is a real Neo4j Community 5.26 started by ecgraph's own `LocalServer` on free ports with
its own data folder, removed afterwards. There is no skip: if Java, Maven or Neo4j is missing, every
test that needs the server errors with the reason (in CI and on a laptop alike).
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ecgraph.graph import Graph, LocalServer, Settings, apply_schema, load_settings, open_graph
from ecgraph.graph.local import generate_password
from ecgraph.graph.maven import resolve_jars

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
DATA = REPO / "data"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server_folder(name: str) -> Iterator[Path]:
    """A temporary folder for a server's home or data: pytest's own lie under /tmp/pytest-of-<user> (0700),
    which the system user a root-started server runs as may not pass (graph/server_account.py)."""
    folder = Path(tempfile.mkdtemp(prefix=f"ecgraph-test-{name}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def own_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The session's search indexes go to a folder of their own (ECGRAPH_INDEX_DIR), for every test and every
    `ecgraph` process a test starts: the user's folder keeps only the newest few indexes, and a test run
    writing its small ones there evicted the one `make demo` built (issue 17). Neo4j jars stay shared."""
    folder = tmp_path_factory.mktemp("search-index")
    saved = os.environ.get("ECGRAPH_INDEX_DIR")
    os.environ["ECGRAPH_INDEX_DIR"] = str(folder)
    try:
        yield folder
    finally:
        if saved is None:
            os.environ.pop("ECGRAPH_INDEX_DIR", None)
        else:
            os.environ["ECGRAPH_INDEX_DIR"] = saved


@pytest.fixture(scope="session")
def neo4j_lib() -> Path:
    settings = load_settings()
    return resolve_jars(settings.cache_dir, settings.neo4j_version, settings.browser_version)


@pytest.fixture(scope="session")
def neo4j_server(neo4j_lib: Path) -> Iterator[dict[str, str]]:
    """A throwaway server: yields the env (NEO4J_URI/USER/PASSWORD) that points ecgraph at it."""
    with server_folder("neo4j-home") as home:
        yield from _throwaway_server(home, neo4j_lib)


def _throwaway_server(home: Path, neo4j_lib: Path) -> Iterator[dict[str, str]]:
    password = generate_password()
    server = LocalServer(
        home=home, lib_dir=neo4j_lib, bolt_port=free_port(), http_port=free_port(),
        heap="768m", pagecache="256m", java_home=load_settings().java_home,
    )
    server.start(user="neo4j", password=password, timeout=240)
    env = {
        "NEO4J_URI": server.bolt_uri,
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": password,
        "ECGRAPH_TEST_HTTP_PORT": str(server.http_port),
        "ECGRAPH_TEST_SERVER_HOME": str(home),
    }
    try:
        yield env
    finally:
        server.stop(grace=60)


@pytest.fixture
def neo4j_env(neo4j_server: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """Point every ecgraph call in this test (library or CLI) at the throwaway server."""
    for key, value in neo4j_server.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ECGRAPH_DATA_DIR", str(tmp_path / "ecgraph-data"))
    monkeypatch.setenv("ECGRAPH_CONFIG_DIR", str(tmp_path / "ecgraph-config"))
    return neo4j_server


@pytest.fixture
def settings(neo4j_env: dict[str, str]) -> Settings:
    return load_settings()


@pytest.fixture
def graph(settings: Settings) -> Iterator[Graph]:
    """A connected, empty graph with the schema applied; emptied again afterwards."""
    with open_graph(settings) as g:
        g.write_autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
        apply_schema(g)
        yield g
        g.write_autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The project's bundled snapshot of real public data (`data/`)."""
    assert DATA.is_dir(), f"{DATA} is missing: the repository ships its data snapshot there"
    return DATA


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@contextmanager
def fresh_graph_env(server_env: dict[str, str], tmp: Path) -> Iterator[Graph]:
    """For module-scoped worlds: point ecgraph (library and CLI) at the test server with its own data and
    config folders, hand out an emptied graph with the schema applied, and restore the environment after."""
    env = {**server_env, "ECGRAPH_DATA_DIR": str(tmp / "data"), "ECGRAPH_CONFIG_DIR": str(tmp / "config")}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    graph = open_graph(load_settings())
    try:
        graph.write_autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
        apply_schema(graph)
        yield graph
    finally:
        graph.close()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
