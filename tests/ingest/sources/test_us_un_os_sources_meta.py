"""Part-A list sources (US, UN, OpenSanctions): registered by name, metadata valid, bundled files in range."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecgraph.ingest.registry import SOURCES, get_source
from ecgraph.ingest.source import ParseContext

PART_A = ["us_trade_csl", "us_ofac_sdn", "us_ofac_cons", "un_sc_sanctions", "os_ftm", "us_bis_mieu", "us_dod_1260h"]


@pytest.mark.parametrize("source_id", PART_A)
def test_source_is_registered_with_valid_metadata(source_id: str, shared_data: Path) -> None:
    assert source_id in SOURCES
    source = get_source(source_id)
    meta = source.meta
    assert meta.id == source_id
    assert all(url.startswith("https://") for url in meta.data_urls.values())
    assert set(meta.snapshot) <= set(meta.data_urls)
    for path in source.snapshot_files(shared_data).values():
        assert path.is_file(), path


@pytest.mark.parametrize("source_id", PART_A)
def test_bundled_snapshot_count_is_in_the_expected_range_and_ids_are_unique(source_id: str, shared_data: Path) -> None:
    source = get_source(source_id)
    entries = list(source.parse(source.snapshot_files(shared_data), ParseContext(source_id)))
    low, high = source.meta.expected_entries
    assert low <= len(entries) <= high
    assert len({e.id for e in entries}) == len(entries)
    assert all(e.source == source_id and e.name for e in entries)
