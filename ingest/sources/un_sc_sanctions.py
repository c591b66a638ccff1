"""UN Security Council Consolidated List (XML): individuals and entities of every UN regime.

`REFERENCE_NUMBER` (QDi.001, KPe.001 …) is the publisher's id; names are FIRST_NAME..FOURTH_NAME
joined; aliases carry a QUALITY (Good, Low, a.k.a., f.k.a.); NAME_ORIGINAL_SCRIPT is the name in its
own script; birth dates say EXACT / APPROXIMATELY / BETWEEN. The root's `dateGenerated` is the version.
Parsed streaming with entity-expansion defences.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from ecgraph.ingest.dates import parse_dates
from ecgraph.ingest.records import Address, CountryRef, DateFact, Identifier, ListEntry, Name, NameKind
from ecgraph.ingest.scripts import script_of
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.sources._xml import iter_elements, root_attributes, text_of
from ecgraph.schemas.countries import read_countries, read_country

__all__ = ["UnScSanctions"]

ALIAS_QUALITIES: dict[str | None, NameKind] = {
    "Good": "alias", "a.k.a.": "alias", "Low": "weak_alias", "f.k.a.": "previous",
    None: "alias",  # a named alias without QUALITY
}
DOCUMENT_TYPES = {
    "passport": "passport", "numéro de passeport": "passport", "número de pasaporte": "passport",
    "national identification number": "national_id",
}
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_IGNORED = {"SORT_KEY", "SORT_KEY_LAST_MOD"}  # empty bookkeeping fields of the publisher


class UnScSanctions(ListSource):
    id = "un_sc_sanctions"

    def version(self, files: dict[str, Path]) -> str:
        with files["xml"].open("rb") as stream:
            generated = root_attributes(stream, ParseContext(self.id), str(files["xml"])).get("dateGenerated")
        return generated[:10] if generated else super().version(files)

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        path = files["xml"]
        with path.open("rb") as stream:
            for element in iter_elements(stream, {"INDIVIDUAL", "ENTITY"}, ctx, str(path)):
                entry = map_record(element, ctx, path)
                if entry is not None:
                    yield entry


def _values(element: Element) -> list[str]:
    return [v for v in (text_of(c) for c in element if c.tag == "VALUE") if v]


def map_record(element: Element, ctx: ParseContext, path: Path) -> ListEntry | None:
    """One INDIVIDUAL or ENTITY; each child tag is consumed, leftovers are reported as unmapped."""
    fields: dict[str, list[Element]] = {}
    for child in element:
        fields.setdefault(child.tag, []).append(child)

    def take(tag: str) -> list[Element]:
        return fields.pop(tag, [])

    def one(tag: str) -> str | None:
        found = take(tag)
        return text_of(found[0]) if found else None

    reference = one("REFERENCE_NUMBER")
    name = " ".join(p for p in (one(tag) for tag in _NAME_PARTS) if p)
    if not reference or not name:
        ctx.reject(path, None, [f"{element.tag} without REFERENCE_NUMBER or name (DATAID {one('DATAID')})"],
                   reference)
        return None
    regime = one("UN_LIST_TYPE")
    entry = ListEntry(source="un_sc_sanctions", source_id=reference,
                      entity_type="person" if element.tag == "INDIVIDUAL" else "organization",
                      name=name, list=regime, programs=[regime] if regime else [])
    entry.extra.update({"dataid": one("DATAID"), "versionnum": one("VERSIONNUM")})
    entry.dates += [DateFact("listed", iso, a) for iso, a in parse_dates(one("LISTED_ON"))]
    for updated in take("LAST_DAY_UPDATED"):
        entry.dates += [DateFact("modified", iso, a) for v in _values(updated) for iso, a in parse_dates(v)]
    if original := one("NAME_ORIGINAL_SCRIPT"):
        entry.names.append(Name(original, "original_script", script=script_of(original)))
    for alias in take("INDIVIDUAL_ALIAS") + take("ENTITY_ALIAS"):
        _alias(entry, alias, ctx, path)
    for tag, key in (("GENDER", "gender"), ("COMMENTS1", None)):
        if (value := one(tag)) and key:
            entry.extra[key] = value
        elif value:
            entry.remarks.append(value)
    for tag, key in (("TITLE", "title"), ("DESIGNATION", "designation"), ("LIST_TYPE", "list_type")):
        if values := [v for e in take(tag) for v in _values(e)]:
            entry.extra[key] = values
    for nationality in (v for e in take("NATIONALITY") for v in _values(e)):
        reading = read_countries(nationality)
        entry.countries.extend(CountryRef(code, "nationality") for code in reading.codes)
        if reading.unread:
            entry.extra.setdefault("nationality_unresolved", []).append(nationality)
    for address in take("INDIVIDUAL_ADDRESS") + take("ENTITY_ADDRESS"):
        if (mapped := _address(address)) is not None:
            entry.addresses.append(mapped)
    for birth in take("INDIVIDUAL_DATE_OF_BIRTH"):
        entry.dates += _birth_dates(birth)
    for place in take("INDIVIDUAL_PLACE_OF_BIRTH"):
        _place_of_birth(entry, place)
    for document in take("INDIVIDUAL_DOCUMENT"):
        _document(entry, document)
    for tag in _IGNORED:
        take(tag)
    ctx.unmapped(path, {tag: text_of(elements[0]) or tag for tag, elements in fields.items()})
    return entry


def _alias(entry: ListEntry, alias: Element, ctx: ParseContext, path: Path) -> None:
    name, quality = text_of(alias.find("ALIAS_NAME")), text_of(alias.find("QUALITY"))
    if not name:
        return  # the publisher's empty placeholder <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/>
    if quality not in ALIAS_QUALITIES:
        ctx.warn(f"{path}: {entry.source_id}: alias quality {quality!r} is unknown; kept as alias")
    entry.names.append(Name(name, ALIAS_QUALITIES.get(quality, "alias"), script=script_of(name)))
    details = {c.tag: text_of(c) for c in alias if c.tag not in ("ALIAS_NAME", "QUALITY") and text_of(c)}
    if details:
        entry.extra.setdefault("alias_details", []).append({"name": name, **details})


def _address(address: Element) -> Address | None:
    parts = {c.tag: text_of(c) for c in address}
    printed = [parts.get(k) for k in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")]
    if not any(printed):
        return None
    full = ", ".join(p for p in printed if p)
    if note := parts.get("NOTE"):
        full += f" ({note})"
    return Address(full=full, street=parts.get("STREET"), city=parts.get("CITY"),
                   region=parts.get("STATE_PROVINCE"), postal_code=parts.get("ZIP_CODE"),
                   country=read_country(parts.get("COUNTRY")))


def _birth_dates(birth: Element) -> list[DateFact]:
    kind = text_of(birth.find("TYPE_OF_DATE"))
    approximate = kind in ("APPROXIMATELY", "BETWEEN")
    if kind == "BETWEEN":
        years = [text_of(birth.find("FROM_YEAR")), text_of(birth.find("TO_YEAR"))]
        return [DateFact("birth", iso, True) for year in years for iso, _ in parse_dates(year)]
    value = text_of(birth.find("DATE")) or text_of(birth.find("YEAR"))
    return [DateFact("birth", iso, approximate or a) for iso, a in parse_dates(value)]


def _place_of_birth(entry: ListEntry, place: Element) -> None:
    parts = [text_of(place.find(tag)) for tag in ("CITY", "STATE_PROVINCE", "COUNTRY")]
    if any(parts):
        entry.extra.setdefault("places_of_birth", []).append(", ".join(p for p in parts if p))
    if code := read_country(parts[2]):
        entry.countries.append(CountryRef(code, "birth"))


def _document(entry: ListEntry, document: Element) -> None:
    number = text_of(document.find("NUMBER"))
    if not number:
        return
    label = (text_of(document.find("TYPE_OF_DOCUMENT")) or "").casefold()
    country = read_country(text_of(document.find("ISSUING_COUNTRY")) or text_of(document.find("COUNTRY_OF_ISSUE")))
    notes = [f"{tag.lower()}: {text_of(document.find(tag))}" for tag in ("DATE_OF_ISSUE", "CITY_OF_ISSUE", "NOTE")
             if text_of(document.find(tag))]
    entry.identifiers.append(Identifier(DOCUMENT_TYPES.get(label, "other"), number, country,
                                        note="; ".join(notes) or (label if label not in DOCUMENT_TYPES else None)))
