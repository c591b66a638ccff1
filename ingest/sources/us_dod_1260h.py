"""US DoD Section 1260H list of "Chinese military companies" operating in the United States.

DoD publishes it as a PDF each January; the machine-readable copy is OpenSanctions' curated CSV
(CC BY-NC 4.0). `Name` carries footnote marks and short names (`… (AVIC)*`), so the entry name is
`Clean Name`. A company is listed again with each yearly release, so one row is one listing: the id
hashes the raw Clean Name and Start date. An End date means the listing ended (`delisted`).
`Parent Name` becomes an `owned_by` link to the parent's listing of the same release where there is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ecgraph.ingest.dates import parse_dates
from ecgraph.ingest.records import DateFact, Link, ListEntry, Name
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.sources._csv_rows import read_csv_rows, stable_id
from ecgraph.ingest.sources._names import clean, split_list

__all__ = ["UsDod1260h"]

_TRAILING_SHORT_NAME = re.compile(r"\s*\([^()]*\)\s*$")
_NOT_WORD = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """Parent names are typed by hand: compare without punctuation, case or a trailing `(ABBR)`."""
    return _NOT_WORD.sub("", _TRAILING_SHORT_NAME.sub("", name)).casefold()

COLUMNS = ["Name", "Clean Name", "Alias", "Previous Name", "Parent Name", "Note", "Start date", "End date",
           "Source Url"]


class UsDod1260h(ListSource):
    id = "us_dod_1260h"

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        path = files["csv"]
        listings: dict[str, list[tuple[str, str]]] = {}  # clean name -> [(start date, id)]
        for _line, row in read_csv_rows(path, COLUMNS, ctx):
            listings.setdefault(name_key(row["Clean Name"]), []).append(
                (row["Start date"], stable_id(row["Clean Name"], row["Start date"])))
        seen: set[str] = set()
        for line, row in read_csv_rows(path, COLUMNS, ctx):
            reasons = []
            if not clean(row["Clean Name"]):
                reasons.append("the Clean Name is empty")
            if not parse_dates(row["Start date"]):
                reasons.append(f"Start date {row['Start date']!r} is not a date")
            source_id = stable_id(row["Clean Name"], row["Start date"])
            if source_id in seen:
                reasons.append(f"repeats an earlier row (same Clean Name and Start date {row['Start date']})")
            if reasons:
                ctx.reject(path, line, reasons, row)
                continue
            seen.add(source_id)
            yield map_row(row, source_id, listings, ctx, path)
            ctx.unmapped(path, row)


def _parent_id(parent: str, start: str, listings: dict[str, list[tuple[str, str]]]) -> str | None:
    """The parent's listing of the same release, else its latest earlier one, else its first."""
    candidates = sorted(listings.get(name_key(parent), []))
    if not candidates:
        return None
    same = [pid for pstart, pid in candidates if pstart == start]
    earlier = [pid for pstart, pid in candidates if pstart <= start]
    return (same or earlier or [candidates[0][1]])[-1]


def map_row(row: dict[str, str], source_id: str, listings: dict[str, list[tuple[str, str]]],
            ctx: ParseContext, path: Path) -> ListEntry:
    start = row["Start date"]
    entry = ListEntry(source="us_dod_1260h", source_id=source_id, entity_type="organization",
                      name=clean(row.pop("Clean Name")), list="Section 1260H Chinese military companies",
                      programs=["US-DOD-1260H"])
    entry.extra["name_as_printed"] = row.pop("Name")
    entry.names = [Name(v, "alias") for v in split_list(row.pop("Alias"))]
    entry.names += [Name(v, "previous") for v in split_list(row.pop("Previous Name"))]
    entry.dates += [DateFact("listed", iso, a) for iso, a in parse_dates(row.pop("Start date"))]
    entry.dates += [DateFact("delisted", iso, a) for iso, a in parse_dates(row.pop("End date"))]
    if parent := clean(row.pop("Parent Name")):
        target = _parent_id(parent, start, listings)
        if target is not None and target != source_id:
            entry.links.append(Link("owned_by", target, note=parent))
        else:
            entry.extra["parent_unresolved"] = parent
    if note := clean(row.pop("Note")):
        entry.remarks.append(note)
    entry.url = clean(row.pop("Source Url")) or None
    return entry
