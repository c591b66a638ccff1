"""The managed server's security settings: what Cypher may reach outside the graph, and file modes.

The graph holds intelligence (list matches, alerts, analysts' notes) and the server's folder holds the
password hash, so the managed server is configured the way a production one would be
(each setting is explained in the README, "Security"):

- `LOAD CSV` reads no file on the host: file URLs are off, or, when an import folder is configured
  (`ECGRAPH_IMPORT_DIR`), confined to that folder, which may never be `/` or hold the server itself;
- Cypher fetches no URL: the IP block-list covers every IPv4 and IPv6 address (no SSRF);
- no plugin procedure loads: the procedure allow-list names only the built-ins ecgraph uses;
- the server's home is 0700 and everything the JVM writes is 0600/0700 (umask 077).

Setting names were checked against the 5.26 jars: the block-list is `internal.dbms.cypher_ip_blocklist`
(5.0 renamed `unsupported.dbms.cypher_ip_blocklist`; `dbms.cypher.ip_blocklist` does not exist in 5.26).
"""

from __future__ import annotations

import os
from pathlib import Path

from ecgraph.schemas.errors import ConfigError

__all__ = [
    "BLOCKED_NETWORKS",
    "PROCEDURE_ALLOWLIST",
    "SERVER_UMASK",
    "check_import_dir",
    "restrict_permissions",
    "security_settings",
]

BLOCKED_NETWORKS = ("0.0.0.0/0", "::/0")
# Built-in procedures ecgraph itself calls, and the read-only ones `ecgraph cypher` lets analysts call.
# In Neo4j Community the allow-list governs procedures loaded from plugin jars (built-ins stay callable,
# which is why `ecgraph cypher` checks every CALL itself): no plugin can add a procedure behind our back.
PROCEDURE_ALLOWLIST = (
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships", "db.awaitIndex", "db.awaitIndexes", "dbms.components",
)
SERVER_UMASK = 0o077


def check_import_dir(import_dir: Path, home: Path) -> Path:
    """The import folder as Neo4j will see it; refused when it would expose more than itself."""
    resolved = import_dir.expanduser().resolve()
    home = home.resolve()
    if resolved == Path(resolved.anchor):
        raise ConfigError(f"ECGRAPH_IMPORT_DIR={import_dir} is the file-system root: LOAD CSV could read "
                          "every file on the host. Give a folder that holds only files to import.",
                          setting="ECGRAPH_IMPORT_DIR")
    inside_home = home in resolved.parents and resolved != home / "import"
    if resolved == home or resolved in home.parents or inside_home:
        raise ConfigError(f"ECGRAPH_IMPORT_DIR={import_dir} contains or lies inside the server's own folder "
                          f"({home}), whose data and password hash LOAD CSV could then read. Use a separate "
                          "folder.", setting="ECGRAPH_IMPORT_DIR")
    if not resolved.is_dir():
        raise ConfigError(f"ECGRAPH_IMPORT_DIR={import_dir} is not a folder; create it or unset the variable",
                          setting="ECGRAPH_IMPORT_DIR")
    return resolved


def security_settings(home: Path, import_dir: Path | None) -> list[str]:
    """The neo4j.conf lines that keep Cypher inside the graph (see the module docstring)."""
    confined = check_import_dir(import_dir, home) if import_dir is not None else home / "import"
    return [
        # LOAD CSV: no file URLs unless an import folder was configured, and then only inside it
        f"dbms.security.allow_csv_import_from_file_urls={'true' if import_dir is not None else 'false'}",
        f"server.directories.import={confined}",
        # LOAD CSV (and any procedure) may open no connection: every address is blocked
        f"internal.dbms.cypher_ip_blocklist={','.join(BLOCKED_NETWORKS)}",
        f"dbms.security.procedures.allowlist={','.join(PROCEDURE_ALLOWLIST)}",
    ]


def restrict_permissions(home: Path) -> None:
    """Home and its folders 0700, config and auth files 0600 (also for homes made by older versions)."""
    os.chmod(home, 0o700)
    for sub in ("conf", "data", "logs", "run", "import", "plugins"):
        path = home / sub
        if path.is_dir():
            os.chmod(path, 0o700)
    for private in (home / "conf" / "neo4j.conf", home / "data" / "dbms" / "auth.ini"):
        if private.exists():
            os.chmod(private, 0o600)
    auth_dir = home / "data" / "dbms"
    if auth_dir.is_dir():
        os.chmod(auth_dir, 0o700)
