"""The flat CSV layout carries the same order as JSON Lines; bad rows are read as reasons, not crashes."""

from __future__ import annotations

from pathlib import Path

from ecgraph.ingest.declarations.map import content_hash
from ecgraph.ingest.ecommerce import COLUMNS, order_to_rows, read_orders_csv
from tests.ingest.ecommerce.factory import order, write_csv


def test_an_order_read_back_from_csv_hashes_like_the_jsonl_record(tmp_path: Path) -> None:
    two_items = order(items=[*order()["items"], {"seq": 2, "title": "Propellers 5 inch", "category": "drones_and_parts",
                                                 "quantity": 4, "unit_price": 300.0}],
                      parcels=[{"tracking_number": "EM123456789JP", "carrier": "Japan Post", "weight_kg": 0.4,
                                "items": [1, 2]}])
    path = write_csv(tmp_path / "orders.csv", order_to_rows(two_items) + order_to_rows(order(order_number="A-0002")))
    read = list(read_orders_csv(path))
    assert [r.line for r in read] == [2, 4]
    assert read[0].record is not None and content_hash(read[0].record) == content_hash(two_items)


def test_a_parcel_row_with_no_order_becomes_a_reason_with_its_line(tmp_path: Path) -> None:
    orphan = {c: "" for c in COLUMNS} | {"parcel_tracking_number": "EM999999999JP", "parcel_carrier": "Japan Post"}
    path = write_csv(tmp_path / "orders.csv", order_to_rows(order()) + [orphan])
    first, second = read_orders_csv(path)
    assert first.record is not None and not first.reasons
    assert second.record is None and second.reasons == [
        "line 3: parcel EM999999999JP has no order (order_number is empty); send the parcel on its order's item rows"]


def test_rows_of_one_order_that_disagree_are_refused_together(tmp_path: Path) -> None:
    rows = order_to_rows(order(items=[*order()["items"], {**order()["items"][0], "seq": 2}]))
    rows[1]["currency"] = "USD"
    (read,) = read_orders_csv(write_csv(tmp_path / "orders.csv", rows))
    assert read.record is None and read.reasons == ["line 3: order columns differ from line 2: currency"]
