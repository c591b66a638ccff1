"""Mapping a list entry to its node: the stored record and content hash are the plain JSON of the entry.

The mapping dumps each field once, without `asdict`, for speed; these specs pin its output to the
definition (`json.dumps(asdict(entry), sort_keys=True, ensure_ascii=False, default=str)`), so hashes
stored by earlier loads keep meaning "unchanged", and a changed entry's fields are named by comparing
them with its stored record.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from datetime import date
from itertools import islice
from pathlib import Path

import pytest

from ecgraph.ingest.list_map import changed_fields, entry_from_record, entry_props
from ecgraph.ingest.records import Address, CountryRef, DateFact, Identifier, Link, ListEntry, Name
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext


@dataclass
class _Odd:  # a dataclass a parser left in `extra`: asdict turns it into a dict, so must the mapping
    code: str
    since: date


def _by_definition(entry: ListEntry) -> tuple[str, str]:
    data = asdict(entry)
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    record = json.dumps({**data, "id": entry.id}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:20], record


def _rich_entry() -> ListEntry:
    return ListEntry(
        source="test_list", source_id="E-1 \"quoted\"", entity_type="organization", name="Ōsaka Trading 株式会社",
        list="Entity List", names=[Name("OSAKA TRADING", "alias", "Latn", "en"), Name("Осака", "previous", "Cyrl")],
        addresses=[Address("1 Main St, Tokyo", city="Tokyo", country="JP"), Address("Moscow")],
        countries=[CountryRef("JP", "address"), CountryRef("RU", "jurisdiction")],
        identifiers=[Identifier("tax_id", "123-456", "JP", "note\twith tab")],
        dates=[DateFact("listed", "2024-05", approximate=True)],
        programs=["RUSSIA-EO14024"], remarks=["line one\nline two", "€ and \u2028"],
        links=[Link("owned_by", "E-2", share_pct=50.5), Link("director", "E-3")],
        url="https://example.org/e-1",
        extra={"nested": {"b": [1, 2.25, None, True], "a": "x"}, "when": date(2024, 1, 2), "odd": _Odd("k", date(2020, 1, 1)),
               "pair": ("a", 1)},
    )


@pytest.mark.parametrize("entry", [_rich_entry(), ListEntry("test_list", "2", "person", "Plain Name")],
                         ids=["every-field", "bare"])
def test_hashes_and_record_are_those_of_the_entry_as_plain_json(entry: ListEntry) -> None:
    content_hash, record = _by_definition(entry)
    props = entry_props(entry, "test_list")
    assert props["content_hash"] == content_hash == entry.content_hash()
    assert props["record"] == record
    assert changed_fields(props["record"], entry) == []


def test_a_changed_entry_names_exactly_the_fields_that_differ_from_its_stored_record() -> None:
    before = _rich_entry()
    record = entry_props(before, "test_list")["record"]
    after = replace(before, name="Osaka Trading KK", extra={**before.extra, "when": date(2024, 1, 3)},
                    links=[*before.links, Link("owned_by", "E-9")])
    assert changed_fields(record, after) == ["name", "links", "extra"]
    old = json.loads(record)
    del old["remarks"]  # a record written before the field existed
    assert changed_fields(json.dumps(old), before) == ["remarks"]


def test_the_stored_record_gives_the_entry_back() -> None:
    entry = _rich_entry()
    entry.extra = {"kept": ["verbatim", 1]}
    assert entry_from_record(entry_props(entry, "test_list")["record"]) == entry


@pytest.mark.parametrize("source_id", ["us_trade_csl", "un_sc_sanctions", "us_ofac_sdn"])
def test_real_entries_map_as_by_definition(shared_data: Path, source_id: str) -> None:
    source = get_source(source_id)
    for entry in islice(source.parse(source.snapshot_files(shared_data), ParseContext(source_id)), 400):
        content_hash, record = _by_definition(entry)
        props = entry_props(entry, source_id)
        assert (props["content_hash"], props["record"]) == (content_hash, record)
        assert changed_fields(props["record"], entry) == []
