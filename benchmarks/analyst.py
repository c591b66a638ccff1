"""Analyst look-ups on a loaded graph: party name search (full-text index vs a CONTAINS scan, the
baseline), explain, party overview and path, all in the same run on the same throwaway server; then
the start-up of every analyst command, as the `ecgraph` script runs it, in a fresh process each time.

    .venv/bin/python -m benchmarks.analyst [--declarations 20000] [--seed 42] [--samples 50] [--runs 7]
    .venv/bin/python -m benchmarks.analyst --startup-only [--runs 7]   # commands against your database
                                                                       # (after `make demo`: the demo graph)

Generates declarations (ecgraph.demo.declarations), loads them with the real loader into a
Neo4j of its own, then times each look-up over the same sampled parties / declarations and prints
medians in milliseconds and the ratio against the CONTAINS scan. The command start-ups are medians of
`ecgraph …` runs (warm: after one unmeasured run) in wall-clock time and in the process's CPU time, each
with its ratio against two baselines measured in the same run: the bare interpreter (`python -c pass`), and
`ecgraph --help` as it started before commands were loaded lazily (importing the whole application,
`ecgraph.cli.app`). On a shared machine the wall clock says what the analyst waits and the CPU time what
the command costs; the load average is printed before and after. The commands run from bytecode, as an
installed ecgraph does (PYTHONDONTWRITEBYTECODE is dropped and the bytecode kept in a temporary
PYTHONPYCACHEPREFIX). Goals (issue 17): `--help` < 0.5 s, `alerts list`, `explain`, `search` < 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from typing import Any

from benchmarks._server import throwaway_server
from ecgraph.demo.declarations import generate
from ecgraph.graph import Graph, Settings, apply_schema, load_settings, open_graph
from ecgraph.graph.analyst import (
    PARTY_BY_NAME,
    PARTY_CONTAINS,
    declaration_overview,
    find_nodes,
    lucene_terms,
    party_overview,
    shortest_path,
)
from ecgraph.ingest.declarations import load_file


def _median_ms(samples: list[Any], run: Callable[[Any], object]) -> float:
    run(samples[0])  # plan the query once, as an analyst's second look-up would find it
    timings = []
    for sample in samples:
        started = time.perf_counter()
        run(sample)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--declarations", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7, help="Runs of each command (after one warm-up run).")
    parser.add_argument("--startup-only", action="store_true",
                        help="Only the command start-ups, against the configured database (e.g. make demo's).")
    args = parser.parse_args(argv)
    if args.startup_only:
        _startup_report(load_settings(), dict(os.environ), args.runs)
        return
    with throwaway_server(prefix="ecgraph-bench-analyst-") as bench, bench.graph() as graph:
        work = bench.home
        apply_schema(graph)
        generate(args.declarations, args.seed, work / "declarations.jsonl")
        load_file(graph, work / "declarations.jsonl", state_dir=work / "state")
        _report(graph, args)
        env = {**os.environ, "NEO4J_URI": bench.server.bolt_uri, "NEO4J_USER": bench.settings.user,
               "NEO4J_PASSWORD": bench.settings.password or "", "ECGRAPH_DATA_DIR": str(bench.settings.data_dir),
               "ECGRAPH_CACHE_DIR": str(work / "cache")}
        _ecgraph(["ingest", "lists", "us_dod_1260h", "--quiet"], env)  # a real list, so `search` has an index
        _startup_report(load_settings(env), env, args.runs)


def _report(graph: Graph, args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    parties = graph.read("MATCH (p:Party) RETURN p.key AS key, p.name AS name")
    numbers = [r["n"] for r in graph.read("MATCH (d:Declaration) RETURN d.number AS n")]
    sample = rng.sample(parties, min(args.samples, len(parties)))
    words = [max(p["name"].split(), key=len) for p in sample]  # one distinctive word of each name
    decls = rng.sample(numbers, min(args.samples, len(numbers)))
    contains = _median_ms(words, lambda w: graph.read(PARTY_CONTAINS, text=w, limit=10))
    results = {
        "party name, CONTAINS scan (baseline)": contains,
        "party name, full-text index": _median_ms(words, lambda w: graph.read(PARTY_BY_NAME, lucene=lucene_terms(w), limit=10)),
        "explain DECLARATION": _median_ms(decls, lambda n: declaration_overview(graph, n)),
        "party KEY (overview)": _median_ms([p["key"] for p in sample], lambda k: party_overview(graph, k)),
        "path DECLARATION DECLARATION": _median_ms(list(zip(decls, decls[1:] + decls[:1])), lambda ab: shortest_path(
            graph, find_nodes(graph, ab[0])[0]["element_id"], find_nodes(graph, ab[1])[0]["element_id"])),
    }
    print(f"\n{len(numbers):,} declarations, {len(parties):,} parties, {len(words)} samples, median ms")
    print(f"{'look-up':<40}{'ms':>10}{'vs CONTAINS':>14}")
    for name, ms in results.items():
        print(f"{name:<40}{ms:>10.1f}{ms / contains:>13.2f}x")


ECGRAPH = [sys.executable, "-c", "from ecgraph.cli.entry import main; main()"]


def _ecgraph(args: list[str], env: Mapping[str, str]) -> float:
    """Seconds one `ecgraph ARGS` takes, start to exit, in a fresh process (it must succeed)."""
    return _timed([*ECGRAPH, *args], env)[0]


def _timed(command: list[str], env: Mapping[str, str], ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of the process): on a shared machine the second says what the
    command itself costs, the first what the analyst waits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env={**env, "COLUMNS": "160"}, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(command[3:])} failed ({done.returncode}): {done.stderr[-500:]}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _median_s(command: list[str], env: Mapping[str, str], runs: int,
              ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    _timed(command, env, ok)  # warm: the OS file cache, the search index on disk, the server's query plans
    timings = [_timed(command, env, ok) for _ in range(runs)]
    return statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)


def _startup_commands(settings: Settings) -> list[tuple[str, list[str], tuple[int, ...]]]:
    """The analyst's commands with ids that exist in this database."""
    with open_graph(settings) as graph:
        declaration = graph.read("MATCH (d:Declaration) RETURN d.number AS n ORDER BY d.number LIMIT 1")
        alert = graph.read("MATCH (a:Alert) RETURN a.id AS id ORDER BY a.id LIMIT 1")
        entry = graph.read("MATCH (e:ListEntry) WHERE e.status = 'active' RETURN e.name AS name "
                           "ORDER BY e.id LIMIT 1")
        party = graph.read("MATCH (p:Party) RETURN p.key AS key ORDER BY p.key LIMIT 1")
    number = declaration[0]["n"] if declaration else "0"
    commands: list[tuple[str, list[str], tuple[int, ...]]] = [
        ("ecgraph --help", ["--help"], (0,)),
        ("ecgraph alerts --help", ["alerts", "--help"], (0,)),
        ("ecgraph alerts list", ["alerts", "list"], (0,)),
        ("ecgraph explain DECLARATION", ["explain", number], (0,)),
        ("ecgraph search NAME", ["search", entry[0]["name"] if entry else "Tako LLC", "--json"], (0,)),
        ("ecgraph lists status", ["lists", "status"], (0,)),
    ]
    if party:
        commands.append(("ecgraph party KEY", ["party", party[0]["key"]], (0,)))
        commands.append(("ecgraph path DECLARATION KEY", ["path", number, party[0]["key"], "--max-hops", "4"], (0, 3)))
    if alert:
        commands.append(("ecgraph alerts show ID", ["alerts", "show", alert[0]["id"]], (0,)))
    return commands


# command label -> the goal (seconds) issue 17 sets for it
GOALS = {"ecgraph --help": 0.5, "ecgraph alerts list": 1.0, "ecgraph explain DECLARATION": 1.0,
         "ecgraph search NAME": 1.0}


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (5 min: {five:.1f})"


def _startup_report(settings: Settings, env: Mapping[str, str], runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ecgraph-bench-pycache-") as pycache:
        env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pycache  # bytecode written by the warm-up run, outside the checkout
        _startup_table(settings, env, runs)


def _startup_table(settings: Settings, env: Mapping[str, str], runs: int) -> None:
    load_before = _load()
    interpreter, interpreter_cpu = _median_s([sys.executable, "-c", "pass"], env, runs)
    eager_help = ("import sys; sys.argv = ['ecgraph', '--help']\n"
                  "from ecgraph.cli.app import app\nfrom ecgraph.cli.entry import run\nrun(app)")
    eager, eager_cpu = _median_s([sys.executable, "-c", eager_help], env, runs)
    rows = [("python -c pass (baseline)", interpreter, interpreter_cpu), ("eager --help (baseline)", eager, eager_cpu)]
    for name, args, ok in _startup_commands(settings):
        rows.append((name, *_median_s([*ECGRAPH, *args], env, runs, ok)))
    print(f"\ncommand start-up to exit, medians of {runs} warm runs, seconds: wall clock and the process's CPU "
          f"time, each against `python -c pass` in this run (load average {load_before} before, {_load()} after, "
          f"{os.cpu_count()} cores)")
    print(f"{'command':<34}{'wall s':>8}{'cpu s':>8}{'wall/py':>9}{'cpu/py':>9}{'vs eager --help':>17}{'goal':>8}")
    for name, seconds, cpu in rows:
        goal = GOALS.get(name)
        verdict = "" if goal is None else f"<{goal:g} " + ("ok" if seconds < goal else "cpu ok" if cpu < goal else "no")
        print(f"{name:<34}{seconds:>8.2f}{cpu:>8.2f}{seconds / interpreter:>8.1f}x{cpu / max(interpreter_cpu, 1e-3):>8.1f}x"
              f"{seconds / eager:>16.2f}x{verdict:>10}")
    print("goal: `ok` the median wall clock is under it; `cpu ok` only the CPU time is (a loaded machine)")


if __name__ == "__main__":
    main()
