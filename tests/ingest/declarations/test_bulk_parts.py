"""The bulk CSV pass on several worker processes writes what one process writes.

One file with amendments across batches (and so across parts), a repeat, a broken line and a conflicting
re-send near its end is written with 1 and with 3 workers: the importer CSVs hold the same rows (file
names and row order aside, load id and time masked), the counts and the rejects file are the same.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from ecgraph.demo.declarations import generate
from ecgraph.ingest.declarations.bulk import write_import_files
from ecgraph.ingest.json_lines import split_feed

BATCH = 200
VOLATILE = ("loaded_at", "load_id")


def rows(folder: Path) -> Counter[tuple[str, tuple[tuple[str, str], ...]]]:
    """Every CSV row as (label or type, sorted header -> value), volatile values masked."""
    found: Counter[tuple[str, tuple[tuple[str, str], ...]]] = Counter()
    for path in folder.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            for row in reader:
                cells = (("*" if h.startswith(VOLATILE) else v) for h, v in zip(header, row, strict=True))
                found[(path.name.split("-")[1], tuple(sorted(zip(header, cells, strict=True))))] += 1
    return found


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    path = tmp_path / "declarations.jsonl"
    generate(1500, seed=23, out=path)
    lines = path.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    conflict = {**first, "port_of_loading": "JPNGO" if first.get("port_of_loading") != "JPNGO" else "JPTYO"}
    lines += [lines[7], '{"declaration_number": "bad"', json.dumps(conflict)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_three_workers_write_the_rows_one_process_writes(feed: Path, tmp_path: Path) -> None:
    assert len(split_feed(feed, "jsonl", BATCH, 3)) == 3  # the parts really are parts
    written = {}
    for workers in (1, 3):
        load, files = write_import_files([feed], tmp_path / f"csv-{workers}", state_dir=tmp_path / f"state-{workers}",
                                         batch_size=BATCH, workers=workers)
        rejects = [json.loads(line) for line in Path(load.results[0].rejects_path).read_text().splitlines()]
        written[workers] = (rows(files.folder), load.expected, load.results[0].counts, rejects)

    one, three = written[1], written[3]
    last = len(feed.read_text(encoding="utf-8").splitlines())
    assert one[0] == three[0] and sum(one[0].values()) > 10_000
    assert one[1] == three[1]
    assert one[2] == three[2] and one[2]["amended"] > 0 and one[2]["rejected"] == 2
    assert one[3] == three[3] and [r["line"] for r in one[3]] == [last - 1, last]
    assert "already loaded with different content" in one[3][1]["reasons"][0]
