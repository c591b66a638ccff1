"""One rule over the first N declarations of a kept world: wall and CPU time and the peak memory of the client,
of the Cypher worker process and of the server, each phase against the same-run read of those declarations.

Why: at a million declarations PS-05 searches a 50,000-declaration batch in one query, and the Cypher worker
held that batch's ~1.5M rows of paths until the batch ended (OOM-killed past 8 GB). Running one rule over a
few batches of a kept world (`benchmarks.screening --bulk --world DIR`) shows the worker's memory per batch
without the hours a whole re-screen takes; run it from two checkouts on the same world to compare them.

    python -m benchmarks.rule_memory --world /tmp/w1m --declarations 1000000 --rule PS-05 --first 100000
    python -m benchmarks.rule_memory --world /tmp/w1m --declarations 1000000 --rule lists --first 100000 \
        --targets /tmp/w1m/reached.txt     # the rules a list update re-runs, over what an update reaches

`--rule lists` runs every rule that reads a list (what `screen --lists-changed` runs). With `--targets FILE`
the declarations are those a `--update-entries` watch-list update reaches (`benchmarks.screening`'s update:
re-match, then the declarations the changed matches reach), written to FILE the first time and read from
it afterwards, so a second checkout screens the same declarations.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.screening import (
    BASELINE_OF,
    bench_graph,
    generated,
    next_watch_version,
    rematch_and_reach,
    timed,
    watch_list,
)
from ecgraph.graph import Graph
from ecgraph.graph.sizing import size_for
from ecgraph.rules.engine import screen
from ecgraph.rules.engine.pack import load_rules


def reached_by_update(graph: Graph, data_dir: Path, entries: int, targets: Path) -> list[str]:
    """The declarations a watch-list update of `entries` entries reaches (kept in `targets`)."""
    if targets.exists():
        return targets.read_text(encoding="utf-8").split()
    watch_list(graph, data_dir / "bench-watch.jsonl", next_watch_version(graph, entries), entries, data_dir)
    reached = rematch_and_reach(graph, data_dir / "resolution")
    targets.write_text("\n".join(reached), encoding="utf-8")
    return reached


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--world", type=Path, required=True, help="a world kept by benchmarks.screening --world")
    parser.add_argument("--declarations", type=int, required=True, help="the size the world was built with")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rule", default="PS-05", help="comma-separated rule ids to run, or `lists`: every rule "
                                                        "that reads a list")
    parser.add_argument("--first", type=int, default=100_000, help="declarations to screen (the first by number)")
    parser.add_argument("--targets", type=Path, default=None,
                        help="screen the first of the declarations a watch-list update reaches (kept in this file)")
    parser.add_argument("--update-entries", type=int, default=100, help="entries of that update")
    args = parser.parse_args(argv)
    if not (args.world / "world-built").exists():
        parser.error(f"--world {args.world}: no world built there (run benchmarks.screening --bulk --world first)")
    wanted = {r.strip() for r in args.rule.split(",") if r.strip()}
    if wanted == {"lists"}:
        wanted = {r.id for r in load_rules() if r.reads_lists}
    rules = [r for r in load_rules() if r.id in wanted]
    if {r.id for r in rules} != wanted:
        parser.error(f"--rule: unknown rule ids {sorted(wanted - {r.id for r in rules})}")
    sizing = size_for(args.declarations)
    path = generated(args.declarations, args.seed)
    with bench_graph(path, True, sizing.heap, sizing.pagecache, args.world) as (graph, data_dir, pid, _):
        if args.targets is not None:
            reached = reached_by_update(graph, data_dir, args.update_entries, args.targets)
            print(f"  {len(reached):,} declarations reached by the update ({args.targets})", flush=True)
            numbers = reached[:args.first]
        else:
            numbers = [row["number"] for row in graph.read(
                "MATCH (d:Declaration) RETURN d.number AS number ORDER BY number LIMIT $n", n=args.first)]
        _, base = timed("baseline: read those declarations", lambda: graph.read(BASELINE_OF, numbers=numbers), pid,
                        len(numbers))
        report, seconds = timed(f"{', '.join(sorted(wanted))} over {len(numbers):,} declarations",
                                lambda: screen(graph, mode="all", rules=rules, declarations=numbers), pid, len(numbers))
    print(f"{', '.join(sorted(wanted))}: {seconds:.1f} s over {len(numbers):,} declarations ({seconds / base:.1f}x the "
          f"read of them), {report.alerts_total:,} alerts; time by rule (Cypher rules run beside the predicates):")
    for rule_id, spent in sorted(report.rule_seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {rule_id:<6} {spent:8.2f} s")
    print("time by phase: " + ", ".join(f"{phase} {spent:.1f} s" for phase, spent in report.phase_seconds.items()))


if __name__ == "__main__":
    main()
