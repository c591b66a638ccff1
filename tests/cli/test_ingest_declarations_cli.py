"""`ingest declarations`: options that only mean something with `--bulk` are refused without it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ecgraph.cli.app import app
from tests.ingest.declarations.factory import declaration

runner = CliRunner()


def test_workers_are_refused_for_an_online_load(neo4j_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(declaration()) + "\n", encoding="utf-8")
    online = runner.invoke(app, ["ingest", "declarations", str(path), "--workers", "2"])
    assert online.exit_code == 2 and "--workers goes with --bulk" in " ".join(online.output.split())
