"""Analysts' own watch lists (`custom:NAME`) from JSON Lines or CSV, versioned like the public lists.

Columns / keys: `id` and `name` (required), `aliases` (a JSON array, or `;`-separated in CSV),
`country` (ISO-2, ISO-3 or an English name; several `;`-separated), `type` (person, organization,
vessel, aircraft; `individual`, `entity`, `company` are accepted), optional `identifiers`
(`type:value;type:value` in CSV, or a JSON array of `{"type", "value"}`), `programs`, `remarks`, `url`.
A row with a missing id or name, an unknown type or an unknown country goes to the rejects with every
reason; other columns are kept in `extra` and reported once as unmapped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pycountry

from ecgraph.ingest.json_lines import json_objects
from ecgraph.ingest.records import CountryRef, EntityType, Identifier, ListEntry, Name
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.schemas.errors import RecordError, SourceError

__all__ = ["CustomListSource", "custom_list_id", "custom_source"]

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
TYPES: dict[str, EntityType] = {
    "person": "person", "individual": "person",
    "organization": "organization", "organisation": "organization", "entity": "organization",
    "company": "organization",
    "vessel": "vessel", "ship": "vessel", "aircraft": "aircraft",
}
KNOWN = {"id", "name", "aliases", "country", "type", "identifiers", "programs", "remarks", "url"}


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
        for line, raw in _records(path, self.id):
            try:
                yield self._entry(raw, ctx, path)
            except RecordError as exc:
                ctx.reject(path, line, exc.reasons, raw)

    def _entry(self, raw: dict[str, Any], ctx: ParseContext, path: Path) -> ListEntry:
        row = dict(raw)
        reasons: list[str] = []
        source_id = str(row.pop("id", "") or "").strip()
        name = str(row.pop("name", "") or "").strip()
        if not source_id:
            reasons.append("missing 'id'")
        if not name:
            reasons.append("missing 'name'")
        kind = str(row.pop("type", "") or "").strip().lower()
        entity_type = TYPES.get(kind)
        if entity_type is None:
            reasons.append(f"unknown type {kind!r}: use one of {', '.join(sorted(set(TYPES.values())))}")
        countries: list[CountryRef] = []
        for value in _many(row.pop("country", None)):
            iso2 = _iso2(value)
            if iso2 is None:
                reasons.append(f"unknown country {value!r}: use an ISO 3166 code or English name")
            else:
                countries.append(CountryRef(iso2=iso2, role="unknown"))
        identifiers = _identifiers(row.pop("identifiers", None), reasons)
        if reasons:
            raise RecordError(reasons)
        assert entity_type is not None
        entry = ListEntry(
            source=self.id, source_id=source_id, entity_type=entity_type, name=name,
            names=[Name(a, kind="alias") for a in _many(row.pop("aliases", None))],
            countries=countries, identifiers=identifiers,
            programs=_many(row.pop("programs", None)), remarks=_many(row.pop("remarks", None)),
            url=str(row.pop("url", "") or "") or None,
        )
        leftover = {k: v for k, v in row.items() if v not in (None, "", [], {})}
        if leftover:
            ctx.unmapped(path, leftover)
            entry.extra = leftover
        return entry


def custom_source(name: str) -> CustomListSource:
    """An instance of the custom-list parser whose id (and list id) is `custom:NAME`."""
    list_id = custom_list_id(name)
    class_name = "CustomList_" + re.sub(r"\W", "_", name)
    cls: type[CustomListSource] = type(class_name, (CustomListSource,), {"id": list_id})
    return cls()


def _records(path: Path, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        yield from json_objects(path, source, "one object per line with id, name, type and optional aliases, "
                                "country, identifiers")
        return
    if path.suffix.lower() != ".csv":
        raise SourceError("custom lists are .csv or .jsonl files", source=source, file=str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8",
                          source=source, file=str(path)) from exc
    reader = csv.DictReader(text.splitlines())
    missing = {"id", "name", "type"} - set(reader.fieldnames or [])
    if missing:
        raise SourceError(f"the header lacks {', '.join(sorted(missing))}; expected columns: "
                          f"{', '.join(sorted(KNOWN))}", source=source, file=str(path), line=1)
    for row in reader:
        yield reader.line_num, {k: v for k, v in row.items() if k is not None}


def _many(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[;|]", str(value))
    return [str(v).strip() for v in items if str(v).strip()]


def _iso2(value: str) -> str | None:
    try:
        country = pycountry.countries.lookup(value.strip())
    except LookupError:
        return "XK" if value.strip().upper() in ("XK", "KOSOVO") else None
    return str(country.alpha_2)


def _identifiers(value: Any, reasons: list[str]) -> list[Identifier]:
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
            reasons.append(f"identifier {item!r} is not 'type:value' or {{type, value}}")
    return out
