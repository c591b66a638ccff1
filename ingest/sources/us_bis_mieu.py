"""US BIS Military-Intelligence End Users (15 CFR 744.22, supplement no. 8 to part 744).

BIS publishes the 13 agencies only inside Federal Register rules; the machine-readable copy is the
one OpenSanctions curates by hand (`mieu.csv`, CC BY-NC 4.0). The list gives no ids, so the id is a
hash of the raw Name and Country. An End date means the agency was removed: a `delisted` date.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ecgraph.ingest.dates import parse_dates
from ecgraph.ingest.records import CountryRef, DateFact, EntityType, ListEntry, Name
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.sources._csv_rows import read_csv_rows, stable_id
from ecgraph.ingest.sources._names import clean, split_list
from ecgraph.schemas.countries import read_country

__all__ = ["UsBisMieu"]

COLUMNS = ["Type", "Name", "Alias", "Country", "Topics", "Program", "Date", "End date", "Source URL"]
TYPES: dict[str, EntityType] = {"Organization": "organization", "Person": "person", "Company": "organization"}


class UsBisMieu(ListSource):
    id = "us_bis_mieu"

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        path = files["csv"]
        for line, row in read_csv_rows(path, COLUMNS, ctx):
            reasons = []
            if row["Type"] not in TYPES:
                reasons.append(f"unknown Type {row['Type']!r}: add it to TYPES")
            if not clean(row["Name"]):
                reasons.append("the Name is empty")
            code = read_country(row["Country"])
            if row["Country"] and code is None:
                reasons.append(f"unknown Country {row['Country']!r}")
            if reasons:
                ctx.reject(path, line, reasons, row)
                continue
            yield map_row(row, code)
            ctx.unmapped(path, row)


def map_row(row: dict[str, str], code: str | None) -> ListEntry:
    entry = ListEntry(source="us_bis_mieu", source_id=stable_id(row["Name"], row["Country"]),
                      entity_type=TYPES[row.pop("Type")], name=clean(row.pop("Name")),
                      list="Military-Intelligence End User", programs=split_list(row.pop("Program")))
    entry.names = [Name(alias, "alias") for alias in split_list(row.pop("Alias"))]
    row.pop("Country")
    if code:
        entry.countries.append(CountryRef(code, "jurisdiction"))
    entry.dates += [DateFact("listed", iso, a) for iso, a in parse_dates(row.pop("Date"))]
    entry.dates += [DateFact("delisted", iso, a) for iso, a in parse_dates(row.pop("End date"))]
    entry.url = clean(row.pop("Source URL")) or None
    if topics := split_list(row.pop("Topics")):
        entry.extra["topics"] = topics
    return entry
