"""HS subheadings dedicated to goods that the Export Trade Control Order lists (items 1-15): CL-01's input.

`hs_etco_correlation.csv`: hs_code, etco_entry, basis, source. Japan's list has no official HS mapping
(rules-domain.md §1.6); the EU correlation table `[EU-CORR]` is not bundled. This file is the correlation
the bundled real data supports: each row pairs an HS 2022 subheading with the ETCO Appended Table 1 entry
whose text names the same goods, and only where the subheading is *dedicated* to them (nuclear reactors,
enriched uranium, CWC-scheduled precursors, arms, carbon fibre, lasers, mass spectrometers). General
commercial subheadings that hold controlled goods only above performance thresholds (machine tools, ICs,
cameras, radars, drones) are left out: an HS code there says nothing, and the classifier and CL-02 read
the description instead. Either way a correlation is indicative, never a classification.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecgraph.ingest.controls._csv import read_rows
from ecgraph.ingest.controls.records import HsCorrelation
from ecgraph.schemas.errors import SourceError

__all__ = ["SOURCE", "parse_etco_hs_correlation"]

SOURCE = "hs_etco_correlation"
_ENTRY = re.compile(r"^(?:[1-9]|1[0-5])(?:の2)?\([0-9]+(?:の[0-9]+)?\)$")


def parse_etco_hs_correlation(path: Path, list_id: str, known_entries: set[str]) -> list[HsCorrelation]:
    """One correlation per row; an entry code the loaded ETCO version does not hold is an error, not a guess."""
    out = []
    for line, row in read_rows(path, SOURCE, ("hs_code", "etco_entry", "basis", "source")):
        code, entry = row["hs_code"], row["etco_entry"]
        if not code.isdigit() or len(code) not in (4, 6):
            raise SourceError(f"hs_code {code!r} is not a 4- or 6-digit HS code", source=SOURCE, file=str(path),
                              line=line)
        if not _ENTRY.match(entry):
            raise SourceError(f"etco_entry {entry!r} is not an item 1-15 entry such as 2(1) or 10(8) "
                              "(item 16 is the catch-all, not a list control)", source=SOURCE, file=str(path), line=line)
        if known_entries and entry not in known_entries:
            raise SourceError(f"etco_entry {entry!r} is not in the loaded Export Trade Control Order",
                              source=SOURCE, file=str(path), line=line)
        out.append(HsCorrelation(hs_code=code, list_id=list_id, entry_code=entry, source=SOURCE,
                                 basis=row["basis"]))
    return out
