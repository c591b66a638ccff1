"""The e-commerce section of `ecgraph explain`: the order, accounts and parcel behind an ECM declaration."""

from __future__ import annotations

from typing import Any

from ecgraph.cli.output import OutputFormat, print_rows

__all__ = ["ORDER_COLUMNS", "order_facts", "order_row", "show_orders"]

ORDER_COLUMNS = ["order", "placed", "price", "seller", "buyer", "ship_to", "parcel", "link", "items", "shared_contacts"]


def order_row(order: dict[str, Any]) -> dict[str, Any]:
    """One order behind a declaration as the analyst reads it (explain's table, the report's section)."""
    items = "; ".join(f"{i['quantity']}× {i['title']} [{i['category']}]" for i in order.get("items") or [])
    return {
        "order": f"{order['order_number']} ({order['operator']}, seq {order['sequence']} {order['status']})",
        "placed": order["placed_at"], "price": f"{order['price']} {order['currency']}" if order["price"] else "purged",
        "seller": f"{order['seller']} ({order['seller_country']})", "buyer": f"{order['buyer']} ({order['buyer_country']})",
        "ship_to": f"{order['ship_to']} ({_country(order)})" if order["ship_to"] else "purged",
        "parcel": f"{order['tracking_number']} {order['carrier']} {order['weight_kg'] or ''} kg",
        "link": f"{order['link_method']} {order['link_score']:.2f}", "items": items,
        "shared_contacts": order["buyer_contact_shared"],
    }


def _country(order: dict[str, Any]) -> str:
    """The ship-to country code; a country the feed wrote as text naming none or several shows that text too."""
    code, text = order["ship_to_country"], order.get("ship_to_country_text")
    if not text:
        return str(code)
    return f"written {text!r}" if code is None else f"{code}, written {text!r}"


def show_orders(orders: list[dict[str, Any]]) -> None:
    if orders:
        print_rows([order_row(o) for o in orders], ORDER_COLUMNS, fmt=OutputFormat.table,
                   title="e-commerce orders behind this declaration")


def order_facts(orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"section": "order", "subject": row["order"],
             "detail": f"buyer {row['buyer']}, seller {row['seller']}, parcel {row['parcel']}, link {row['link']}"}
            for row in map(order_row, orders)]
