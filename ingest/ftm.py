"""ListEntry ↔ FollowTheMoney (FtM) entities: the tables both directions share, and the writer.

FtM is OpenSanctions' entity format (one JSON object per line: id, schema, properties{name: [values]}).
`entry_to_ftm_entities` turns one ListEntry into its FtM entity plus the entities FtM keeps apart:
Address, Sanction (programmes and listing dates) and the link entities (Ownership, Directorship,
Family, Associate, UnknownLink). The reader is `ecgraph.ingest.sources.os_ftm`; reading an FtM file,
writing it with this module and reading the result again gives equal ListEntry records, because
whatever the reader cannot place is kept under `extra` (`ftm_properties`, `ftm_sanctions`, …) and
written back from there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from typing import IO, Any

from ecgraph.ingest.records import EntityType, ListEntry, NameKind

__all__ = [
    "COUNTRY_PROPS", "DATE_PROPS", "ENTITY_SCHEMAS", "IDENTIFIER_PROPS", "LINK_SCHEMAS", "NAME_PROPS",
    "entry_to_ftm", "entry_to_ftm_entities", "ftm_id", "ftm_model", "write_ftm",
]


@cache
def ftm_model() -> Any:
    """The FollowTheMoney schema model, imported on first use: it takes about a second to load, which
    every CLI command (`ecgraph search` too) would otherwise pay at start-up."""
    from followthemoney import model

    return model


# FtM schema -> entity type (schemas that are ListEntry records)
ENTITY_SCHEMAS: dict[str, EntityType] = {
    "Person": "person", "Company": "organization", "Organization": "organization",
    "PublicBody": "organization", "LegalEntity": "unknown", "Vessel": "vessel", "Airplane": "aircraft",
}
_SCHEMA_OF_TYPE = {"person": "Person", "organization": "Organization", "vessel": "Vessel",
                   "aircraft": "Airplane", "unknown": "LegalEntity"}
NAME_PROPS: dict[str, NameKind] = {"alias": "alias", "weakAlias": "weak_alias", "previousName": "previous"}
# identifier type <-> property, one-to-one so that writing back is exact
IDENTIFIER_PROPS = {
    "innCode": "inn", "ogrnCode": "ogrn", "kppCode": "kpp", "okpoCode": "okpo", "idNumber": "national_id",
    "passportNumber": "passport", "taxNumber": "tax_id", "registrationNumber": "registration",
    "vatCode": "vat", "leiCode": "lei", "swiftBic": "swift_bic", "imoNumber": "imo", "mmsi": "mmsi",
    "email": "email", "phone": "phone", "website": "website", "permId": "perm_id",
    "uniqueEntityId": "unique_entity_id", "icaoCode": "icao", "dunsCode": "duns", "isinCode": "isin",
    "socialSecurityNumber": "social_security", "callSign": "call_sign",
}
DATE_PROPS = {"birthDate": "birth", "deathDate": "death", "incorporationDate": "incorporation",
              "dissolutionDate": "dissolution", "modifiedAt": "modified", "createdAt": "created",
              "buildDate": "manufacture"}
COUNTRY_PROPS = {"country": "unknown", "nationality": "nationality", "citizenship": "citizenship",
                 "jurisdiction": "jurisdiction", "birthCountry": "birth", "flag": "flag"}
# link schema -> (property of the entry that holds the link, property of the target, Link.kind)
LINK_SCHEMAS: dict[str, tuple[str, str, str]] = {
    "Ownership": ("owner", "asset", "owner"), "Directorship": ("director", "organization", "director"),
    "Family": ("person", "relative", "family"), "Associate": ("person", "associate", "associate"),
    "UnknownLink": ("subject", "object", "linked_to"),
}
LINK_NOTE_PROPS = {"Ownership": "role", "Directorship": "role", "Family": "relationship",
                   "Associate": "relationship", "UnknownLink": "role"}
META_KEYS = ("caption", "datasets", "referents", "target", "first_seen", "last_seen", "last_change")


def ftm_id(source: str, source_id: str) -> str:
    """FtM id of an entry: its own id for FtM-born entries, `<source>-<source_id>` otherwise."""
    return source_id if source == "os_ftm" else f"{source}-{source_id}"


def _child_id(parent: str, kind: str, payload: Any) -> str:
    digest = hashlib.sha1(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return f"{parent}-{kind}-{digest}"


def _put(props: dict[str, list[str]], key: str, value: str | None) -> None:
    if value is not None and value not in props.setdefault(key, []):
        props[key].append(value)


def entry_to_ftm(entry: ListEntry) -> dict[str, Any]:
    """The FtM entity of the entry itself (without its Address/Sanction/link entities)."""
    return entry_to_ftm_entities(entry)[0]


def entry_to_ftm_entities(entry: ListEntry) -> list[dict[str, Any]]:
    """The entry's FtM entity followed by its Address, Sanction and link entities."""
    entity_id = ftm_id(entry.source, entry.source_id)
    extra = entry.extra
    props: dict[str, list[str]] = {"name": [entry.name]}
    for name in entry.names:
        prop = next((p for p, kind in NAME_PROPS.items() if kind == name.kind), "alias")
        _put(props, prop, name.value)
    schema = extra.get("ftm_schema") or _SCHEMA_OF_TYPE[entry.entity_type]
    schema_model = ftm_model().get(schema)
    reverse_ids = {kind: prop for prop, kind in IDENTIFIER_PROPS.items()}
    for identifier in entry.identifiers:
        # the identifier's own property where the schema has it (an Airplane has no idNumber …)
        candidates = (reverse_ids.get(identifier.type), "idNumber", "registrationNumber")
        id_prop = next((c for c in candidates if c and schema_model is not None and schema_model.get(c)), None)
        if id_prop is not None:
            _put(props, id_prop, identifier.value)
        else:
            _put(props, "notes", f"{identifier.type}: {identifier.value}")
    reverse_dates = {kind: prop for prop, kind in DATE_PROPS.items()}
    for date in entry.dates:
        if date.kind in reverse_dates:
            _put(props, reverse_dates[date.kind], date.value)
    reverse_countries = {role: prop for prop, role in COUNTRY_PROPS.items()}
    for country in entry.countries:
        _put(props, reverse_countries.get(country.role, "country"), country.iso2.lower())
    for remark in entry.remarks:
        _put(props, "notes", remark)
    for program in entry.programs:
        _put(props, "programId", program)
    if entry.url:
        _put(props, "sourceUrl", entry.url)
    for key, values in extra.get("ftm_properties", {}).items():
        for value in values:
            _put(props, key, value)
    main: dict[str, Any] = {"id": entity_id, "schema": schema, "properties": props}
    main.update({key: extra["ftm"][key] for key in META_KEYS if key in extra.get("ftm", {})})
    entities = [main]
    for address in entry.addresses:
        address_props: dict[str, list[str]] = {"full": [address.full]}
        for key, value in (("street", address.street), ("city", address.city), ("region", address.region),
                           ("postalCode", address.postal_code),
                           ("country", address.country.lower() if address.country else None)):
            _put(address_props, key, value)
        address_id = _child_id(entity_id, "addr", address_props)
        _put(props, "addressEntity", address_id)
        entities.append({"id": address_id, "schema": "Address", "properties": address_props})
    entities += _sanctions(entry, entity_id)
    for link in entry.links:
        entities.append(_link_entity(entry, entity_id, link))
    return entities


def _sanctions(entry: ListEntry, entity_id: str) -> list[dict[str, Any]]:
    if entry.source == "os_ftm":  # FtM-born: exactly the Sanction entities that were read
        kept = entry.extra.get("ftm_sanctions", [])
        return [{**sanction, "properties": {**sanction["properties"], "entity": [entity_id]}} for sanction in kept]
    listed = [d.value for d in entry.dates if d.kind == "listed"]
    delisted = [d.value for d in entry.dates if d.kind == "delisted"]
    if not (entry.programs or listed or delisted):
        return []
    props: dict[str, list[str]] = {"entity": [entity_id]}
    for key, values in (("programId", entry.programs), ("startDate", listed), ("endDate", delisted)):
        for value in values:
            _put(props, key, value)
    if entry.list:
        _put(props, "program", entry.list)
    return [{"id": _child_id(entity_id, "sanction", props), "schema": "Sanction", "properties": props}]


def _link_entity(entry: ListEntry, entity_id: str, link: Any) -> dict[str, Any]:
    schema = next((s for s, (_src, _dst, kind) in LINK_SCHEMAS.items() if kind == link.kind), "UnknownLink")
    source_prop, target_prop, _kind = LINK_SCHEMAS[schema]
    props: dict[str, list[str]] = {source_prop: [entity_id], target_prop: [ftm_id(entry.source, link.target_source_id)]}
    if link.note:
        props[LINK_NOTE_PROPS[schema]] = [link.note]
    if link.share_pct is not None:
        props["percentage"] = [f"{link.share_pct:g}"]
    return {"id": _child_id(entity_id, schema.lower(), props), "schema": schema, "properties": props}


def write_ftm(entries: Iterable[ListEntry], handle: IO[str]) -> int:
    """Write entries as FtM JSON lines; returns the number of FtM entities written."""
    count = 0
    for entry in entries:
        for entity in entry_to_ftm_entities(entry):
            handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
