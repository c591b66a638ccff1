"""`ecgraph db tune`: page cache and heap for a declaration volume, written where the settings read them."""

from __future__ import annotations

from pathlib import Path

from ecgraph.graph.settings import load_settings
from ecgraph.graph.sizing import BYTES_PER_DECLARATION, size_for, write_sizing

GIB = 2**30


def test_a_million_declarations_get_the_store_in_the_page_cache_and_a_larger_heap() -> None:
    small, large = size_for(10_000, 24 * GIB), size_for(1_000_000, 24 * GIB)
    assert large.store_bytes > 1_000_000 * BYTES_PER_DECLARATION
    assert int(large.pagecache[:-1]) * 2**20 >= large.store_bytes
    assert int(large.heap[:-1]) > int(small.heap[:-1])
    assert "fits" in large.note


def test_a_small_machine_caps_the_page_cache_and_says_so() -> None:
    sizing = size_for(10_000_000, 8 * GIB)
    assert int(sizing.pagecache[:-1]) * 2**20 + int(sizing.heap[:-1]) * 2**20 <= 8 * GIB
    assert "does not fit" in sizing.note


def test_written_settings_are_what_the_server_starts_with(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[neo4j]\nheap = "1g"\nbolt_port = 7999\n\n[[jobs]]\nname = "x"\n', encoding="utf-8")
    sizing = size_for(1_000_000, 24 * GIB)
    write_sizing(config, sizing)
    settings = load_settings({"ECGRAPH_CONFIG_DIR": str(tmp_path)})
    assert (settings.heap, settings.pagecache, settings.bolt_port) == (sizing.heap, sizing.pagecache, 7999)
    assert '[[jobs]]\nname = "x"' in config.read_text(encoding="utf-8")
