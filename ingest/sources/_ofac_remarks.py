"""OFAC's free-text remarks → structured facts on a ListEntry.

Remarks are `;`-separated statements: `DOB 14 Jun 1975`, `POB Baghdad, Iraq`, `nationality Iraq`,
`Passport A123 (Iraq) issued 2010`, `a.k.a. 'BNC'`, `Linked To: HIZBALLAH.` … Each known statement
becomes a date, country, name, identifier or link; the full text always stays in `remarks`.
"""

from __future__ import annotations

import re

from ecgraph.ingest.dates import parse_dates
from ecgraph.ingest.records import CountryRef, DateFact, Identifier, ListEntry, Name, NameKind
from ecgraph.ingest.sources._ofac_features import classify_feature, known_labels
from ecgraph.schemas.countries import read_country

__all__ = ["apply_remarks", "split_remarks"]

_ALT = r"(?:alt\. )?"
_DOB = re.compile(rf"^{_ALT}DOB (.+)$")
_POB = re.compile(rf"^{_ALT}POB (.+)$")
_NATIONALITY = re.compile(rf"^{_ALT}nationality (.+)$")
_CITIZEN = re.compile(rf"^{_ALT}citizen (.+)$")
_AKA = re.compile(r"^([afn])\.k\.a\.,? '(.+)'$")
_LINKED = re.compile(r"^Linked To: (.+)$")
_TRAILER = re.compile(r"\s+(?:issued|expires)\b.*$")
_COUNTRY_SUFFIX = re.compile(r"^(.*\S)\s+\(([^()]+)\)$")
_CRYPTO = re.compile(r"^Digital Currency Address - (\w+) (\S+)$")
_LABEL = re.compile("^(" + "|".join(re.escape(label) for label in known_labels()) + ")(?=[ :])", re.IGNORECASE)
_AKA_KINDS: dict[str, NameKind] = {"a": "weak_alias", "f": "previous", "n": "alias"}


def split_remarks(text: str) -> list[str]:
    """Statements of a remarks text: split on `;` outside parentheses, final `.` dropped."""
    parts: list[str] = []
    pending = ""
    for piece in text.split(";"):
        pending = f"{pending};{piece}" if pending else piece
        if pending.count("(") <= pending.count(")"):
            parts.append(pending)
            pending = ""
    if pending:
        parts.append(pending)
    cleaned = (" ".join(p.split()) for p in parts)
    return [p.removesuffix(".") for p in cleaned if p]


def apply_remarks(entry: ListEntry, text: str) -> list[str]:
    """Put every fact the remarks state on `entry`; returns the `Linked To` names to resolve."""
    linked: list[str] = []
    known = {n.value.casefold() for n in entry.names} | {entry.name.casefold()}
    for part in split_remarks(text):
        if match := _DOB.match(part):
            entry.dates += [DateFact("birth", iso, approx) for iso, approx in parse_dates(match.group(1))]
        elif match := _POB.match(part):
            place = match.group(1)
            entry.extra.setdefault("places_of_birth", []).append(place)
            if code := read_country(place.rsplit(",", 1)[-1]):
                entry.countries.append(CountryRef(code, "birth"))
        elif match := _NATIONALITY.match(part):
            if code := read_country(match.group(1)):
                entry.countries.append(CountryRef(code, "nationality"))
        elif match := _CITIZEN.match(part):
            if code := read_country(match.group(1)):
                entry.countries.append(CountryRef(code, "citizenship"))
        elif match := _AKA.match(part):
            name = match.group(2).strip()
            if name.casefold() not in known:
                known.add(name.casefold())
                entry.names.append(Name(name, _AKA_KINDS[match.group(1)]))
        elif match := _LINKED.match(part):
            linked.append(match.group(1).strip())
        else:
            _apply_feature(entry, part)
    return linked


def _apply_feature(entry: ListEntry, part: str) -> None:
    text = part.removeprefix("alt. ")
    if match := _CRYPTO.match(text):
        entry.identifiers.append(Identifier("crypto_wallet", match.group(2), note=match.group(1)))
        return
    found = _LABEL.match(text)
    if found is None:
        return  # stays in the remarks text only
    label = found.group(1)
    value = text[found.end(1):].lstrip(": ").strip()
    value = _TRAILER.sub("", value)
    country = None
    if (match := _COUNTRY_SUFFIX.match(value)) and (code := read_country(match.group(2))):
        value, country = match.group(1), code
    kind = classify_feature(label)
    if kind.kind == "identifier":
        if kind.target == "imo" and value.upper().startswith("IMO "):
            value = value[4:]
        entry.identifiers.append(Identifier(kind.target, value, country))
    elif kind.kind == "date":
        entry.dates += [DateFact(kind.target, iso, approx) for iso, approx in parse_dates(value)]
    elif kind.kind == "country":
        if code := read_country(value):
            entry.countries.append(CountryRef(code, kind.target))
    elif kind.kind == "extra":
        entry.extra.setdefault(kind.target, []).append(value)
