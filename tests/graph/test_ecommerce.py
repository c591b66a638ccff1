"""Loading operators' order feeds into the real Neo4j: idempotent, amendments as history, bad feeds
rejected with line and reason while the good orders land, contacts only as keyed hashes, retention."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ecgraph.demo.ecommerce import OPERATOR as DEMO_OPERATOR
from ecgraph.demo.ecommerce import generate_feed
from ecgraph.graph import Graph, Settings
from ecgraph.graph.ecommerce import count_orders
from ecgraph.ingest.declarations.checkpoint import checkpoint_path
from ecgraph.ingest.ecommerce import COLUMNS, ContactHasher, load_or_create_key, load_orders, order_to_rows
from ecgraph.ingest.ecommerce.load import OrderLoadResult
from ecgraph.rules.ecommerce.retention import purge_older_than
from tests.ingest.ecommerce.factory import OPERATOR, order, write_csv, write_jsonl


def load(graph: Graph, settings: Settings, path: Path, batch_size: int = 2000) -> OrderLoadResult:
    hasher = ContactHasher(load_or_create_key(settings.config_dir))
    return load_orders(graph, path, operator=OPERATOR, hasher=hasher, state_dir=settings.data_dir,
                       batch_size=batch_size)


def rejects(result: OrderLoadResult) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(result.rejects_path).read_text(encoding="utf-8").splitlines()]


def test_an_order_becomes_order_accounts_items_parcel_and_hashed_contacts(graph: Graph, settings: Settings,
                                                                          tmp_path: Path) -> None:
    result = load(graph, settings, write_jsonl(tmp_path / "o.jsonl", [order()]))
    assert result.counts["loaded"] == 1
    assert count_orders(graph) == {"orders": 1, "versions": 1, "accounts": 2, "parcels": 1, "contacts": 4, "linked": 0}
    row = graph.read("MATCH (o:Order {id: 'test-mall:A-0001'})-[:BOUGHT_BY]->(b:Account)-[:HAS_CONTACT]->(c:Contact) "
                     "MATCH (o)-[:SHIPS_TO]->(x:Address) MATCH (o)-[:HAS_ORDER_ITEM]->(i:OrderItem) "
                     "RETURN b.name AS buyer, x.country AS country, i.title AS title, collect(c.kind) AS kinds")[0]
    assert row["buyer"] == "Aram Sargsyan" and row["country"] == "AM" and sorted(row["kinds"]) == ["email", "phone"]


def test_phones_and_emails_are_nowhere_in_the_graph_in_clear(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    load(graph, settings, write_jsonl(tmp_path / "o.jsonl", [order()]))
    everything = json.dumps(graph.read("MATCH (n) RETURN properties(n) AS p"), default=str)
    for secret in ("91 234567", "37491234567", "3731-0000", "337310000", "aram.s@example", "Aram.S@", "shop@toyo"):
        assert secret not in everything
    record = json.loads(graph.read("MATCH (v:OrderVersion) RETURN v.record AS r")[0]["r"])
    assert "phone" not in record["buyer"] and len(record["buyer"]["phone_hash"]) == 64


def test_accounts_that_share_a_phone_written_differently_meet_at_one_contact(graph: Graph, settings: Settings,
                                                                            tmp_path: Path) -> None:
    other = order(order_number="A-0002", buyer={"account_id": "B2", "name": "A. Sargsyan", "country": "AM",
                                                "phone": "091 234567"})
    load(graph, settings, write_jsonl(tmp_path / "o.jsonl", [order(), other]))
    shared = graph.read("MATCH (a:Account)-[:HAS_CONTACT]->(c:Contact {kind: 'phone'})<-[:HAS_CONTACT]-(b:Account) "
                        "WHERE a.id < b.id RETURN a.id AS a, b.id AS b")
    assert shared == [{"a": "test-mall:B1", "b": "test-mall:B2"}]


def test_loading_the_same_feed_twice_changes_nothing(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [order(), order(order_number="A-0002")])
    load(graph, settings, path)
    before = count_orders(graph)
    again = load(graph, settings, path)
    assert again.counts["unchanged"] == 2 and again.counts["loaded"] == 0
    assert count_orders(graph) == before


def test_a_cancellation_replaces_the_order_and_keeps_the_history(graph: Graph, settings: Settings,
                                                                 tmp_path: Path) -> None:
    load(graph, settings, write_jsonl(tmp_path / "a.jsonl", [order()]))
    cancelled = order(sequence=2, status="cancelled", items=[{**order()["items"][0], "quantity": 1}])
    result = load(graph, settings, write_jsonl(tmp_path / "b.jsonl", [cancelled]))
    assert result.counts["amended"] == 1
    row = graph.read("MATCH (o:Order)-[:HAS_ORDER_VERSION]->(v) WITH o, v ORDER BY v.sequence "
                     "RETURN o.status AS status, o.sequence AS seq, collect(v.status) AS versions, "
                     "COUNT { (o)-[:HAS_ORDER_ITEM]->() } AS items, COUNT { (o)-[:SHIPPED_IN]->() } AS parcels")[0]
    assert row == {"status": "cancelled", "seq": 2, "versions": ["placed", "cancelled"], "items": 1, "parcels": 1}


def test_a_late_older_version_is_history_only(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    load(graph, settings, write_jsonl(tmp_path / "a.jsonl", [order(sequence=2, status="changed")]))
    result = load(graph, settings, write_jsonl(tmp_path / "b.jsonl", [order()]))
    assert result.counts["history"] == 1
    assert graph.read("MATCH (o:Order) RETURN o.sequence AS s")[0]["s"] == 2


def test_bad_feeds_are_rejected_with_line_and_reason_and_nothing_good_is_lost(graph: Graph, settings: Settings,
                                                                             tmp_path: Path) -> None:
    lines: list[object] = [
        order(order_number="GOOD-1"),
        '{"order_number": "BROKEN-1", "sequence": 1',  # a broken line
        order(order_number="BAD-CUR", currency="ABC"),  # unknown currency
        {"tracking_number": "EM000000001JP", "carrier": "Japan Post"},  # a parcel with no order
        order(order_number="GOOD-1", price=99.0),  # duplicate order number, other content
        order(order_number="GOOD-2"),
    ]
    result = load(graph, settings, write_jsonl(tmp_path / "bad.jsonl", lines), batch_size=2)
    assert result.counts == {"loaded": 2, "amended": 0, "unchanged": 0, "history": 0, "rejected": 4}
    found = {r["line"]: r["reasons"][0] for r in rejects(result)}
    assert sorted(found) == [2, 3, 4, 5]
    assert "invalid JSON" in str(found[2])
    assert str(found[3]).startswith("currency: 'ABC' is not an ISO 4217")
    assert str(found[4]).startswith("a parcel with no order")
    assert str(found[5]).startswith("duplicate order: GOOD-1 sequence 1 was already loaded with different content")
    assert "+374" not in Path(result.rejects_path).read_text(encoding="utf-8")  # contacts withheld there too
    assert sorted(r["n"] for r in graph.read("MATCH (o:Order) RETURN o.number AS n")) == ["GOOD-1", "GOOD-2"]


def test_a_bad_csv_feed_is_rejected_row_by_row_and_nothing_good_is_lost(graph: Graph, settings: Settings,
                                                                        tmp_path: Path) -> None:
    orphan = {c: "" for c in COLUMNS} | {"parcel_tracking_number": "EM000000001JP", "parcel_carrier": "Japan Post"}
    path = write_csv(tmp_path / "bad.csv", [
        *order_to_rows(order(order_number="GOOD-1")),  # line 2
        *order_to_rows(order(order_number="BAD-CUR", currency="ABC")),  # line 3: unknown currency
        orphan,  # line 4: a parcel with no order
        *order_to_rows(order(order_number="GOOD-1", price=99.0)),  # line 5: duplicate order number, other content
        *order_to_rows(order(order_number="GOOD-2")),  # line 6
    ])
    with path.open("a", encoding="utf-8") as fh:
        fh.write("test-mall,BROKEN-1,1\n")  # line 7: a broken line (three fields)
    result = load(graph, settings, path, batch_size=2)
    assert result.counts == {"loaded": 2, "amended": 0, "unchanged": 0, "history": 0, "rejected": 4}
    found = {r["line"]: r["reasons"][0] for r in rejects(result)}
    assert sorted(found) == [3, 4, 5, 7]
    assert str(found[3]).startswith("currency: 'ABC' is not an ISO 4217")
    assert str(found[4]).startswith("line 4: parcel EM000000001JP has no order")
    assert str(found[5]).startswith("duplicate order: GOOD-1 sequence 1 was already loaded with different content")
    assert str(found[7]).startswith(f"line 7: 3 fields, the header has {len(COLUMNS)}")
    assert "+374" not in Path(result.rejects_path).read_text(encoding="utf-8")
    assert sorted(r["n"] for r in graph.read("MATCH (o:Order) RETURN o.number AS n")) == ["GOOD-1", "GOOD-2"]


def test_resume_after_a_killed_load_has_no_duplicates_and_no_gaps(graph: Graph, settings: Settings,
                                                                    tmp_path: Path) -> None:
    feed = generate_feed(600, 4, tmp_path / "orders.jsonl")
    path = Path(feed.orders_path)
    checkpoint = checkpoint_path(settings.data_dir / "ecommerce", path)
    args = [sys.executable, "-m", "ecgraph.cli", "ingest", "ecommerce", str(path), "--operator", DEMO_OPERATOR,
            "--batch-size", "20", "--quiet"]
    proc = subprocess.Popen(args, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if checkpoint.exists() and json.loads(checkpoint.read_text())["line"] > 60:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the load ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert 0 < count_orders(graph)["orders"] < 600
    resumed = subprocess.run([*args, "--resume", "--json"], env=os.environ.copy(), capture_output=True, text=True,
                             timeout=600, check=True)
    (summary,) = json.loads(resumed.stdout)["files"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert summary["resumed_from_line"] > 60 and summary["rejected"] == 0 and not checkpoint.exists()
    counts = count_orders(graph)
    assert counts["orders"] == len({json.loads(line)["order_number"] for line in lines})
    assert counts["versions"] == len(lines)
    assert graph.read("MATCH (o:Order) WHERE COUNT { (o)-[:BOUGHT_BY]->() } <> 1 "
                      "OR COUNT { (o)-[:HAS_ORDER_ITEM]->() } <> o.item_count RETURN count(o) AS n")[0]["n"] == 0


def test_retention_purges_details_and_keeps_the_hash_links(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    recent = order(order_number="NEW-1", order_time=datetime.now(UTC).isoformat(timespec="seconds"))
    load(graph, settings, write_jsonl(tmp_path / "o.jsonl", [order(), recent]))
    result = purge_older_than(graph, 90)
    assert result == {"orders": 1, "accounts": 0, "days": 90}  # the accounts still have a recent order
    old = graph.read("MATCH (o:Order {number: 'A-0001'}) RETURN o.price AS price, o.purged_at IS NOT NULL AS purged, "
                     "COUNT { (o)-[:HAS_ORDER_ITEM]->() } AS items, COUNT { (o)-[:SHIPS_TO]->() } AS ship_to, "
                     "COUNT { (o)-[:BOUGHT_BY]->(:Account)-[:HAS_CONTACT]->() } AS contacts")[0]
    assert old == {"price": None, "purged": True, "items": 0, "ship_to": 0, "contacts": 2}
    graph.write("MATCH (o:Order {number: 'NEW-1'}) SET o.placed_at = datetime('2020-01-01T00:00:00Z')")
    assert purge_older_than(graph, 90)["accounts"] == 2
    assert graph.read("MATCH (a:Account) WHERE a.name IS NOT NULL RETURN count(a) AS n")[0]["n"] == 0
    assert count_orders(graph)["contacts"] == 4


def test_countries_written_as_names_are_read_and_an_unreadable_one_warns_with_file_line_and_field(
        graph: Graph, settings: Settings, tmp_path: Path) -> None:
    named = order(buyer={**order()["buyer"], "country": "Korea, North"})
    unreadable = order(order_number="A-0002", ship_to={"address": "Pier 4, Freeport", "country": "Atlantis"},
                       parcels=[{"tracking_number": "EM000000002JP", "carrier": "Japan Post"}])
    path = write_jsonl(tmp_path / "o.jsonl", [named, unreadable])
    result = load(graph, settings, path)
    assert result.counts["loaded"] == 2 and result.counts["rejected"] == 0
    assert result.warnings == [(f"{path}:2: ship_to/country: 'Atlantis' names no country ecgraph reads; kept as "
                                "written in ship_to/country_text")]
    rows = {r["number"]: r for r in graph.read(
        "MATCH (o:Order)-[:BOUGHT_BY]->(b:Account) MATCH (o)-[:SHIPS_TO]->(x:Address) "
        "OPTIONAL MATCH (x)-[:IN_COUNTRY]->(c:Country) MATCH (o)-[:HAS_ORDER_VERSION]->(v:OrderVersion) "
        "RETURN o.number AS number, b.country AS buyer, x.country AS ship_to, c.iso2 AS node, "
        "o.ship_to_country AS on_order, o.ship_to_country_text AS text_on_order, v.record AS record")}
    assert rows["A-0001"]["buyer"] == "KP"
    assert rows["A-0002"]["ship_to"] is None and rows["A-0002"]["node"] is None and rows["A-0002"]["on_order"] is None
    assert json.loads(rows["A-0002"]["record"])["ship_to"]["country_text"] == "Atlantis"
    assert rows["A-0002"]["text_on_order"] == "Atlantis" and rows["A-0001"]["text_on_order"] is None  # for explain
