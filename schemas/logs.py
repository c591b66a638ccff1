"""Logging for every part of ecgraph: structlog, key-value events, human-readable on a terminal and JSON
lines for scheduled jobs (`ECGRAPH_LOG_JSON=1`, or `ecgraph jobs`), always on stderr.

A run binds its id once (`bind_run`) and every event inside carries it, the way zavod binds a crawl's
dataset; the same id lands on the graph's run node, so a failed 05:30 job can be found in both.
Secrets never reach a log line: keys that look like credentials are redacted.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any, TextIO

import structlog

__all__ = ["bind_run", "configure_logging", "get_logger", "logged_run"]

SECRET_KEYS = ("password", "secret", "token", "authorization", "api_key", "hmac_key")
REDACTED = "[redacted]"


def _redact(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event):
        if any(secret in key.lower() for secret in SECRET_KEYS):
            event[key] = REDACTED
    return event


def _job_run(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """A command started by `ecgraph jobs` carries the job's run id on every event it logs."""
    job_run_id = os.environ.get("ECGRAPH_JOB_RUN_ID")
    if job_run_id:
        event.setdefault("job_run_id", job_run_id)
    return event


def configure_logging(*, json_lines: bool | None = None, level: str | None = None,
                      stream: TextIO | None = None) -> None:
    """Set structlog up once per process. JSON when asked, or when `ECGRAPH_LOG_JSON=1`."""
    if json_lines is None:
        json_lines = os.environ.get("ECGRAPH_LOG_JSON", "").lower() in ("1", "true", "yes")
    # a terminal shows warnings and failures beside the command's own output; a job's log keeps everything
    name = (level or os.environ.get("ECGRAPH_LOG_LEVEL") or ("INFO" if json_lines else "WARNING")).upper()
    numeric = logging.getLevelNamesMapping().get(name, logging.INFO)
    renderer: Any = (structlog.processors.JSONRenderer(ensure_ascii=False) if json_lines
                     else structlog.dev.ConsoleRenderer(colors=False))
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            _job_run,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _redact,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(file=stream or sys.stderr),
        cache_logger_on_first_use=False,
    )


def get_logger(name: str) -> Any:
    """A logger for one part of ecgraph (`ecgraph.ingest.lists` …); the name is a field of each event.

    Library use and tests that never call `configure_logging` get the terminal defaults (stderr,
    warnings and up), never structlog's own default of printing everything to stdout."""
    if not structlog.is_configured():
        configure_logging()
    return structlog.get_logger().bind(logger=name)


@contextmanager
def bind_run(run_id: str, **fields: Any) -> Iterator[None]:
    """Every event logged inside carries `run_id` (and `fields`), in this thread or task."""
    with structlog.contextvars.bound_contextvars(run_id=run_id, **fields):
        yield


@contextmanager
def logged_run(logger: Any, what: str, run_id: str, **fields: Any) -> Iterator[dict[str, Any]]:
    """Log `<what>.start`, then `<what>.done` with the counts the caller puts in the yielded dict and the
    duration, or `<what>.failed` with the error and the duration, and re-raise."""
    counts: dict[str, Any] = {}
    started = time.monotonic()
    with bind_run(run_id, **fields):
        logger.info(f"{what}.start")
        try:
            yield counts
        except BaseException as exc:
            logger.error(f"{what}.failed", error=f"{type(exc).__name__}: {exc}",
                         duration_s=round(time.monotonic() - started, 3), **counts)
            raise
        logger.info(f"{what}.done", duration_s=round(time.monotonic() - started, 3), **counts)
