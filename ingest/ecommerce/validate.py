"""Validate one order record: the JSON Schema (every reason) plus what a schema cannot express.

Same two-step as the declarations (`ingest.declarations.validate`): a compiled fastjsonschema check for
the common valid case, jsonschema's full error list only for a record it rejects. On top: ISO 3166-1
countries (a name is read first, `read_order_countries`) and ISO 4217 currencies (pycountry), a
calendar-valid order time, unique item numbers, parcel items that name an item of the order, the operator named in the record equal to the load's operator,
and phone numbers/e-mails that can be normalised (else they could not be hashed and would be lost).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from functools import cache
from typing import Any

import fastjsonschema
import pycountry
from jsonschema import Draft202012Validator

from ecgraph.ingest.declarations.validate import read_country_field
from ecgraph.ingest.ecommerce.contacts import normalise_email, normalise_phone
from ecgraph.schemas import load_json_schema
from ecgraph.schemas.countries import is_country_code

__all__ = ["ACCOUNT_ROLES", "read_order_countries", "validate_order"]

ACCOUNT_ROLES = ("seller", "buyer")
SCHEMA = "ecommerce_order"


@cache
def _validator() -> Draft202012Validator:
    schema = load_json_schema(SCHEMA)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _fast_check() -> Callable[[Any], Any]:
    return fastjsonschema.compile(load_json_schema(SCHEMA))


@cache
def _currencies() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def read_order_countries(record: Any) -> list[str]:
    """Read the accounts' and the ship-to country written as a name (`Japan`, `UK`, `Korea, North`, `Russian`)
    into its ISO code, in place, before validation, with the declarations' reader (schemas/countries.py). A
    text naming no country, or several, is kept in `country_text` (the first country it names, if any, in
    `country`); the returned notes name each such field. Never a reason to reject the order."""
    notes: list[str] = []
    if not isinstance(record, dict):
        return notes
    for role in (*ACCOUNT_ROLES, "ship_to"):
        part = record.get(role)
        if isinstance(part, dict):
            read_country_field(part, "country", f"{role}/country", notes)
    return notes


def validate_order(record: Any, operator: str) -> list[str]:
    """Every reason this order is invalid, each naming the field path; empty when it is valid."""
    if not isinstance(record, dict):
        return [f"record: expected a JSON object, got {type(record).__name__}"]
    if "order_number" not in record and ("tracking_number" in record or "parcels" in record):
        return ["a parcel with no order: every parcel must come inside its order (order_number, items, parcels)"]
    try:
        _fast_check()(record)
        reasons = []
    except fastjsonschema.JsonSchemaException:
        reasons = [f"{'/'.join(str(p) for p in e.absolute_path) or 'record'}: {e.message}"
                   for e in _validator().iter_errors(record)]
    reasons.extend(_semantic_reasons(record, operator))
    return reasons


def _semantic_reasons(record: dict[str, Any], operator: str) -> Iterator[str]:
    named = record.get("operator")
    if isinstance(named, str) and named != operator:
        yield f"operator: the record names {named!r} but the load is for --operator {operator!r}"
    when = record.get("order_time")
    if isinstance(when, str):
        try:
            datetime.fromisoformat(when)
        except ValueError:
            yield f"order_time: {when!r} is not a calendar date-time"
    currency = record.get("currency")
    if isinstance(currency, str) and len(currency) == 3 and currency not in _currencies():
        yield f"currency: {currency!r} is not an ISO 4217 currency code (e.g. JPY, USD, EUR)"
    if record.get("status") == "placed" and isinstance(record.get("sequence"), int) and record["sequence"] > 1:
        yield f"status: sequence {record['sequence']} is an amendment, so its status is changed or cancelled"
    for path, value in _country_fields(record):  # a name was read before (`read_order_countries`); a code stays
        if isinstance(value, str) and len(value) == 2 and not is_country_code(value):
            yield f"{path}: {value!r} is not an ISO 3166-1 alpha-2 code"
    for role in ACCOUNT_ROLES:
        account = record.get(role)
        if not isinstance(account, dict):
            continue
        phone = account.get("phone")
        if isinstance(phone, str) and normalise_phone(phone, account.get("country")) is None:
            yield (f"{role}/phone: {phone!r} is not a phone number that can be read (give it in international "
                   "form, +CC…, or set the account's country)")
        email = account.get("email")
        if isinstance(email, str) and normalise_email(email) is None:
            yield f"{role}/email: {email!r} is not an e-mail address"
    items = record.get("items")
    seqs: set[Any] = set()
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                if item.get("seq") in seqs:
                    yield f"items/{index}/seq: item number {item.get('seq')} appears twice in this order"
                seqs.add(item.get("seq"))
    tracking: set[Any] = set()
    for index, parcel in enumerate(record.get("parcels") or []):
        if not isinstance(parcel, dict):
            continue
        if parcel.get("tracking_number") in tracking:
            yield f"parcels/{index}/tracking_number: {parcel.get('tracking_number')} appears twice in this order"
        tracking.add(parcel.get("tracking_number"))
        for seq in parcel.get("items") or []:
            if seqs and seq not in seqs:
                yield f"parcels/{index}/items: item {seq} is not an item of this order"


def _country_fields(record: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for role in ACCOUNT_ROLES:
        account = record.get(role)
        if isinstance(account, dict):
            yield f"{role}/country", account.get("country")
    ship_to = record.get("ship_to")
    if isinstance(ship_to, dict):
        yield "ship_to/country", ship_to.get("country")
