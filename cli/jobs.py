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
from ecgraph.graph import load_settings, open_graph
from ecgraph.graph.screening import fail_orphan_runs, force_release_lock, read_lock
from ecgraph.rules.engine.jobs import Job, load_jobs, next_runs, run_forever
from ecgraph.rules.engine.lease import LOCK_NAME, holder_is_dead
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
