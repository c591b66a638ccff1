"""`ecgraph screen`: run the rules over declarations and write alerts.

Exit codes a scheduler understands: 0 the run finished (alerts or not); 1 it failed;
75 another screening run holds the lock (EX_TEMPFAIL: try again later; nothing was written); 2 usage
error; 143 stopped by SIGTERM (the run is marked failed and the lock released).

The lock is taken first: party matching, the schema check and the rules all run under its lease.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ecgraph.cli.cluster import cluster_search
from ecgraph.cli.output import console, err_console, print_json
from ecgraph.graph import Graph, ensure_schema, load_settings, open_graph
from ecgraph.graph.screening import declarations_to_screen, declarations_touched_by_list_changes
from ecgraph.rules.engine import (
    LockHeld,
    ScreeningReport,
    ScreeningStopped,
    new_and_rematched,
    screen,
    screening_lease,
    stop_on_sigterm,
)
from ecgraph.rules.engine.lease import Lease
from ecgraph.rules.engine.pack import load_rules, mass_registration_min
from ecgraph.rules.resolution import rescreen_list_changes, screen_parties

EXIT_LOCKED = 75
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports it


@contextmanager
def _rule_progress(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """Rules done / in all, with elapsed time and an ETA, on stderr (transient; off when not a terminal)."""
    columns = (TextColumn("screening: {task.fields[rule]}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True, disable=quiet) as bar:
        task = bar.add_task("rules", total=None, rule="matching parties")

        def advance(rule_id: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, rule=rule_id)

        yield advance


def screen_command(
    all_: Annotated[bool, typer.Option("--all", help="Screen every declaration, not only new ones.")] = False,
    lists_changed: Annotated[bool, typer.Option("--lists-changed", help="Re-screen parties against list entries added or changed since the last run, then their declarations.")] = False,
    declaration: Annotated[list[str] | None, typer.Option("--declaration", "-d", help="Screen these declarations only.")] = None,
    rules_changed: Annotated[bool, typer.Option(
        "--rules-changed", help="After a rule-pack change: re-run only the rules whose version is new since the last "
                                "run, over every declaration.")] = False,
    no_match: Annotated[bool, typer.Option("--no-match", help="Skip party-to-list matching before the rules.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print the run report as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", help="Match parties on a running Dask cluster (scheduler address, e.g. tcp://host:8786); "
                          "this process still writes every result. --lists-changed re-matching stays local.")] = None,
) -> None:
    """Screen declarations with every active rule and write alerts (new declarations by default).

    Examples:

      ecgraph screen                      # what is new since the last run

      ecgraph screen --all --json         # everything, report as JSON

      ecgraph screen --lists-changed      # after a list update: only what the changed entries touch

      ecgraph screen --rules-changed      # after a rule-pack change: only the changed rules, everything

    Exit codes: 0 finished, 1 failed, 75 another run holds the lock (retry later; nothing was written),
    143 stopped by SIGTERM (run marked failed, lock released). A run that died is marked failed by the
    next one; `ecgraph jobs unlock` clears a lock by hand.
    """
    settings = load_settings()
    mode = "all" if all_ else "lists-changed" if lists_changed else "rules-changed" if rules_changed else "new"
    with open_graph(settings) as graph:
        try:
            with stop_on_sigterm(), screening_lease(graph) as lease:
                if lease.failed_runs:
                    err_console.print(f"marked {len(lease.failed_runs)} dead run(s) failed: "
                                      f"{', '.join(lease.failed_runs)}", highlight=False)
                report = _screen_under_lease(graph, settings.index_dir, lease, mode=mode,
                                             lists_changed=lists_changed, no_match=no_match,
                                             all_=all_ or rules_changed,
                                             declaration=declaration, quiet=quiet or json_, cluster=cluster)
        except LockHeld as exc:
            console.print(f"[yellow]{exc}[/]")
            raise typer.Exit(code=EXIT_LOCKED) from exc
        except ScreeningStopped as exc:
            err_console.print(f"[yellow]{exc}[/]")
            raise typer.Exit(code=EXIT_TERMINATED) from exc
    if json_:
        print_json(report.to_dict())
        return
    console.print(f"Screened {report.declarations} declarations in {report.duration_s:.1f} s (run {report.run_id}): "
                  f"{report.alerts_total} alerts firing, {report.alerts_new} new, {report.alerts_closed} closed, "
                  f"{report.suppressed} findings suppressed by analysts' decisions.")
    if report.by_severity:
        console.print("  by severity: " + ", ".join(f"{k} {v}" for k, v in sorted(report.by_severity.items())))
    if report.inactive:
        console.print(f"  {len(report.inactive)} rules inactive (see `ecgraph rules list`).")


def _screen_under_lease(graph: Graph, cache_dir: Path, lease: Lease, *, mode: str, lists_changed: bool,
                        no_match: bool, all_: bool, declaration: list[str] | None, quiet: bool,
                        cluster: str | None = None) -> ScreeningReport:
    """Everything `screen` writes, in order, while the lease is held."""
    ensure_schema(graph)
    targets = None
    if lists_changed:
        # Every party against only the entries added, changed or removed since the last matching;
        # then the declarations those changes can reach. With no matching on record, everything.
        delta = rescreen_list_changes(graph, cache_dir=cache_dir)
        targets = (declarations_to_screen(graph, mode="all") if delta.whole_index else
                   declarations_touched_by_list_changes(graph, delta.parties_changed, delta.entries,
                                                        mass_registration_min=mass_registration_min(load_rules())))
        if not quiet:
            console.print(f"List changes since the last matching: {delta.changed_entries} entries added or "
                          f"changed, {delta.removed_entries} removed; {len(delta.parties_changed)} of "
                          f"{delta.parties} parties' matches changed; {len(targets)} declarations to re-screen.")
    elif not no_match:
        # Parties are (re)matched first; the index rebuilds only when a list version changed, and a
        # party is re-screened only when it or the index changed. Declarations of parties whose
        # matches changed are screened again with the new ones.
        matched = screen_parties(graph, cache_dir=cache_dir, search=cluster_search(cluster, quiet))
        if not all_ and not declaration:
            targets = new_and_rematched(graph, matched.parties_changed)
    lease.ensure_held()
    with _rule_progress(quiet) as progress:
        return screen(graph, mode=mode, numbers=declaration or None, declarations=targets, progress=progress,
                      lease=lease)
