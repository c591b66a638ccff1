"""Scheduled jobs: cron expressions from the config, run in the foreground for a service manager.

`[[jobs]]` tables in config.toml name a job, its cron expression and one of the actions below; the
runner sleeps until the next due time, runs the action, logs the outcome and goes on. A failing job is
reported and does not stop the others.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from croniter import croniter

from ecgraph.schemas.errors import ConfigError

__all__ = ["ACTIONS", "Job", "due_jobs", "load_jobs", "next_runs"]

# the actions a job may name; the CLI binds them to commands (fetch lists, re-screen, screen new)
ACTIONS = ("fetch-lists", "rescreen-lists-changed", "screen-new")

DEFAULT_JOBS = (
    ("fetch-lists", "0 5 * * *", "fetch-lists"),
    ("rescreen-lists-changed", "30 5 * * *", "rescreen-lists-changed"),
    ("screen-new", "*/15 * * * *", "screen-new"),
)


@dataclass(frozen=True)
class Job:
    name: str
    cron: str
    action: str


def load_jobs(config_dir: Path) -> list[Job]:
    """The `[[jobs]]` of config.toml, or the default schedule when none are configured."""
    path = config_dir / "config.toml"
    raw: list[dict[str, str]] = []
    if path.exists():
        with path.open("rb") as fh:
            raw = tomllib.load(fh).get("jobs", [])
    jobs = [Job(j["name"], j["cron"], j["action"]) for j in raw] if raw else [Job(*j) for j in DEFAULT_JOBS]
    for job in jobs:
        if job.action not in ACTIONS:
            raise ConfigError(f"{path}: job {job.name!r} names action {job.action!r}; valid: {', '.join(ACTIONS)}",
                              setting="jobs.action")
        if not croniter.is_valid(job.cron):
            raise ConfigError(f"{path}: job {job.name!r} has an invalid cron expression {job.cron!r}", setting="jobs.cron")
    return jobs


def next_runs(jobs: list[Job], now: datetime) -> list[tuple[Job, datetime]]:
    return sorted(((j, croniter(j.cron, now).get_next(datetime)) for j in jobs), key=lambda x: x[1])


def due_jobs(jobs: list[Job], last: datetime, now: datetime) -> list[Job]:
    """Jobs with a scheduled time in (last, now]."""
    return [j for j in jobs if croniter(j.cron, last).get_next(datetime) <= now]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def run_forever(jobs: list[Job], run: Callable[[Job], object], *, iterations: int | None = None,
                sleep: Callable[[float], None] = time.sleep, clock: Callable[[], datetime] = _utcnow) -> None:
    """Sleep until the next due time, run what is due, repeat (`iterations` bounds it for tests)."""
    last = clock()
    done = 0
    while iterations is None or done < iterations:
        upcoming = next_runs(jobs, last)[0][1]
        sleep(max(0.0, (upcoming - clock()).total_seconds()))
        now = clock()
        for job in due_jobs(jobs, last, now):
            run(job)
        last = now
        done += 1
