"""A rejected order is kept so that it can be mended and sent again: every field as the operator sent it,
except phones and e-mails, which never reach the rejects file in clear (APPI)."""

from __future__ import annotations

import io
import json
from typing import Any

from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.ecommerce.load import reject_order
from tests.ingest.ecommerce.factory import order


def rejected(raw: Any, record: dict[str, Any] | None = None) -> dict[str, Any]:
    out = io.StringIO()
    reject_order(out, "feed.jsonl", SourceRecord(record, raw, 7, 0), ["currency: 'ABC' is not an ISO 4217 code"])
    entry: dict[str, Any] = json.loads(out.getvalue())
    return entry


def test_a_rejected_order_keeps_every_field_but_its_contacts() -> None:
    sent = order(order_number="BAD-CUR", currency="ABC")
    entry = rejected(json.dumps(sent), sent)
    raw = entry["raw"]
    assert entry["line"] == 7 and entry["order_number"] == "BAD-CUR"
    assert raw["order_number"] == "BAD-CUR" and raw["currency"] == "ABC"
    assert raw["buyer"]["name"] == sent["buyer"]["name"]
    assert raw["items"] == sent["items"]
    assert raw["buyer"]["phone"] == raw["buyer"]["email"] == "<withheld>"
    assert "+374" not in json.dumps(entry) and "@" not in json.dumps(raw)


def test_csv_rows_withhold_their_phone_and_email_columns() -> None:
    rows = [{"order_number": "ORD-9", "buyer_name": "Aram Sargsyan", "buyer_phone": "+374 91 234567",
             "buyer_email": "aram@example.am", "seller_phone": ""}]
    (row,) = rejected(rows)["raw"]
    assert row == {"order_number": "ORD-9", "buyer_name": "Aram Sargsyan", "buyer_phone": "<withheld>",
                   "buyer_email": "<withheld>", "seller_phone": ""}


def test_a_broken_line_keeps_its_text_with_phone_and_email_shapes_withheld() -> None:
    broken = ('{"order_number": "ORD-7-0000001", "ordered_at": "2026-12-01", "buyer": {"name": "Aram", '
              '"phone": "+374 91 234567", "email": "aram@example.am", "alt": "03-3731-0000"}, "tracking": "EM000000001JP"')
    raw = rejected(broken)["raw"]
    assert "ORD-7-0000001" in raw and "2026-12-01" in raw and "EM000000001JP" in raw and '"Aram"' in raw
    assert "234567" not in raw and "aram@" not in raw and "3731" not in raw
