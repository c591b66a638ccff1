"""Parse speed of every list source on the bundled snapshot, against reading the same bytes raw.

    .venv/bin/python -m benchmarks.list_parsers [SOURCE …]

For each source: median of 3 full parses (entries/s) and the ratio to a baseline measured in the same
run on the same files: `csv.reader` (CSV), a bare `iterparse` (XML, also inside a zip), reading the
JSON lines (FtM), openpyxl's read-only row iteration (xlsx) or pypdf's text extraction (PDF). The
ratio says what mapping costs on top of reading the format; no Neo4j is needed.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
import sys
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import iterparse

from openpyxl import load_workbook
from pypdf import PdfReader

from ecgraph.ingest.registry import SOURCES, get_source
from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.ingest.source import ParseContext


def _median_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _baseline(files: dict[str, Path]) -> int:
    """Read the files without mapping: rows, elements, JSON lines, cells or characters of text."""
    count = 0
    for path in files.values():
        suffix = path.suffix.lower()
        if suffix == ".zip":
            with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as stream:
                buffered = io.BufferedReader(stream)  # type: ignore[type-var]  # a ZipExtFile reads like a raw stream
                count += sum(1 for _ in iterparse(buffered))
        elif suffix == ".xml":
            count += sum(1 for _ in iterparse(path))
        elif path.name.endswith(".json"):
            with path.open(encoding="utf-8") as handle:
                count += sum(1 for line in handle if json.loads(line))
        elif suffix == ".xlsx":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                book = load_workbook(path, read_only=True)
            for sheet in book.worksheets:
                count += sum(1 for _ in sheet.iter_rows(values_only=True))
            book.close()
        elif suffix == ".pdf":
            count += sum(len(page.extract_text() or "") for page in PdfReader(path).pages)
        else:
            with path.open(encoding="utf-8", newline="") as handle:
                count += sum(1 for _ in csv.reader(handle))
    return count


def main(argv: list[str] | None = None) -> None:
    data = snapshot_dir()
    print(f"{'source':<34}{'entries':>9}{'parse s':>10}{'entries/s':>12}{'baseline s':>12}{'ratio':>8}")
    for source_id in argv or sorted(SOURCES):
        source = get_source(source_id)
        files = source.snapshot_files(data)
        entries = len(list(source.parse(files, ParseContext(source_id))))
        parse_s = _median_seconds(lambda: list(source.parse(files, ParseContext(source_id))))  # noqa: B023
        base_s = _median_seconds(lambda: _baseline(files))  # noqa: B023
        print(
            f"{source_id:<34}{entries:>9,}{parse_s:>10.3f}{entries / parse_s:>12,.0f}{base_s:>12.3f}"
            f"{parse_s / base_s:>8.1f}x",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
