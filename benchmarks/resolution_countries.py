"""Does a publisher's raw country string cost recall? (issue #21)

    .venv/bin/python -m benchmarks.resolution_countries [--quick]

The perturbed queries of `benchmarks/resolution_eval.py` get their target entry's country three ways:
as ISO codes, as a country string a publisher of the bundled lists wrote for that code (`NORTH KOREA`,
`Korea, North`, `Russian`, `Region: Crimea` …, collected by parsing every bundled list), and that same
string passed through unread, upper-cased, as `ecgraph search --country` did before the one reader
(`NORTH KOREA ~ KP` was a disagreement). Recall and precision at the default threshold are printed for
each, on the development set (seed 9, the one `benchmarks.resolution` uses) and on a sealed set (seed
21, built here and never used to tune the reader).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks.resolution import _eval_set, metrics
from benchmarks.resolution_eval import EvalQuery, build_eval_set
from ecgraph.ingest.lists import parse_list
from ecgraph.ingest.registry import SOURCES, get_source
from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.rules.resolution import (
    DEFAULT_THRESHOLD,
    Query,
    ResolutionIndex,
    SearchOptions,
    prepare_name,
    search_many,
)
from ecgraph.schemas import countries

CountryOf = Callable[[EvalQuery], list[str]]


def publisher_strings() -> dict[str, list[str]]:
    """ISO code -> the distinct strings the bundled lists' publishers wrote for it (read by the parsers)."""
    seen: set[str] = set()
    real = countries.read_countries

    def recording(text: str | None) -> countries.CountryReading:
        if text:
            seen.add(text.strip())
        return real(text)

    patched = [(m, a) for m in list(sys.modules.values()) if m and m.__name__.startswith("ecgraph.ingest.")
               for a in ("read_countries",) if getattr(m, a, None) is real]
    countries.read_countries = recording  # read_country goes through it too
    for module, attr in patched:
        setattr(module, attr, recording)
    try:
        for sid in SOURCES:
            source = get_source(sid)
            parse_list(source, source.snapshot_files(snapshot_dir()), expected=None)
    finally:
        countries.read_countries = real
        for module, attr in patched:
            setattr(module, attr, real)
    by_code: dict[str, list[str]] = defaultdict(list)
    for text in sorted(seen):
        reading = real(text)
        if len(reading.codes) == 1 and reading.complete and text.upper() != reading.codes[0]:
            by_code[reading.codes[0]].append(text)
    return by_code


def recall_precision(index: ResolutionIndex, queries: Sequence[EvalQuery], negatives: Sequence[EvalQuery],
                     country_of: CountryOf) -> dict[str, float]:
    def query(q: EvalQuery) -> Query:
        prepared = prepare_name(q.name, q.entity_type, "query")
        return Query(names=[prepared] if prepared else [], entity_type=q.entity_type, countries=country_of(q))

    options = SearchOptions(DEFAULT_THRESHOLD - 0.2, limit=20)
    outcomes = []
    for qs in (queries, negatives):
        found = search_many(index, (query(q) for q in qs), options)
        outcomes.append([(max((m.score for m in ms if m.entry_id == q.target), default=0.0),
                          max((m.score for m in ms if m.entry_id != q.target), default=0.0))
                         for q, ms in zip(qs, found, strict=True)])
    return metrics(outcomes[0], outcomes[1], DEFAULT_THRESHOLD)


def run(label: str, index: ResolutionIndex, queries: list[EvalQuery], negatives: list[EvalQuery],
        strings: dict[str, list[str]], seed: int) -> None:
    rng = random.Random(seed)
    codes: dict[int, list[str]] = {}
    raw: dict[int, str] = {}
    for q in queries:
        entry = index.entry(q.target or "") or {}
        codes[id(q)] = list(entry.get("countries") or [])
        written = [rng.choice(strings[c]) if strings.get(c) else c for c in codes[id(q)]]
        raw[id(q)] = "; ".join(written)
    with_country = [q for q in queries if codes[id(q)]]
    raw_strings = sum(1 for q in with_country if raw[id(q)].upper() != "; ".join(codes[id(q)]))
    print(f"\n## {label}: {len(with_country)} perturbed queries whose target has a country "
          f"({raw_strings} written by a publisher as a name), {len(negatives)} negatives without one")
    ways: dict[str, CountryOf] = {
        "ISO codes": lambda q: codes.get(id(q), []),
        "publisher strings, read": lambda q: list(countries.read_countries(raw.get(id(q))).codes),
        "publisher strings, unread (before #21)": lambda q: [raw[id(q)].upper()] if raw.get(id(q)) else [],
    }
    for way, country_of in ways.items():
        m = recall_precision(index, with_country, negatives, country_of)
        print(f"  {way:<40} recall {m['recall']:.3f}  precision {m['precision']:.3f}  @ {DEFAULT_THRESHOLD}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks.resolution_countries")
    parser.add_argument("--quick", action="store_true", help="smaller sets (60 per kind, 400 negatives)")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:] if __name__ == "__main__" else [])
    strings = publisher_strings()
    print(f"# country strings: {sum(len(v) for v in strings.values())} distinct publisher spellings "
          f"(not the bare code) for {len(strings)} codes")
    dev = _eval_set(args.quick)
    index = ResolutionIndex.build(dev.entries)
    per_kind, negatives = (60, 400) if args.quick else (300, 2000)
    sealed = build_eval_set(seed=21, per_kind=per_kind, negatives=negatives, entries=dev.entries)
    sets: list[tuple[str, Any]] = [("development (seed 9)", dev), ("sealed (seed 21)", sealed)]
    for label, data in sets:
        run(label, index, data.perturbed, data.negatives, strings, seed=21)


if __name__ == "__main__":
    main()
