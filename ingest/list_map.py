"""Map a `ListEntry` to the plain rows `graph/lists.py` writes (the "map" step of fetch → parse → map).

Names are kept as printed (`names`); nothing reads a normalised copy (rules normalise the names of the
`record` when they build their candidate index), so none is stored. The whole source record is kept as JSON (`record`) so exports and re-checks never need the raw file, and the next
load says *which* fields of a changed entry changed by comparing its fields with that stored record's
(`changed_fields`), so no per-field hashes are stored beside it.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, fields, is_dataclass
from typing import Any

from ecgraph.ingest.records import Address, CountryRef, DateFact, Identifier, Link, ListEntry, Name
from ecgraph.schemas.names import list_key

__all__ = [
    "TRACKED_FIELDS",
    "changed_fields",
    "detail_rows",
    "entry_from_record",
    "entry_props",
    "normalise_identifier",
    "normalise_name",
]

# the fields whose changes a delta reports (everything but the key itself)
TRACKED_FIELDS = tuple(f.name for f in fields(ListEntry) if f.name not in ("source", "source_id"))


def normalise_identifier(value: str) -> str:
    """`AB 123-456/7` -> `AB1234567`: the form shared identifiers are matched on."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", value)).upper()


# One encoder, made once: `json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)` builds a
# new one per call, which was a third of mapping an entry. Same settings, so the same text.
_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str).encode
_STRING: Callable[[str], str] = json.encoder.encode_basestring  # what that encoder does with a str
# The record's nested types hold scalars only, so their `__dict__` is what `asdict` would copy out.
_FLAT = frozenset({Name, Address, CountryRef, Identifier, DateFact, Link})
_ENTRY_FIELDS = tuple(f.name for f in fields(ListEntry))


def _field_texts(entry: ListEntry) -> dict[str, str]:
    """Each top-level field as JSON text (exactly as `json.dumps(asdict(entry)[name], sort_keys=True,
    ensure_ascii=False, default=str)`), dumped once and shared by the hashes and the stored record."""
    return {name: _text(getattr(entry, name)) for name in _ENTRY_FIELDS}


def _as_plain(value: Any) -> Any:
    """The encoder's fallback: a record nested anywhere becomes what `asdict` makes of it, anything else text."""
    if is_dataclass(value) and not isinstance(value, type):
        return value.__dict__ if type(value) in _FLAT else asdict(value)
    return str(value)


# Dicts, lists and tuples are walked by the C encoder itself; only records reach `_as_plain`, so the text is
# what encoding `asdict`'s copy gives, without copying the source's `extra` fields first.
_ENCODE_ANY = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=_as_plain).encode


def _text(value: Any) -> str:
    """One field's JSON text; the common shapes (text, nothing, a list of records or of texts) directly."""
    if value is None:
        return "null"
    kind = type(value)
    if kind is str:
        return _STRING(value)
    if kind is list:
        if not value:
            return "[]"
        if type(value[0]) in _FLAT and all(type(item) in _FLAT for item in value):
            return _ENCODE([item.__dict__ for item in value])
    return _ENCODE_ANY(value)


def _dumped(data: dict[str, Any]) -> dict[str, str]:
    return {name: _ENCODE(value) for name, value in data.items()}


_KEYS = {name: _ENCODE(name) for name in (*_ENTRY_FIELDS, "id")}
_SORTED_KEYS = [(name, _KEYS[name]) for name in sorted(_ENTRY_FIELDS)]  # the record's members, in JSON order
_ID_AT = sorted((*_ENTRY_FIELDS, "id")).index("id")


def changed_fields(old_record: str | None, entry: ListEntry) -> list[str]:
    """The tracked fields whose JSON text differs between a stored `record` and the entry now.

    The record was written from the same per-field texts (`entry_props`), and JSON text read back and dumped
    again with the same settings is the same text, so an unchanged field compares equal; a field the old
    record lacks (written by an older ecgraph) counts as changed."""
    before = _dumped(json.loads(old_record)) if old_record else {}
    texts = _field_texts(entry)
    return [name for name in TRACKED_FIELDS if before.get(name) != texts[name]]


def entry_props(entry: ListEntry, list_id: str) -> dict[str, Any]:
    """The ListEntry node's properties (Neo4j takes scalars and lists of scalars only).

    Each field is dumped to JSON once (no `asdict` copy of the whole entry); `content_hash` is exactly
    `ListEntry.content_hash()`, from the same texts.
    """
    texts = _field_texts(entry)
    members = [f"{key}: {texts[name]}" for name, key in _SORTED_KEYS]
    payload = "{" + ", ".join(members) + "}"  # == json.dumps(data, sort_keys=True, …), without dumping it again
    members.insert(_ID_AT, f'"id": {_STRING(entry.id)}')  # the record: the same object with its id
    all_names = [name for name in (entry.name, *(n.value for n in entry.names)) if name and name.strip()]
    return {
        "source": entry.source,
        "source_id": entry.source_id,
        "list": list_id,
        "sub_list": entry.list,
        "entity_type": entry.entity_type,
        "name": entry.name,
        "names": list(dict.fromkeys(all_names)),
        "programs": entry.programs,
        "birth_dates": [d.value for d in entry.dates if d.kind == "birth"],
        "listed_on": next((d.value for d in entry.dates if d.kind == "listed"), None),
        "url": entry.url,
        "content_hash": hashlib.sha256(payload.encode()).hexdigest()[:20],
        "record": "{" + ", ".join(members) + "}",
    }


def detail_rows(entry: ListEntry) -> dict[str, list[dict[str, Any]]]:
    """Addresses, countries, identifiers and links of one entry as rows keyed by the entry id."""
    eid = entry.id
    addresses = [
        {"entry": eid, "id": _address_id(a), "full": a.full, "street": a.street, "city": a.city,
         "region": a.region, "postal_code": a.postal_code, "country": a.country}
        for a in entry.addresses if a.full or a.country
    ]
    countries = list({(c.iso2, c.role): {"entry": eid, "iso2": c.iso2, "role": c.role}
                      for c in entry.countries if c.iso2}.values())
    identifiers = []
    for ident in entry.identifiers:
        norm = normalise_identifier(ident.value)
        if norm:
            identifiers.append({"entry": eid, "id": f"{ident.type}:{norm}", "type": ident.type,
                                "value": ident.value, "value_norm": norm, "country": ident.country,
                                "note": ident.note})
    links = [
        {"entry": eid, "target": f"{entry.source}:{link.target_source_id}", "kind": link.kind,
         "note": link.note, "share_pct": link.share_pct}
        for link in entry.links
    ]
    return {"addresses": addresses, "countries": countries, "identifiers": identifiers, "links": links}


def _address_id(address: Address) -> str:
    """Same printed address and country = same node, whichever list names it."""
    key = f"{list_key(address.full)}|{address.country or ''}"
    return "addr:" + hashlib.sha256(key.encode()).hexdigest()[:20]


def entry_from_record(text: str) -> ListEntry:
    """Rebuild a ListEntry from the `record` JSON stored on its node (for exports)."""
    data = json.loads(text)
    data.pop("id", None)
    return ListEntry(
        **{k: v for k, v in data.items() if k not in ("names", "addresses", "countries", "identifiers",
                                                      "dates", "links")},
        names=[Name(**n) for n in data.get("names", [])],
        addresses=[Address(**a) for a in data.get("addresses", [])],
        countries=[CountryRef(**c) for c in data.get("countries", [])],
        identifiers=[Identifier(**i) for i in data.get("identifiers", [])],
        dates=[DateFact(**d) for d in data.get("dates", [])],
        links=[Link(**link) for link in data.get("links", [])],
    )


# The store form of list names (schemas.names.list_key), under the name ingest has exported.
normalise_name = list_key
