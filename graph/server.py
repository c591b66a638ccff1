"""A local Neo4j Community server that ecgraph starts, watches and stops itself.

One JVM runs `org.neo4j.server.CommunityEntryPoint` directly (no launcher), so the PID we record is
the server. The home folder holds `conf/`, `data/`, `logs/` and `run/`; the jars come from the shared
Maven cache (`graph/maven.py`). The server binds 127.0.0.1 only and starts with authentication on.
Started by root, every JVM here runs as the server's system user instead (`graph/server_account.py`).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from ecgraph.graph.hardening import SERVER_UMASK, restrict_permissions, security_settings
from ecgraph.graph.server_account import ServerAccount, hand_over_home, readable_lib, server_account
from ecgraph.schemas.errors import PortInUseError, ServerError, ToolMissingError

__all__ = ["LocalServer", "ServerState", "port_is_free"]

# The JVM flags of the official 5.x launcher (server.jvm.additional), minus AlwaysPreTouch, which
# commits the whole heap at start and is slow on small machines.
JVM_FLAGS = (
    "-XX:+ExitOnOutOfMemoryError", "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC", "-XX:+UnlockExperimentalVMOptions", "-XX:+TrustFinalNonStaticFields",
    "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true", "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
)
# How much transaction log the managed server keeps per database. Neo4j's default ("2 days", no size bound) is
# for backups and cluster catch-up, which Community has neither of: it kept 41 GB of logs beside a 19 GB store
# after one day of screening the 1M-declaration benchmark world and filled the disk. Recovery needs only the logs
# since the last checkpoint, which Neo4j always keeps whatever this says.
TX_LOG_RETENTION = "2G size"
# NeoBootstrapper's exit codes, for a message that says what went wrong.
EXIT_CAUSES = {
    1: "the server failed during start-up",
    2: "the store is locked or damaged: is another Neo4j using the same data folder?",
    3: "the configuration is invalid (unknown setting, or heap + page cache exceed physical memory)",
}


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


@dataclass(frozen=True)
class ServerState:
    running: bool
    pid: int | None
    home: Path
    log: Path


@dataclass
class LocalServer:
    home: Path
    lib_dir: Path
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "1g"
    pagecache: str = "512m"
    java_home: Path | None = None
    import_dir: Path | None = None  # LOAD CSV file URLs are off unless this is set (graph/hardening.py)
    _account: ServerAccount | None = field(default=None, init=False, repr=False)
    _account_known: bool = field(default=False, init=False, repr=False)

    # -- paths -------------------------------------------------------------------------------
    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "ecgraph-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def debug_log(self) -> Path:
        return self.home / "logs" / "debug.log"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://localhost:{self.http_port}/browser/"

    # -- setup -------------------------------------------------------------------------------
    def account(self) -> ServerAccount | None:
        """The user the server's JVMs run as; None: as ecgraph itself (not root, or no such user outside CI)."""
        if not self._account_known:
            self._account = server_account()
            self._account_known = True
        return self._account

    def jvm_lib(self) -> Path:
        """The jar folder as the server's user can read it."""
        account = self.account()
        return self.lib_dir if account is None else readable_lib(self.lib_dir, account)

    def jvm_options(self) -> dict[str, Any]:
        """subprocess keywords for every JVM of this server: its folder, umask 077, and its user when root."""
        account = self.account()
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        if account is None:
            return {"cwd": self.home, "umask": SERVER_UMASK, "env": env}
        return {"cwd": self.home, "umask": SERVER_UMASK, "env": {**env, "HOME": str(self.home), "USER": account.name,
                                                                   "LOGNAME": account.name},
                **account.process_options()}

    def private_file(self, path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> int:
        """Open (creating 0600) a file in the server's folder, owned by the server's user."""
        fd = os.open(path, flags, 0o600)
        account = self.account()
        if account is not None:
            os.fchown(fd, account.uid, account.gid)
        return fd

    def java(self) -> str:
        if self.java_home is not None:
            candidate = self.java_home / "bin" / "java"
            if candidate.exists():
                return str(candidate)
            raise ToolMissingError(str(candidate), "JAVA_HOME points to a folder without bin/java; fix JAVA_HOME.")
        from shutil import which

        found = which("java")
        if found is None:
            raise ToolMissingError("java", "Install a JDK 17 or 21 (Debian: apt-get install openjdk-17-jdk-headless).")
        return found

    def write_config(self) -> None:
        """(Re)write conf/neo4j.conf from the current settings; strict validation rejects unknown keys."""
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
        conf = "\n".join(
            [
                "# Written by ecgraph (graph/server.py); edits are overwritten at the next start.",
                "server.default_listen_address=127.0.0.1",
                f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}",
                f"server.bolt.advertised_address=localhost:{self.bolt_port}",
                "server.http.enabled=true",
                f"server.http.listen_address=127.0.0.1:{self.http_port}",
                f"server.http.advertised_address=localhost:{self.http_port}",
                "server.https.enabled=false",
                "dbms.security.auth_enabled=true",
                f"server.memory.pagecache.size={self.pagecache}",
                f"db.tx_log.rotation.retention_policy={TX_LOG_RETENTION}",
                "dbms.usage_report.enabled=false",
                "client.allow_telemetry=false",
                *security_settings(self.home, self.import_dir),
                "",
            ]
        )
        conf_file = self.home / "conf" / "neo4j.conf"
        with os.fdopen(self.private_file(conf_file), "w", encoding="utf-8") as fh:
            fh.write(conf)
        self._restrict()

    def _restrict(self) -> None:
        restrict_permissions(self.home)
        account = self.account()
        if account is not None:
            hand_over_home(self.home, account)

    def has_store(self) -> bool:
        return (self.home / "data" / "databases" / "system").exists()

    def set_initial_password(self, password: str) -> None:
        """Same as `neo4j-admin dbms set-initial-password`; only valid before the first start."""
        if self.has_store():
            raise ServerError("the initial password can only be set before the first start")
        if password.startswith("-"):
            raise ServerError("the initial password must not start with '-' (neo4j-admin reads it as an option)")
        proc = subprocess.run(
            [self.java(), "-cp", f"{self.jvm_lib()}/*", f"-Dbasedir={self.home}",
             "org.neo4j.server.startup.Neo4jAdminCommand", "dbms", "set-initial-password", password],
            capture_output=True, text=True, check=False, **self.jvm_options(),  # failure explained below
        )
        if proc.returncode != 0 or not (self.home / "data" / "dbms" / "auth.ini").exists():
            output = (proc.stdout + proc.stderr).strip().replace(password, "********")
            raise ServerError(f"setting the initial password failed (exit {proc.returncode}): {output}")
        self._restrict()

    # -- lifecycle ---------------------------------------------------------------------------
    def _read_pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except (FileNotFoundError, PermissionError):
            return None
        # A recycled PID belongs to some other program: only our JVM with our home counts.
        return pid if f"--home-dir={self.home}" in cmdline else None

    def state(self) -> ServerState:
        pid = self._read_pid()
        return ServerState(running=pid is not None, pid=pid, home=self.home, log=self.console_log)

    def start(self, *, user: str, password: str, timeout: float = 180.0) -> ServerState:
        """Start the server (or find it running) and wait until Bolt answers a query."""
        current = self.state()
        if current.running:
            self.wait_ready(user=user, password=password, timeout=timeout, proc=None)
            return current
        for port, setting in ((self.bolt_port, "ECGRAPH_BOLT_PORT"), (self.http_port, "ECGRAPH_HTTP_PORT")):
            if not port_is_free(port):
                raise PortInUseError(port, setting)
        java = self.java()  # a missing JDK is named before anything is written
        self.write_config()
        if not self.has_store():
            self.set_initial_password(password)
        heap_flags = [f"-Xms{self.heap}", f"-Xmx{self.heap}"]
        cmd = [
            java, *heap_flags, *JVM_FLAGS,
            "-cp", f"{self.home}/plugins/*:{self.jvm_lib()}/*",
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}", "--console-mode",
        ]
        with os.fdopen(self.private_file(self.console_log, os.O_WRONLY | os.O_CREAT | os.O_APPEND), "ab") as log:
            log.write(f"\n--- ecgraph start {time.strftime('%Y-%m-%dT%H:%M:%S%z')} ---\n".encode())
            log.flush()
            proc = subprocess.Popen(
                cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True, **self.jvm_options(),
            )
        with os.fdopen(self.private_file(self.pid_file), "w", encoding="utf-8") as fh:
            fh.write(f"{proc.pid}\n")
        try:
            self.wait_ready(user=user, password=password, timeout=timeout, proc=proc)
        except BaseException:
            if proc.poll() is None:
                self._terminate(proc.pid, grace=30)
            raise
        return self.state()

    def wait_ready(self, *, user: str, password: str, timeout: float, proc: subprocess.Popen[bytes] | None) -> float:
        started = time.monotonic()
        last_error = "no answer yet"
        while True:
            if proc is not None and proc.poll() is not None:
                code = proc.returncode
                cause = EXIT_CAUSES.get(code, "the JVM exited")
                raise ServerError(
                    f"Neo4j exited with code {code} while starting: {cause}.\n{self._log_tail()}",
                    log=str(self.console_log),
                )
            try:
                # A plain session, not execute_query: its retries would only add noise and delay here.
                with (GraphDatabase.driver(self.bolt_uri, auth=(user, password), connection_timeout=3) as driver,
                      driver.session(database="neo4j") as session):
                    session.run("RETURN 1").consume()
                return time.monotonic() - started
            except AuthError as exc:
                raise ServerError(
                    f"the local server rejected the stored credentials ({exc.message}). The password in the "
                    "credentials file no longer matches the database: restore it, or remove the server's "
                    f"data folder ({self.home / 'data'}) to start afresh.",
                    log=str(self.console_log),
                ) from exc
            except (ServiceUnavailable, DriverError, Neo4jError, OSError) as exc:
                last_error = type(exc).__name__
            if time.monotonic() - started > timeout:
                raise ServerError(
                    f"Neo4j did not answer on {self.bolt_uri} within {timeout:.0f} s ({last_error}).\n"
                    f"{self._log_tail()}",
                    log=str(self.console_log),
                )
            time.sleep(0.5)

    def _log_tail(self, lines: int = 12) -> str:
        try:
            text = self.console_log.read_text(errors="replace").splitlines()
        except FileNotFoundError:
            return "(no console log)"
        interesting = [ln for ln in text if re.search(r"ERROR|WARN|Exception|Caused by", ln)]
        return "\n".join((interesting or text)[-lines:])

    def _terminate(self, pid: int, grace: float) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if not Path(f"/proc/{pid}").exists() or _is_zombie(pid):
                return
            time.sleep(0.25)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    def stop(self, grace: float = 120.0) -> bool:
        """Stop with SIGTERM (the server checkpoints on its shutdown hook); SIGKILL after `grace`."""
        pid = self._read_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        self._terminate(pid, grace)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        self.pid_file.unlink(missing_ok=True)
        return True


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"
