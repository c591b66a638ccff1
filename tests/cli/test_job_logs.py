"""Issue 23: a scheduled job that fails at 05:30 leaves more than its exit code — a JSON log line naming
what failed and its run id; a screening run logs its start, counts and duration under the id that its
ScreeningRun node carries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import free_port


def json_lines(stderr: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]


def test_a_failing_scheduled_job_logs_what_failed_with_its_run_id(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('[[jobs]]\nname = "screen-0530"\ncron = "30 5 * * *"\naction = "screen-new"\n')
    env = {**os.environ, "ECGRAPH_CONFIG_DIR": str(config), "ECGRAPH_DATA_DIR": str(tmp_path / "data"),
           "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}", "NEO4J_PASSWORD": "nobody-listens"}
    proc = subprocess.run([sys.executable, "-m", "ecgraph.cli", "jobs", "run", "--now", "screen-0530"],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode == 1
    events = json_lines(proc.stderr)
    failed = [e for e in events if e["event"] == "job.failed"]
    assert len(failed) == 1, proc.stderr
    assert failed[0]["job"] == "screen-0530" and failed[0]["exit_code"] == 1 and failed[0]["level"] == "error"
    run_id = str(failed[0]["run_id"])
    assert run_id.startswith("job-screen-0530-") and "error" in failed[0]
    # the command itself said why, as a JSON line carrying the job's run id
    command = [e for e in events if e["event"] == "command.failed"]
    assert command and command[0]["job_run_id"] == run_id and "127.0.0.1" in str(command[0]["error"])


def test_a_screening_run_logs_its_counts_under_the_id_of_its_run_node(neo4j_env: dict[str, str]) -> None:
    env = {**os.environ, "ECGRAPH_LOG_JSON": "1"}
    proc = subprocess.run([sys.executable, "-m", "ecgraph.cli", "screen", "--json", "--no-match"],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    events = {e["event"]: e for e in json_lines(proc.stderr)}
    assert events["screening.start"]["run_id"] == report["run_id"] == events["screening.done"]["run_id"]
    assert events["screening.done"]["declarations"] == report["declarations"]
    assert isinstance(events["screening.done"]["duration_s"], float)
