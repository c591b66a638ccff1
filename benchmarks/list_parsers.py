"""Parse speed of the list sources on the bundled snapshot, against reading the same bytes raw.

    .venv/bin/python -m benchmarks.list_parsers

For each source: median of 3 full parses (entries/s) and the ratio to a baseline measured in the same
run on the same files: `csv.reader` over every CSV file (CSV sources) or a bare
`xml.etree.ElementTree.iterparse` (XML sources), or reading the JSON lines (FtM). The ratio says what
mapping costs on top of tokenising; no Neo4j is needed.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import iterparse

from ecgraph.ingest.registry import get_source
from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.ingest.source import ParseContext

SOURCES = ["us_trade_csl", "us_ofac_sdn", "us_ofac_cons", "un_sc_sanctions", "os_ftm", "us_bis_mieu",
           "us_dod_1260h"]


def _median_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _baseline(files: dict[str, Path]) -> int:
    """Tokenise the files without mapping: rows, elements or JSON lines read."""
    count = 0
    for path in files.values():
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as stream:
                count += sum(1 for _ in iterparse(io.BufferedReader(stream)))  # type: ignore[arg-type]
        elif path.suffix.lower() == ".xml":
            count += sum(1 for _ in iterparse(path))
        elif path.name.endswith(".json"):
            with path.open(encoding="utf-8") as handle:
                count += sum(1 for line in handle if json.loads(line))
        else:
            with path.open(encoding="utf-8", newline="") as handle:
                count += sum(1 for _ in csv.reader(handle))
    return count


def main() -> None:
    data = snapshot_dir()
    print(f"{'source':<18}{'entries':>9}{'parse s':>10}{'entries/s':>12}{'baseline s':>12}{'ratio':>8}")
    for source_id in SOURCES:
        source = get_source(source_id)
        files = source.snapshot_files(data)
        entries = len(list(source.parse(files, ParseContext(source_id))))
        parse_s = _median_seconds(lambda: list(source.parse(files, ParseContext(source_id))))  # noqa: B023
        base_s = _median_seconds(lambda: _baseline(files))  # noqa: B023
        print(f"{source_id:<18}{entries:>9,}{parse_s:>10.3f}{entries / parse_s:>12,.0f}{base_s:>12.3f}"
              f"{parse_s / base_s:>8.1f}x")


if __name__ == "__main__":
    main()
