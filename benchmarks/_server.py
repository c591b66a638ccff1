"""A throwaway Neo4j for a benchmark run: own ports and home, removed afterwards (one place for all)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ecgraph.graph import Graph, LocalServer, Settings, load_settings, open_graph
from ecgraph.graph.local import generate_password
from ecgraph.graph.maven import resolve_jars

__all__ = ["BenchServer", "free_port", "stop_on_signals", "throwaway_server"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Unwind on SIGTERM and SIGINT, so the `finally` that stops a benchmark's Neo4j runs.

    `kill` (SIGTERM) would end Python without unwinding, leaving a 2 GB Neo4j behind; and a benchmark started
    in the background by a non-interactive shell inherits SIGINT ignored, so Ctrl-C or `kill -INT` did nothing."""
    previous_term = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous_int)


@dataclass
class BenchServer:
    server: LocalServer
    settings: Settings  # points ecgraph at the throwaway server (NEO4J_URI …, its own data dir)
    home: Path

    def graph(self) -> Graph:
        return open_graph(self.settings)


@contextmanager
def throwaway_server(heap: str = "1g", pagecache: str = "512m", prefix: str = "ecgraph-bench-",
                     import_dir: bool = False) -> Iterator[BenchServer]:
    """`import_dir`: give the server a confined LOAD CSV folder (`<home>/import`, see graph/hardening.py)."""
    settings = load_settings()
    home = Path(tempfile.mkdtemp(prefix=prefix))
    password = generate_password()
    imports = home / "import"
    if import_dir:
        imports.mkdir()
    server = LocalServer(
        home=home / "neo4j", lib_dir=resolve_jars(settings.cache_dir, settings.neo4j_version, settings.browser_version),
        bolt_port=free_port(), http_port=free_port(), heap=heap, pagecache=pagecache, java_home=settings.java_home,
        import_dir=imports if import_dir else None,
    )
    env = {**os.environ, "NEO4J_URI": server.bolt_uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password,
           "ECGRAPH_DATA_DIR": str(home / "data")}
    # unwind on a signal, also while the server is still starting
    with stop_on_signals():
        try:
            began = time.perf_counter()
            server.start(user="neo4j", password=password, timeout=600)
            print(f"throwaway Neo4j at {server.bolt_uri} started in {time.perf_counter() - began:.0f} s", flush=True)
            yield BenchServer(server, load_settings(env), home)
        finally:
            server.stop(grace=60)
            shutil.rmtree(home, ignore_errors=True)
