"""The bulk CSV pass on several workers writes what one writes: each worker reads its own part of the feed.

No server: the importer's CSVs themselves are compared (every file's rows under its label and header,
since parts are concatenated and shared rows merged), with the rejects file byte for byte and the counts.
The feed has amendments in later batches, an amendment of the first order at the very end (another part
than its order), a broken line, a repeat and a conflicting re-send; small batches make many parts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecgraph.demo.ecommerce import OPERATOR, generate_feed
from ecgraph.graph.bulk_ecommerce import OrderFiles
from ecgraph.graph.bulk_import import BulkFiles
from ecgraph.ingest.ecommerce import ContactHasher
from ecgraph.ingest.ecommerce.bulk import write_order_files
from ecgraph.ingest.ecommerce.bulk_parts import split_feed

BATCH = 40
HASHER = ContactHasher(b"test-key-" * 4)


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    orders = tmp_path / "orders.jsonl"
    generate_feed(300, seed=5, out=orders)
    lines = orders.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    late = {**first, "sequence": first["sequence"] + 5, "status": "changed", "price": first["price"] * 2}
    conflict = {**first, "price": first["price"] + 1}
    with orders.open("a", encoding="utf-8") as out:
        out.write("\n".join([lines[7], '{"order_number": "broken"', json.dumps(conflict), "",
                             json.dumps(late)]) + "\n")
    return orders


def _written(feed: Path, folder: Path, workers: int) -> tuple[dict[str, list[str]], str, list[dict[str, int]],
                                                              dict[str, int]]:
    out = OrderFiles(BulkFiles(folder / "csv"), "2026-01-01T00:00:00Z")
    results, expected = write_order_files([feed], out, operator=OPERATOR, hasher=HASHER, state_dir=folder / "state",
                                          rejects_path=folder / "rejects.jsonl", batch_size=BATCH, workers=workers)
    out.finish()
    rows: dict[str, list[str]] = {}
    for path in (folder / "csv").glob("*.csv"):
        header, *lines = path.read_text(encoding="utf-8").replace(results[0].load_id, "<load>").splitlines()
        rows.setdefault(path.name.rsplit("-", 1)[0] + "|" + header, []).extend(lines)
    rejects = (folder / "rejects.jsonl").read_text(encoding="utf-8").replace(results[0].load_id, "<load>")
    return ({key: sorted(lines) for key, lines in rows.items()}, rejects, [r.counts for r in results], expected)


def test_feed_parts_hold_whole_batches_and_cover_the_file(feed: Path) -> None:
    parts = split_feed(feed, "jsonl", BATCH, 3)
    assert len(parts) == 3 and parts[0][:2] == (0, 1) and parts[-1][2] is None
    records_before = [sum(1 for line in feed.read_bytes()[:start].splitlines() if line.strip())
                      for start, _, _ in parts]
    assert all(n % BATCH == 0 for n in records_before)
    assert [end for _, _, end in parts[:-1]] == [start for start, _, _ in parts[1:]]
    assert [line for _, line, _ in parts] == [feed.read_bytes()[:start].count(b"\n") + 1 for start, _, _ in parts]


def test_three_workers_write_the_rows_rejects_and_counts_one_writes(feed: Path, tmp_path: Path) -> None:
    one = _written(feed, tmp_path / "one", 1)
    three = _written(feed, tmp_path / "three", 3)
    assert one[2][0]["amended"] > 0 and one[2][0]["rejected"] == 2
    sent = len(feed.read_text(encoding="utf-8").splitlines())  # the broken line and the conflict come 4th and 3rd last
    assert three[1] == one[1] and [json.loads(line)["line"] for line in one[1].splitlines()] == [sent - 3, sent - 2]
    assert three[2:] == one[2:]
    assert three[0] == one[0]
