"""A real HTTP server on 127.0.0.1 that serves files from a folder and misbehaves on purpose.

The first path segment picks the behaviour, the rest is the file path under the root:

    /normal/<file>          200 with ETag and Last-Modified; 304 when If-None-Match matches
    /flaky/<n>/<key>/<file> 500 for the first n requests of <key>, then like /normal
    /truncated/<file>       Content-Length of the whole file, but only half the body, then close
    /slow/<file>            headers at once, then the body after `slow_seconds`
    /oversized/<file>       like /normal, but claims no Content-Length (the client must count)
    /status/<code>/<file>   always answers <code>

Every request is recorded in `server.requests` (method, path, headers) so tests can check what the
client sent (conditional headers, retries).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["FixtureServer", "serve"]


@dataclass
class FixtureServer:
    root: Path
    port: int = 0
    slow_seconds: float = 2.0
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"


def _handler(state: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            return

        def do_GET(self) -> None:
            state.requests.append(("GET", self.path, dict(self.headers)))
            mode, _, rest = self.path.lstrip("/").partition("/")
            if mode == "flaky":
                count, key, rest = rest.split("/", 2)
                state.failures[key] += 1
                if state.failures[key] <= int(count):
                    return self._plain(500, b"temporary failure")
            if mode == "status":
                code, rest = rest.split("/", 1)
                return self._plain(int(code), b"status on purpose")
            path = (state.root / rest).resolve()
            if not path.is_file() or state.root.resolve() not in path.parents:
                return self._plain(404, b"not found")
            body = path.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(path.stat().st_mtime, usegmt=True))
            if mode == "oversized":
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True
                return
            self.send_header("Content-Length", str(len(body)))
            if mode == "truncated":
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.end_headers()
            if mode == "slow":
                time.sleep(state.slow_seconds)
            self.wfile.write(body)

        def _plain(self, code: int, text: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)

    return Handler


@contextmanager
def serve(root: Path, *, slow_seconds: float = 2.0) -> Iterator[FixtureServer]:
    """Run the server in a daemon thread for the duration of the `with` block."""
    state = FixtureServer(root=root, slow_seconds=slow_seconds)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
