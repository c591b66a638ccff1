"""The Common High Priority Items List (CHPL) as a control list whose entries are its tiers.

`chpl/chpl_2024-02.csv` (hs6, hs_dotted, tier, tier_group, hs2022_description) is the list; the
version is the date in its name. `chpl_hs.csv` (hs_code, tier, description, source) is a second,
independent transcription: when given, the two must name the same code/tier set, or loading stops.
Each HS-6 code becomes an indicative correlation to its tier entry.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecgraph.ingest.controls._csv import read_rows
from ecgraph.ingest.controls.records import ControlEntryRecord, ControlListRecord, HsCorrelation
from ecgraph.schemas.errors import SourceError

__all__ = ["LIST_ID", "TIERS", "parse_chpl"]

LIST_ID = "chpl"
# the tiers the CHPL publishes, in order; a tier not listed here stops the load
TIERS = ("1", "2", "3.A", "3.B", "4.A", "4.B")


def parse_chpl(path: Path, cross_check: Path | None = None) -> tuple[ControlListRecord, list[HsCorrelation]]:
    match = re.search(r"(\d{4}-\d{2}(?:-\d{2})?)", path.name)
    if not match:
        raise SourceError("the file name carries no version date (chpl_YYYY-MM.csv)", source=LIST_ID, file=str(path))
    record = ControlListRecord(list_id=LIST_ID, title="Common High Priority Items List (BIS / EU / UK / Japan)",
                               version=match.group(1), source_file=path.name, publisher="US BIS, EU, UK, Japan")
    groups: dict[str, str] = {}
    correlations: list[HsCorrelation] = []
    for line, row in read_rows(path, LIST_ID, ("hs6", "hs_dotted", "tier", "tier_group", "hs2022_description")):
        tier, hs6 = row["tier"], row["hs6"]
        if tier not in TIERS:
            raise SourceError(f"tier {tier!r} is not one of {TIERS}", source=LIST_ID, file=str(path), line=line)
        if len(hs6) != 6 or not hs6.isdigit():
            raise SourceError(f"hs6 {hs6!r} is not six digits (read codes as text)", source=LIST_ID,
                              file=str(path), line=line)
        groups.setdefault(tier, row["tier_group"])
        correlations.append(HsCorrelation(hs_code=hs6, list_id=LIST_ID, entry_code=tier, source=path.name,
                                          basis=f"CHPL tier {tier}: {row['hs2022_description']}", tier=tier))
    for tier in TIERS:
        if tier in groups:
            record.entries.append(ControlEntryRecord(code=tier, number=f"Tier {tier}", level=1, parent_code=None,
                                                     text_en=groups[tier], regimes=["CHPL"], scope="ALL"))
    if cross_check is not None:
        _cross_check(correlations, cross_check)
    return record, correlations


def _cross_check(correlations: list[HsCorrelation], path: Path) -> None:
    other = {(row["hs_code"], row["tier"]) for _, row in read_rows(path, LIST_ID, ("hs_code", "tier", "description",
                                                                                   "source"))}
    ours = {(c.hs_code, c.tier) for c in correlations}
    if ours != other:
        raise SourceError(f"disagrees with the CHPL list: only here {sorted(other - ours)}, only in the list "
                          f"{sorted(ours - other)}", source=LIST_ID, file=str(path))
