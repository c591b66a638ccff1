"""Label company names → declared parties (`rules/labels/match.py`): recall and false links on generated pairs.

A label prints a company the way its maker does (`CO., LTD.`, `Co Ltd`, `株式会社` before or after the name,
one OCR slip); the declaration names it its own way. Positives are a generated company and a respelling of
it, negatives two different generated companies. Two seeded splits: `dev` (seed 1) and `sealed` (a seed
chosen before the matcher moved onto the resolution normaliser, never tuned on). The matcher is the resolution
pair scorer (`company_match`, cutoff `NAME_CUTOFF`); the former token_sort matcher (token_sort_ratio of the
compare forms without legal forms ≥ 85) is measured in the same run as the baseline.

    PYTHONPATH=. .venv/bin/python -m benchmarks.label_linking
"""

from __future__ import annotations

import argparse
import random

from rapidfuzz import fuzz

from benchmarks.labelgen.content import _japanese_company, _latin_company
from ecgraph.rules.labels.match import NAME_CUTOFF, company_match, normalise_company

SPLITS = (("dev", 1), ("sealed", 20261206))


def respell(name: str, rng: random.Random) -> str:
    """The same company as another document prints it."""
    roll = rng.random()
    if roll < 0.2:
        name = name.upper()
    elif roll < 0.4:
        name = name.replace("CO., LTD.", "CO LTD").replace("Co., Ltd.", "Co Ltd").replace(",", "")
    elif roll < 0.5 and name.startswith("株式会社"):
        name = name[4:]
    elif roll < 0.6:
        name = name.replace(".", "")
    if rng.random() < 0.3 and len(name) > 6:  # one OCR slip
        at = rng.randrange(len(name))
        name = name[:at] + rng.choice("O0IL1S5B8") + name[at + 1:]
    return name


# The token_sort matcher labels used before they linked through resolution (the baseline).
BASELINE_CUTOFF = 85.0


def linked(a: str, b: str) -> bool:
    match = company_match(a, {"name": b})
    return match is not None and match.score >= NAME_CUTOFF


def baseline_linked(a: str, b: str) -> bool:
    return fuzz.token_sort_ratio(normalise_company(a), normalise_company(b)) >= BASELINE_CUTOFF


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=3000, help="generated companies per split")
    args = parser.parse_args(argv)
    for split, seed in SPLITS:
        rng = random.Random(seed)
        names = [_latin_company(rng) if rng.random() < 0.7 else _japanese_company(rng) for _ in range(args.names)]
        positives = [(respell(n, rng), n) for n in names]
        negatives = [(respell(a, rng), b) for a, b in zip(names, names[1:] + names[:1], strict=True) if a != b]
        for matcher, link in (("resolution", linked), ("baseline", baseline_linked)):
            found = sum(link(a, b) for a, b in positives)
            wrong = sum(link(a, b) for a, b in negatives)
            print(f"{split:7s} {matcher:10s} recall {found / len(positives):.3f} ({found}/{len(positives)})  "
                  f"false links {wrong / len(negatives):.4f} ({wrong}/{len(negatives)})")


if __name__ == "__main__":
    main()
