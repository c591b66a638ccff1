"""The managed local server, driven through the CLI as a user would: start, status, stop, crash, restart."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from typer.testing import CliRunner

from ecgraph.cli.app import app
from tests.conftest import free_port, server_folder

runner = CliRunner()


@pytest.fixture(scope="module")
def managed_env(tmp_path_factory: pytest.TempPathFactory, neo4j_lib: Path) -> Iterator[dict[str, str]]:
    """Settings for a second, ecgraph-managed server in a temporary home (no NEO4J_URI)."""
    with server_folder("managed-data") as data:
        yield from _managed_env(data, tmp_path_factory.mktemp("managed-config"))


def _managed_env(data: Path, config: Path) -> Iterator[dict[str, str]]:
    env = {
        "ECGRAPH_DATA_DIR": str(data),
        "ECGRAPH_CONFIG_DIR": str(config),
        "ECGRAPH_BOLT_PORT": str(free_port()),
        "ECGRAPH_HTTP_PORT": str(free_port()),
        "ECGRAPH_HEAP": "512m",
        "ECGRAPH_PAGECACHE": "128m",
    }
    saved = {k: os.environ.get(k) for k in [*env, "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"]}
    os.environ.update(env)
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        os.environ.pop(key, None)
    try:
        yield env
    finally:
        runner.invoke(app, ["db", "stop"])
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def status(env: dict[str, str]) -> dict[str, object]:
    result = runner.invoke(app, ["db", "status", "--json"])
    return dict(json.loads(result.stdout))


def count_marks(info: dict[str, object]) -> int:
    with GraphDatabase.driver(str(info["uri"]), auth=(str(info["user"]), str(info["password"]))) as driver:
        records, _, _ = driver.execute_query("MATCH (m:LifecycleMark) RETURN count(m) AS n", database_="neo4j")
        return int(records[0]["n"])


def add_mark(info: dict[str, object], n: int) -> None:
    with GraphDatabase.driver(str(info["uri"]), auth=(str(info["user"]), str(info["password"]))) as driver:
        driver.execute_query("CREATE (:LifecycleMark {n: $n})", n=n, database_="neo4j")


def test_start_prints_browser_url_and_generated_credentials(managed_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["db", "start"])
    assert result.exit_code == 0, result.output
    assert f"http://localhost:{managed_env['ECGRAPH_HTTP_PORT']}/browser/" in result.stdout
    info = status(managed_env)
    assert info["running"] is True
    assert info["neo4j_version"] == "5.26.31"
    assert str(info["password"]) in result.stdout
    creds = Path(managed_env["ECGRAPH_CONFIG_DIR"]) / "local-server.json"
    assert stat.S_IMODE(creds.stat().st_mode) == 0o600
    # the client's credentials stay its own, while the server runs as its own user when the client is root
    assert creds.stat().st_uid == os.geteuid()
    server_uid = int(Path(f"/proc/{info['pid']}/status").read_text().split("Uid:")[1].split()[0])
    assert (server_uid != 0) if os.geteuid() == 0 else (server_uid == os.geteuid())


def test_status_json_has_the_keys_scripts_rely_on(managed_env: dict[str, str]) -> None:
    info = status(managed_env)
    for key in ("running", "uri", "user", "password", "database", "browser_url", "neo4j_version", "home", "log"):
        assert key in info, key
    assert Path(str(info["log"])).exists()


def test_browser_page_is_served(managed_env: dict[str, str]) -> None:
    import httpx

    page = httpx.get(f"http://127.0.0.1:{managed_env['ECGRAPH_HTTP_PORT']}/browser/", timeout=10)
    assert page.status_code == 200
    assert "<html" in page.text.lower()


def test_server_binds_loopback_only(managed_env: dict[str, str]) -> None:
    conf = (Path(managed_env["ECGRAPH_DATA_DIR"]) / "neo4j" / "conf" / "neo4j.conf").read_text()
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "dbms.security.auth_enabled=true" in conf


def test_start_twice_is_harmless(managed_env: dict[str, str]) -> None:
    pid = status(managed_env)["pid"]
    result = runner.invoke(app, ["db", "start"])
    assert result.exit_code == 0, result.output
    assert "already running" in result.stdout
    assert status(managed_env)["pid"] == pid


def test_data_survives_stop_and_restart(managed_env: dict[str, str]) -> None:
    info = status(managed_env)
    add_mark(info, 1)
    assert runner.invoke(app, ["db", "stop"]).exit_code == 0
    stopped = runner.invoke(app, ["db", "status", "--json"])
    assert stopped.exit_code == 1
    assert json.loads(stopped.stdout)["running"] is False
    assert runner.invoke(app, ["db", "start"]).exit_code == 0
    assert count_marks(status(managed_env)) == 1


def test_data_survives_kill_9(managed_env: dict[str, str]) -> None:
    info = status(managed_env)
    add_mark(info, 2)
    os.kill(int(str(info["pid"])), signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and Path(f"/proc/{info['pid']}").exists():
        if Path(f"/proc/{info['pid']}/stat").read_text().rsplit(")", 1)[-1].split()[0] == "Z":
            os.waitpid(int(str(info["pid"])), 0)
            break
        time.sleep(0.2)
    result = runner.invoke(app, ["db", "start"])
    assert result.exit_code == 0, result.output
    assert count_marks(status(managed_env)) == 2


def test_port_in_use_names_the_port_and_the_setting(managed_env: dict[str, str], monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        monkeypatch.setenv("ECGRAPH_DATA_DIR", str(tmp_path / "other"))
        monkeypatch.setenv("ECGRAPH_CONFIG_DIR", str(tmp_path / "other-config"))
        monkeypatch.setenv("ECGRAPH_BOLT_PORT", str(port))
        result = runner.invoke(app, ["db", "start"])
    assert result.exit_code != 0
    assert f"port {port}" in str(result.exception)
    assert "ECGRAPH_BOLT_PORT" in str(result.exception)


def test_missing_java_is_named(managed_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ECGRAPH_DATA_DIR", str(tmp_path / "nojava"))
    monkeypatch.setenv("ECGRAPH_CONFIG_DIR", str(tmp_path / "nojava-config"))
    monkeypatch.setenv("ECGRAPH_BOLT_PORT", str(free_port()))
    monkeypatch.setenv("ECGRAPH_HTTP_PORT", str(free_port()))
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-such-jdk"))
    result = runner.invoke(app, ["db", "start"])
    assert result.exit_code != 0
    assert "JAVA_HOME" in str(result.exception)


def test_transaction_logs_are_bounded_in_size(managed_env: dict[str, str]) -> None:
    """Neo4j's own default keeps two days of logs however large; a day of national-scale screening filled a disk."""
    info = status(managed_env)
    with GraphDatabase.driver(str(info["uri"]), auth=(str(info["user"]), str(info["password"]))) as driver:
        records, _, _ = driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name = $name RETURN value",
            name="db.tx_log.rotation.retention_policy", database_="system")
    assert [r["value"] for r in records] == ["2G size"]
