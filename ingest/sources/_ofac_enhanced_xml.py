"""OFAC's Enhanced XML (e.g. CONS_ENHANCED.XML) → ListEntry, streaming and namespace-agnostic.

`referenceValues` (refId → type/value/isoCode) comes before `entities`, so countries resolve through
the publisher's own ISO codes. Each `entity` carries names with translations (non-Latin ones become
`original_script` names), addresses in parts, features (dates, places, ids, facts) and identity
documents; relationships become links when their target is in the same file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import IO
from xml.etree.ElementTree import Element

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
    NameKind,
)
from ecgraph.ingest.source import ParseContext
from ecgraph.ingest.sources._ofac_features import classify_feature
from ecgraph.ingest.sources._xml import iter_elements, local_name, text_of
from ecgraph.schemas.countries import read_country

__all__ = ["Opener", "data_as_of", "parse_enhanced_xml"]

Opener = Callable[[], AbstractContextManager[IO[bytes]]]  # gives a fresh byte stream of the XML

ENTITY_TYPES: dict[str | None, EntityType] = {
    "Individual": "person", "Entity": "organization", "Vessel": "vessel", "Aircraft": "aircraft"}
ALIAS_TYPES: dict[str | None, NameKind] = {"A.K.A.": "alias", "F.K.A.": "previous", "N.K.A.": "alias"}
SCRIPTS = {"Latin": "Latn", "Cyrillic": "Cyrl", "Arabic": "Arab", "Chinese Simplified": "Hans",
           "Chinese Traditional": "Hant", "Korean": "Kore", "Persian": "Arab", "Hebrew": "Hebr"}
RELATIONSHIPS = {"Owned or Controlled By": "owned_by", "Owns, controls, or operates": "owner",
                 "Acting for or on behalf of": "associate", "Linked To": "linked_to",
                 "Associate Of": "associate", "Family member of": "family",
                 "Leader or official of": "director", "Providing support to": "associate"}
COUNTRY_FEATURES = {"Nationality Country": "nationality", "Citizenship Country": "citizenship",
                    "Nationality of Registration": "jurisdiction"}
ADDRESS_PARTS = {"ADDRESS1": "street", "ADDRESS2": "street", "ADDRESS3": "street", "CITY": "city",
                 "STATE/PROVINCE": "region", "REGION": "region", "POSTAL CODE": "postal_code"}


def _children(element: Element | None, name: str) -> list[Element]:
    return [] if element is None else [c for c in element if local_name(c.tag) == name]


def _child(element: Element | None, name: str) -> Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _path(element: Element | None, *names: str) -> list[Element]:
    current = [element] if element is not None else []
    for name in names:
        current = [c for e in current for c in _children(e, name)]
    return current


def data_as_of(stream: IO[bytes], ctx: ParseContext, file: str) -> str | None:
    """The `publicationInfo/dataAsOf` date (YYYY-MM-DD): the version the publisher states."""
    for element in iter_elements(stream, {"dataAsOf"}, ctx, file):
        return (text_of(element) or "")[:10] or None
    return None


def parse_enhanced_xml(source: str, open_stream: Opener, ctx: ParseContext, file: str) -> Iterator[ListEntry]:
    """Entries of one Enhanced XML file; `open_stream()` gives a fresh byte stream (read twice)."""
    countries: dict[str, str | None] = {}
    ids: set[str] = set()
    with open_stream() as stream:
        for element in iter_elements(stream, {"referenceValue", "entity"}, ctx, file):
            if local_name(element.tag) == "referenceValue" and text_of(_child(element, "type")) == "COUNTRY":
                iso = text_of(_child(element, "isoCode")) or read_country(text_of(_child(element, "value")))
                countries[element.get("refId", "")] = iso
            elif local_name(element.tag) == "entity":
                ids.add(element.get("id", ""))
    with open_stream() as stream:
        for element in iter_elements(stream, {"entity"}, ctx, file):
            entry = _entity(source, element, countries, ids, ctx, file)
            if entry is not None:
                yield entry


def _entity(source: str, element: Element, countries: dict[str, str | None], ids: set[str],
            ctx: ParseContext, file: str) -> ListEntry | None:
    entity_id = element.get("id")
    general = _child(element, "generalInfo")
    kind = text_of(_child(general, "entityType"))
    if not entity_id or kind not in ENTITY_TYPES:
        ctx.reject(file, None, [f"entity {entity_id!r}: missing id or unknown entityType {kind!r}"], entity_id)
        return None
    names = _names(element)
    primary = next((n for n in names if n.kind == "primary"), None)
    if primary is None:
        ctx.reject(file, None, [f"entity {entity_id}: no primary name"], entity_id)
        return None
    lists = [text_of(e) or "" for e in _path(element, "sanctionsLists", "sanctionsList")]
    entry = ListEntry(
        source=source, source_id=entity_id, entity_type=ENTITY_TYPES[kind], name=primary.value,
        list=next((name for name in lists if name != "Consolidated List"), None),
        names=[n for n in names if n is not primary],
        programs=[text_of(e) or "" for e in _path(element, "sanctionsPrograms", "sanctionsProgram")],
    )
    entry.extra["sanctions_lists"] = lists
    entry.extra["sanctions_types"] = [text_of(e) for e in _path(element, "sanctionsTypes", "sanctionsType")]
    entry.extra["legal_authorities"] = [text_of(e) for e in _path(element, "legalAuthorities", "legalAuthority")]
    if remarks := text_of(_child(general, "remarks")):
        entry.remarks.append(remarks)
    entry.addresses = [a for a in (_address(e, countries) for e in _path(element, "addresses", "address")) if a]
    for feature in _path(element, "features", "feature"):
        _feature(entry, feature, countries)
    for document in _path(element, "identityDocuments", "identityDocument"):
        _document(entry, document, countries)
    for relation in _path(element, "relationships", "relationship"):
        _relationship(entry, relation, ids, ctx, file)
    return entry


def _names(element: Element) -> list[Name]:
    names: list[Name] = []
    for name in _path(element, "names", "name"):
        is_primary = text_of(_child(name, "isPrimary")) == "true"
        kind: NameKind = "primary" if is_primary else ALIAS_TYPES.get(text_of(_child(name, "aliasType")), "alias")
        if kind == "alias" and text_of(_child(name, "isLowQuality")) == "true":
            kind = "weak_alias"
        for translation in _path(name, "translations", "translation"):
            full = text_of(_child(translation, "formattedFullName"))
            if not full:
                continue
            script_name = text_of(_child(translation, "script")) or ""
            script = SCRIPTS.get(script_name)
            main = text_of(_child(translation, "isPrimary")) == "true"
            names.append(Name(full, kind if main else "original_script", script=script))
    return names


def _address(element: Element, countries: dict[str, str | None]) -> Address | None:
    country_el = _child(element, "country")
    iso = countries.get(country_el.get("refId", "")) if country_el is not None else None
    parts: dict[str, list[str]] = {}
    printed: list[str] = []
    for part in _path(element, "translations", "translation", "addressParts", "addressPart"):
        label, value = text_of(_child(part, "type")), text_of(_child(part, "value"))
        if value and label in ADDRESS_PARTS:
            parts.setdefault(ADDRESS_PARTS[label], []).append(value)
            printed.append(value)
    if country_name := text_of(country_el):
        printed.append(country_name)
    if not printed:
        return None
    joined = {key: ", ".join(values) for key, values in parts.items()}
    return Address(full=", ".join(printed), street=joined.get("street"), city=joined.get("city"),
                   region=joined.get("region"), postal_code=joined.get("postal_code"), country=iso)


def _feature(entry: ListEntry, feature: Element, countries: dict[str, str | None]) -> None:
    label = text_of(_child(feature, "type")) or ""
    value = text_of(_child(feature, "value")) or ""
    approximate = any(text_of(e) == "true" for e in _path(feature, "valueDate", "isApproximate"))
    if label == "Birthdate":
        entry.dates += [DateFact("birth", iso, approx or approximate) for iso, approx in parse_dates(value)]
    elif label == "Place of Birth":
        entry.extra.setdefault("places_of_birth", []).append(value)
    elif label in COUNTRY_FEATURES:
        iso = countries.get(text_of(_child(feature, "valueRefId")) or "") or read_country(value)
        if iso:
            entry.countries.append(CountryRef(iso, COUNTRY_FEATURES[label]))
    else:
        kind = classify_feature(label)
        if kind.kind == "identifier":
            entry.identifiers.append(Identifier(kind.target, value))
        elif kind.kind == "date":
            entry.dates += [DateFact(kind.target, iso, approx or approximate) for iso, approx in parse_dates(value)]
        elif kind.kind == "extra":
            entry.extra.setdefault(kind.target, []).append(value)
        else:
            entry.extra.setdefault("features", []).append({"type": label, "value": value})


def _document(entry: ListEntry, document: Element, countries: dict[str, str | None]) -> None:
    label = text_of(_child(document, "type")) or ""
    number = text_of(_child(document, "documentNumber"))
    if not number:
        return
    issuing = _child(document, "issuingCountry")
    iso = countries.get(issuing.get("refId", "")) if issuing is not None else None
    kind = classify_feature(label)
    if kind.kind == "identifier":
        entry.identifiers.append(Identifier(kind.target, number, iso))
    else:
        entry.identifiers.append(Identifier("other", number, iso, note=label))


def _relationship(entry: ListEntry, relation: Element, ids: set[str], ctx: ParseContext, file: str) -> None:
    label = text_of(_child(relation, "type")) or ""
    related = _child(relation, "relatedEntity")
    target = related.get("entityId") if related is not None else None
    if label not in RELATIONSHIPS:
        ctx.warn(f"{file}: relationship type {label!r} is not mapped; kept as linked_to")
    if target and target in ids:
        entry.links.append(Link(RELATIONSHIPS.get(label, "linked_to"), target, note=text_of(related)))
    elif target:  # e.g. an SDN parent that is not on this list
        entry.extra.setdefault("related_outside_list", []).append(
            {"type": label, "entity_id": target, "name": text_of(related)})
