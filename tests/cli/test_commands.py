"""The `ecgraph` script loads a command's module only when that command runs (issue 17: `--help` took
3.5 s), and lists the same commands, with the same summaries, as the whole application."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import typer

from ecgraph.cli.app import app
from ecgraph.cli.commands import COMMANDS, lazy_app

_LOADED = """
import json, sys
sys.argv = ["ecgraph", *json.loads(sys.argv[1])]
from ecgraph.cli.entry import main
try:
    main()
finally:
    heavy = ("ecgraph.cli.", "neo4j", "spacy", "rapidocr", "cv2", "ecgraph.rules", "ecgraph.ingest", "networkx")
    print("LOADED " + json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))), file=sys.stderr)
"""


def _loaded(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    done = subprocess.run([sys.executable, "-c", _LOADED, json.dumps(args)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "COLUMNS": "200"}, check=False)
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED "))
    return done, set(json.loads(line.removeprefix("LOADED ")))


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "200"}, check=False)


def test_the_lazy_root_lists_every_command_of_the_application_with_its_summary() -> None:
    full = typer.main.get_group(app)
    assert list(COMMANDS) == list(full.commands)
    script = "import sys; sys.argv = ['ecgraph', *sys.argv[1:]]\nfrom ecgraph.cli.entry import main\nmain()"
    eager = ("import sys; sys.argv = ['ecgraph', *sys.argv[1:]]\nfrom ecgraph.cli.app import app\n"
             "from ecgraph.cli.entry import run\nrun(app)")
    lazy_help, eager_help = _run(script, "--help"), _run(eager, "--help")
    assert lazy_help.returncode == eager_help.returncode == 0
    assert lazy_help.stdout == eager_help.stdout


def test_help_imports_no_command_module_nor_the_driver() -> None:
    done, loaded = _loaded("--help")
    assert done.returncode == 0, done.stderr
    assert "alerts" in done.stdout and "search" in done.stdout
    assert loaded <= {"ecgraph.cli.entry", "ecgraph.cli.commands", "ecgraph.cli.output"}, loaded


def test_a_command_imports_its_own_module_only() -> None:
    done, loaded = _loaded("alerts", "--help")
    assert done.returncode == 0, done.stderr
    assert "Usage: ecgraph alerts" in done.stdout
    assert "ecgraph.cli.alerts" in loaded
    assert not any(m.startswith(("spacy", "rapidocr", "cv2", "ecgraph.ingest", "networkx", "ecgraph.cli.search",
                                 "ecgraph.cli.labels")) for m in loaded), sorted(loaded)


def test_a_mistyped_command_gets_a_suggestion() -> None:
    group = lazy_app()
    assert group.get_command(None, "alerts") is not None  # type: ignore[arg-type]  # needs no context
    done, _ = _loaded("alert")
    assert done.returncode == 2
    assert "Did you mean 'alerts'" in done.stderr
