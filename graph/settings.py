"""Where ecgraph finds its database and keeps its files: every setting, its default and its variable.

Precedence: environment variable > `config.toml` in the config directory > default. Nothing here
touches the disk at import time; call `load_settings()`.

| variable | default | meaning |
|---|---|---|
| NEO4J_URI | local managed server | bolt:// or neo4j:// URI of your own Neo4j (server, cluster or Aura) |
| NEO4J_USER / NEO4J_PASSWORD | neo4j / generated | credentials; for the local server the password is generated once |
| NEO4J_DATABASE | neo4j | database name |
| ECGRAPH_BOLT_PORT / ECGRAPH_HTTP_PORT | 7687 / 7474 | ports of the local managed server (127.0.0.1 only) |
| ECGRAPH_HEAP / ECGRAPH_PAGECACHE | 1g / 512m | memory of the local managed server |
| ECGRAPH_NEO4J_VERSION | 5.26.31 | Neo4j Community 5.26 LTS patch resolved from Maven Central |
| ECGRAPH_BROWSER_VERSION | 5.24.0 | Neo4j Browser resolved from Maven Central (the newest published there) |
| ECGRAPH_DATA_DIR | platformdirs user data dir (root: /var/lib/ecgraph) | server home, archives, rejects |
| ECGRAPH_CONFIG_DIR | platformdirs user config dir | config.toml and the generated credentials (mode 0600) |
| ECGRAPH_CACHE_DIR | platformdirs user cache dir | resolved Neo4j jars, shared by every local server |
| ECGRAPH_SERVER_USER | ecgraph-neo4j | the system user the managed server runs as when ecgraph runs as root |
| ECGRAPH_INDEX_DIR | $ECGRAPH_CACHE_DIR/resolution | the persisted search index (`ingest lists`, `screen`, `demo` write it; `search` reads it) |
| ECGRAPH_IMPORT_DIR | unset | the only folder `LOAD CSV` may read (file URLs are off when unset; never `/`) |
| JAVA_HOME | /usr/lib/jvm/java-17-openjdk-amd64 if present, else `java` on PATH | JDK 17 or 21 to run Neo4j 5.26 |
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from ecgraph.schemas.errors import ConfigError

__all__ = ["ENVIRONMENT", "EnvSetting", "Settings", "env_value", "load_settings"]

APP = "ecgraph"
DEFAULT_NEO4J_VERSION = "5.26.31"
DEFAULT_BROWSER_VERSION = "5.24.0"
# Debian's OpenJDK 17: Neo4j 5.26 runs on Java 17 or 21, not on the Temurin 25 also found on these machines.
# Root's data folder: a system service's state lives in /var/lib, where the server's own user can reach its
# folder (root's home is 0700; graph/server_account.py).
ROOT_DATA_DIR = Path("/var/lib/ecgraph")
PREFERRED_JAVA_HOMES = ("/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/java-21-openjdk-amd64")


@dataclass(frozen=True)
class EnvSetting:
    """One environment variable: its default as a user reads it, what it means, and who reads it."""

    default: str
    meaning: str
    read_by: str


# Every variable ecgraph reads, in one table (the README's configuration table is checked against it).
# Parts that read one outside `load_settings` go through `env_value`, which refuses a name not listed.
ENVIRONMENT: dict[str, EnvSetting] = {
    "NEO4J_URI": EnvSetting("local managed server", "bolt:// or neo4j:// URI of your own Neo4j (server, cluster, Aura)",
                            "graph"),
    "NEO4J_USER": EnvSetting("neo4j", "user name", "graph"),
    "NEO4J_PASSWORD": EnvSetting("generated once", "password; for the local server generated once (mode 0600)", "graph"),
    "NEO4J_DATABASE": EnvSetting("neo4j", "database name", "graph"),
    "ECGRAPH_BOLT_PORT": EnvSetting("7687", "Bolt port of the local managed server (127.0.0.1 only)", "graph"),
    "ECGRAPH_HTTP_PORT": EnvSetting("7474", "HTTP (Browser) port of the local managed server", "graph"),
    "ECGRAPH_HEAP": EnvSetting("1g", "heap of the local managed server", "graph"),
    "ECGRAPH_PAGECACHE": EnvSetting("512m", "page cache of the local managed server", "graph"),
    "ECGRAPH_NEO4J_VERSION": EnvSetting(DEFAULT_NEO4J_VERSION, "Neo4j 5.26 LTS patch resolved from Maven Central",
                                        "graph"),
    "ECGRAPH_BROWSER_VERSION": EnvSetting(DEFAULT_BROWSER_VERSION, "Neo4j Browser resolved from Maven Central",
                                          "graph"),
    "ECGRAPH_DATA_DIR": EnvSetting("platformdirs user data dir (root: /var/lib/ecgraph)",
                                   "server home, archives, rejects", "graph"),
    "ECGRAPH_CONFIG_DIR": EnvSetting("platformdirs user config dir", "config.toml and credentials (mode 0600)",
                                     "graph"),
    "ECGRAPH_CACHE_DIR": EnvSetting("platformdirs user cache dir", "resolved Neo4j jars, shared by local servers",
                                    "graph"),
    # its own variable so that the test suite can keep its small indexes apart from the demo's (the folder keeps
    # the newest few files only) while still sharing the cache's Neo4j jars
    "ECGRAPH_INDEX_DIR": EnvSetting("$ECGRAPH_CACHE_DIR/resolution",
                                    "the persisted search index, written by `ingest lists`, `screen`, `demo`", "graph"),
    "JAVA_HOME": EnvSetting("Debian OpenJDK 17 if present", "the JDK (17 or 21) that runs Neo4j", "graph"),
    "ECGRAPH_SNAPSHOT_DIR": EnvSetting("data/ of the checkout", "the bundled list snapshot to load without --live",
                                       "ingest"),
    "ECGRAPH_LABEL_MAX_BYTES": EnvSetting("26214400", "largest label capture accepted, in bytes", "ingest.labels"),
    "ECGRAPH_LABEL_MAX_PIXELS": EnvSetting("50000000", "largest label capture accepted, in pixels", "ingest.labels"),
    "ECGRAPH_OCR_DEBLUR": EnvSetting("1", "RapidOCR: deblur a smeared capture before reading (0 to turn off)",
                                     "ingest.labels"),
    "ECGRAPH_OCR_REREAD": EnvSetting("1", "RapidOCR: re-read a missing key's value from a 3x crop (0: off)",
                                     "ingest.labels"),
    "ECGRAPH_OCR_NORMALISE": EnvSetting("0", "RapidOCR: read each page again from a contrast-normalised grey copy "
                                        "(1: on; ~1.1 CPU-s more per frame)", "ingest.labels"),
    "ECGRAPH_OCR_FAINT": EnvSetting("0", "RapidOCR: recognise unsure lines again and look for text no line covers, "
                                    "both on the contrast-normalised copy (1: on)", "ingest.labels"),
    "ECGRAPH_OCR_VERIFY": EnvSetting("1", "RapidOCR: check accepted codes by two upscaled re-reads (0: off)",
                                     "ingest.labels"),
    "ECGRAPH_OCR_FAST": EnvSetting("1", "RapidOCR: detect on the page scaled to 960 px, no 180° classifier, re-read "
                                   "regions by recognition alone (0: the previous, slower settings)", "ingest.labels"),
    "ECGRAPH_OCR_THREADS": EnvSetting("min(2, cores)", "threads of the OCR engine", "ingest.labels"),
    "ECGRAPH_OCR_WORKERS": EnvSetting("min(2, cores)", "pages of a burst read side by side, each by a single-threaded "
                                      "engine (1: one after the other)", "ingest.labels"),
    "ECGRAPH_MATCH_THRESHOLD": EnvSetting("0.86", "list-match score threshold", "rules.resolution"),
    "ECGRAPH_MATCH_THRESHOLDS": EnvSetting("unset", "per-list thresholds: us_trade_csl=0.9,custom:watch=0.8",
                                           "rules.resolution"),
    "ECGRAPH_WORKERS": EnvSetting("cores", "worker processes of bulk party matching (search --file, screen)",
                                  "rules.resolution"),
    "ECGRAPH_SERVER_USER": EnvSetting("ecgraph-neo4j", "the system user (made by `make setup`) the managed server "
                                      "runs as when ecgraph runs as root", "graph"),
    "ECGRAPH_IMPORT_DIR": EnvSetting("unset", "the only folder the local server's LOAD CSV may read (never /)", "graph"),
    "ECGRAPH_QUERY_TIMEOUT": EnvSetting("20", "seconds before the server ends an analyst's look-up", "graph"),
    "ECGRAPH_ECOMMERCE_RETENTION_DAYS": EnvSetting("unset (keep)", "purge e-commerce order details older than N days",
                                                   "ingest.ecommerce"),
    "ECGRAPH_CATALOGUE": EnvSetting("shared/docs/rules-domain.md beside the checkout",
                                    "the rule catalogue `ecgraph rules conformance` reads", "cli"),
    "ECGRAPH_BROWSER_URL": EnvSetting("http://localhost:$ECGRAPH_HTTP_PORT/browser/", "where Neo4j Browser is",
                                      "cli"),
    "ECGRAPH_DEBUG": EnvSetting("unset", "print tracebacks instead of one-line errors", "cli"),
    "ECGRAPH_LOG_JSON": EnvSetting("unset (JSON under `ecgraph jobs`)", "log JSON lines on stderr when 1", "schemas"),
    "ECGRAPH_LOG_LEVEL": EnvSetting("WARNING on a terminal, INFO in JSON", "DEBUG, INFO, WARNING or ERROR", "schemas"),
    "ECGRAPH_JOB_RUN_ID": EnvSetting("set by `ecgraph jobs`", "the job run id every event of a job's command carries",
                                     "schemas"),
}


def env_value(name: str, env: dict[str, str] | None = None) -> str | None:
    """The variable's value (None when unset or blank); a name missing from ENVIRONMENT is a bug."""
    if name not in ENVIRONMENT:
        raise KeyError(f"{name} is not in graph/settings.py's ENVIRONMENT table: add it there with its meaning")
    value = (os.environ if env is None else env).get(name, "").strip()
    return value or None


@dataclass(frozen=True)
class Settings:
    uri: str | None  # None means: the local managed server
    user: str
    password: str | None
    database: str
    bolt_port: int
    http_port: int
    heap: str
    pagecache: str
    neo4j_version: str
    browser_version: str
    data_dir: Path
    config_dir: Path
    cache_dir: Path
    java_home: Path | None
    import_dir: Path | None = None  # LOAD CSV's folder for the managed server; None: file URLs off
    index_dir_override: Path | None = None  # ECGRAPH_INDEX_DIR; None: `<cache_dir>/resolution`

    @property
    def managed(self) -> bool:
        """True when ecgraph runs the server itself (no NEO4J_URI given)."""
        return self.uri is None

    @property
    def index_dir(self) -> Path:
        """Where the search index files are kept (one per set of list versions)."""
        return self.index_dir_override or self.cache_dir / "resolution"

    @property
    def server_home(self) -> Path:
        return self.data_dir / "neo4j"

    @property
    def credentials_file(self) -> Path:
        return self.config_dir / "local-server.json"


def _config_file_values(config_dir: Path) -> dict[str, Any]:
    path = config_dir / "config.toml"
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})", setting=str(path)) from exc
    values = data.get("neo4j", {})
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: [neo4j] must be a table", setting="neo4j")
    return values


def _int(name: str, raw: str | int) -> int:
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a port number", setting=name) from exc
    if not 1 <= value <= 65535:
        raise ConfigError(f"{name}={value} is outside 1..65535", setting=name)
    return value


def _java_home(env: dict[str, str]) -> Path | None:
    if env.get("JAVA_HOME"):
        return Path(env["JAVA_HOME"])
    for candidate in PREFERRED_JAVA_HOMES:
        if (Path(candidate) / "bin" / "java").exists():
            return Path(candidate)
    return None


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read the settings from the environment and the config file."""
    env = dict(os.environ) if env is None else env
    config_dir = Path(env.get("ECGRAPH_CONFIG_DIR") or platformdirs.user_config_dir(APP))
    file_values = _config_file_values(config_dir)

    def get(var: str, key: str, default: str | None) -> str | None:
        if env.get(var):
            return env[var]
        if key in file_values:
            return str(file_values[key])
        return default

    return Settings(
        uri=get("NEO4J_URI", "uri", None),
        user=get("NEO4J_USER", "user", "neo4j") or "neo4j",
        password=get("NEO4J_PASSWORD", "password", None),
        database=get("NEO4J_DATABASE", "database", "neo4j") or "neo4j",
        bolt_port=_int("ECGRAPH_BOLT_PORT", get("ECGRAPH_BOLT_PORT", "bolt_port", "7687") or "7687"),
        http_port=_int("ECGRAPH_HTTP_PORT", get("ECGRAPH_HTTP_PORT", "http_port", "7474") or "7474"),
        heap=get("ECGRAPH_HEAP", "heap", "1g") or "1g",
        pagecache=get("ECGRAPH_PAGECACHE", "pagecache", "512m") or "512m",
        neo4j_version=get("ECGRAPH_NEO4J_VERSION", "version", DEFAULT_NEO4J_VERSION) or DEFAULT_NEO4J_VERSION,
        browser_version=get("ECGRAPH_BROWSER_VERSION", "browser_version", DEFAULT_BROWSER_VERSION)
        or DEFAULT_BROWSER_VERSION,
        data_dir=Path(env.get("ECGRAPH_DATA_DIR") or (ROOT_DATA_DIR if os.geteuid() == 0 else platformdirs.user_data_dir(APP))),
        config_dir=config_dir,
        cache_dir=Path(env.get("ECGRAPH_CACHE_DIR") or platformdirs.user_cache_dir(APP)),
        java_home=_java_home(env),
        import_dir=Path(env["ECGRAPH_IMPORT_DIR"]) if env.get("ECGRAPH_IMPORT_DIR") else None,
        index_dir_override=Path(env["ECGRAPH_INDEX_DIR"]) if env.get("ECGRAPH_INDEX_DIR") else None,
    )
