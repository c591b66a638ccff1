"""Validate one export declaration: the JSON Schema plus the checks a schema cannot express.

The JSON Schema (`schemas/records/export_declaration.schema.json`) is compiled once, twice over: a
fastjsonschema function answers "valid?" in ~0.05 ms (the common case), and only for a record it
rejects does jsonschema collect every error, never only the first, so the rejects file tells the
sender everything to fix. The calendar check of dates is done here (fastjsonschema's `date` format
is a pattern only).
On top of the schema: the 法人番号 check digit (python-stdnum `jp.cn`), ISO 3166-1 country codes and
ISO 4217 currency codes (pycountry), unique goods-item numbers, and numbers the graph can store: the
schema bounds every numeric field, and here any number anywhere in the record must be a finite float64
or an int64 (CSV reads `nan` and `inf` as floats; JSON may hold integers of any size). A country written
as a name (`Russia`, `UK`, `Korea, North`, `中国`) is read into its code by `read_country_fields` first,
with ecgraph's one country reader. A country text that names no country, or several, is no reason to reject:
it is kept as written beside the code field (`country_text`, `destination_country_text` …), the code field gets
the first country it names (a routing text gives all of them), and the reading is reported.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache, lru_cache
from typing import Any

import fastjsonschema
import pycountry
from jsonschema import Draft202012Validator
from stdnum.jp import cn as corporate_number

from ecgraph.schemas import load_json_schema
from ecgraph.schemas.countries import is_country_code, read_countries

__all__ = ["PARTY_ROLES", "is_valid_corporate_number", "read_country_field", "read_country_fields",
           "read_exception_claim", "validate_declaration"]

# record field -> graph relationship type, in the order a declaration lists its parties
PARTY_ROLES: dict[str, str] = {
    "declarant": "DECLARANT",
    "exporter": "EXPORTER",
    "consignee": "CONSIGNEE",
    "end_user": "END_USER",
    "notify_party": "NOTIFY_PARTY",
    "freight_forwarder": "FORWARDER",
}


@cache
def _validator() -> Draft202012Validator:
    schema = load_json_schema("export_declaration")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _fast_check() -> Callable[[Any], Any]:
    return fastjsonschema.compile(load_json_schema("export_declaration"))


@cache
def _currencies() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


@lru_cache(maxsize=1 << 17)  # asked for every party of every record loaded; files name the same companies again
def is_valid_corporate_number(value: str) -> bool:
    """A 13-digit 法人番号 whose leading check digit agrees with the other 12 (NTA algorithm)."""
    return bool(corporate_number.is_valid(value))


# A country text longer than this is kept cut to it (the schema's maxLength), and the note says so.
MAX_COUNTRY_TEXT = 400


def read_country_field(container: dict[str, Any], key: str, path: str, notes: list[str]) -> None:
    """Read `container[key]` in place: one country -> its code; else the text kept in `<key>_text`, the first
    country it names (if any) in `key`, and a note naming the field."""
    value = container.get(key)
    if not isinstance(value, str) or is_country_code(value):
        return
    reading = read_countries(value)
    if len(reading.codes) == 1 and reading.complete:
        container[key] = reading.codes[0]
        return
    container[f"{key}_text"] = _kept(value)
    if reading.codes:
        container[key] = reading.codes[0]
    else:
        del container[key]
    notes.append(_note(path, value, reading.codes, f"{path}_text"))


def _kept(value: str) -> str:
    return value.strip()[:MAX_COUNTRY_TEXT] or value[:MAX_COUNTRY_TEXT]


def _note(path: str, value: str, codes: tuple[str, ...], kept_in: str) -> str:
    shown = value if len(value) <= 80 else f"{value[:77]}..."
    cut = f" (cut to {MAX_COUNTRY_TEXT} characters)" if len(value.strip()) > MAX_COUNTRY_TEXT else ""
    if len(codes) > 1:
        return f"{path}: {shown!r} names several countries ({', '.join(codes)}); kept as written in {kept_in}{cut}"
    if codes:
        return f"{path}: {shown!r} reads as {codes[0]} only in part; kept as written in {kept_in}{cut}"
    return f"{path}: {shown!r} names no country ecgraph reads; kept as written in {kept_in}{cut}"


def read_country_fields(record: Any) -> list[str]:
    """Read every country field written as a name into its ISO code, in place (before validation). A text that
    names no country, or several, is kept beside the field; the returned notes name each such field."""
    notes: list[str] = []
    if not isinstance(record, dict):
        return notes
    for field in PARTY_ROLES:
        party = record.get(field)
        if isinstance(party, dict):
            read_country_field(party, "country", f"{field}/country", notes)
    read_country_field(record, "destination_country", "destination_country", notes)
    transits = record.get("transit_countries")
    if isinstance(transits, list):
        codes: list[Any] = []
        kept: list[str] = list(record.get("transit_countries_text") or [])
        for index, transit in enumerate(transits):
            if not isinstance(transit, str) or is_country_code(transit):
                codes.append(transit)
                continue
            reading = read_countries(transit)
            codes.extend(reading.codes)  # `Russia; Belarus` gives both
            if len(reading.codes) != 1 or not reading.complete:
                kept.append(_kept(transit))
                notes.append(_note(f"transit_countries/{index}", transit, reading.codes, "transit_countries_text"))
        if kept:  # a text that named several countries may repeat one named elsewhere
            record["transit_countries"] = list(dict.fromkeys(codes)) if all(isinstance(c, str) for c in codes) else codes
            record["transit_countries_text"] = kept
        else:
            record["transit_countries"] = codes
    for index, item in enumerate(record.get("items") or []):
        if isinstance(item, dict):
            read_country_field(item, "origin_country", f"items/{index}/origin_country", notes)
    return notes


_CLAIMED = {"true": True, "yes": True, "y": True, "1": True, "claimed": True, "少額特例": True, "少額": True,
            "適用": True, "false": False, "no": False, "n": False, "0": False, "none": False, "": False}


def read_exception_claim(record: Any) -> None:
    """Read a small-value exception claim written as text (`yes`, `少額特例`, `0`) into true/false, in place;
    anything else stays as it was, for validation to reject with the field named."""
    if isinstance(record, dict) and isinstance(record.get("small_value_exception"), str | int) \
            and not isinstance(record["small_value_exception"], bool):
        reading = _CLAIMED.get(str(record["small_value_exception"]).strip().lower())
        if reading is not None:
            record["small_value_exception"] = reading


def _not_a_country(field: str, value: str) -> str:
    reading = read_countries(value)
    if len(reading.codes) > 1:
        return f"{field}: {value!r} names several countries ({', '.join(reading.codes)}); give one ISO 3166-1 code"
    return f"{field}: {value!r} is not an ISO 3166-1 alpha-2 code and names no country ecgraph can read"


def validate_declaration(record: Any) -> list[str]:
    """Every reason this record is invalid, each naming the field path; empty when it is valid."""
    if not isinstance(record, dict):
        return [f"record: expected a JSON object, got {type(record).__name__}"]
    try:
        _fast_check()(record)
        reasons = []
    except fastjsonschema.JsonSchemaException:
        reasons = [_schema_reason(error) for error in _validator().iter_errors(record)]
    reasons.extend(_semantic_reasons(record))
    if not _numbers_storable(record):
        reasons.extend(_number_reasons(record, ""))
    return reasons


INT64 = (-(2**63), 2**63 - 1)


def _numbers_storable(record: dict[str, Any]) -> bool:
    """True when every number in the record is one Neo4j stores: the common case, checked without building
    paths; anything else (or any unusual type) goes to `_number_reasons`, which names each."""
    stack: list[Any] = [record]
    low, high = INT64
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif kind is float:
            if not math.isfinite(value):
                return False
        elif kind is int:
            if not low <= value <= high:
                return False
        elif kind is not str and kind is not bool and value is not None:
            return False
    return True


def _number_reasons(value: Any, path: str) -> Iterator[str]:
    """Numbers Neo4j cannot store (non-finite floats, integers beyond int64), wherever they are."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _number_reasons(inner, f"{path}/{key}" if path else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _number_reasons(inner, f"{path}/{index}")
    elif isinstance(value, float) and not math.isfinite(value):
        yield f"{path}: {value!r} is not a finite number"
    elif isinstance(value, int) and not isinstance(value, bool) and not INT64[0] <= value <= INT64[1]:
        yield f"{path}: {value} is outside the 64-bit integer range the graph stores"


def _schema_reason(error: Any) -> str:
    path = "/".join(str(p) for p in error.absolute_path) or "record"
    return f"{path}: {error.message}"


def _semantic_reasons(record: dict[str, Any]) -> Iterator[str]:
    day = record.get("declaration_date")
    if isinstance(day, str):
        try:
            date.fromisoformat(day)
        except ValueError:
            yield f"declaration_date: {day!r} is not a calendar date (YYYY-MM-DD)"
    for field in PARTY_ROLES:
        party = record.get(field)
        if not isinstance(party, dict):
            continue
        number = party.get("corporate_number")
        if isinstance(number, str) and len(number) == 13 and number.isdigit() and not is_valid_corporate_number(number):
            yield (f"{field}/corporate_number: {number!r} fails the 法人番号 check digit "
                   f"(expected leading digit {corporate_number.calc_check_digit(number[1:])}); check for a typo")
        country = party.get("country")
        if isinstance(country, str) and len(country) == 2 and not is_country_code(country):
            yield _not_a_country(f"{field}/country", country)
    destination = record.get("destination_country")
    if isinstance(destination, str) and len(destination) == 2 and not is_country_code(destination):
        yield _not_a_country("destination_country", destination)
    for index, transit in enumerate(record.get("transit_countries") or []):
        if isinstance(transit, str) and len(transit) == 2 and not is_country_code(transit):
            yield _not_a_country(f"transit_countries/{index}", transit)
    currency = record.get("currency")
    if isinstance(currency, str) and len(currency) == 3 and currency not in _currencies():
        yield f"currency: {currency!r} is not an ISO 4217 currency code"
    items = record.get("items")
    if isinstance(items, list):
        seen: set[Any] = set()
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            origin = item.get("origin_country")
            if isinstance(origin, str) and len(origin) == 2 and not is_country_code(origin):
                yield _not_a_country(f"items/{index}/origin_country", origin)
            seq = item.get("seq")
            if seq in seen:
                yield f"items/{index}/seq: item number {seq} appears twice in this declaration"
            seen.add(seq)
