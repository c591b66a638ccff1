"""OpenSanctions FollowTheMoney entity files (JSON lines) → ListEntry: a generic FtM reader.

Person / Company / Organization / PublicBody / LegalEntity / Vessel / Airplane entities become
entries. FtM keeps some facts in entities of their own; they are gathered in a first pass and folded
into the entry they point at: Address (→ addresses), Sanction (→ programmes, listed / delisted dates;
kept whole in `extra["ftm_sanctions"]`), Passport / Identification (→ identifiers) and the links
Ownership / Directorship / Family / Associate / UnknownLink (→ `Link`, with share percentages).
Properties with no ListEntry field are kept in `extra["ftm_properties"]`, so `ecgraph.ingest.ftm`
can write the entry back. The followthemoney model validates schema names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecgraph.ingest.ftm import (
    COUNTRY_PROPS,
    DATE_PROPS,
    ENTITY_SCHEMAS,
    IDENTIFIER_PROPS,
    LINK_NOTE_PROPS,
    LINK_SCHEMAS,
    META_KEYS,
    NAME_PROPS,
    ftm_model,
)
from ecgraph.ingest.json_lines import json_objects
from ecgraph.ingest.records import Address, CountryRef, DateFact, Identifier, Link, ListEntry, Name, NameKind
from ecgraph.ingest.scripts import script_of
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.schemas.countries import read_country

__all__ = ["OsFtm", "read_ftm_lines"]

SATELLITES = {"Address", "Sanction", "Passport", "Identification", *LINK_SCHEMAS}
_ID_ORDER = {kind: i for i, kind in enumerate(IDENTIFIER_PROPS.values())}

Entity = dict[str, Any]


class OsFtm(ListSource):
    id = "os_ftm"

    def files_from(self, path: Path) -> dict[str, Path]:
        """One `.ftm.json` file (any name) is the whole snapshot."""
        if path.is_dir():
            return super().files_from(path)
        return {"entities": path}

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        for role in sorted(files):
            yield from parse_file(files[role], ctx)


def read_ftm_lines(path: Path, ctx: ParseContext) -> Iterator[tuple[int, Entity]]:
    """FtM entities with their line numbers; a line that is not a JSON object is a SourceError."""
    return json_objects(path, ctx.source, "one FtM entity object per line")


def parse_file(path: Path, ctx: ParseContext) -> Iterator[ListEntry]:
    satellites: dict[str, list[tuple[int, Entity]]] = defaultdict(list)  # referenced entity id -> satellites
    addresses: dict[str, Entity] = {}
    entry_ids: set[str] = set()
    for line, entity in read_ftm_lines(path, ctx):
        schema = entity.get("schema")
        if not entity.get("id") or ftm_model().get(str(schema)) is None:
            ctx.reject(path, line, [f"no id or unknown FtM schema {schema!r}"], entity)
        elif schema in ENTITY_SCHEMAS:
            entry_ids.add(entity["id"])
        elif schema == "Address":  # entities point at an address by its id or by one of its referents
            for address_id in [entity["id"], *entity.get("referents", [])]:
                addresses[address_id] = entity
        elif schema in SATELLITES:
            holder = _holder(entity)
            if holder is None:
                ctx.reject(path, line, [f"{schema} {entity['id']} names no entity it belongs to"], entity)
            else:
                satellites[holder].append((line, entity))
        else:
            ctx.unmapped(path, {f"schema {schema}": entity["id"]})
    for holder, items in satellites.items():
        if holder not in entry_ids:
            for line, entity in items:
                reason = f"{entity['schema']} {entity['id']} refers to {holder}, which is not an entity of this file"
                ctx.reject(path, line, [reason], entity)
    for line, entity in read_ftm_lines(path, ctx):
        if entity.get("schema") in ENTITY_SCHEMAS and entity.get("id"):
            yield map_entity(entity, satellites.get(entity["id"], []), addresses)


def _holder(entity: Entity) -> str | None:
    props = entity.get("properties", {})
    schema = entity["schema"]
    key = {"Sanction": "entity", "Passport": "holder", "Identification": "holder"}.get(schema)
    if key is None and schema in LINK_SCHEMAS:
        key = LINK_SCHEMAS[schema][0]
    values = props.get(key or "", [])
    return values[0] if values else None


def map_entity(entity: Entity, satellites: list[tuple[int, Entity]], addresses: dict[str, Entity]) -> ListEntry:
    """One FtM entity and its satellites → ListEntry; properties are popped as they are placed."""
    props: dict[str, list[str]] = {k: list(v) for k, v in entity.get("properties", {}).items()}
    names = props.pop("name", [])
    caption = entity.get("caption") or (names[0] if names else entity["id"])
    entry = ListEntry(source="os_ftm", source_id=entity["id"], entity_type=ENTITY_SCHEMAS[entity["schema"]],
                      name=caption)
    entry.extra["ftm_schema"] = entity["schema"]
    entry.extra["ftm"] = {key: entity[key] for key in META_KEYS if key in entity}
    seen = {caption}
    named: list[tuple[str, NameKind]] = [(v, "alias") for v in names]
    for value, kind in named + [
            (v, NAME_PROPS[p]) for p in NAME_PROPS for v in props.pop(p, [])]:
        if value not in seen:
            seen.add(value)
            entry.names.append(Name(value, kind, script=script_of(value)))
    for prop, id_kind in IDENTIFIER_PROPS.items():
        entry.identifiers += [Identifier(id_kind, value) for value in props.pop(prop, [])]
    for prop, date_kind in DATE_PROPS.items():
        entry.dates += [DateFact(date_kind, value) for value in props.pop(prop, [])]
    _countries(entry, props)
    entry.remarks = props.pop("notes", [])
    entry.programs = props.pop("programId", [])
    urls = props.pop("sourceUrl", [])
    if urls:
        entry.url, rest = urls[0], urls[1:]
        if rest:
            props["sourceUrl"] = rest
    unresolved = []
    for address_id in props.pop("addressEntity", []):
        if address_id in addresses:
            entry.addresses.append(_address(addresses[address_id]))
        else:  # an Address the export left out: keep the reference so writing back loses nothing
            unresolved.append(address_id)
    if unresolved:
        props["addressEntity"] = unresolved
    entry.addresses += [Address(full=text) for text in props.pop("address", [])
                        if text not in {a.full for a in entry.addresses}]
    for _line, satellite in satellites:
        _apply_satellite(entry, satellite)
    entry.identifiers.sort(key=lambda i: _ID_ORDER.get(i.type, len(_ID_ORDER)))
    if props:
        entry.extra["ftm_properties"] = props
    return entry


def _countries(entry: ListEntry, props: dict[str, list[str]]) -> None:
    for prop, role in COUNTRY_PROPS.items():
        leftover = []
        for value in props.pop(prop, []):
            code = read_country(value.upper()) if len(value) == 2 else None
            if code is None:
                leftover.append(value)  # FtM's own codes (suhh, zz …) stay verbatim
            elif not any(c.iso2 == code and c.role == role for c in entry.countries):
                entry.countries.append(CountryRef(code, role))
        if leftover:
            props[prop] = leftover


def _address(entity: Entity) -> Address:
    props = entity.get("properties", {})

    def first(key: str) -> str | None:
        values = props.get(key) or []
        return values[0] if values else None

    country = first("country")
    return Address(full=first("full") or entity.get("caption") or "", street=first("street"), city=first("city"),
                   region=first("region"), postal_code=first("postalCode"),
                   country=country.upper() if country and len(country) == 2 else None)


def _apply_satellite(entry: ListEntry, satellite: Entity) -> None:
    schema, props = satellite["schema"], satellite.get("properties", {})
    if schema == "Sanction":
        kept = {k: v for k, v in satellite.items() if k != "properties"}
        kept["properties"] = {k: v for k, v in props.items() if k != "entity"}
        entry.extra.setdefault("ftm_sanctions", []).append(kept)
        for program in props.get("programId", []):
            if program not in entry.programs:
                entry.programs.append(program)
        for prop, kind in (("startDate", "listed"), ("listingDate", "listed"), ("endDate", "delisted")):
            for value in props.get(prop, []):
                if not any(d.kind == kind and d.value == value for d in entry.dates):
                    entry.dates.append(DateFact(kind, value))
    elif schema in ("Passport", "Identification"):
        for number in props.get("number", []) + props.get("passportNumber", []):
            entry.identifiers.append(Identifier("passport" if schema == "Passport" else "national_id", number,
                                                (props.get("country") or [None])[0]))
    elif schema in LINK_SCHEMAS:
        _source, target_prop, kind = LINK_SCHEMAS[schema]
        note = (props.get(LINK_NOTE_PROPS[schema]) or [None])[0]
        share = _percentage((props.get("percentage") or [None])[0])
        for target in props.get(target_prop, []):
            entry.links.append(Link(kind, target, note=note, share_pct=share))


def _percentage(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return float(text.strip().rstrip("%").replace(",", "."))
    except ValueError:
        return None
