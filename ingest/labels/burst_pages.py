"""Which pages of a burst are read, and how: a 4-frame burst for about two full page reads.

Why: the fused image and the three sharpest frames were each read in full (detection, recognition,
deblur, key-anchored re-reads): ~8 CPU-s per 4-frame burst (sealed run: 7.6 s wall at load 4), over
the 6 s aim. Detection is the larger part of a page's engine time (profiled on dev bursts: 24 of 42 s
in the engine), and the frames that went into the stack are registered onto the sharpest one
(`fuse.FusedBurst.homographies`): we know where each line the fused image shows lies in every frame.
So the fused image and the sharpest frame are read in full, side by side (two detections, two
independent readings), and the other registered frames are only recognised in the fused page's line
boxes taken into their own pixels (`moved_lines`, `read_in_boxes`: no detection, no deblur pass); each
is still one more vote per field, read from the frame as captured (reading the frame warped onto the
reference instead, a second interpolation, lowered the recogniser's confidence: dev2 burst 2 lost its
HS code fact, read at 0.81 and 0.85 on two warped frames, 0.81 and 0.89 on the same frames as captured). A burst whose frames do not stack (fewer
than three sharp and registered) reads its sharpest frame in full and the next sharpest, registered
onto it, in that frame's boxes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ecgraph.ingest.labels.fuse import MIN_CORRELATION, FusedBurst, fuse_frames, register
from ecgraph.ingest.labels.ocr import DEFAULT_ENGINE, OcrEngine, OcrLine, OcrPage, get_engine, worker_engines

__all__ = [
    "BURST_FRAMES_READ",
    "BURST_WORKERS",
    "BurstPages",
    "moved_lines",
    "read_burst_pages",
    "read_in_boxes",
    "read_pages",
]

# Frames of a burst read besides the fused image, the sharpest first: each is one more vote per field.
BURST_FRAMES_READ = 3

# Pages of a burst read side by side (threads: onnxruntime and OpenCV release the GIL while they work).
# ECGRAPH_OCR_WORKERS=1 reads them one after the other, each with the default engine's threads.
BURST_WORKERS = int(os.environ.get("ECGRAPH_OCR_WORKERS") or min(2, os.cpu_count() or 1))

PageReader = Callable[[Sequence[Path]], list[OcrPage]]
BoxReader = Callable[[Sequence[Path], Sequence[Sequence[OcrLine]]], list[OcrPage]]


def _side_by_side(
    paths: Sequence[Path], engine: str, workers: int | None, read: Callable[[OcrEngine, Path], OcrPage]
) -> list[OcrPage]:
    workers = BURST_WORKERS if workers is None else workers
    if workers < 2 or len(paths) < 2:
        ocr = get_engine(engine)
        return [read(ocr, Path(path)) for path in paths]
    engines = worker_engines(engine, min(workers, len(paths)))
    shares = [list(range(number, len(paths), len(engines))) for number in range(len(engines))]

    def read_share(number: int) -> list[tuple[int, OcrPage]]:
        return [(index, read(engines[number], Path(paths[index]))) for index in shares[number]]

    with ThreadPoolExecutor(max_workers=len(engines)) as pool:
        done = [pair for share in pool.map(read_share, range(len(engines))) for pair in share]
    return [page for _, page in sorted(done, key=lambda pair: pair[0])]


def read_pages(
    paths: Sequence[Path], engine: str = DEFAULT_ENGINE, workers: int | None = None
) -> list[OcrPage]:
    """The pages of `paths` in their order, read by `workers` engines side by side, each engine by one
    thread at a time: a burst's pages use both cores of the glasses' companion machine instead of one
    engine using two threads on each page in turn (its detector and recogniser run single-threaded
    much of a page's time)."""
    return _side_by_side(paths, engine, workers, lambda ocr, path: ocr.read(path))


def read_in_boxes(
    paths: Sequence[Path],
    boxes: Sequence[Sequence[OcrLine]],
    engine: str = DEFAULT_ENGINE,
    workers: int | None = None,
) -> list[OcrPage]:
    """Each of `paths` recognised in its line boxes (`boxes[i]`, polygons in its pixels), side by side
    as `read_pages`; an engine that cannot read given boxes reads each page in full."""
    by_path = {str(path): lines for path, lines in zip(paths, boxes, strict=True)}

    def read(ocr: OcrEngine, path: Path) -> OcrPage:
        in_boxes = getattr(ocr, "read_in_boxes", None)
        return in_boxes(path, by_path[str(path)]) if in_boxes is not None else ocr.read(path)

    return _side_by_side(paths, engine, workers, read)


def moved_lines(lines: Sequence[OcrLine], homography: Any) -> tuple[OcrLine, ...]:
    """The lines' polygons taken into another frame's pixels by `homography` (`fuse.register`)."""
    moved = []
    for line in lines:
        if len(line.poly) != 4:
            continue
        points = cv2.perspectiveTransform(np.asarray(line.poly, np.float64).reshape(-1, 1, 2), homography)
        poly = tuple((float(x), float(y)) for x, y in points.reshape(-1, 2))
        xs, ys = [x for x, _ in poly], [y for _, y in poly]
        moved.append(replace(line, poly=poly, box=(min(xs), min(ys), max(xs), max(ys))))
    return tuple(moved)


@dataclass(frozen=True)
class BurstPages:
    """The images a burst read (files in the folder given) and their pages, the fused image first when
    the frames stacked (`fused.stacked`)."""

    paths: tuple[Path, ...]
    pages: tuple[OcrPage, ...]
    fused: FusedBurst


def _write(folder: Path, name: str, image: Any) -> Path:
    path = folder / f"{name}.png"
    cv2.imwrite(str(path), image)  # lossless (PNG)
    return path


def read_burst_pages(
    frames: Sequence[Any],
    folder: Path,
    engine: str = DEFAULT_ENGINE,
    *,
    prefix: str = "",
    frames_read: int = BURST_FRAMES_READ,
    read_full: PageReader | None = None,
    read_boxed: BoxReader | None = None,
) -> BurstPages:
    """The frames (BGR images) fused, then the fused image and the sharpest frame read in full and up to
    `frames_read` - 1 more registered frames, the sharpest first, read in the fused page's boxes (when
    the frames did not stack: in the sharpest frame's boxes; as above). Images are written to `folder`
    as `{prefix}fused.png` and `{prefix}frame{i}.png` (the frame as captured). `read_full` / `read_boxed`
    replace the engine calls (the benchmark's cache)."""
    fused = fuse_frames(frames)
    full = read_full or (lambda paths: read_pages(paths, engine))
    boxed_reader = read_boxed or (lambda paths, boxes: read_in_boxes(paths, boxes, engine))
    reference = frames[fused.reference]
    sharpest = _write(folder, f"{prefix}frame{fused.reference}", reference)
    if fused.stacked:
        others = [index for index in fused.order[1:] if index in fused.homographies]
        homographies = {index: fused.homographies[index] for index in others[: max(frames_read - 1, 0)]}
        unregistered: list[Path] = []
    else:
        # Too few frames sharp enough to stack: the next sharpest are registered onto the sharpest frame
        # and read in its boxes (a blurred frame's own detection finds fewer lines); a frame that will
        # not register is read in full.
        homographies, unregistered = {}, []
        for index in fused.order[1:frames_read]:
            found = fused.homographies.get(index)
            if found is None and frames[index].shape == reference.shape:
                registered = register(reference, frames[index])
                found = registered[0] if registered is not None and registered[1] >= MIN_CORRELATION else None
            if found is None:
                unregistered.append(_write(folder, f"{prefix}frame{index}", frames[index]))
            else:
                homographies[index] = found
    in_boxes = [_write(folder, f"{prefix}frame{index}", frames[index]) for index in homographies]
    first = [_write(folder, f"{prefix}fused", fused.image)] if fused.stacked else []
    pages = full([*first, sharpest, *unregistered])
    boxes = [moved_lines(pages[0].lines, homography) for homography in homographies.values()]
    boxed = boxed_reader(in_boxes, boxes)
    return BurstPages((*first, sharpest, *unregistered, *in_boxes), (*pages, *boxed), fused)
