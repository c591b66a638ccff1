"""Write generated captures to a folder: `python -m benchmarks.labelgen --split dev --count 6 --out DIR`.

Each capture is `<id>.jpg` (bursts: `<id>_fN.jpg`), its re-capture `<id>.sharp.jpg` and `<id>.json`
(truth in the shared set's format, plus split, layout, fonts, conditions and expected fields).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import cv2

from benchmarks.labelgen import SPLITS, make_burst, make_capture


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.labelgen", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--split", default="dev", choices=SPLITS)
    parser.add_argument("--count", type=int, default=6)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--frames", type=int, default=1, help="frames per capture (more than 1: bursts)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.start, args.start + args.count):
        capture = (
            make_burst(args.split, index, args.frames) if args.frames > 1 else make_capture(args.split, index)
        )
        for number, image in enumerate(capture.frames):
            suffix = f"_f{number}" if number else ""
            cv2.imwrite(str(args.out / f"{capture.id}{suffix}.jpg"), image, [cv2.IMWRITE_JPEG_QUALITY, 95])
        if capture.sharp is not None:
            cv2.imwrite(
                str(args.out / f"{capture.id}.sharp.jpg"), capture.sharp, [cv2.IMWRITE_JPEG_QUALITY, 95]
            )
        (args.out / f"{capture.id}.json").write_text(
            json.dumps(capture.truth(), ensure_ascii=False, indent=1)
        )
        print(capture.id, capture.layout, capture.fonts, capture.mode, capture.conditions)


if __name__ == "__main__":
    main()
