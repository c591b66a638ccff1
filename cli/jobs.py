"""`ecgraph jobs`: the schedule in the config (cron expressions), run in the foreground.

Each job runs as its own `ecgraph` process, so a crash in one never stops the scheduler, and its exit
code is logged (75 = another screening run held the lock; it runs again at its next time).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from typing import Annotated

import typer

from ecgraph.cli.output import OutputFormat, console, err_console, print_rows
from ecgraph.graph import load_settings
from ecgraph.rules.engine.jobs import Job, load_jobs, next_runs, run_forever
from ecgraph.schemas.errors import EcgraphError

app = typer.Typer(
    help="""Scheduled work: fetch lists, re-screen on list changes, screen new declarations.

Jobs are `[[jobs]]` tables in ~/.config/ecgraph/config.toml (name, cron, action); without them the
default schedule applies. Run `ecgraph jobs run` under systemd or another service manager, or call
the same commands from cron (see the README).

Examples:

  ecgraph jobs list                 # the schedule and each job's next run

  ecgraph jobs run                  # run the schedule in the foreground

  ecgraph jobs run --now screen-new # run one job once, now
""",
    no_args_is_help=True,
)

COMMANDS = {
    "fetch-lists": ["ingest", "lists", "--live"],
    "rescreen-lists-changed": ["screen", "--lists-changed"],
    "screen-new": ["screen"],
}


def run_job(job: Job) -> int:
    started = datetime.now(UTC)
    proc = subprocess.run([sys.executable, "-m", "ecgraph.cli", *COMMANDS[job.action]], capture_output=True, text=True,
                          check=False)  # a failed job is logged with its exit code, not raised
    took = (datetime.now(UTC) - started).total_seconds()
    line = f"{started:%Y-%m-%dT%H:%M:%SZ} job {job.name} ({job.action}) exit {proc.returncode} in {took:.1f} s"
    (console if proc.returncode == 0 else err_console).print(line, highlight=False, markup=False)
    if proc.returncode not in (0, 75):
        err_console.print((proc.stderr or proc.stdout).strip()[-2000:], highlight=False, markup=False)
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
