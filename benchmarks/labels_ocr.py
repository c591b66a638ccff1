"""Label OCR: recall and precision per field on the shared captures, on generated dev and dev2
captures and bursts and on any folder in the shared format, with seconds per reading. This measurement chose the default engine
(`ingest/labels/ocr/__init__.py`).

    .venv/bin/python -m benchmarks.labels_ocr --cache /tmp/ocr                 # everything (long)
    .venv/bin/python -m benchmarks.labels_ocr --sets dev,dev2 --singles 30 --bursts 8 --cache /tmp/ocr
    .venv/bin/python -m benchmarks.labels_ocr --sets dev --bursts 0 --calibrate --cache /tmp/ocr
    .venv/bin/python -m benchmarks.labels_ocr --sets dev --bursts 0 --folder fl=/tmp/fieldlabels --calibrate \
        --calibrate-folders fl --cache /tmp/ocr          # thresholds from labelgen dev and a fieldlabels dev folder
    .venv/bin/python -m benchmarks.labels_ocr --speed 12    # seconds per frame / burst, vs the baseline
    .venv/bin/python -m benchmarks.labels_ocr --sets sealed --singles 60 --bursts 12 --sizes 4,8   # sealed set
    .venv/bin/python -m benchmarks.labels_ocr --sets "" --folder theirs=/path/to/captures --sizes 4,8,16
    # development folders from the two generators written without reading the reader (session 20's set):
    .venv/bin/python -m benchmarks.fieldlabels --out /tmp/fl7 --singles 40 --bursts 0 --seed 7      # dev
    .venv/bin/python -m benchmarks.fieldlabels --out /tmp/fl97 --singles 40 --bursts 0 --seed 97    # held out
    .venv/bin/python -m benchmarks.blindlabels --out /tmp/bl31 --singles 80 --bursts 0 --frames 1 --seed 31  # dev
    .venv/bin/python -m benchmarks.labels_ocr --sets dev,dev2 --singles 100 --bursts 0 --cache /tmp/ocr \
        --folder fl7=/tmp/fl7 --folder fl97=/tmp/fl97 --folder bl31=/tmp/bl31

Sets: `shared single` = data/labels; `shared burst 4 fused` = data/label_bursts (4 frames);
`… burst N sharpest` = the sharpest frame of each of those bursts read alone (the burst's baseline);
`dev …` and `dev2 …` = captures made by `benchmarks/labelgen` from (split, index) at run time: dev2
prints layouts and fonts dev never uses (it was the sealed split until its layouts were read while
tuning; both are development splits now). `sealed …` = `--singles` captures and `--bursts` bursts
from `benchmarks/blindlabels` (seed `SEALED_SEED`), a generator written without reading the reader
or labelgen: the sealed set, never tuned on, printed as totals only. A development folder of that
generator with another seed (31 since session 20) is as the generator's README allows, but it shares the
sealed set's layouts: a gain found on it shows on the sealed set without proving it holds elsewhere;
fieldlabels seed 97, kept unread, is the independent check. `--folder NAME=PATH` (repeatable) scores a folder in the
shared format (singles `lbl_NNNN.jpg`, bursts `lbu_NNNN.jpg` + `lbu_NNNN_f1.jpg` … `_f15.jpg`, each
with its truth JSON) as `NAME single` and `NAME burst N fused|sharpest`; a burst with fewer than N
frames is skipped for N and counted. A sealed test set is read this way, by someone other than the
reader's author, and never tuned on; only totals are printed. A burst of N frames is its first N
frames, fused and read as `ingest.labels.read.read_burst` does.
Scoring (data/labels/README.md): a fact counts as found when type and norm agree after NFKC,
case-folding and removing whitespace; truth facts more than 30 % occluded are left out; candidates
(values under their calibrated confidence) never count as found. `missing ok` = share of the expected
fields not read as facts that the reading reports as missing. `s med` = median seconds per reading
(OCR, and fusion for bursts), on whatever load the machine has (printed); `cpu med` = median process
CPU seconds (near 0 for readings whose OCR came from --cache: use --speed for times). `where the misses
are` splits each focus field's legible truth values into printed in the OCR text at all (else the
miss is a reading problem), read as a fact, and read only as a candidate (in the text but not a fact:
an extraction or calibration problem). `--speed N` times N dev frames (and a 4-frame burst every
second) uncached, each reading whole (OCR, fusion, extraction, vote): singles with the default settings
against the previous ones (ECGRAPH_OCR_FAST=0), bursts as `read_burst` reads them (`burst_pages`: fused
image and sharpest frame in full, two more frames in the fused page's boxes) against the previous
reading (`burst 4 all full`: fused image and three sharpest frames each in full), alternating; it
prints wall and CPU medians (this process and its ended children), CPU / 2 as the idle-2-core
estimate, the load average and the ratios to the baseline. No Neo4j server takes part in reading a
label: process CPU is all the CPU. `--burst-frames N:K` makes an N-frame burst read K frames besides
the fused image.
Aims (issue 18, on a sealed set): single frames precision >= 0.95 for model number, HS code and company with
recall >= 0.6; 4-frame bursts recall >= 0.85 at precision >= 0.95; 8-frame >= 0.9.
RapidOCR's deblur and re-read passes are switched off by ECGRAPH_OCR_DEBLUR=0 / ECGRAPH_OCR_REREAD=0,
the contrast-normalised second pass switched on by ECGRAPH_OCR_NORMALISE=1 and the targeted
faint-print reader by ECGRAPH_OCR_FAINT=1 (use another --cache folder: the cache keys on the image only).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import cv2
from rapidfuzz.distance import Levenshtein

from benchmarks.blindlabels.write import generate as generate_sealed
from benchmarks.labelgen import SPLITS, VERSION, Capture, make_burst, make_capture
from ecgraph.ingest.labels.burst_pages import BURST_FRAMES_READ, read_burst_pages, read_in_boxes
from ecgraph.ingest.labels.calibration import TARGET_PRECISION
from ecgraph.ingest.labels.extract import norm_key
from ecgraph.ingest.labels.fuse import fuse_frames
from ecgraph.ingest.labels.ocr import DEFAULT_ENGINE, OcrLine, OcrPage, get_engine
from ecgraph.ingest.labels.quality import measure_file
from ecgraph.ingest.labels.read import (
    LabelReading,
    frames_to_read,
    read_pages,
    reading_from_pages,
)
from ecgraph.ingest.snapshot import snapshot_dir

# The sealed set: captures from `benchmarks/blindlabels`, a generator written by someone who never read
# the reader, its generator or this benchmark's other sets; never tuned on.
SEALED_SEED = 20261206

FOCUS = ("model_number", "hs_code", "company")
REPORTED = (*FOCUS, "part_number", "eccn", "serial_number", "country_of_origin")
MAX_OCCLUDED = 0.3
# Frames a burst of N frames reads besides the fused image (`--burst-frames N:K`); burst_pages' default
# for sizes not given.
FRAMES_READ: dict[int, int] = {}


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


def _alnum(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKC", text).upper() if char.isalnum())


def _printed_in(entity: dict[str, Any], ocr_text: str) -> bool:
    """Whether the OCR text holds the value as printed or as normalised (letters and digits only)."""
    forms = {_alnum(entity.get("value", "")), _alnum(entity["norm"])} - {""}
    return any(form in ocr_text for form in forms)


def _cpu() -> float:
    """CPU seconds of this process and its ended children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Tally:
    def __init__(self) -> None:
        self.tp: dict[str, int] = defaultdict(int)
        self.truth: dict[str, int] = defaultdict(int)
        self.pred: dict[str, int] = defaultdict(int)
        self.cer: list[float] = []
        self.seconds: list[float] = []
        self.captures = 0
        self.unread = 0  # expected truth fields not read as facts
        self.flagged = 0  # ... of which the reading lists as missing
        self.scored: list[tuple[str, float, bool]] = []  # (type, confidence, right) of facts and candidates
        self.cpu: list[float] = []  # process CPU seconds per reading (0 when the OCR came from the cache)
        # Per focus field, of the legible truth values: printed in the OCR text at all (a reading problem
        # when not), and read as a fact or only as a candidate (an extraction problem when in the text).
        self.in_text: dict[str, int] = defaultdict(int)
        self.as_candidate: dict[str, int] = defaultdict(int)

    def missing_share(self) -> float:
        """Share of the expected fields not read as facts that the reading reports as missing."""
        return self.flagged / self.unread if self.unread else 1.0

    def add(self, reading: LabelReading, truth: dict[str, Any], cpu: float = 0.0) -> None:
        legible, hidden = truth_keys(truth)
        self.cpu.append(cpu)
        ocr_text = _alnum("\n".join(page.text for page in reading.pages))
        unsure = {(e.type, norm_key(e.norm)) for e in reading.candidates}
        for entity in truth["entities"]:
            key = (entity["type"], norm_key(entity["norm"]))
            if entity["type"] in FOCUS and key in legible:
                self.in_text[entity["type"]] += _printed_in(entity, ocr_text)
                self.as_candidate[entity["type"]] += key in unsure
        predicted = {(e.type, norm_key(e.norm)) for e in reading.entities} - hidden
        for kind, _ in legible:
            self.truth[kind] += 1
        for kind, _ in predicted:
            self.pred[kind] += 1
        for kind, _ in legible & predicted:
            self.tp[kind] += 1
        for entity in (*reading.entities, *reading.candidates):
            key = (entity.type, norm_key(entity.norm))
            if key not in hidden:
                self.scored.append((entity.type, entity.confidence, key in legible))
        if truth.get("text"):
            self.cer.append(cer(reading.text, truth))
        self.seconds.append(reading.seconds)
        self.captures += 1
        found_kinds = {kind for kind, _ in legible & predicted}
        for kind in {kind for kind, _ in legible} - found_kinds:
            if kind in reading.expected:
                self.unread += 1
                self.flagged += kind in reading.missing

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
    """The engine's page for an image, kept in `cache` under the SHA-1 of the image's bytes."""
    digest = hashlib.sha1(image.read_bytes()).hexdigest()
    cached = cache / engine / f"{digest}.json" if cache else None
    if cached and cached.exists():
        page = _page_from_json(json.loads(cached.read_text()))
        return replace(page, image=str(image))
    page = get_engine(engine).read(image)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(asdict(page), ensure_ascii=False))
    return page


def ocr_pages(engine: str, images: list[Path], cache: Path | None) -> list[OcrPage]:
    """`ocr_page` for several images, those not in the cache read two at a time (`read.read_pages`: the
    benchmark takes both cores as a burst reading does; one engine's page is the same either way)."""
    digests = [hashlib.sha1(image.read_bytes()).hexdigest() for image in images]
    missing = [
        index
        for index, digest in enumerate(digests)
        if not (cache and (cache / engine / f"{digest}.json").exists())
    ]
    if cache and len(missing) > 1:
        for index, page in zip(missing, read_pages([images[i] for i in missing], engine), strict=True):
            cached = cache / engine / f"{digests[index]}.json"
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(asdict(page), ensure_ascii=False))
    return [ocr_page(engine, image, cache) for image in images]


def _write(folder: Path, name: str, image: Any) -> Path:
    """A generated image as a PNG file (lossless: the capture's own JPEG artefacts are kept as they are).
    Always written: a file left by an earlier generator would be read for this capture's truth."""
    path = folder / f"{name}.png"
    folder.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), image)
    return path


def read_single(engine: str, path: Path, cache: Path | None) -> tuple[LabelReading, float]:
    """The reading of one capture and the CPU seconds it took."""
    start = _cpu()
    page = ocr_page(engine, path, cache)
    reading = reading_from_pages([page], [measure_file(str(path), page)])
    return reading, _cpu() - start


def ocr_pages_in_boxes(
    engine: str, images: list[Path], boxes: Sequence[Sequence[OcrLine]], cache: Path | None
) -> list[OcrPage]:
    """`burst_pages.read_in_boxes` for several frames, each page kept in `cache` under the SHA-1 of the
    frame's bytes and of its boxes' polygons."""
    if not images:
        return []
    cached = [
        cache
        / engine
        / "boxes"
        / (
            hashlib.sha1(image.read_bytes()).hexdigest()
            + "-"
            + hashlib.sha1(repr([line.poly for line in lines]).encode()).hexdigest()
            + ".json"
        )
        if cache
        else None
        for image, lines in zip(images, boxes, strict=True)
    ]
    if all(path is not None and path.exists() for path in cached):
        return [
            replace(_page_from_json(json.loads(path.read_text())), image=str(image))
            for path, image in zip(cached, images, strict=True)
            if path is not None
        ]
    pages = read_in_boxes(images, boxes, engine)
    for path, page in zip(cached, pages, strict=True):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(asdict(page), ensure_ascii=False))
    return pages


def read_fused(
    engine: str, frames: list[Any], name: str, folder: Path, cache: Path | None
) -> tuple[LabelReading, float]:
    """A burst as `ingest.labels.read.read_burst` reads it (`burst_pages.read_burst_pages`: fused image and
    sharpest frame in full, other registered frames in the fused page's boxes, voted); and the CPU seconds
    it took."""
    start_cpu = _cpu()
    start = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    burst = read_burst_pages(
        frames,
        folder,
        engine,
        prefix=f"{name}_",
        frames_read=FRAMES_READ.get(len(frames), BURST_FRAMES_READ),
        read_full=lambda paths: ocr_pages(engine, list(paths), cache),
        read_boxed=lambda paths, boxes: ocr_pages_in_boxes(engine, list(paths), boxes, cache),
    )
    qualities = [measure_file(str(path), page) for path, page in zip(burst.paths, burst.pages, strict=True)]
    reading = reading_from_pages(burst.pages, qualities, fused_first=burst.fused.stacked)
    return replace(reading, seconds=time.perf_counter() - start), _cpu() - start_cpu


def sharpest_alone(reading: LabelReading) -> LabelReading:
    """The burst's sharpest frame read as a single capture (its page is the burst's first frame page):
    what the burst is compared with, on the same capture conditions."""
    pages = [page for page in reading.pages if not page.image.endswith("_fused.png")]
    return reading_from_pages(pages[:1])


def _swap(
    read: tuple[LabelReading, float], truth: dict[str, Any]
) -> tuple[LabelReading, dict[str, Any], float]:
    return read[0], truth, read[1]


def _truth(capture: Capture) -> dict[str, Any]:
    return capture.truth()


_SINGLE_NAME = re.compile(r"lbl_\d+\.jpg")
_BURST_NAME = re.compile(r"lbu_\d+\.jpg")
MAX_BURST_FRAMES = 16


def burst_frames(first: Path) -> list[Path]:
    """A burst's frames in the shared format: `lbu_NNNN.jpg`, then `lbu_NNNN_f1.jpg` … `_f15.jpg` while
    they exist (data/label_bursts/README.md)."""
    frames = [first]
    for number in range(1, MAX_BURST_FRAMES):
        path = first.with_name(f"{first.stem}_f{number}.jpg")
        if not path.exists():
            break
        frames.append(path)
    return frames


def read_folder(
    name: str,
    folder: Path,
    engine: str,
    sizes: list[int],
    work: Path,
    cache: Path | None,
    tallies: dict[str, Tally],
    skipped: dict[str, int],
    singles: int | None = None,
    bursts: int | None = None,
) -> None:
    """Score a folder in the shared data format: singles `lbl_NNNN.jpg` as `NAME single`, bursts
    `lbu_NNNN*.jpg` as `NAME burst N fused` and `NAME burst N sharpest` for each N in `sizes` (the
    first N frames; a burst with fewer frames is skipped for that N and counted in `skipped`). The
    truth is each capture's (a burst's first frame's) JSON. Only totals are printed."""
    if not folder.is_dir():
        raise SystemExit(f"--folder {name}={folder}: no such folder")
    images = sorted(p for p in folder.glob("lbl_*.jpg") if _SINGLE_NAME.fullmatch(p.name))[:singles]
    if cache:  # read them two at a time into the cache first
        for start in range(0, len(images), 8):
            ocr_pages(engine, images[start : start + 8], cache)
    for image in images:
        truth = json.loads(image.with_suffix(".json").read_text())
        tallies[f"{name} single"].add(*_swap(read_single(engine, image, cache), truth))
    for first in sorted(p for p in folder.glob("lbu_*.jpg") if _BURST_NAME.fullmatch(p.name))[:bursts]:
        paths = burst_frames(first)
        truth = json.loads(first.with_suffix(".json").read_text())
        frames = [cv2.imread(str(path)) for path in paths]
        for size in sizes:
            if len(frames) < size:
                skipped[f"{name} burst {size}"] += 1
                continue
            read = read_fused(engine, frames[:size], f"{name}_{first.stem}_k{size}", work, cache)
            tallies[f"{name} burst {size} fused"].add(*_swap(read, truth))
            tallies[f"{name} burst {size} sharpest"].add(sharpest_alone(read[0]), truth)
        print(f"  {engine} {name} burst {len(frames)} frames", file=sys.stderr, flush=True)


def run(
    engines: list[str],
    sets: list[str],
    singles: int,
    bursts: int,
    sizes: list[int],
    limit: int | None,
    shared_bursts: int | None,
    cache: Path | None,
    folders: dict[str, Path] | None = None,
) -> tuple[dict[str, dict[str, Tally]], dict[str, int]]:
    """Every set asked for, per engine, and the count of bursts skipped per `NAME burst N` (too few
    frames)."""
    work = (cache or Path(tempfile.mkdtemp(prefix="labels_ocr_"))) / "generated" / VERSION
    results: dict[str, dict[str, Tally]] = {}
    skipped: dict[str, int] = defaultdict(int)
    for engine in engines:
        tallies: dict[str, Tally] = defaultdict(Tally)
        if "shared" in sets:
            data = snapshot_dir()
            read_folder("shared", data / "labels", engine, [], work, cache, tallies, skipped, singles=limit)
            read_folder(
                "shared",
                data / "label_bursts",
                engine,
                [4],
                work,
                cache,
                tallies,
                skipped,
                bursts=limit if shared_bursts is None else shared_bursts,
            )
        if "sealed" in sets:
            sealed = work / "sealed"
            if engine == engines[0]:
                generate_sealed(sealed, singles, bursts, max(sizes, default=1), SEALED_SEED)
            read_folder("sealed", sealed, engine, sizes, work / "sealed-read", cache, tallies, skipped, singles, bursts)
        for name, folder in (folders or {}).items():
            read_folder(name, folder, engine, sizes, work / name, cache, tallies, skipped, limit, limit)
        for split in (s for s in SPLITS if s in sets):
            if cache:  # read the captures two at a time into the cache first
                for start in range(0, singles, 8):
                    ocr_pages(
                        engine,
                        [
                            _write(work, capture.id, capture.frames[0])
                            for capture in (make_capture(split, index) for index in range(start, min(start + 8, singles)))
                        ],
                        cache,
                    )
            for index in range(singles):
                capture = make_capture(split, index)
                path = _write(work, capture.id, capture.frames[0])
                tallies[f"{split} single"].add(*_swap(read_single(engine, path, cache), _truth(capture)))
                print(f"  {engine} {capture.id}", file=sys.stderr, flush=True)
            for index in range(bursts):
                capture = make_burst(split, index, max(sizes))
                for size in sizes:
                    read = read_fused(engine, capture.frames[:size], f"{capture.id}_k{size}", work, cache)
                    tallies[f"{split} burst {size} fused"].add(*_swap(read, _truth(capture)))
                    tallies[f"{split} burst {size} sharpest"].add(sharpest_alone(read[0]), _truth(capture))
                print(f"  {engine} {capture.id} bursts {sizes}", file=sys.stderr, flush=True)
        results[engine] = dict(tallies)
    return results, dict(skipped)


def _timed(read: Any) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), _cpu()
    read()
    return time.perf_counter() - wall, _cpu() - cpu


def speed(count: int) -> None:
    """Seconds per single frame and per 4-frame burst, dev captures, no cache, each reading whole (OCR,
    fusion, extraction, vote). Singles: the default (fast) RapidOCR settings against the previous ones
    (ECGRAPH_OCR_FAST=0) as the baseline. Bursts (every second capture): `read_burst` as it is
    (`burst_pages.read_burst_pages`: fused image and sharpest frame in full, two other registered frames
    in the fused page's boxes) against the previous burst reading as the baseline (`burst 4 all full`:
    the fused image and the three sharpest frames each read in full), both two pages at a time. The
    variants alternate capture by capture so they meet the same load. Wall and CPU seconds of this
    process and its ended children (no Neo4j server takes part in reading); `2-core est` = CPU / 2,
    what an idle 2-core machine would need at best (a single frame is one engine whose detector and
    recogniser run one thread much of the time, so it gains less from the second core)."""
    from ecgraph.ingest.labels.ocr import RapidOcrEngine

    engines = {"single": RapidOcrEngine(fast=True), "single FAST=0": RapidOcrEngine(fast=False)}
    folder = Path(tempfile.mkdtemp(prefix="labels_speed_"))
    times: dict[str, list[tuple[float, float]]] = defaultdict(list)
    loads = [os.getloadavg()[0]]

    def all_full(frames: list[Any], prefix: str) -> None:
        fused = fuse_frames(frames)
        paths = [_write(folder, f"{prefix}frame{i}", frames[i]) for i in frames_to_read(fused)]
        if fused.stacked:
            paths.insert(0, _write(folder, f"{prefix}fused", fused.image))
        reading_from_pages(read_pages(paths, workers=2), fused_first=fused.stacked)

    def boxes(frames: list[Any], prefix: str) -> None:
        burst = read_burst_pages(frames, folder, prefix=prefix)
        reading_from_pages(burst.pages, fused_first=burst.fused.stacked)

    bursts = {"burst 4": boxes, "burst 4 all full": all_full}
    for index in range(count):
        capture = make_capture("dev", index)
        path = _write(folder, capture.id, capture.frames[0])
        burst = make_burst("dev", index, 4) if index % 2 == 0 else None
        if index == 0:  # load the models and the extraction's data outside the measurement
            for ocr in engines.values():
                reading_from_pages([ocr.read(path)])
            if burst is not None:
                for read in bursts.values():
                    read(burst.frames[:4], f"warm{index}_")
        for name, ocr in engines.items():
            times[name].append(_timed(lambda ocr=ocr, path=path: reading_from_pages([ocr.read(path)])))
        if burst is not None:
            for name, read in bursts.items():
                frames, prefix = burst.frames[:4], f"{capture.id}_{len(name)}_"
                times[name].append(_timed(lambda read=read, frames=frames, prefix=prefix: read(frames, prefix)))
        loads.append(os.getloadavg()[0])
        print(f"  speed {capture.id}", file=sys.stderr, flush=True)
    print(
        f"\n# speed, {count} dev frames and {len(times['burst 4'])} 4-frame bursts, no cache; load "
        f"average {min(loads):.1f}-{max(loads):.1f} (median {statistics.median(loads):.1f}) on "
        f"{os.cpu_count()} cores"
    )
    print(
        f"{'what':20}{'wall med':>10}{'cpu med':>10}{'2-core est':>12}{'cpu vs baseline':>17}"
        f"{'wall vs baseline':>18}"
    )
    rows = {"single": ("single", "single FAST=0"), "burst 4": ("burst 4", "burst 4 all full")}
    for names in rows.values():
        base_wall = statistics.median(wall for wall, _ in times[names[-1]])
        base_cpu = statistics.median(cpu for _, cpu in times[names[-1]])
        for name in names:
            wall = statistics.median(wall for wall, _ in times[name])
            cpu = statistics.median(cpu for _, cpu in times[name])
            print(
                f"{name:20}{wall:10.2f}{cpu:10.2f}{cpu / 2:12.2f}{cpu / base_cpu:16.2f}x{wall / base_wall:17.2f}x"
            )


def calibrate(tallies: list[Tally], target: float = TARGET_PRECISION, minimum: int = 8) -> dict[str, float]:
    """Per type with at least `minimum` values read: the lowest confidence at which the values read at or
    above it are right at least `target` of the time, set halfway down to the next value read (so the
    threshold does not sit on one observation). What `calibration.FACT_CONFIDENCE` holds."""
    by_type: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for tally in tallies:
        for kind, confidence, is_right in tally.scored:
            by_type[kind].append((confidence, is_right))
    thresholds = {}
    for kind, scored in by_type.items():
        if len(scored) < minimum:
            continue
        scored.sort(key=lambda item: -item[0])
        lowest: int | None = None
        right = 0
        for count, (_, correct) in enumerate(scored, start=1):
            right += int(correct)
            if right / count >= target:
                lowest = count - 1
        if lowest is None:
            thresholds[kind] = 1.0
            continue
        below = scored[lowest + 1][0] if lowest + 1 < len(scored) else scored[lowest][0]
        thresholds[kind] = round((scored[lowest][0] + below) / 2, 3)
    return thresholds


def report(results: dict[str, dict[str, Tally]]) -> None:
    for engine, tallies in results.items():
        print(
            f"\n# engine {engine}  (load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )
        header = (
            f"{'set':24}{'n':>5}"
            + "".join(f"{kind[:13]:>16}" for kind in REPORTED)
            + f"{'all R/P':>12}{'missing ok':>11}{'s med':>7}{'cpu med':>8}"
        )
        print(header)
        print(" " * 29 + "".join(f"{'R':>8}{'P':>8}" for _ in REPORTED))
        for set_name, tally in tallies.items():
            cells = ""
            for kind in REPORTED:
                recall, precision, truth, _ = tally.row(kind)
                cells += f"{recall:8.2f}{precision:8.2f}" if truth else f"{'-':>8}{'-':>8}"
            recall, precision = tally.overall()
            print(
                f"{set_name:24}{tally.captures:5d}{cells}{recall:6.2f}/{precision:.2f}"
                f"{tally.missing_share():11.2f}{statistics.median(tally.seconds):7.2f}"
                f"{statistics.median(tally.cpu):8.2f}"
            )
        print("\nper field: truth count / facts reported (precision's base)")
        for set_name, tally in tallies.items():
            print(f"{set_name:24}" + "".join(f"{tally.truth[k]:>8d}{tally.pred[k]:>8d}" for k in REPORTED))
        print(
            "\nwhere the misses are: of the legible truth values, share printed in the OCR text (else a"
            " reading problem), read as a fact, read only as a candidate"
        )
        print(f"{'set':24}" + "".join(f"{kind[:13]:>24}" for kind in FOCUS))
        print(" " * 24 + "".join(f"{'in text':>8}{'fact':>8}{'cand':>8}" for _ in FOCUS))
        for set_name, tally in tallies.items():
            cells = ""
            for kind in FOCUS:
                base = max(tally.truth[kind], 1)
                cells += (
                    f"{tally.in_text[kind] / base:8.2f}{tally.tp[kind] / base:8.2f}"
                    f"{tally.as_candidate[kind] / base:8.2f}"
                )
            print(f"{set_name:24}{cells}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.labels_ocr", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--engines", default=DEFAULT_ENGINE, help="comma-separated engines (rapidocr,tesseract)"
    )
    parser.add_argument(
        "--sets",
        default="shared,dev,dev2,sealed",
        help="shared (data/labels), dev, dev2 (labelgen), sealed (blindlabels, never tuned on)",
    )
    parser.add_argument("--singles", type=int, default=150, help="generated single captures per split")
    parser.add_argument("--bursts", type=int, default=50, help="generated bursts per split")
    parser.add_argument("--sizes", default="4,8,16", help="burst sizes (frames) to read")
    parser.add_argument("--limit", type=int, default=None, help="first N singles and bursts of shared and of each --folder")
    parser.add_argument("--shared-bursts", type=int, default=None, help="first N shared bursts (default: --limit)")
    parser.add_argument(
        "--folder",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="also score a folder in the shared data format (lbl_NNNN.jpg singles, lbu_NNNN*.jpg bursts) as "
        "sets `NAME single` and `NAME burst N fused|sharpest`; repeatable",
    )
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep OCR output and images in")
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="print per-type fact thresholds from the dev and dev2 sets (never shared or a --folder)",
    )
    parser.add_argument(
        "--calibrate-folders",
        default="",
        metavar="NAME,...",
        help="--calibrate also on these --folder sets' singles (development folders only, never held-out ones)",
    )
    parser.add_argument(
        "--speed", type=int, default=0, help="time N dev frames, fast settings against the baseline, and stop"
    )
    parser.add_argument(
        "--burst-frames",
        default="",
        metavar="N:K,...",
        help="a burst of N frames reads K frames besides the fused image (default: burst_pages.BURST_FRAMES_READ)",
    )
    args = parser.parse_args(argv or [])
    for pair in (part for part in args.burst_frames.split(",") if part):
        size, _, count = pair.partition(":")
        FRAMES_READ[int(size)] = int(count)
    if args.speed:
        speed(args.speed)
        return
    sizes = [int(size) for size in args.sizes.split(",") if size]
    folders = {}
    for option in args.folder:
        name, sep, path = option.partition("=")
        if not sep or not name or not path or " " in name:
            parser.error(f"--folder {option!r}: give NAME=PATH (NAME without spaces)")
        folders[name] = Path(path)
    results, skipped = run(
        args.engines.split(","),
        [name for name in args.sets.split(",") if name],
        args.singles,
        args.bursts,
        sizes,
        args.limit,
        args.shared_bursts,
        args.cache,
        folders,
    )
    report(results)
    for what, count in sorted(skipped.items()):
        print(f"{what}: {count} bursts with fewer than {what.rsplit(' ', 1)[1]} frames skipped")
    if args.calibrate:
        for engine, tallies in results.items():
            extra = {name for name in args.calibrate_folders.split(",") if name}
            dev = [
                t
                for name, t in tallies.items()
                if (name.split()[0] in SPLITS and not name.endswith("fused")) or name in {f"{f} single" for f in extra}
            ]
            used = ", ".join(sorted({*(n for n in SPLITS if any(k.startswith(n + " ") for k in tallies)), *extra}))
            print(f"\ncalibrated fact thresholds ({engine}, on {used}): {calibrate(dev)}")


if __name__ == "__main__":
    main(sys.argv[1:])
