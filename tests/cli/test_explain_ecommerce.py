"""`ecgraph explain`'s e-commerce rows: what an analyst reads of the order behind an ECM declaration."""

from __future__ import annotations

from typing import Any

from ecgraph.cli.explain_ecommerce import order_row


def _order(**changes: Any) -> dict[str, Any]:
    order = {"order_number": "A-1", "operator": "shop", "sequence": 1, "status": "placed",
             "placed_at": "2026-01-01T00:00:00Z", "price": 100, "currency": "JPY", "seller": "S", "seller_country": "JP",
             "buyer": "B", "buyer_country": "RU", "ship_to": "Pier 4, Freeport", "ship_to_country": "RU",
             "ship_to_country_text": None, "tracking_number": "EM1JP", "carrier": "Japan Post", "weight_kg": 1.5,
             "link_method": "tracking", "link_score": 1.0, "items": [], "buyer_contact_shared": 0}
    return {**order, **changes}


def test_the_ship_to_country_is_its_code() -> None:
    assert order_row(_order())["ship_to"] == "Pier 4, Freeport (RU)"


def test_a_ship_to_country_written_as_text_ecgraph_could_not_read_shows_that_text() -> None:
    row = order_row(_order(ship_to_country=None, ship_to_country_text="Atlantis"))
    assert row["ship_to"] == "Pier 4, Freeport (written 'Atlantis')"


def test_a_ship_to_text_naming_several_countries_shows_the_code_read_and_the_text() -> None:
    row = order_row(_order(ship_to_country="RU", ship_to_country_text="Russia; Belarus"))
    assert row["ship_to"] == "Pier 4, Freeport (RU, written 'Russia; Belarus')"
