"""Declarations → rows for `graph.declarations`: keys, hashes and per-batch de-duplication.

Party key (a deterministic key, not fuzzy matching — that is `rules/`): `jpcn:<法人番号>` where the
corporate number is given, else `name:<normalised name>|<country>`. The normalised name is NFKC,
case-folded, punctuation turned into spaces, whitespace collapsed; legal forms are kept, so
"ACME Co., Ltd." and "acme co ltd" share a key but "ACME LLC" does not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson

from ecgraph.graph.declarations import DeclarationBatch
from ecgraph.ingest.declarations.validate import PARTY_ROLES
from ecgraph.schemas.names import name_key

__all__ = ["Planned", "address_id", "build_batch", "content_hash", "normalise_name", "party_key"]

DECLARATION_FIELDS = ("version", "declaration_type", "port_of_loading", "transport_mode", "vessel_flight",
                      "invoice_number", "currency", "licence_number", "ecommerce", "tracking_number",
                      "small_value_exception")


@dataclass
class Planned:
    """One valid declaration and what the load will do with it."""

    record: dict[str, Any]
    hash: str
    action: str  # new | replace | history (an older version arriving after a newer one)
    source_file: str
    line: int
    load_id: str


def content_hash(record: dict[str, Any]) -> str:
    """Hash of the record's content: equal hashes = unchanged.

    Key order, whitespace and the number spelling do not count (`255` in JSON Lines and `255.0` read
    from CSV are the same quantity), so the same declaration hashes alike in both layouts.
    """
    return hashlib.sha256(orjson.dumps(_canonical(record), option=orjson.OPT_SORT_KEYS)).hexdigest()[:24]


_AS_IS = frozenset({str, bool, type(None)})  # values `_canonical` returns unchanged: not worth a call
_INT64 = range(-(2**63), 2**63)  # so is a plain int within these (`v in _INT64` is a bounds check, no scan)


def _canonical(value: Any) -> Any:
    """orjson writes only 64-bit integers: a whole float within them is that integer, anything bigger (or
    not finite) is hashed by its text, so the hash never fails on a number validation would refuse.
    (Plain dicts and lists skip the call for their strings: the hash runs once per record loaded.)"""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _AS_IS or (type(v) is int and v in _INT64) else _canonical(v)
                for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _AS_IS or (type(v) is int and v in _INT64) else _canonical(v) for v in value]
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**63 else repr(value)
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
        return repr(value)
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


# Store forms of party names and addresses: a file names the same parties again and again, so each distinct
# text is normalised once (a bounded cache; `name_key` is pure).
_stored_form = lru_cache(maxsize=1 << 16)(name_key)


def party_key(party: dict[str, Any]) -> str:
    corp_no = party.get("corporate_number")
    if corp_no:
        return f"jpcn:{corp_no}"
    return f"name:{_stored_form(party['name'])}|{party.get('country') or ''}"


@lru_cache(maxsize=1 << 16)
def address_id(raw: str, country: str | None) -> str:
    norm = _stored_form(raw)
    return "addr:" + hashlib.sha1(f"{norm}|{country or ''}".encode()).hexdigest()[:20]


def build_batch(planned: list[Planned]) -> DeclarationBatch:
    """All rows for one transaction; parties and addresses appear once however often they occur."""
    batch = DeclarationBatch()
    parties: dict[str, dict[str, Any]] = {}
    addresses: dict[tuple[str, str], dict[str, Any]] = {}
    for plan in planned:
        record = plan.record
        number = record["declaration_number"]
        date = record["declaration_date"]
        version = {
            "id": f"{number}:{record['version']}", "number": number, "version": record["version"], "hash": plan.hash,
            "record": orjson.dumps(record).decode(), "source_file": plan.source_file, "source_line": plan.line,
            "load_id": plan.load_id,
        }
        if plan.action == "history":
            batch.history.append({"number": number, "date": date, "version": version})
            continue
        if plan.action == "replace":
            batch.replaced.append(number)
        items = record["items"]
        props = {f: record[f] for f in DECLARATION_FIELDS if f in record}
        props.update({
            "hash": plan.hash, "destination": record.get("destination_country"),
            "transit": record.get("transit_countries", []), "value": record["invoice_value"],
            "value_jpy": record.get("declared_value_jpy"),
            "item_count": len(items), "source_file": plan.source_file, "source_line": plan.line,
        })
        row: dict[str, Any] = {
            "number": number, "date": date, "destination": record.get("destination_country"), "props": props,
            "version": version,
            "transits": [{"iso2": iso2, "order": n} for n, iso2 in enumerate(record.get("transit_countries") or [], 1)],
            "items": [_item_row(number, item) for item in items],
        }
        for field, role in PARTY_ROLES.items():
            party = record.get(field)
            row[role] = [_add_party(parties, addresses, party, date)] if party else []
        batch.declarations.append(row)
    batch.parties = list(parties.values())
    batch.addresses = list(addresses.values())
    return batch


def _add_party(parties: dict[str, dict[str, Any]], addresses: dict[tuple[str, str], dict[str, Any]],
               party: dict[str, Any], date: str) -> str:
    key = party_key(party)
    row = parties.get(key)
    if row is None:
        row = parties[key] = {
            "key": key, "names": [], "first_seen": date, "country": party.get("country"),
            "corp_no": party.get("corporate_number"), "name_latin": party.get("name_latin"),
            "name_norm": _stored_form(party["name"]),
        }
    if party["name"] not in row["names"]:
        row["names"].append(party["name"])
    row["first_seen"] = min(row["first_seen"], date)
    raw_address = party.get("address")
    if raw_address:
        aid = address_id(raw_address, party.get("country"))
        if (key, aid) not in addresses:
            addresses[(key, aid)] = {"key": key, "id": aid, "raw": raw_address, "norm": _stored_form(raw_address),
                                     "country": party.get("country")}
    return key


def _item_row(number: str, item: dict[str, Any]) -> dict[str, Any]:
    hs_code = item["hs_code"]
    return {
        "id": f"{number}:{item['seq']}", "hs6": hs_code[:6],
        "props": {
            "seq": item["seq"], "hs_code": hs_code, "description": item["description"],
            "quantity": item.get("quantity"), "unit": item.get("unit"), "net_kg": item.get("net_weight_kg"),
            "value": item["value"], "value_jpy": item.get("value_jpy"), "origin": item.get("origin_country"),
            "number": number,
        },
    }


# The store form of names and addresses (schemas.names.name_key), under the name ingest has exported.
normalise_name = name_key
