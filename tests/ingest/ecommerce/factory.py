"""Tiny factory for e-commerce orders in tests: a valid order of the feed format, with overrides."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

from ecgraph.ingest.ecommerce import COLUMNS

OPERATOR = "test-mall"

BASE: dict[str, Any] = {
    "order_number": "A-0001",
    "sequence": 1,
    "status": "placed",
    "order_time": "2025-03-01T10:15:00+09:00",
    "price": 48200.0,
    "currency": "JPY",
    "payment_method": "card",
    "seller": {"account_id": "S1", "name": "Toyo Seiki Co., Ltd.", "addresses": ["東京都大田区蒲田3-12-5"],
               "country": "JP", "phone": "03-3731-0000", "email": "shop@toyo-seiki.example"},
    "buyer": {"account_id": "B1", "name": "Aram Sargsyan", "addresses": ["12 Tumanyan Street, Yerevan, AM"],
              "country": "AM", "phone": "+374 91 234567", "email": " Aram.S@Example.AM "},
    "ship_to": {"name": "Aram Sargsyan", "address": "12 Tumanyan Street, Yerevan, AM", "country": "AM"},
    "items": [{"seq": 1, "title": "FPV drone flight controller F7", "category": "drones_and_parts", "quantity": 2,
               "unit_price": 23000, "product_id": "P0001", "brand": "SpeedyBee", "model": "F7 V3"}],
    "parcels": [{"tracking_number": "EM123456789JP", "carrier": "Japan Post", "weight_kg": 0.4, "items": [1]}],
}


def order(**overrides: Any) -> dict[str, Any]:
    record = copy.deepcopy(BASE)
    record.update(copy.deepcopy(overrides))
    return record


def write_jsonl(path: Path, records: list[object]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write((record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n")
    return path


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """The flat CSV layout (`ingest.ecommerce.COLUMNS`), one dict a row."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path
