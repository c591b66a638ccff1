"""The `ecgraph` entry point: `ecgraph search` starts with its own command only, and behaves the same."""

from __future__ import annotations

import json
import os
import subprocess
import sys

_RUN = """
import json, sys
sys.argv = ["ecgraph", *json.loads(sys.argv[1])]
from ecgraph.cli.entry import main
try:
    main()
finally:
    loaded = sorted(m for m in sys.modules if m.startswith(("ecgraph.ingest", "ecgraph.rules.engine")))
    print("LOADED " + json.dumps(loaded), file=sys.stderr)
"""


def _ecgraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _RUN, json.dumps(args)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "COLUMNS": "200", **(env or {})}, check=False)


def _loaded(done: subprocess.CompletedProcess[str]) -> list[str]:
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED "))
    return list(json.loads(line.removeprefix("LOADED ")))


def test_search_starts_without_loading_ingest_or_the_rule_engine() -> None:
    done = _ecgraph("search", "--help")
    assert done.returncode == 0, done.stderr
    assert "Usage: ecgraph search [OPTIONS] [name]" in done.stdout
    for option in ("--file", "--country", "--type", "--lists", "--threshold", "--json"):
        assert option in done.stdout
    assert _loaded(done) == []


def test_every_other_command_still_runs_through_the_full_application() -> None:
    done = _ecgraph("rules", "--help")
    assert done.returncode == 0, done.stderr
    assert "Usage: ecgraph rules" in done.stdout
    assert "ecgraph.rules.engine" in _loaded(done)


def test_search_reports_an_unreachable_database_in_one_line_and_exits_1() -> None:
    done = _ecgraph("search", "Rosoboronexport",
                    env={"NEO4J_URI": "bolt://127.0.0.1:9", "ECGRAPH_MANAGED": "0", "ECGRAPH_DEBUG": ""})
    assert done.returncode == 1, done.stderr
    assert "error:" in done.stderr and "Traceback" not in done.stderr
