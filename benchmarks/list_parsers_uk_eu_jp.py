"""Parse speed of the UK, EU and Japanese list sources on the bundled snapshot, against reading raw.

    .venv/bin/python -m benchmarks.list_parsers_uk_eu_jp

For each source: median of 3 full parses (entries/s) and the ratio to a baseline measured in the same
run on the same files: openpyxl's read-only row iteration (xlsx), pypdf's text extraction (PDF) or
`csv.reader` (CSV). The ratio says what mapping costs on top of reading the format; no Neo4j needed.
"""

from __future__ import annotations

import csv
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from ecgraph.ingest.registry import get_source
from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.ingest.source import ParseContext

SOURCES = [
    "gb_ofsi_consolidated",
    "eu_oj_sanctions",
    "jp_meti_end_user_list",
    "jp_mof_asset_freeze",
    "jp_mofa_russia_specified",
    "jp_mofa_belarus_specified",
    "jp_mofa_third_country_specified",
]


def _median_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _baseline(files: dict[str, Path]) -> int:
    """Read the files without mapping: cells, characters of text, or CSV rows."""
    count = 0
    for path in files.values():
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
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


def main() -> None:
    data = snapshot_dir()
    print(f"{'source':<34}{'entries':>9}{'parse s':>10}{'entries/s':>12}{'baseline s':>12}{'ratio':>8}")
    for source_id in SOURCES:
        source = get_source(source_id)
        files = source.snapshot_files(data)
        entries = len(list(source.parse(files, ParseContext(source_id))))
        parse_s = _median_seconds(lambda: list(source.parse(files, ParseContext(source_id))))  # noqa: B023
        base_s = _median_seconds(lambda: _baseline(files))  # noqa: B023
        print(
            f"{source_id:<34}{entries:>9,}{parse_s:>10.3f}{entries / parse_s:>12,.0f}{base_s:>12.3f}"
            f"{parse_s / base_s:>8.1f}x"
        )


if __name__ == "__main__":
    main()
