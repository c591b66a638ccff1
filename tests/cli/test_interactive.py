"""`ecgraph browser serve` as an analyst runs it in a terminal (driven through tmux): it prints the
Browser URL with the server and user filled in, serves the guide until Ctrl-C, and then ends cleanly."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

SESSION = "ecgraph-serve"


@pytest.fixture
def tmux(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """A tmux server of our own (its own socket, our environment), killed afterwards."""
    assert shutil.which("tmux"), "tmux is missing: `apt-get install tmux` (make setup installs it)"
    base = ["tmux", "-L", f"ecgraph-test-{os.getpid()}"]
    yield base
    subprocess.run([*base, "kill-server"], capture_output=True, check=False)


def _screen(tmux: list[str]) -> str:
    return subprocess.run([*tmux, "capture-pane", "-p", "-J", "-t", SESSION], capture_output=True, text=True,
                          check=True).stdout


def _wait_for(tmux: list[str], pattern: str, timeout: float = 90.0) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while (found := re.search(pattern, _screen(tmux))) is None:
        assert time.monotonic() < deadline, f"never saw {pattern!r} on the screen:\n{_screen(tmux)}"
        time.sleep(0.3)
    return found


def test_browser_serve_in_a_terminal_serves_the_guide_until_ctrl_c(tmux: list[str]) -> None:
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:7687", "NEO4J_USER": "analyst1"}
    # the shell catches Ctrl-C itself (a handler, not an ignore, so ecgraph still gets it) to print the exit code
    command = (f"trap 'true' INT; {sys.executable} -m ecgraph.cli browser serve --port 0 --no-open; "
               "echo EXIT=$?; sleep 60")
    subprocess.run([*tmux, "new-session", "-d", "-s", SESSION, "-x", "250", "-y", "40", "sh", "-c", command],
                   env=env, check=True)
    url = _wait_for(tmux, r"(http://\S+/browser/\?dbms=\S+)").group(1)
    assert url.startswith("http://localhost:") and "dbms=bolt://analyst1@127.0.0.1:7687" in url
    assert "cmd=play" in url
    guide = _wait_for(tmux, r":style (http://localhost:\d+)/ecgraph.grass").group(1)
    served = httpx.get(f"{guide}/guide.html", timeout=10)
    assert served.status_code == 200 and "export-control evidence in the graph" in served.text
    subprocess.run([*tmux, "send-keys", "-t", SESSION, "C-c"], check=True)
    assert _wait_for(tmux, r"EXIT=(\d+)").group(1) == "0"
    assert "Traceback" not in _screen(tmux)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{guide}/guide.html", timeout=5)
