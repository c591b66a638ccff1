"""Which v11 gate rejects a true match: the lost dev pairs of the resolution benchmark, one line each.

    PYTHONPATH=. .venv/bin/python -m benchmarks.resolution_gates [--quick] [--mode perturbed|withheld]
    PYTHONPATH=. .venv/bin/python -m benchmarks.resolution_gates --perturb-seeds 10,11,12 [--per-kind 300]

Matcher v11 (issue 21) caps a pair's score with three gates (`rules/resolution/score.py`): a match found
through a name's sound needs its distinctive tokens to agree (`sound_generic`; between company names even
without generic words: `sound_company`), two Latin names spelt as written that share generic words need their
distinctive tokens to agree (`spelt_generic`), and two kanji / kana names need their distinctive characters
to agree (`cjk_characters`). For every dev positive whose target scores below the default threshold, each
gate is lifted alone and the query scored again; the line names the gates whose lifting alone finds it (or
`all` when only lifting every gate does, `-` when no gate is the reason: blocking or plain dissimilarity).
Only the dev side is printed: the sealed side is for `benchmarks.resolution`'s report, never for tuning.

`--perturb-seeds` widens the dev view of the perturbed mode: the benchmark's seed 9 gives ~740 dev queries
and too few losses of some kinds to learn from (none in transliteration or legal forms at v16). For each
seed listed, the perturbations of `resolution_eval` are drawn again from dev entries only (a sealed entry is
never perturbed, searched or printed), and the lines give recall and precision by kind against the dev
negatives, then every lost pair and every pair won by another entry, with the gate diagnosis above.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any

from benchmarks.resolution import _eval_set, _query, dev_or_sealed
from benchmarks.resolution_eval import _LEGAL_RE, PERTURBATIONS, EvalQuery, _latin_names
from benchmarks.resolution_messy import split_of
from ecgraph.rules.resolution import (
    DEFAULT_THRESHOLD,
    ResolutionIndex,
    SearchOptions,
    normalize_name,
    search_many,
)
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


def dev_perturbations(entries: Sequence[dict[str, Any]], seed: int, per_kind: int) -> list[EvalQuery]:
    """`per_kind` perturbed queries of each kind made from dev entries only, as `build_eval_set` makes them
    (same edits, same choice of source name), with another seed. Sealed entries are filtered out before
    anything is drawn, so nothing here depends on or reveals them."""
    rng = random.Random(seed)
    dev = [e for e in entries if split_of(e["id"]) == "dev"]
    order = list(range(len(dev)))
    rng.shuffle(order)
    out: list[EvalQuery] = []
    for kind, perturb in PERTURBATIONS.items():
        made = 0
        for i in order[rng.randrange(len(order)):] + order:
            if made >= per_kind:
                break
            entry = dev[i]
            latin = list(_latin_names(entry))
            if not latin:
                continue
            source = latin[0] if kind != "legal_form" else next((n for n in latin if _LEGAL_RE.search(n)), None)
            if source is None or kind == "token_order" and entry["entity_type"] != "person":
                continue
            query = perturb(source, rng)
            if not query or normalize_name(query) == normalize_name(source) and kind in ("typo", "translit_variant"):
                continue
            out.append(EvalQuery(query, kind, entry["id"], entry["entity_type"], source))
            made += 1
    return out


def _outcomes(index: ResolutionIndex, queries: Sequence[EvalQuery]) -> list[tuple[float, float, str]]:
    """(target score, best other score, best other name) per query at the default options."""
    out = []
    for q, matches in zip(queries, search_many(index, (_query(q) for q in queries), SearchOptions(0.5, limit=20)),
                          strict=True):
        target = max((m.score for m in matches if m.entry_id == q.target), default=0.0)
        other = max((m for m in matches if m.entry_id != q.target), key=lambda m: m.score, default=None)
        out.append((target, other.score if other else 0.0, other.name_pair.matched if other else ""))
    return out


def report_extra_seeds(seeds: Sequence[int], per_kind: int, quick: bool) -> None:
    """Recall / precision by kind and the lost dev pairs of perturbations drawn with other seeds."""
    data = _eval_set(quick)
    index = ResolutionIndex.build(data.entries)
    names = {e["id"]: [n["value"] for n in e["names"]] for e in data.entries}
    negatives = [q for q in data.negatives if dev_or_sealed(q) == "dev"]
    flagged = sum(1 for t, o, _ in _outcomes(index, negatives) if max(t, o) >= DEFAULT_THRESHOLD)
    t = DEFAULT_THRESHOLD
    print(f"# perturbed, dev entries only, seeds {','.join(map(str, seeds))}, {per_kind} per kind and seed; "
          f"{len(negatives)} dev negatives, {flagged} flagged at {t}")
    queries = [q for seed in seeds for q in dev_perturbations(data.entries, seed, per_kind)]
    outcomes = _outcomes(index, queries)
    tp = sum(1 for target, _, _ in outcomes if target >= t)
    fp = sum(1 for target, other, _ in outcomes if target < t and other >= t) + flagged
    print(f"  all: R {tp / max(1, len(queries)):.4f} ({tp}/{len(queries)}) P {tp / max(1, tp + fp):.4f} "
          f"(false: {fp - flagged} won by another entry + {flagged} negatives)")
    for kind in PERTURBATIONS:
        sub = [o for q, o in zip(queries, outcomes, strict=True) if q.kind == kind]
        found = sum(1 for target, _, _ in sub if target >= t)
        wrong = sum(1 for target, other, _ in sub if target < t and other >= t)
        print(f"  {kind:<16} R {found / max(1, len(sub)):.4f} ({found}/{len(sub)}), won by another entry {wrong}")
    print("\n## won by another entry (target below the threshold, another entry at or above it)")
    for q, (target, other, other_name) in zip(queries, outcomes, strict=True):
        if target < t <= other:
            print(f"{q.kind:<16} {target:.2f} < {other:.2f} {q.name!r} ~ {other_name!r}  (source {q.source_name!r})")
    lost = [q for q, (target, _, _) in zip(queries, outcomes, strict=True) if target < t]
    rows = diagnose(index, lost)
    print(f"\n## lost: {len(rows)}; by gate: {dict(Counter(g for _, _, gates, _ in rows for g in gates))}")
    for q, (score, matched, method), gates, (free, free_name, free_method) in sorted(rows, key=lambda r: r[0].kind):
        target_names = " | ".join(names.get(q.target or "", [])[:4])
        print(f"{q.kind:<16} {','.join(gates):<28} {score:.2f} {method or '-':<18} -> {free:.2f} {free_method or '-':<18}"
              f" {q.name!r} ~ {free_name or matched!r}  (source {q.source_name!r}) [{target_names}]")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks.resolution_gates")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--mode", choices=("perturbed", "withheld"), action="append")
    parser.add_argument("--perturb-seeds", help="comma-separated seeds: perturb dev entries again with each (not 9)")
    parser.add_argument("--per-kind", type=int, default=300, help="with --perturb-seeds: queries per kind and seed")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    if args.perturb_seeds:
        report_extra_seeds([int(s) for s in args.perturb_seeds.split(",")], args.per_kind, args.quick)
        return
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
