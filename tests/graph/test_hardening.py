"""The managed server is configured like a production one (issue 16): Cypher reads no host file and
fetches no URL, whatever door the query comes through; the server's files are private."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import ClientError

from ecgraph.graph.hardening import PROCEDURE_ALLOWLIST, check_import_dir, security_settings
from ecgraph.schemas.errors import ConfigError

pytestmark = pytest.mark.neo4j


def _run_as_admin(env: dict[str, str], query: str) -> list[dict[str, object]]:
    """The query straight through the driver, as the admin user: no ecgraph check in between."""
    with GraphDatabase.driver(env["NEO4J_URI"], auth=(env["NEO4J_USER"], env["NEO4J_PASSWORD"])) as driver:
        records, _, _ = driver.execute_query(query, database_="neo4j")
        return [r.data() for r in records]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "file:///etc/hostname", "file:///../../../../etc/passwd"])
def test_load_csv_reads_no_file_of_the_host(neo4j_server: dict[str, str], url: str) -> None:
    with pytest.raises(ClientError, match="allow_csv_import_from_file_urls"):
        _run_as_admin(neo4j_server, f"LOAD CSV FROM '{url}' AS row RETURN row LIMIT 1")


def test_load_csv_fetches_no_url_not_even_the_servers_own(neo4j_server: dict[str, str]) -> None:
    own = f"http://127.0.0.1:{neo4j_server['ECGRAPH_TEST_HTTP_PORT']}/"
    for url in (own, "http://[::1]:7474/", "http://169.254.169.254/latest/meta-data/"):
        with pytest.raises(ClientError, match="blocked via the configuration property"):
            _run_as_admin(neo4j_server, f"LOAD CSV FROM '{url}' AS row RETURN row LIMIT 1")


def test_the_servers_folder_config_and_password_hash_are_private(neo4j_server: dict[str, str]) -> None:
    home = Path(neo4j_server["ECGRAPH_TEST_SERVER_HOME"])

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    assert mode(home) == 0o700
    assert {mode(home / sub) for sub in ("conf", "data", "logs", "run", "import", "plugins")} == {0o700}
    assert mode(home / "conf" / "neo4j.conf") == 0o600
    assert mode(home / "data" / "dbms" / "auth.ini") == 0o600
    conf = (home / "conf" / "neo4j.conf").read_text()
    assert "dbms.security.allow_csv_import_from_file_urls=false" in conf
    assert f"server.directories.import={home / 'import'}" in conf
    assert "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0" in conf
    # files the running JVM wrote (store, transaction logs) are readable by no one else
    written = [p for p in (home / "data").rglob("*") if p.is_file()]
    assert written and all(mode(p) & 0o077 == 0 for p in written)


def test_an_import_folder_is_confined_and_never_the_root(tmp_path: Path) -> None:
    home = tmp_path / "neo4j"
    home.mkdir()
    with pytest.raises(ConfigError, match="file-system root"):
        check_import_dir(Path("/"), home)
    for exposing in (tmp_path, home, home / "data"):
        exposing.mkdir(exist_ok=True)
        with pytest.raises(ConfigError, match="server's own folder"):
            check_import_dir(exposing, home)
    imports = tmp_path / "to-import"
    imports.mkdir()
    lines = security_settings(home, imports)
    assert "dbms.security.allow_csv_import_from_file_urls=true" in lines
    assert f"server.directories.import={imports.resolve()}" in lines
    assert "dbms.security.allow_csv_import_from_file_urls=false" in security_settings(home, None)


def test_no_plugin_procedure_can_load() -> None:
    assert all("*" not in name for name in PROCEDURE_ALLOWLIST)
    assert "dbms.security.procedures.allowlist=" + ",".join(PROCEDURE_ALLOWLIST) in security_settings(Path("/x"), None)
