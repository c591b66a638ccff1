"""CLI: python -m benchmarks.blindlabels --out DIR --singles N --bursts M --frames F --seed S."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks.blindlabels.write import generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.blindlabels", description=__doc__)
    ap.add_argument("--out", type=Path, required=True, help="folder to write captures into")
    ap.add_argument("--singles", type=int, default=300, help="single captures lbl_NNNN")
    ap.add_argument("--bursts", type=int, default=100, help="bursts lbu_NNNN")
    ap.add_argument("--frames", type=int, default=16, help="frames per burst")
    ap.add_argument("--seed", type=int, default=20261206)
    a = ap.parse_args(argv)
    if a.singles < 0 or a.bursts < 0 or a.frames < 1:
        ap.error("--singles and --bursts must be >= 0 and --frames >= 1")
    t0 = time.perf_counter()
    m = generate(a.out, a.singles, a.bursts, a.frames, a.seed)
    print(f"wrote {len(m['images'])} captures to {a.out} in {time.perf_counter() - t0:.1f} s",  # type: ignore[arg-type]
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
