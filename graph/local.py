"""The managed local server as the user sees it: where it lives, its generated password, how to reach it.

The password is generated once, the first time the server is set up, and stored in the user's config
folder in a file only the user can read (mode 0600). It is shown by `ecgraph db status` and nowhere else.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from ecgraph.graph.maven import lib_dir_for, resolve_jars
from ecgraph.graph.server import LocalServer
from ecgraph.graph.settings import Settings
from ecgraph.schemas.errors import ConfigError

__all__ = ["Credentials", "generate_password", "local_credentials", "local_server"]


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str


def generate_password() -> str:
    """A random password that never starts with '-' (neo4j-admin would read it as an option)."""
    return "k" + secrets.token_urlsafe(18)


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, 0o600)


def local_credentials(settings: Settings, *, create: bool = True) -> Credentials | None:
    """The local server's credentials, generating and storing them (0600) the first time."""
    path = settings.credentials_file
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Credentials(user=data["user"], password=data["password"])
        except (json.JSONDecodeError, KeyError) as exc:
            raise ConfigError(
                f"{path} is damaged ({exc}); restore it or delete it together with the server's data folder",
                setting=str(path),
            ) from exc
    if not create:
        return None
    creds = Credentials(user="neo4j", password=generate_password())
    _write_private(path, json.dumps({"user": creds.user, "password": creds.password}) + "\n")
    return creds


def local_server(settings: Settings, *, resolve: bool = True) -> LocalServer:
    """The managed server for these settings; resolves the jars with Maven when `resolve` is set."""
    if resolve:
        lib = resolve_jars(settings.cache_dir, settings.neo4j_version, settings.browser_version)
    else:
        lib = lib_dir_for(settings.cache_dir, settings.neo4j_version, settings.browser_version)
    return LocalServer(
        home=settings.server_home,
        lib_dir=lib,
        bolt_port=settings.bolt_port,
        http_port=settings.http_port,
        heap=settings.heap,
        pagecache=settings.pagecache,
        java_home=settings.java_home,
        import_dir=settings.import_dir,
    )
