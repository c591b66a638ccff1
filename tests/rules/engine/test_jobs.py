"""The job schedule: cron expressions from the config, validated, and due times computed from them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from ecgraph.rules.engine.jobs import Job, due_jobs, load_jobs, next_runs, run_forever
from ecgraph.schemas.errors import ConfigError


def test_default_schedule_without_config(tmp_path: Path) -> None:
    jobs = load_jobs(tmp_path)
    assert {j.action for j in jobs} == {"fetch-lists", "rescreen-lists-changed", "screen-new"}


def test_jobs_from_config(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[[jobs]]\nname = "nightly"\ncron = "0 2 * * *"\naction = "screen-new"\n')
    assert load_jobs(tmp_path) == [Job("nightly", "0 2 * * *", "screen-new")]


def test_invalid_cron_and_unknown_action_are_named(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[[jobs]]\nname = "x"\ncron = "61 * * * *"\naction = "screen-new"\n')
    with pytest.raises(ConfigError, match="invalid cron"):
        load_jobs(tmp_path)
    (tmp_path / "config.toml").write_text('[[jobs]]\nname = "x"\ncron = "* * * * *"\naction = "reboot"\n')
    with pytest.raises(ConfigError, match="screen-new"):
        load_jobs(tmp_path)


def test_due_and_next_runs() -> None:
    job = Job("q", "*/15 * * * *", "screen-new")
    at = datetime(2026, 11, 25, 10, 7, tzinfo=UTC)
    assert next_runs([job], at)[0][1] == datetime(2026, 11, 25, 10, 15, tzinfo=UTC)
    assert due_jobs([job], at, datetime(2026, 11, 25, 10, 16, tzinfo=UTC)) == [job]
    assert due_jobs([job], at, datetime(2026, 11, 25, 10, 14, tzinfo=UTC)) == []


def test_runner_sleeps_until_due_and_runs_each_due_job_once() -> None:
    clock = [datetime(2026, 11, 25, 10, 0, 30, tzinfo=UTC)]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] = clock[0].replace(minute=clock[0].minute + 1, second=0)

    ran: list[str] = []
    jobs = [Job("every-minute", "* * * * *", "screen-new"), Job("hourly", "0 * * * *", "fetch-lists")]
    run_forever(jobs, lambda j: ran.append(j.name), iterations=3, sleep=sleep, clock=lambda: clock[0])
    assert ran == ["every-minute"] * 3
    assert slept[0] == 30.0
