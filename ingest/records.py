"""The one record shape every sanctions / end-user list source produces (`ListEntry`).

Parsers fill these from what the publisher's file says, keeping the source's own identifier and its
own name qualities; `schemas/records/list_entry.schema.json` is the same contract as JSON Schema.
Dates are ISO strings and may be partial (`1975`, `1975-06`, `1975-06-14`), because lists are.
"""

from __future__ import annotations

import builtins  # ListEntry has a field named `list`, which shadows the builtin in its body
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "Address",
    "CountryRef",
    "DateFact",
    "EntityType",
    "Identifier",
    "Link",
    "ListEntry",
    "Name",
    "NameKind",
]

EntityType = Literal["person", "organization", "vessel", "aircraft", "unknown"]
# primary: the listed name; alias: a.k.a. (strong); weak_alias: low-quality a.k.a. (OFAC "weak",
# UN "Low", UK "Low quality"); previous: f.k.a. / former name; original_script: the name as written
# in its own script (Cyrillic, Arabic, kanji …) when the source gives it separately.
NameKind = Literal["primary", "alias", "weak_alias", "previous", "original_script"]


@dataclass
class Name:
    value: str
    kind: NameKind = "primary"
    script: str | None = None  # ISO 15924 (Latn, Cyrl, Arab, Jpan, Hani …) when the source says or it is obvious
    lang: str | None = None  # ISO 639-1 when the source says


@dataclass
class Address:
    full: str  # the address as one string, as printed
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2


@dataclass
class CountryRef:
    iso2: str  # ISO 3166-1 alpha-2 (XK for Kosovo); never a free-text name
    role: str  # nationality | citizenship | jurisdiction | address | birth | flag | program | unknown


@dataclass
class Identifier:
    type: str  # passport | national_id | tax_id | registration | imo | mmsi | swift_bic | lei | ogrn | inn | other …
    value: str
    country: str | None = None
    note: str | None = None


@dataclass
class DateFact:
    kind: str  # birth | incorporation | listed | delisted | modified
    value: str  # ISO, possibly partial: 1975 / 1975-06 / 1975-06-14
    approximate: bool = False


@dataclass
class Link:
    """A relationship the source itself states, from this entry to another entry of the same source."""

    kind: str  # owner | owned_by | director | family | associate | linked_to | vessel_of
    target_source_id: str
    note: str | None = None
    share_pct: float | None = None


@dataclass
class ListEntry:
    source: str  # the source id, e.g. us_ofac_sdn
    source_id: str  # the publisher's own identifier (OFAC ent_num, UN reference number, UK group id …)
    entity_type: EntityType
    name: str  # the primary name, as printed
    list: str | None = None  # sub-list where a source carries several (CSL "Entity List", EU annex …)
    names: builtins.list[Name] = field(default_factory=builtins.list)  # every other name (aliases, scripts, previous)
    addresses: builtins.list[Address] = field(default_factory=builtins.list)
    countries: builtins.list[CountryRef] = field(default_factory=builtins.list)
    identifiers: builtins.list[Identifier] = field(default_factory=builtins.list)
    dates: builtins.list[DateFact] = field(default_factory=builtins.list)
    programs: builtins.list[str] = field(default_factory=builtins.list)
    remarks: builtins.list[str] = field(default_factory=builtins.list)
    links: builtins.list[Link] = field(default_factory=builtins.list)
    url: str | None = None  # the publisher's page for this entry, if any
    extra: dict[str, Any] = field(default_factory=dict)  # source fields with no place above, kept verbatim

    @property
    def id(self) -> str:
        """Stable graph id: `source:source_id` (never derived from cleaned values)."""
        return f"{self.source}:{self.source_id}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["id"] = self.id
        return data

    def content_hash(self) -> str:
        """Hash of everything the source says about the entry: equal hashes mean unchanged."""
        payload = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()[:20]
