"""Label OCR: both engines on the bundled captures, in one run — CER, recall/precision per entity type,
seconds per image. This measurement chose the default engine (`ingest/labels/ocr/__init__.py`).

    .venv/bin/python -m benchmarks.labels_ocr                     # everything (several minutes)
    .venv/bin/python -m benchmarks.labels_ocr --limit 6           # a quick look
    .venv/bin/python -m benchmarks.labels_ocr --cache /tmp/ocr    # keep OCR output, re-score fast

RapidOCR reads a motion-blurred frame twice, as captured and with the smear removed
(`ingest/labels/ocr/deblur.py`); `ECGRAPH_OCR_DEBLUR=0` switches that off for a comparison (use
another --cache folder: the cache does not know the setting). It then reads again, upscaled, the
regions where a model/part/serial number's or HS code's value was not read or was rejected
(`ingest/labels/ocr/reread.py`); `ECGRAPH_OCR_REREAD=0` switches that off (again, another --cache).

Sets: `single` = data/labels (one frame each); `burst-f0` = the first frame of each burst alone (the
baseline for bursts); `burst` = all 4 frames of each burst in data/label_bursts, voted.
Scoring (data/labels/README.md): an entity counts as found when type and norm agree after NFKC,
case-folding and removing whitespace; truth entities more than 30 % occluded are left out.
Aims: single frames recall ≥ 0.8 for model numbers and HS codes, ≥ 0.75 for companies at precision
≥ 0.95; bursts recall ≥ 0.9 for all three.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import unicodedata
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from ecgraph.ingest.labels.extract import norm_key
from ecgraph.ingest.labels.ocr import ENGINES, OcrLine, OcrPage, get_engine
from ecgraph.ingest.labels.read import LabelReading, reading_from_pages
from ecgraph.ingest.snapshot import snapshot_dir

FOCUS = ("model_number", "hs_code", "company")
MAX_OCCLUDED = 0.3


def _plain(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def cer(ocr_text: str, truth: dict[str, Any]) -> float:
    """Character error rate against the label's text, ignoring whitespace; the better of the two orders."""
    hyp = _plain(ocr_text)
    refs = [_plain(truth["text"]), _plain(truth.get("text_rows", truth["text"]))]
    return min(Levenshtein.distance(hyp, ref) / max(len(ref), 1) for ref in refs)


def truth_keys(truth: dict[str, Any]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(legible truth facts, facts too occluded to count)."""
    legible: set[tuple[str, str]] = set()
    hidden: set[tuple[str, str]] = set()
    for entity in truth["entities"]:
        key = (entity["type"], norm_key(entity["norm"]))
        (hidden if entity.get("occluded_frac", 0) > MAX_OCCLUDED else legible).add(key)
    return legible, hidden - legible


class Tally:
    def __init__(self) -> None:
        self.tp: dict[str, int] = defaultdict(int)
        self.truth: dict[str, int] = defaultdict(int)
        self.pred: dict[str, int] = defaultdict(int)
        self.cer: list[float] = []
        self.seconds: list[float] = []

    def add(self, reading: LabelReading, truth: dict[str, Any]) -> None:
        legible, hidden = truth_keys(truth)
        predicted = {(e.type, norm_key(e.norm)) for e in reading.entities} - hidden
        for kind, _ in legible:
            self.truth[kind] += 1
        for kind, _ in predicted:
            self.pred[kind] += 1
        for kind, _ in legible & predicted:
            self.tp[kind] += 1
        self.cer.append(cer(reading.text, truth))
        self.seconds.extend(page.seconds for page in reading.pages)

    def row(self, kind: str) -> tuple[float, float, int, int]:
        recall = self.tp[kind] / self.truth[kind] if self.truth[kind] else float("nan")
        precision = self.tp[kind] / self.pred[kind] if self.pred[kind] else float("nan")
        return recall, precision, self.truth[kind], self.pred[kind]

    def overall(self) -> tuple[float, float]:
        tp, truth, pred = sum(self.tp.values()), sum(self.truth.values()), sum(self.pred.values())
        return tp / max(truth, 1), tp / max(pred, 1)


def _page_from_json(data: dict[str, Any]) -> OcrPage:
    lines = tuple(
        OcrLine(
            text=line["text"],
            box=tuple(line["box"]),
            confidence=line["confidence"],
            raw=line["raw"],
            poly=tuple(tuple(point) for point in line.get("poly", ())),
        )
        for line in data.pop("lines")
    )
    return OcrPage(**data, lines=lines)


def ocr_page(engine: str, image: Path, cache: Path | None) -> OcrPage:
    cached = cache / engine / f"{image.stem}.json" if cache else None
    if cached and cached.exists():
        return _page_from_json(json.loads(cached.read_text()))
    page = get_engine(engine).read(image)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(asdict(page), ensure_ascii=False))
    return page


def run(engines: list[str], limit: int | None, cache: Path | None) -> dict[str, dict[str, Tally]]:
    data = snapshot_dir()
    singles = sorted((data / "labels").glob("lbl_*.jpg"))[:limit]
    bursts = sorted((data / "label_bursts").glob("lbu_[0-9][0-9][0-9][0-9].jpg"))[:limit]
    results: dict[str, dict[str, Tally]] = {}
    for engine in engines:
        tallies = {"single": Tally(), "burst-f0": Tally(), "burst": Tally()}
        for image in singles:
            truth = json.loads(image.with_suffix(".json").read_text())
            tallies["single"].add(reading_from_pages([ocr_page(engine, image, cache)]), truth)
            print(f"  {engine} {image.name}", file=sys.stderr, flush=True)
        for first in bursts:
            frames = [first, *(first.with_name(f"{first.stem}_f{i}.jpg") for i in (1, 2, 3))]
            pages = [ocr_page(engine, frame, cache) for frame in frames]
            truth = json.loads(first.with_suffix(".json").read_text())
            tallies["burst-f0"].add(reading_from_pages(pages[:1]), truth)
            tallies["burst"].add(reading_from_pages(pages), truth)
            print(f"  {engine} {first.name} burst", file=sys.stderr, flush=True)
        results[engine] = tallies
    return results


def report(results: dict[str, dict[str, Tally]]) -> None:
    kinds = sorted(
        {k for t in results.values() for s in t.values() for k in s.truth},
        key=lambda k: (k not in FOCUS, FOCUS.index(k) if k in FOCUS else 0, k),
    )
    for set_name in ("single", "burst-f0", "burst"):
        print(f"\n## {set_name}")
        header = f"{'type':20}" + "".join(f"{e + ' R':>14}{'P':>7}{'n':>5}" for e in results)
        print(header)
        for kind in kinds:
            cells = ""
            for engine in results:
                recall, precision, truth, _ = results[engine][set_name].row(kind)
                cells += f"{recall:14.2f}{precision:7.2f}{truth:5d}"
            print(f"{kind:20}{cells}")
        for engine, tallies in results.items():
            tally = tallies[set_name]
            recall, precision = tally.overall()
            print(
                f"{engine:10} all types: recall {recall:.2f} precision {precision:.2f} · "
                f"CER median {statistics.median(tally.cer):.3f} · "
                f"s/image median {statistics.median(tally.seconds):.2f} mean {statistics.mean(tally.seconds):.2f}"
            )
    if len(results) == 2:
        base, other = "tesseract", "rapidocr"
        if base in results and other in results:
            b, o = results[base]["single"], results[other]["single"]
            print(
                "\nratio rapidocr/tesseract (single): "
                f"recall {o.overall()[0] / max(b.overall()[0], 1e-9):.2f}x, "
                f"s/image {statistics.median(o.seconds) / statistics.median(b.seconds):.2f}x"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.labels_ocr", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated engines")
    parser.add_argument("--limit", type=int, default=None, help="first N singles and first N bursts")
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep OCR output in")
    args = parser.parse_args(argv or [])
    report(run(args.engines.split(","), args.limit, args.cache))


if __name__ == "__main__":
    main(sys.argv[1:])
