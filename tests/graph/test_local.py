"""The local server's generated credentials."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ecgraph.graph import LocalServer, load_settings, local_credentials
from ecgraph.graph.local import generate_password
from ecgraph.schemas.errors import ServerError


def test_generated_passwords_never_look_like_an_option() -> None:
    """Regression: a token starting with '-' made neo4j-admin set-initial-password fail (exit 64)."""
    passwords = {generate_password() for _ in range(2000)}
    assert len(passwords) == 2000
    assert not any(p.startswith("-") for p in passwords)
    assert all(len(p) >= 8 for p in passwords)  # Neo4j 5 refuses shorter passwords


def test_a_password_starting_with_a_dash_is_refused_clearly(tmp_path: Path) -> None:
    server = LocalServer(home=tmp_path, lib_dir=tmp_path)
    with pytest.raises(ServerError, match="must not start with '-'"):
        server.set_initial_password("-abcdefgh")


def test_credentials_are_generated_once_and_private(tmp_path: Path) -> None:
    settings = load_settings({"ECGRAPH_CONFIG_DIR": str(tmp_path)})
    first = local_credentials(settings)
    assert first is not None and local_credentials(settings) == first
    assert stat.S_IMODE(settings.credentials_file.stat().st_mode) == 0o600
