"""US Consolidated Screening List (trade.gov CSL): one CSV merging 13 US government lists.

Each row keeps its sub-list in `ListEntry.list` (Entity List, Military End User List, SDN, …).
The same OFAC ent_num can sit on several Treasury sub-lists (SDN and SSI and CAPTA …), so only SDN
rows and the 40-hex rows of the other agencies use `_id` as is; rows of the other Treasury lists
use `<_id>:<list code>`, which keeps every row its own entry (14,160) and the ids stable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecgraph.ingest.csv_rows import csv_rows
from ecgraph.ingest.dates import parse_dates
from ecgraph.ingest.records import (
    Address,
    CountryRef,
    DateFact,
    EntityType,
    Identifier,
    Link,
    ListEntry,
    Name,
)
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.sources._names import NameIndex, clean, split_list
from ecgraph.ingest.sources._ofac_features import classify_feature
from ecgraph.schemas.countries import read_countries, read_country

__all__ = ["UsTradeCsl"]

COLUMNS = [
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement",
    "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
    "vessel_flag", "vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships",
    "dates_of_birth", "nationalities", "places_of_birth", "source_information_url", "ids",
]
# CSL `source` label -> (sub-list name kept in ListEntry.list, code used in ids of shared ent_nums)
SUB_LISTS: dict[str, tuple[str, str]] = {
    "Specially Designated Nationals (SDN) - Treasury Department": ("SDN", "SDN"),
    "Entity List (EL) - Bureau of Industry and Security": ("Entity List", "EL"),
    "ITAR Debarred (DTC) - State Department": ("ITAR Debarred", "DTC"),
    "Denied Persons List (DPL) - Bureau of Industry and Security": ("Denied Persons List", "DPL"),
    "Sectoral Sanctions Identifications List (SSI) - Treasury Department": ("SSI", "SSI"),
    "Unverified List (UVL) - Bureau of Industry and Security": ("Unverified List", "UVL"),
    "Nonproliferation Sanctions (ISN) - State Department": ("Nonproliferation Sanctions", "ISN"),
    "Palestinian Legislative Council List (PLC) - Treasury Department": ("PLC", "PLC"),
    "Military End User (MEU) List - Bureau of Industry and Security": ("Military End User List", "MEU"),
    "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department":
        ("CMIC", "CMIC"),
    "Capta List (CAP) - Treasury Department": ("CAPTA", "CAP"),
    "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department": ("NS-MBS", "NS-MBS"),
    "Foreign Sanctions Evaders (FSE) - Treasury Department": ("FSE", "FSE"),
}
ENTITY_TYPES: dict[str, EntityType] = {
    "Individual": "person", "Entity": "organization", "Vessel": "vessel", "Aircraft": "aircraft",
    "": "unknown",  # BIS and State rows leave the type empty
}
_HASH_ID = re.compile(r"^[0-9a-f]{40}$")
_LINKED_TO = re.compile(r"^\(Linked To: (.+)\)$")
_VERBATIM_EXTRA = (
    "entity_number", "title", "federal_register_notice", "standard_order", "license_requirement",
    "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
    "vessel_owner", "source_list_url", "source_information_url",
)


class UsTradeCsl(ListSource):
    id = "us_trade_csl"

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        path = files["csv"]
        index = NameIndex()
        secondary: list[tuple[str, str]] = []  # other Treasury sub-lists: the SDN row wins a name
        for _line, row in read_rows(path, ctx):
            if row["source"] in SUB_LISTS:
                source_id = source_id_of(row)
                if source_id == row["_id"]:
                    index.add(row["name"], source_id)
                else:
                    secondary.append((row["name"], source_id))
        for name, source_id in secondary:
            index.add_fallback(name, source_id)
        seen: set[str] = set()
        for line, row in read_rows(path, ctx):
            if row["source"] not in SUB_LISTS:
                ctx.reject(path, line, [f"unknown CSL source {row['source']!r}: add it to SUB_LISTS"], row)
                continue
            if row["type"] not in ENTITY_TYPES:
                ctx.reject(path, line, [f"unknown CSL type {row['type']!r}: add it to ENTITY_TYPES"], row)
                continue
            if not clean(row["name"]):
                ctx.reject(path, line, ["the name is empty"], row)
                continue
            entry = map_row(row, index, ctx)
            if entry.source_id in seen:  # the publisher repeats a row verbatim (BANK OF KUNLUN, CAPTA)
                ctx.warn(f"{path}: line {line}: row {entry.source_id} repeats an earlier row")
                n = 2
                while f"{entry.source_id}#{n}" in seen:
                    n += 1
                entry.source_id = f"{entry.source_id}#{n}"
            seen.add(entry.source_id)
            ctx.unmapped(path, row)
            yield entry


def read_rows(path: Path, ctx: ParseContext) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as dicts with the line each starts on; a header we do not know is a SourceError, a row of another
    width a reject. trade.gov publishes UTF-8: other bytes mean a damaged download."""
    return csv_rows(path, source=ctx.source, header=COLUMNS, exact=True, encodings=("utf-8",),
                    reject=lambda line, cells, reason: ctx.reject(path, line, [reason], cells),
                    hint="Check that this is trade.gov's consolidated.csv.", advice="download the file again")


def source_id_of(row: dict[str, str]) -> str:
    raw_id = row["_id"]
    code = SUB_LISTS[row["source"]][1]
    if code == "SDN" or _HASH_ID.match(raw_id):
        return raw_id
    return f"{raw_id}:{code}"


def map_row(row: dict[str, str], index: NameIndex, ctx: ParseContext) -> ListEntry:
    """Destructively map one CSV row: each field is popped as it is placed."""
    source_id = source_id_of(row)
    sub_list = SUB_LISTS[row.pop("source")][0]
    extra: dict[str, Any] = {"_id": row.pop("_id")}
    entry = ListEntry(
        source="us_trade_csl", source_id=source_id, entity_type=ENTITY_TYPES[row.pop("type")],
        name=clean(row.pop("name")), list=sub_list, extra=extra,
        programs=split_list(row.pop("programs")),
    )
    entry.names = [Name(alias, "alias") for alias in split_list(row.pop("alt_names"))]
    entry.addresses = [address_of(text) for text in split_list(row.pop("addresses"))]
    for role, column in (("citizenship", "citizenships"), ("nationality", "nationalities")):
        for text in split_list(row.pop(column)):
            reading = read_countries(text)
            entry.countries.extend(CountryRef(code, role) for code in reading.codes)
            if reading.unread:
                extra.setdefault(f"{column}_text", []).append(text)
    if flag := read_country(row.pop("vessel_flag")):
        entry.countries.append(CountryRef(flag, "flag"))
    for text in split_list(row.pop("dates_of_birth")):
        entry.dates += [DateFact("birth", iso, approx) for iso, approx in parse_dates(text)]
    for kind, column in (("listed", "start_date"), ("delisted", "end_date")):
        entry.dates += [DateFact(kind, iso, approx) for iso, approx in parse_dates(row.pop(column))]
    if places := split_list(row.pop("places_of_birth")):
        extra["places_of_birth"] = places
    for part in split_list(row.pop("remarks")):
        entry.remarks.append(part)
        if (match := _LINKED_TO.match(part)) and (target := index.resolve(match.group(1))):
            entry.links.append(Link("linked_to", target, note=match.group(1)))
    add_ids(entry, row.pop("ids"), ctx)
    for column in _VERBATIM_EXTRA:
        if value := clean(row.pop(column)):
            extra[column] = value
    return entry


def address_of(text: str) -> Address:
    """`street, city, state, postal, CC`: only the trailing ISO-2 is certain, the rest stays whole."""
    parts = [p.strip() for p in text.split(",")]
    country = read_country(parts[-1]) if len(parts[-1]) == 2 else None
    return Address(full=text, country=country)


def add_ids(entry: ListEntry, text: str, ctx: ParseContext) -> None:
    """`ids` holds `[CC, ]value, Label` items; the label says whether it is an id, a date or a fact."""
    for item in split_list(text):
        value, _, label = item.rpartition(", ")
        if not value:
            entry.extra.setdefault("ids_unparsed", []).append(item)
            continue
        country = None
        head, sep, rest = value.partition(", ")
        if sep and len(head) == 2 and head.isupper() and (code := read_country(head)):
            country, value = code, rest
        kind = classify_feature(label)
        if kind.kind == "identifier":
            entry.identifiers.append(Identifier(kind.target, value, country))
        elif kind.kind == "date":
            entry.dates += [DateFact(kind.target, iso, a) for iso, a in parse_dates(value)]
        elif kind.kind == "country" and (code := read_country(value)):
            entry.countries.append(CountryRef(code, kind.target))
        elif kind.kind == "extra":
            entry.extra.setdefault(kind.target, []).append(value)
        else:
            entry.identifiers.append(Identifier("other", value, country, note=label))
