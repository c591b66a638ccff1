"""Search speed of this tree's matcher against a baseline tree's, measured in the same run.

    PYTHONPATH=. .venv/bin/python -m benchmarks.resolution_speed [--baseline /work/main] [--quick] [--repeat 3] [--rounds 2] [--sample N]

Each side runs in a process of its own, with its own tree's `ecgraph` (the baseline through that tree's
`.venv`; this module and the evaluation set are shared, so both search the same queries): it builds the index
of the resolution benchmark, saves it (the size on disk), then times `search_many` over the perturbed queries
and the negatives from cold query caches, in one process and on every core, `--repeat` times. The sides run
one after the other, `--rounds` times in alternating order (two: baseline, this, this, baseline), so a change
of load on a shared machine falls on both. Each run gives its wall-clock rate and its CPU-seconds (this process and
its worker processes, `getrusage`); resolution is pure Python with no Neo4j server, so the CPU is the
client's alone. The two-idle-core rate is queries / (CPU-seconds / 2) for the run on every core; the one-process
run can use one core only, so its CPU rate is queries / CPU-seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(quick: bool, repeat: int, sample: int = 0) -> dict[str, Any]:
    """One side's figures, in this process (imports here: the side's `ecgraph` is whatever this interpreter finds)."""
    from benchmarks.resolution import _eval_set, _query, clear_query_caches
    from ecgraph.rules.resolution import (
        DEFAULT_THRESHOLD,
        MATCHER_VERSION,
        ResolutionIndex,
        SearchOptions,
        search_many,
    )
    from ecgraph.rules.resolution.batch import worker_count

    data = _eval_set(quick)
    start = time.perf_counter()
    index = ResolutionIndex.build(data.entries)
    build_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="ecg-speed-") as folder:
        path = Path(folder) / "resolution.index"
        index.save(path)
        size = path.stat().st_size
    chosen = data.perturbed + data.negatives
    if sample and sample < len(chosen):  # evenly spread, so every kind and the negatives keep their shares
        chosen = [chosen[i * len(chosen) // sample] for i in range(sample)]
    queries = [_query(q) for q in chosen]
    options = SearchOptions(DEFAULT_THRESHOLD)
    runs: dict[str, list[tuple[float, float]]] = {"one": [], "all": []}
    for _ in range(repeat):
        for mode, workers in (("one", 1), ("all", None)):
            clear_query_caches()
            cpu0, wall0 = _cpu_seconds(), time.perf_counter()
            found = sum(len(m) for m in search_many(index, iter(queries), options, workers=workers))
            runs[mode].append((time.perf_counter() - wall0, _cpu_seconds() - cpu0))
    return {"matcher": MATCHER_VERSION, "code": str(Path(sys.modules["ecgraph.rules.resolution"].__file__ or "").parent),
            "forms": len(index.forms), "keys": len(index.keys), "postings": len(index.key_postings),
            "index_bytes": size, "build_s": build_s, "queries": len(queries), "matches": found,
            "workers": worker_count(), "runs": runs}


def _side(python: Path, quick: bool, repeat: int, sample: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [str(python), "-m", "benchmarks.resolution_speed", "--measure", "--repeat", str(repeat), "--sample", str(sample)]
    done = subprocess.run(args + (["--quick"] if quick else []), capture_output=True, text=True, env=env, cwd=REPO,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"{python} failed: {done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _rates(results: list[dict[str, Any]], mode: str) -> tuple[float, float, float]:
    """(median wall queries/s, median CPU queries/s, median CPU-seconds) over every run of one side."""
    runs = [r for result in results for r in result["runs"][mode]]
    queries = results[0]["queries"]
    wall = statistics.median(queries / w for w, _ in runs)
    cores = 2 if mode == "all" else 1
    cpu = statistics.median(queries / (c / cores) for _, c in runs)
    return wall, cpu, statistics.median(c for _, c in runs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks.resolution_speed")
    parser.add_argument("--baseline", type=Path, default=Path("/work/main"), help="tree of the baseline (its .venv)")
    parser.add_argument("--quick", action="store_true", help="the quick evaluation set (60 per kind)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=0, help="search this many of the queries (evenly spread)")
    parser.add_argument("--rounds", type=int, default=2, help="1: baseline then this; 2: baseline, this, this, baseline")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    if args.measure:
        print(json.dumps(measure(args.quick, args.repeat, args.sample)))
        return
    pythons = {"baseline": args.baseline / ".venv" / "bin" / "python", "this": REPO / ".venv" / "bin" / "python"}
    results: dict[str, list[dict[str, Any]]] = {"baseline": [], "this": []}
    loads = [os.getloadavg()[0]]
    order = [("baseline", "this") if r % 2 == 0 else ("this", "baseline") for r in range(max(1, args.rounds))]
    for side in (s for pair in order for s in pair):
        results[side].append(_side(pythons[side], args.quick, args.repeat, args.sample))
        loads.append(os.getloadavg()[0])
    base, this = results["baseline"][0], results["this"][0]
    print(f"# resolution search speed: {this['queries']:,} queries (perturbed + negatives), "
          f"{args.repeat} runs per process, {max(1, args.rounds)} process(es) per side; load average (1 min) {min(loads):.1f}-{max(loads):.1f} "
          f"during the run; {this['workers']} workers; no Neo4j (CPU is the client's and its workers')")
    for name, result in (("baseline", base), ("this", this)):
        print(f"  {name:<8} {result['matcher']} ({result['code']}): {result['forms']:,} forms, {result['keys']:,} keys, "
              f"{result['postings']:,} postings, index file {result['index_bytes'] / 2**20:.0f} MiB, "
              f"built in {statistics.median(r['build_s'] for r in results[name]):.0f} s")
    for mode, label in (("one", "one process"), ("all", "every core")):
        b, t = _rates(results["baseline"], mode), _rates(results["this"], mode)
        cpu_label = "CPU rate (1 core)" if mode == "one" else "two-idle-core rate"
        for name, (wall, cpu, seconds) in (("baseline", b), ("this", t)):
            print(f"  {label:<12} {name:<8} wall {wall:7.1f} q/s; {cpu_label} {cpu:7.1f} q/s ({seconds:.1f} CPU-s a run)")
        print(f"  {label:<12} ratio this/baseline: wall {t[0] / b[0]:.2f}x, CPU {t[1] / b[1]:.2f}x")


if __name__ == "__main__":
    main()
