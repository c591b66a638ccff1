"""Issue #21, done when: 0 records rejected for a country string followthemoney can read, across every
bundled list and a custom list built from all of them.

Every bundled list is parsed with a spy on the country reader that records the strings the publishers
wrote (the reader's answers are passed through unchanged); those strings then make up a custom list.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from followthemoney.types import registry

from ecgraph.ingest.custom_list import custom_source
from ecgraph.ingest.lists import parse_list
from ecgraph.ingest.registry import SOURCES, get_source
from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas import countries
from ecgraph.schemas.countries import is_country_code


def _spy(seen: Counter[str], read: Callable[[str | None], Any]) -> Callable[[str | None], Any]:
    def recording(text: str | None) -> Any:
        if text:
            seen[text] += 1
        return read(text)
    return recording


@pytest.fixture(scope="module")
def parsed() -> tuple[dict[str, Any], Counter[str]]:
    """Every bundled list parsed once, and every country string its parser read."""
    seen: Counter[str] = Counter()
    patch = pytest.MonkeyPatch()
    for name, module in list(sys.modules.items()):
        if name.startswith("ecgraph.ingest.") and module is not None:
            for attr in ("read_country", "read_countries"):
                if getattr(module, attr, None) is getattr(countries, attr):
                    patch.setattr(module, attr, _spy(seen, getattr(countries, attr)))
    try:
        results = {sid: parse_list(get_source(sid), get_source(sid).snapshot_files(snapshot_dir()), expected=None)
                   for sid in SOURCES}
    finally:
        patch.undo()
    return results, seen


def test_no_bundled_list_rejects_a_record_for_its_country(parsed: tuple[dict[str, Any], Counter[str]]) -> None:
    results, seen = parsed
    assert len(seen) > 300, "the spy saw the publishers' country strings"
    for sid, result in results.items():
        country_rejects = [r for r in result.ctx.rejects if any("countr" in reason.lower() for reason in r.reasons)]
        assert country_rejects == [], sid
        assert all(is_country_code(c.iso2) for e in result.entries for c in e.countries), sid


def test_every_string_followthemoney_reads_gives_a_code(parsed: tuple[dict[str, Any], Counter[str]]) -> None:
    _, seen = parsed
    ftm_reads = [text for text in seen if registry.country.clean(text) not in (None, "zz")]
    # the one exception is documented in schemas/countries.csv: UN nationality "na" = not available
    assert ftm_reads and [t for t in ftm_reads if not countries.read_countries(t).codes] == ["na"]


def test_a_custom_list_of_every_publisher_country_string_loses_no_row(
    parsed: tuple[dict[str, Any], Counter[str]], tmp_path: Path
) -> None:
    results, seen = parsed
    names = [e.name for result in results.values() for e in result.entries[:50]]
    path = tmp_path / "every_country.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Country"])
        strings = sorted(seen)
        for number, text in enumerate(strings):
            writer.writerow([names[number % len(names)], text])
        for result in results.values():  # and every entry, with its countries as codes
            writer.writerows([e.name, "; ".join(c.iso2 for c in e.countries)] for e in result.entries)
    source = custom_source("every_country")
    ctx = ParseContext(source.id)
    entries = list(source.parse({"list": path}, ctx))
    assert ctx.rejects == []
    assert len(entries) == len(strings) + sum(len(r.entries) for r in results.values())
    for entry, text in zip(entries, strings, strict=False):
        if registry.country.clean(text) not in (None, "zz") and text != "na":
            assert entry.countries, text
