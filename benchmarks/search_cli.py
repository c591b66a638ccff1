"""`ecgraph search NAME` as an analyst runs it: whole-process wall time, the quick entry point against
the full application (the baseline), in the same run.

    .venv/bin/python -m benchmarks.search_cli [--runs 7] [NAME ...]

Runs against the configured database (`ecgraph db status`; lists loaded, e.g. by `make demo`). The
first run of each warms the index cache and the OS page cache and is not counted; medians of the rest.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

ENTRY = "from ecgraph.cli.entry import main; main()"
FULL = "from ecgraph.cli.app import app; from ecgraph.cli.entry import run; run(app)"  # every command imported first


def _seconds(code: str, args: Sequence[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ecgraph {' '.join(args)} failed: {done.stderr.strip()[-300:]}")
    return elapsed


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks.search_cli")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("names", nargs="*", default=["Rosoboronexport", "Автел Роботикс", "Beihang University"])
    args = parser.parse_args(argv)
    print(f"# ecgraph search, whole process, median of {args.runs} runs per name (first run not counted)")
    ratios = []
    for name in args.names:
        command = ["search", name, "--json"]
        medians = {}
        for label, code in (("full app", FULL), ("entry", ENTRY)):
            _seconds(code, command)
            medians[label] = statistics.median(_seconds(code, command) for _ in range(args.runs))
        ratios.append(medians["full app"] / medians["entry"])
        print(f"  {name!r:<24} full app {medians['full app']:.2f} s · quick entry {medians['entry']:.2f} s · "
              f"{ratios[-1]:.2f}x")
    print(f"  median ratio {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
