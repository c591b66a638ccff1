"""Analysts' own watch lists (`custom:NAME`) as analysts keep them, versioned like the public lists.

A CSV, JSON Lines or xlsx file (`watch_list_files`); only a name column is required. `id` is the
analyst's own when given, else derived from a hash of the row's raw identity fields (name, type,
country, aliases, identifiers: the STYLE entity-id rule, so a reload keeps each entry's id). `type` is
optional: person, organization, vessel, aircraft (`individual`, `entity`, `company` accepted); none or
an unknown one gives `unknown`, which matches as any. Countries are read with ecgraph's one country
reader (`Russia`, `Korea, North`, `(1) Russia (2) Israel`); text it cannot read is kept in the remarks
and reported, never a reason to drop the row. `address` (several `;`- or `|`-separated) is address
evidence for PS-02. Other columns are kept in the remarks as `Column: value`.
Only a row without a name (or with a name no one could have typed) goes to the rejects.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from ecgraph.ingest.records import Address, CountryRef, EntityType, Identifier, ListEntry, Name
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.watch_list_files import watch_list_rows
from ecgraph.schemas.countries import read_countries
from ecgraph.schemas.errors import RecordError, SourceError

__all__ = ["CustomListSource", "custom_list_id", "custom_source", "derived_id"]

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
TYPES: dict[str, EntityType] = {
    "person": "person", "individual": "person", "natural person": "person", "個人": "person",
    "organization": "organization", "organisation": "organization", "entity": "organization",
    "company": "organization", "法人": "organization", "団体": "organization",
    "vessel": "vessel", "ship": "vessel", "船舶": "vessel", "aircraft": "aircraft",
}
MAX_NAME = 1000  # longer is a pasted document, not a name: rejected with its length, the row kept in the rejects
_IDENTITY = ("name", "type", "country", "aliases", "identifiers")


def derived_id(raw: dict[str, Any]) -> str:
    """`h` + 16 hex of the raw identity fields, as written (never cleaned: a cleaner change is no migration)."""
    payload = json.dumps([raw.get(k) for k in _IDENTITY], ensure_ascii=False, sort_keys=True, default=str)
    return "h" + hashlib.sha256(payload.encode()).hexdigest()[:16]


def custom_list_id(name: str) -> str:
    if not NAME_PATTERN.match(name):
        raise SourceError(
            f"list name {name!r} is not allowed: use 1-64 letters, digits, '.', '_' or '-'",
            source="custom", file=None,
        )
    return f"custom:{name}"


class CustomListSource(ListSource):
    """Parser for one custom list file; `custom_source(name)` gives an instance with its list id."""

    id: ClassVar[str] = "custom"

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        path = files["list"]
        for line, raw in watch_list_rows(path, self.id):
            try:
                yield self._entry(raw, ctx, path, line)
            except RecordError as exc:
                ctx.reject(path, line, exc.reasons, raw)

    def _entry(self, raw: dict[str, Any], ctx: ParseContext, path: Path, line: int) -> ListEntry:
        row = dict(raw)
        reasons: list[str] = []
        name = _text(row.pop("name", ""))
        if not name:
            reasons.append("empty name: a watch-list row needs the name to screen against")
        elif len(name) > MAX_NAME:
            reasons.append(f"name is {len(name):,} characters, more than a name can be ({MAX_NAME:,}); "
                           "check the column order of this row")
        source_id = _text(row.pop("id", "")) or derived_id(raw)
        remarks = _many(row.pop("remarks", None))
        kind = _text(row.pop("type", "")).lower()
        entity_type: EntityType = TYPES.get(kind, "unknown")
        if kind and kind not in TYPES:
            remarks.append(f"type: {kind}")
            ctx.warn(f"{path}, line {line}: type {kind!r} is not one of {', '.join(sorted(set(TYPES.values())))};"
                     " the entry matches as any type")
        country = row.pop("country", "")
        reading = read_countries("; ".join(map(str, country)) if isinstance(country, list) else _text(country))
        if reading.unread:
            remarks.append(f"country: {'; '.join(reading.unread)}")
            ctx.warn(f"{path}, line {line}: country {'; '.join(reading.unread)!r} names no country ecgraph "
                     "reads; kept in the remarks")
        identifiers = _identifiers(row.pop("identifiers", None), remarks)
        if reasons:
            raise RecordError(reasons)
        url = _text(row.pop("url", "")) or None
        aliases, programs = _many(row.pop("aliases", None)), _many(row.pop("programs", None))
        addresses = [Address(full=a, country=reading.code) for a in _many(row.pop("address", None))]
        leftover = {str(k): v for k, v in row.items() if v not in (None, "", [], {})}
        if leftover:
            ctx.unmapped(path, leftover)
            remarks += [f"{k}: {v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)}"
                        for k, v in leftover.items()]
        return ListEntry(
            source=self.id, source_id=source_id, entity_type=entity_type, name=name,
            names=[Name(a, kind="alias") for a in aliases if a != name],
            countries=[CountryRef(iso2=code, role="unknown") for code in reading.codes], identifiers=identifiers,
            programs=programs, remarks=remarks, url=url, addresses=addresses,
        )


def custom_source(name: str) -> CustomListSource:
    """An instance of the custom-list parser whose id (and list id) is `custom:NAME`."""
    list_id = custom_list_id(name)
    class_name = "CustomList_" + re.sub(r"\W", "_", name)
    cls: type[CustomListSource] = type(class_name, (CustomListSource,), {"id": list_id})
    return cls()


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _many(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[;|]", str(value))
    return [str(v).strip() for v in items if str(v).strip()]


def _identifiers(value: Any, remarks: list[str]) -> list[Identifier]:
    """`type:value;…` or [{type, value}]; anything else is kept in the remarks as written."""
    out: list[Identifier] = []
    items: list[Any] = value if isinstance(value, list) else _many(value)
    for item in items:
        if isinstance(item, dict) and item.get("type") and item.get("value"):
            out.append(Identifier(type=str(item["type"]), value=str(item["value"]),
                                  country=item.get("country"), note=item.get("note")))
        elif isinstance(item, str) and ":" in item:
            kind, _, ident = item.partition(":")
            out.append(Identifier(type=kind.strip().lower(), value=ident.strip()))
        else:
            remarks.append(f"identifier: {item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)}")
    return out
