"""Classification suggestions on the labelled goods set: top-1 / top-3 accuracy, precision and recall of
the top-3, per language, against a baseline measured in the same run.

    .venv/bin/python -m benchmarks.classify

The control lists are parsed from the bundled snapshot (no Neo4j needed) into the same rows that
`graph.controls.read_entries` / `read_correlations` return, so the classifier under test is the one the
CLI runs. Baseline: the same index without the bilingual glossary and without HS evidence (plain
term overlap). "no-HS": the full classifier with the declared HS code withheld (terms and glossary only),
to show how much of the result the HS correlations carry. Labelled set: tests/fixtures/classify/labelled_goods.csv (README.md there says how it
was made).
"""

from __future__ import annotations

import csv
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ecgraph.ingest.controls.catchall_hs import catch_all_correlations, parse_catchall_hs
from ecgraph.ingest.controls.chpl import parse_chpl
from ecgraph.ingest.controls.indicator_terms import parse_indicator_terms
from ecgraph.ingest.controls.jp_etco import catch_all_chapters, parse_jp_etco
from ecgraph.ingest.controls.map import correlation_rows, entry_rows
from ecgraph.ingest.controls.records import ControlListRecord, HsCorrelation
from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.rules.classify.classifier import Classifier
from ecgraph.rules.classify.glossary import Glossary
from ecgraph.rules.classify.index import TermIndex

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "classify" / "labelled_goods.csv"


def control_rows(data: Path | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(entries, correlations) shaped like graph.controls.read_entries / read_correlations."""
    controls = (data or snapshot_dir()) / "controls"
    etco = parse_jp_etco(next((controls / "jp").glob("*.xml")))
    chpl, chpl_corr = parse_chpl(controls / "chpl" / "chpl_2024-02.csv")
    entries = _entries(etco) + _entries(chpl)
    corr = catch_all_correlations(parse_catchall_hs(controls / "jp_catchall_16_1_hs.csv"), "jp_etco")
    corr += [
        HsCorrelation(
            hs_code=ch,
            list_id="jp_etco",
            entry_code="16(2)",
            source="jp_etco_16_2_text",
            basis="chapter named in item 16(2)",
        )
        for ch in catch_all_chapters(etco)
    ]
    correlations = correlation_rows(corr, etco.version) + correlation_rows(chpl_corr, chpl.version)
    return entries, correlations


def _entries(record: ControlListRecord) -> list[dict[str, Any]]:
    out = []
    for row in entry_rows(record):
        props = row["props"]
        if props.get("deleted"):
            continue
        out.append(
            {
                "id": row["id"],
                "list": props["list"],
                "version": props["version"],
                "code": props["code"],
                "level": props["level"],
                "text_ja": props.get("text_ja"),
                "text_en": props.get("text_en"),
                "parent_id": row["parent_id"],
                "regimes": props.get("regimes"),
            }
        )
    return out


def load_labelled(path: Path = LABELLED) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["expected_set"] = {e for e in row["expected"].split(";") if e}
    return rows


def evaluate(predict: Any, rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per language and overall: top1, top3 (a correct entry among the first k), precision@3 and recall@3
    over positives, and the share of negatives with no suggestion."""
    groups: dict[str, list[dict[str, Any]]] = {"all": list(rows)}
    for row in rows:
        groups.setdefault(row["lang"], []).append(row)
    for row in rows:
        groups.setdefault(row.get("split") or "dev", []).append(row)
        groups.setdefault(f"{row.get('split') or 'dev'}/{row['lang']}", []).append(row)
    out = {}
    for name, group in groups.items():
        pos = [r for r in group if r["expected_set"]]
        neg = [r for r in group if not r["expected_set"]]
        top1 = top3 = prec = rec = 0.0
        for row in pos:
            got = predict(row)[:3]
            hits = [g for g in got if g in row["expected_set"]]
            top1 += bool(got and got[0] in row["expected_set"])
            top3 += bool(hits)
            prec += len(hits) / len(got) if got else 0.0
            rec += len(set(hits)) / len(row["expected_set"])
        n = len(pos) or 1
        clean = sum(not predict(r) for r in neg) / len(neg) if neg else float("nan")
        out[name] = {
            "n": len(pos),
            "top1": top1 / n,
            "top3": top3 / n,
            "precision@3": prec / n,
            "recall@3": rec / n,
            "negatives_clean": clean,
        }
    return out


def _key(suggestion: Any) -> str:
    return f"{suggestion.list_id}:{suggestion.code}"


def main() -> None:
    entries, correlations = control_rows()
    rows = load_labelled()
    started = time.perf_counter()
    terms = [vars(t) for t in parse_indicator_terms(snapshot_dir() / "controls" / "indicator_terms.csv")]
    classifier = Classifier(entries, correlations, terms)
    build_s = time.perf_counter() - started

    baseline = Classifier(entries, [])
    baseline.index = TermIndex(entries, glossary=Glossary([]))

    def predict_full(row: dict[str, Any]) -> list[str]:
        return [_key(s) for s in classifier.classify(row["description"], row["hs_code"] or None, limit=3)]

    def predict_no_hs(row: dict[str, Any]) -> list[str]:
        return [_key(s) for s in classifier.classify(row["description"], None, limit=3)]

    def predict_base(row: dict[str, Any]) -> list[str]:
        return [_key(s) for s in baseline.classify(row["description"], None, limit=3)]

    timings = []
    for row in rows:
        t0 = time.perf_counter()
        predict_full(row)
        timings.append(time.perf_counter() - t0)
    full, base, no_hs = (
        evaluate(predict_full, rows),
        evaluate(predict_base, rows),
        evaluate(predict_no_hs, rows),
    )
    print(
        f"labelled set: {len(rows)} rows ({LABELLED.relative_to(LABELLED.parents[3])}); "
        f"{len(entries)} control entries, {len(correlations)} HS correlations"
    )
    print(
        f"index build: {build_s * 1000:.0f} ms; classify: median {statistics.median(timings) * 1000:.2f} ms "
        f"per description"
    )
    header = f"{'set':<12}{'n':>4}  {'top1':>6} {'top3':>6} {'P@3':>6} {'R@3':>6} {'neg ok':>7}   no-HS top1/top3   baseline top1/top3"
    print(header)
    for name in full:
        f, b = full[name], base[name]
        print(
            f"{name:<12}{f['n']:>4}  {f['top1']:>6.2f} {f['top3']:>6.2f} {f['precision@3']:>6.2f} "
            f"{f['recall@3']:>6.2f} {f['negatives_clean']:>7.2f}   {no_hs[name]['top1']:.2f}/{no_hs[name]['top3']:.2f}"
            f"         {b['top1']:.2f}/{b['top3']:.2f}"
            f"  (top3 ratio {f['top3'] / b['top3'] if b['top3'] else float('inf'):.2f}x)"
        )
    misses = [r for r in rows if r["expected_set"] and not set(predict_full(r)) & r["expected_set"]]
    if misses:
        print("misses (top-3 has no expected entry):")
        for row in misses:
            print(
                f"  {row['id']} ({row.get('split')}) {row['description']!r}: got {predict_full(row)} expected {sorted(row['expected_set'])}"
            )


if __name__ == "__main__":
    main()
