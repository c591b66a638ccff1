"""The first `search` after the lists are loaded and screened loads the index they built (issue 17): the
analyst never waits for a build, and `ingest lists`, `screen` and `search` agree on where the index is and
which one is current."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def ecgraph(*args: str) -> subprocess.CompletedProcess[str]:
    """`ecgraph ARGS` as the console script runs it, in a process of its own (the environment points it at
    the test server and folders)."""
    return subprocess.run([sys.executable, "-c", "from ecgraph.cli.entry import main; main()", *args],
                          capture_output=True, text=True, check=False, cwd=REPO, env=dict(os.environ), timeout=600)


def index_files(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}


@pytest.mark.usefixtures("graph")
def test_search_after_loading_lists_and_screening_builds_no_index(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "search-index"
    monkeypatch.setenv("ECGRAPH_INDEX_DIR", str(folder))
    loaded = ecgraph("ingest", "lists", "us_dod_1260h", "us_bis_mieu", "--json")
    assert loaded.returncode == 0, loaded.stderr
    built = index_files(folder)
    assert len(built) == 1 and next(iter(built)).endswith(".index")  # `ingest lists` built it at once
    screened = ecgraph("screen", "--json", "--quiet")
    assert screened.returncode == 0, screened.stderr
    assert index_files(folder) == built  # `screen` used it as it was
    found = ecgraph("search", "Aviation Industry Corporation of China", "--json")
    assert found.returncode == 0, found.stderr
    rows = json.loads(found.stdout)
    assert rows and rows[0]["list"] == "us_dod_1260h" and rows[0]["score"] >= 0.86
    assert index_files(folder) == built  # loaded, not rebuilt (a rebuild writes a new file)
