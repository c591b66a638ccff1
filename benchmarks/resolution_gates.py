"""Which v11 gate rejects a true match: the lost dev pairs of the resolution benchmark, one line each.

    PYTHONPATH=. .venv/bin/python -m benchmarks.resolution_gates [--quick] [--mode perturbed|withheld]

Matcher v11 (issue 21) caps a pair's score with three gates (`rules/resolution/score.py`): a match found
through a name's sound needs its distinctive tokens to agree (`sound_generic`; between company names even
without generic words: `sound_company`), two Latin names spelt as written that share generic words need their
distinctive tokens to agree (`spelt_generic`), and two kanji / kana names need their distinctive characters
to agree (`cjk_characters`). For every dev positive whose target scores below the default threshold, each
gate is lifted alone and the query scored again; the line names the gates whose lifting alone finds it (or
`all` when only lifting every gate does, `-` when no gate is the reason: blocking or plain dissimilarity).
Only the dev side is printed: the sealed side is for `benchmarks.resolution`'s report, never for tuning.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any

from benchmarks.resolution import _eval_set, _query, dev_or_sealed
from benchmarks.resolution_eval import EvalQuery
from ecgraph.rules.resolution import DEFAULT_THRESHOLD, ResolutionIndex, SearchOptions, search_many
from ecgraph.rules.resolution import score as score_module


@contextmanager
def _patched(name: str, value: Any) -> Iterator[None]:
    old = getattr(score_module, name)
    setattr(score_module, name, value)
    try:
        yield
    finally:
        setattr(score_module, name, old)


def _without_company_reading() -> Any:
    original: Callable[..., float] = score_module._sound_evidence

    def sound(sim: float, fa: str, fb: str, company: bool = False) -> float:
        return original(sim, fa, fb, False)
    return _patched("_sound_evidence", sound)


GATES: dict[str, Callable[[], Any]] = {
    "sound_company": _without_company_reading,
    "sound_generic": lambda: _patched("DISTINCTIVE_AGREEMENT", -1.0),
    "spelt_generic": lambda: _patched("SPELT_DISTINCTIVE_AGREEMENT", -1.0),
    "cjk_characters": lambda: _patched("_cjk_cap", lambda a, b: 1.0),
}


def _target_scores(index: ResolutionIndex, queries: Sequence[EvalQuery]) -> list[tuple[float, str, str]]:
    """(target score, matched target name, method) per query, in one process (the gates are patched here)."""
    out = []
    for q, matches in zip(queries, search_many(index, (_query(q) for q in queries),
                                               SearchOptions(0.5, limit=20), workers=1), strict=True):
        hits = [m for m in matches if m.entry_id == q.target]
        best = max(hits, key=lambda m: m.score, default=None)
        out.append((best.score, best.name_pair.matched, best.name_pair.method) if best else (0.0, "", ""))
    return out


def diagnose(index: ResolutionIndex, queries: Sequence[EvalQuery]) -> list[tuple[EvalQuery, tuple[float, str, str],
                                                                                 list[str], tuple[float, str, str]]]:
    """Each lost query with its score, the gates whose lifting finds it, and its score with every gate lifted."""
    base = _target_scores(index, queries)
    lost = [(q, s) for q, s in zip(queries, base, strict=True) if s[0] < DEFAULT_THRESHOLD]
    lost_queries = [q for q, _ in lost]
    found_by: dict[str, list[bool]] = {}
    for gate, lift in GATES.items():
        with lift():
            found_by[gate] = [s[0] >= DEFAULT_THRESHOLD for s in _target_scores(index, lost_queries)]
    with ExitStack() as stack:
        for lift in GATES.values():
            stack.enter_context(lift())
        free = _target_scores(index, lost_queries)
    rows = []
    for i, (q, s) in enumerate(lost):
        gates = [g for g in GATES if found_by[g][i]] or (["all"] if free[i][0] >= DEFAULT_THRESHOLD else ["-"])
        rows.append((q, s, gates, free[i]))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks.resolution_gates")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--mode", choices=("perturbed", "withheld"), action="append")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    data = _eval_set(args.quick)
    for mode in args.mode or ["perturbed", "withheld"]:
        entries = data.entries if mode == "perturbed" else data.withheld_entries()
        queries = [q for q in (data.perturbed if mode == "perturbed" else data.withheld)
                   if dev_or_sealed(q) == "dev"]
        names = {e["id"]: [n["value"] for n in e["names"]] for e in entries}
        rows = diagnose(ResolutionIndex.build(entries), queries)
        print(f"\n## {mode} dev: {len(rows)} of {len(queries)} positives below {DEFAULT_THRESHOLD}; "
              f"by gate: {dict(Counter(g for _, _, gates, _ in rows for g in gates))}")
        for q, (score, matched, method), gates, (free, free_name, free_method) in rows:
            target_names = " | ".join(names.get(q.target or "", [])[:4])
            print(f"{q.kind:<16} {','.join(gates):<28} {score:.2f} {method or '-':<18} -> {free:.2f} {free_method or '-':<18}"
                  f" {q.name!r} ~ {free_name or matched!r}  [{target_names}]")


if __name__ == "__main__":
    main()
