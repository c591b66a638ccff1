"""Neo4j never runs as root (issue 16): started by root, ecgraph runs the server's JVMs as a system user
(`make setup` creates it) whose folder is private; as any other user, the server runs as that user."""

from __future__ import annotations

import logging
import os
import pwd
import stat
from pathlib import Path

import pytest

from ecgraph.graph.server_account import (
    DEFAULT_SERVER_USER,
    ServerAccount,
    hand_over_home,
    readable_lib,
    server_account,
)
from ecgraph.schemas.errors import ConfigError, ServerError
from tests.conftest import server_folder

AS_ROOT = os.geteuid() == 0


def expected_server_uid() -> int:
    """Root hands the server to the system user; anyone else runs it as themselves."""
    return pwd.getpwnam(DEFAULT_SERVER_USER).pw_uid if AS_ROOT else os.geteuid()


def process_ids(pid: int) -> dict[str, list[int]]:
    """Real, effective, saved and file-system ids of a process, and its groups (/proc/<pid>/status)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("Uid", "Gid", "Groups"):
            fields[key] = [int(v) for v in value.split()]
    return fields


def server_pid(home: Path) -> int:
    return int((home / "run" / "ecgraph-neo4j.pid").read_text().strip())


def account() -> ServerAccount:
    found = server_account()
    assert found is not None, "run `make setup` as root: it creates the server's system user"
    return found


@pytest.mark.neo4j
def test_the_running_server_is_not_root_when_ecgraph_is(neo4j_server: dict[str, str]) -> None:
    ids = process_ids(server_pid(Path(neo4j_server["ECGRAPH_TEST_SERVER_HOME"])))
    assert ids["Uid"] == [expected_server_uid()] * 4
    if AS_ROOT:
        assert 0 not in ids["Uid"] and 0 not in ids["Gid"]
        assert ids["Groups"] == []  # no supplementary groups inherited from root


@pytest.mark.neo4j
def test_the_servers_folder_belongs_to_its_user_and_no_one_else_reads_it(neo4j_server: dict[str, str]) -> None:
    home = Path(neo4j_server["ECGRAPH_TEST_SERVER_HOME"])
    everything = [home, *home.rglob("*")]
    assert {p.lstat().st_uid for p in everything} == {expected_server_uid()}
    # auth.ini was written by set-initial-password and the store by the server: both as the server's user
    written = [p for p in everything if p.is_file()]
    assert home / "data" / "dbms" / "auth.ini" in written and len(written) > 20
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in everything if not p.is_symlink())


def test_without_root_there_is_nothing_to_drop() -> None:
    if AS_ROOT:
        assert server_account() == account()
        assert account().uid != 0 and account().name == DEFAULT_SERVER_USER
    else:
        assert server_account({"ECGRAPH_SERVER_USER": "nobody", "CI": "true"}) is None


def test_a_missing_server_user_fails_under_ci_and_warns_elsewhere(caplog: pytest.LogCaptureFixture) -> None:
    absent = {"ECGRAPH_SERVER_USER": "ecgraph-no-such-user"}
    if not AS_ROOT:
        assert server_account({**absent, "CI": "true"}) is None
        return
    with pytest.raises(ConfigError, match=r"does not exist; run `make setup` as root"):
        server_account({**absent, "CI": "true"})
    with caplog.at_level(logging.WARNING, logger="ecgraph.graph.server_account"):
        assert server_account({**absent, "CI": "false"}) is None
    assert "ecgraph-no-such-user" in caplog.text and "runs as root meanwhile" in caplog.text
    with pytest.raises(ConfigError, match="is root: name an unprivileged user"):
        server_account({"ECGRAPH_SERVER_USER": "root"})


def test_a_folder_the_server_user_cannot_pass_is_refused_not_opened() -> None:
    """A private folder further up (as /root and pytest's folders are, 0700) is not opened up: refused."""
    if not AS_ROOT:
        assert server_account() is None
        return
    with server_folder("blocked") as blocked:  # mkdtemp: 0700, root's
        home = blocked / "projects" / "data" / "neo4j"
        home.parent.mkdir(parents=True)
        with pytest.raises(ServerError, match=f"cannot reach its folder .*{blocked} is mode 0700.*Set ECGRAPH_DATA_DIR"):
            hand_over_home(home, account())
        assert stat.S_IMODE(blocked.stat().st_mode) == 0o700 and blocked.stat().st_uid == 0


def test_the_data_folder_lets_only_the_servers_group_pass() -> None:
    if not AS_ROOT:
        assert server_account() is None
        return
    with server_folder("account") as data:  # mkdtemp: 0700, root's
        hand_over_home(data / "neo4j", account())
        info = data.stat()
        assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (0o710, 0, account().gid)
        home = (data / "neo4j").stat()
        assert (stat.S_IMODE(home.st_mode), home.st_uid) == (0o700, account().uid)


def test_the_jars_are_read_from_a_copy_the_server_user_can_reach(neo4j_lib: Path) -> None:
    if not AS_ROOT:
        assert server_account() is None
        return
    home_mode = stat.S_IMODE(Path("/root").stat().st_mode)
    lib = readable_lib(neo4j_lib, account())
    assert all(account().can_search(folder) for folder in (lib, *lib.parents))
    jars = sorted(p.name for p in lib.iterdir())
    assert jars == sorted(p.name for p in neo4j_lib.iterdir())
    assert all(stat.S_IMODE((lib / jar).stat().st_mode) == 0o644 for jar in jars)
    assert stat.S_IMODE(Path("/root").stat().st_mode) == home_mode  # root's home is not opened up
