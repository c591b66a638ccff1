"""Logs a scheduled job leaves behind: JSON lines with the run id, counts, duration, and the failure."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
import structlog

from ecgraph.schemas.logs import configure_logging, get_logger, logged_run


@pytest.fixture(autouse=True)
def _restore_structlog() -> Iterator[None]:
    yield
    structlog.reset_defaults()


def events(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_failing_run_leaves_a_json_line_naming_what_failed_and_its_run_id() -> None:
    out = io.StringIO()
    configure_logging(json_lines=True, stream=out)
    log = get_logger("ecgraph.rules.engine")
    with pytest.raises(RuntimeError), logged_run(log, "screening", "run-0530", mode="new") as counts:
        counts["declarations"] = 12
        raise RuntimeError("Neo4j went away")
    start, failed = events(out)
    assert start["event"] == "screening.start" and start["run_id"] == "run-0530" and start["mode"] == "new"
    assert failed["event"] == "screening.failed" and failed["level"] == "error"
    assert failed["run_id"] == "run-0530" and failed["declarations"] == 12
    assert failed["error"] == "RuntimeError: Neo4j went away" and isinstance(failed["duration_s"], float)
    assert failed["logger"] == "ecgraph.rules.engine" and "timestamp" in failed


def test_a_run_that_ends_well_logs_its_counts_and_duration() -> None:
    out = io.StringIO()
    configure_logging(json_lines=True, stream=out)
    with logged_run(get_logger("ecgraph.ingest.lists"), "list_load", "run-1", source="us_ofac_sdn") as counts:
        counts.update(added=3, changed=1)
    done = events(out)[-1]
    assert done["event"] == "list_load.done" and done["source"] == "us_ofac_sdn"
    assert (done["added"], done["changed"]) == (3, 1)


def test_secrets_never_reach_a_log_line() -> None:
    out = io.StringIO()
    configure_logging(json_lines=True, stream=out)
    get_logger("ecgraph.graph").info("connect", uri="bolt://localhost:7687", neo4j_password="hunter2")
    assert "hunter2" not in out.getvalue() and events(out)[0]["neo4j_password"] == "[redacted]"


def test_on_a_terminal_the_lines_are_for_people(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ECGRAPH_LOG_JSON", raising=False)
    out = io.StringIO()
    configure_logging(stream=out, level="INFO")
    get_logger("ecgraph.cli").info("list_load.done", source="un_sc_sanctions", added=2)
    line = out.getvalue()
    assert "list_load.done" in line and "source=un_sc_sanctions" in line and not line.startswith("{")


def test_ecgraph_log_json_switches_to_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECGRAPH_LOG_JSON", "1")
    out = io.StringIO()
    configure_logging(stream=out)
    get_logger("ecgraph.cli").warning("lock.held", holder="run-7")
    assert events(out)[0]["holder"] == "run-7"


def test_a_terminal_shows_warnings_and_a_job_log_keeps_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ECGRAPH_LOG_LEVEL", raising=False)
    terminal, job = io.StringIO(), io.StringIO()
    configure_logging(json_lines=False, stream=terminal)
    get_logger("ecgraph.cli").info("screening.done")
    get_logger("ecgraph.cli").warning("lock.held")
    assert "screening.done" not in terminal.getvalue() and "lock.held" in terminal.getvalue()
    configure_logging(json_lines=True, stream=job)
    get_logger("ecgraph.cli").info("screening.done")
    assert events(job)[0]["event"] == "screening.done"
