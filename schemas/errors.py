"""The one error vocabulary every part of ecgraph raises and the CLI reports.

`schemas` is the leaf package that every other part reads, so the hierarchy lives here:

    EcgraphError                 root: the CLI prints its message and exits 1
    ├── ConfigError              a setting is missing or invalid (names the setting)
    ├── ServerError              the managed local Neo4j cannot be set up, started or stopped
    │   ├── ToolMissingError     java / mvn not found (names the tool and how to install it)
    │   └── PortInUseError       a configured port is taken (names the port and the setting)
    ├── DatabaseUnavailable      no Neo4j answers at the configured URI
    ├── SchemaError              a schema or rule file is invalid (names the file and key)
    ├── SourceError              a source file or download is unusable (names source, file, line)
    └── RecordError              one record is invalid (goes to the rejects file, never aborts a run)

A message says what happened, the likely cause and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DatabaseUnavailable",
    "EcgraphError",
    "PortInUseError",
    "RecordError",
    "SchemaError",
    "ServerError",
    "SourceError",
    "ToolMissingError",
]


class EcgraphError(Exception):
    """Root of every error ecgraph raises on purpose."""


class ConfigError(EcgraphError):
    def __init__(self, message: str, *, setting: str | None = None) -> None:
        super().__init__(message)
        self.setting = setting


class ServerError(EcgraphError):
    def __init__(self, message: str, *, log: str | None = None) -> None:
        if log:
            message = f"{message}\n  log: {log}"
        super().__init__(message)
        self.log = log


class ToolMissingError(ServerError):
    def __init__(self, tool: str, hint: str) -> None:
        super().__init__(f"{tool} was not found on PATH. {hint}")
        self.tool = tool


class PortInUseError(ServerError):
    def __init__(self, port: int, setting: str) -> None:
        super().__init__(
            f"port {port} on 127.0.0.1 is already in use by another process. "
            f"Stop that process, or choose another port with {setting}=<port>."
        )
        self.port = port
        self.setting = setting


class DatabaseUnavailable(EcgraphError):
    def __init__(self, uri: str, cause: str) -> None:
        super().__init__(
            f"no Neo4j answers at {uri} ({cause}). Start the local server with "
            "`ecgraph db start`, or point NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD at your own Neo4j."
        )
        self.uri = uri


class SchemaError(EcgraphError):
    def __init__(self, message: str, *, file: str | None = None, key: str | None = None) -> None:
        where = ":".join(p for p in (file, key) if p)
        super().__init__(f"{where}: {message}" if where else message)
        self.file = file
        self.key = key


class SourceError(EcgraphError):
    def __init__(
        self, message: str, *, source: str, file: str | None = None, line: int | None = None
    ) -> None:
        where = source
        if file:
            where += f" ({file}" + (f", line {line}" if line is not None else "") + ")"
        super().__init__(f"{where}: {message}")
        self.source = source
        self.file = file
        self.line = line


class RecordError(EcgraphError):
    """One bad record: carries every reason, so the rejects file can list them all."""

    def __init__(self, reasons: list[str], *, line: int | None = None) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons
        self.line = line
