"""Who the managed Neo4j runs as: never root. Started as root, ecgraph hands the server to a system user.

`make setup` (as root) creates the user `ecgraph-neo4j` (`ECGRAPH_SERVER_USER`): a system account with
no login shell and no home. When ecgraph runs as root, every JVM of the managed server (the server,
`set-initial-password`, the bulk importer) starts as that user with no supplementary groups, so a flaw
in Neo4j or a query that escapes the read-only check acts with a user's rights, not root's. Then:

- the server's folder belongs to that user (0700, files 0600, umask 077); its parent (the data folder)
  is given to the user's group with search right only (0710), nothing further up is touched: a folder
  the user cannot pass (`/root` is 0700) is an error that says to move `ECGRAPH_DATA_DIR`, which for root
  defaults to `/var/lib/ecgraph` (graph/settings.py);
- the jars (public Maven artefacts) are read from a root-owned 0755 copy in `/var/cache/ecgraph` when the
  cache they were resolved into is out of the user's reach (root's cache lies under `/root`); hard links
  where the file system allows, so the copy costs no space;
- the credentials file stays root's (0600): only the client reads it.

Without the user, root runs the server as before, with a warning; under CI (CI=true) that is an error.
A non-root ecgraph runs the server as itself, as always.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import pwd
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecgraph.graph.settings import env_value
from ecgraph.schemas.errors import ConfigError, ServerError

__all__ = ["DEFAULT_SERVER_USER", "SHARED_LIB_ROOT", "ServerAccount", "hand_over_home", "readable_lib",
           "server_account"]

DEFAULT_SERVER_USER = "ecgraph-neo4j"
SHARED_LIB_ROOT = Path("/var/cache/ecgraph")
_log = logging.getLogger(__name__)
_warned: set[str] = set()


@dataclass(frozen=True)
class ServerAccount:
    """The unprivileged user (and its own group) the server's JVMs run as."""

    name: str
    uid: int
    gid: int

    def process_options(self) -> dict[str, Any]:
        """subprocess keywords that drop root before the JVM starts (no supplementary groups)."""
        return {"user": self.uid, "group": self.gid, "extra_groups": []}

    def can_search(self, folder: Path) -> bool:
        """Whether this user may pass through `folder` (classic mode bits; ACLs are not consulted)."""
        info = folder.stat()
        if info.st_uid == self.uid:
            return bool(info.st_mode & stat.S_IXUSR)
        if info.st_gid == self.gid:
            return bool(info.st_mode & stat.S_IXGRP)
        return bool(info.st_mode & stat.S_IXOTH)


def server_account(env: dict[str, str] | None = None) -> ServerAccount | None:
    """The account to run the server as: None unless ecgraph runs as root (then it runs as itself)."""
    if os.geteuid() != 0:
        return None
    name = env_value("ECGRAPH_SERVER_USER", env) or DEFAULT_SERVER_USER
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        message = (f"ecgraph runs as root but the system user {name!r} that should run Neo4j does not exist; "
                   "run `make setup` as root (it creates the user), or set ECGRAPH_SERVER_USER to an existing "
                   "unprivileged user")
        if (os.environ if env is None else env).get("CI", "").lower() == "true":
            raise ConfigError(message, setting="ECGRAPH_SERVER_USER") from None
        if name not in _warned:
            _warned.add(name)
            _log.warning("%s. Neo4j runs as root meanwhile.", message)
        return None
    if entry.pw_uid == 0:
        raise ConfigError(f"ECGRAPH_SERVER_USER={name} is root: name an unprivileged user", setting="ECGRAPH_SERVER_USER")
    return ServerAccount(name, entry.pw_uid, entry.pw_gid)


def hand_over_home(home: Path, account: ServerAccount) -> None:
    """Give the server's folder to the account; refuse when the account could not reach it."""
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    parent = home.resolve().parent
    info = parent.stat()
    if not account.can_search(parent) and info.st_uid == os.geteuid():
        # the data folder: the server's group may pass through it (0710), others still may not
        os.chown(parent, -1, account.gid)
        os.chmod(parent, stat.S_IMODE(info.st_mode) | stat.S_IXGRP)
    for folder in (parent, *parent.parents):
        if not account.can_search(folder):
            mode = stat.S_IMODE(folder.stat().st_mode)
            raise ServerError(
                f"Neo4j runs as the system user {account.name} (ecgraph was started as root), which cannot reach its "
                f"folder {home}: {folder} is mode {mode:04o} and not the user's. Set ECGRAPH_DATA_DIR to a folder "
                "outside it (root's default, /var/lib/ecgraph, works); do not open up that folder.")
    for path in (home, *home.rglob("*")):
        if path.lstat().st_uid != account.uid or path.lstat().st_gid != account.gid:
            os.lchown(path, account.uid, account.gid)


def readable_lib(lib: Path, account: ServerAccount) -> Path:
    """`lib` itself when the account can read it, else a root-owned 0755 copy in SHARED_LIB_ROOT."""
    if all(account.can_search(folder) for folder in (lib, *lib.parents)):
        return lib
    shared = SHARED_LIB_ROOT / lib.parent.name / "lib"
    marker = shared.parent / ".complete"
    if marker.exists():
        return shared
    for folder in (SHARED_LIB_ROOT, shared.parent):
        folder.mkdir(exist_ok=True)
        os.chmod(folder, 0o755)
    with (shared.parent / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be copying the same version
        if not marker.exists():
            _copy_jars(lib, shared)
            marker.write_text(f"copied from {lib}\n", encoding="utf-8")
            os.chmod(marker, 0o644)
    return shared


def _copy_jars(lib: Path, shared: Path) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".lib-", dir=shared.parent))
    try:
        os.chmod(staging, 0o755)
        for jar in sorted(lib.iterdir()):
            target = staging / jar.name
            try:
                os.link(jar, target)  # same file system: no copy
            except OSError:
                shutil.copyfile(jar, target)
            os.chmod(target, 0o644)  # public Maven artefacts
        if shared.exists():
            shutil.rmtree(shared)
        staging.rename(shared)
    finally:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(staging)
