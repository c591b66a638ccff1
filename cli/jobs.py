"""`ecgraph jobs`: the schedule in the config (cron expressions), run in the foreground.

Each job runs as its own `ecgraph` process, so a crash in one never stops the scheduler, and its exit
code is logged (75 = another screening run held the lock; it runs again at its next time).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from typing import Annotated

import typer

from ecgraph.cli.output import OutputFormat, console, err_console, print_rows
from ecgraph.graph import load_settings, open_graph
from ecgraph.graph.screening import fail_orphan_runs, force_release_lock, read_lock
from ecgraph.rules.engine.jobs import Job, load_jobs, next_runs, run_forever
from ecgraph.rules.engine.lease import LOCK_NAME, holder_is_dead
from ecgraph.schemas.errors import EcgraphError
from ecgraph.schemas.logs import configure_logging, get_logger

app = typer.Typer(
    help="""Scheduled work: fetch lists, re-screen on list changes, screen new declarations.

Jobs are `[[jobs]]` tables in ~/.config/ecgraph/config.toml (name, cron, action); without them the
default schedule applies. Run `ecgraph jobs run` under systemd or another service manager, or call
the same commands from cron (see the README).

Examples:

  ecgraph jobs list                 # the schedule and each job's next run

  ecgraph jobs run                  # run the schedule in the foreground

  ecgraph jobs run --now screen-new # run one job once, now

  ecgraph jobs unlock               # clear the screening lock of a run that is gone
""",
    no_args_is_help=True,
)

COMMANDS = {
    "fetch-lists": ["ingest", "lists", "--live"],
    "rescreen-lists-changed": ["screen", "--lists-changed"],
    "screen-new": ["screen"],
}


def run_job(job: Job) -> int:
    """Run one job as its own `ecgraph` process, which logs JSON lines carrying this job's run id; then
    log the job's end: `job.done`, `job.locked` (exit 75) or `job.failed` with the command's last words."""
    started = datetime.now(UTC)
    run_id = f"job-{job.name}-{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    env = {**os.environ, "ECGRAPH_LOG_JSON": "1", "ECGRAPH_JOB_RUN_ID": run_id}
    proc = subprocess.run([sys.executable, "-m", "ecgraph.cli", *COMMANDS[job.action]], capture_output=True, text=True,
                          check=False, env=env)  # a failed job is logged with its exit code, not raised
    took = round((datetime.now(UTC) - started).total_seconds(), 3)
    sys.stderr.write(proc.stderr)  # the command's own log lines (JSON) and its one-line error, if any
    log = get_logger("ecgraph.cli.jobs")
    fields = {"run_id": run_id, "job": job.name, "action": job.action, "exit_code": proc.returncode,
              "duration_s": took}
    if proc.returncode == 0:
        log.info("job.done", **fields)
    elif proc.returncode == 75:
        log.warning("job.locked", **fields, reason="another screening run holds the lock; the next tick retries")
    else:
        last_words = [line for line in (proc.stderr or proc.stdout).strip().splitlines() if line.strip()][-1:]
        log.error("job.failed", **fields, error=last_words[0][-2000:] if last_words else "no output")
    return proc.returncode


@app.command("list")
def list_jobs(json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Show the schedule and when each job runs next."""
    jobs = load_jobs(load_settings().config_dir)
    rows = [{"name": j.name, "cron": j.cron, "action": j.action, "next_run": when.isoformat()}
            for j, when in next_runs(jobs, datetime.now(UTC))]
    print_rows(rows, ["name", "cron", "action", "next_run"], fmt=OutputFormat.json if json_ else OutputFormat.table,
               title="ecgraph jobs")


@app.command()
def run(
    now: Annotated[str | None, typer.Option("--now", help="Run this job once, now, and exit with its code.")] = None,
) -> None:
    """Run the schedule in the foreground (for systemd, supervisord, a container…)."""
    configure_logging(json_lines=True)  # a scheduler's log is read by machines: JSON lines on stderr
    jobs = load_jobs(load_settings().config_dir)
    if now is not None:
        job = next((j for j in jobs if j.name == now), None)
        if job is None:
            raise EcgraphError(f"no job {now!r}; jobs: {', '.join(j.name for j in jobs)}")
        raise typer.Exit(code=run_job(job))
    console.print(f"ecgraph jobs: {len(jobs)} jobs scheduled; Ctrl-C to stop")
    try:
        run_forever(jobs, run_job)
    except KeyboardInterrupt:
        console.print("stopped")


@app.command()
def unlock(
    force: Annotated[bool, typer.Option("--force", help="Clear the lock even if its holder is a live process.")] = False,
) -> None:
    """Clear the screening lock and mark the runs it covered as failed (for an operator).

    A run that died releases nothing, but its lease lapses within a minute and the next run takes over;
    use this when you cannot wait, or after restoring a backup. A holder that is a live process on this
    host is refused without --force: stop it with `kill -TERM PID` instead (it ends cleanly).
    Exit codes: 0 cleared (or nothing to clear); 75 the holder is alive (retry with --force).
    """
    with open_graph(load_settings()) as graph:
        current = read_lock(graph, LOCK_NAME)
        if current is None:
            console.print("the screening lock is free; nothing to clear")
            return
        holder = str(current["holder"])
        host, _, rest = holder.partition(":")
        alive = not current["expired"] and not holder_is_dead(holder)
        if alive and not force:
            err_console.print(f"the lock is held by {holder} (since {current['since']}), whose lease is live; "
                              f"stop it with `kill -TERM {rest.partition(':')[0]}` on {host}, or use --force",
                              highlight=False, markup=False)
            raise typer.Exit(code=75)
        previous = force_release_lock(graph, LOCK_NAME)
        failed = fail_orphan_runs(graph, "", f"the lock of {previous} was cleared by an operator (jobs unlock)")
    console.print(f"cleared the screening lock of {previous}; {len(failed)} run(s) marked failed"
                  + (f": {', '.join(failed)}" if failed else ""), highlight=False, markup=False)
