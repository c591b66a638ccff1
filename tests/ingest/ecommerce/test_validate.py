"""The order record's contract: what is accepted, and every reason a bad order is refused (issue 20)."""

from __future__ import annotations

from typing import Any

from ecgraph.ingest.ecommerce import validate_order
from ecgraph.ingest.ecommerce.validate import read_order_countries
from tests.ingest.ecommerce.factory import OPERATOR, order


def test_a_complete_order_is_valid() -> None:
    assert validate_order(order(), OPERATOR) == []


def test_an_unknown_currency_is_rejected_naming_the_field() -> None:
    assert validate_order(order(currency="XYZ"), OPERATOR) == [
        "currency: 'XYZ' is not an ISO 4217 currency code (e.g. JPY, USD, EUR)"]


def test_numbers_out_of_bounds_are_rejected() -> None:
    reasons = validate_order(order(price=-1, items=[{**order()["items"][0], "quantity": 0}]), OPERATOR)
    assert any(r.startswith("price:") for r in reasons)
    assert any(r.startswith("items/0/quantity:") for r in reasons)


def test_a_parcel_with_no_order_is_rejected_as_such() -> None:
    parcel = {"tracking_number": "EM123456789JP", "carrier": "Japan Post"}
    assert validate_order(parcel, OPERATOR) == [
        "a parcel with no order: every parcel must come inside its order (order_number, items, parcels)"]


def test_parcels_may_only_carry_items_of_their_order() -> None:
    reasons = validate_order(order(parcels=[{"tracking_number": "EM1JP00001", "carrier": "DHL", "items": [7]}]),
                             OPERATOR)
    assert reasons == ["parcels/0/items: item 7 is not an item of this order"]


def test_an_unreadable_phone_is_rejected_because_it_could_not_be_hashed() -> None:
    buyer = {**order()["buyer"], "phone": "call me", "country": None}
    del buyer["country"]
    reasons = validate_order(order(buyer=buyer), OPERATOR)
    assert reasons and reasons[0].startswith("buyer/phone: 'call me' is not a phone number")


def test_the_operator_named_in_a_record_must_be_the_loads() -> None:
    assert validate_order(order(operator="other-mall"), OPERATOR) == [
        "operator: the record names 'other-mall' but the load is for --operator 'test-mall'"]


def test_an_amendment_cannot_claim_to_be_placed() -> None:
    assert validate_order(order(sequence=2), OPERATOR) == [
        "status: sequence 2 is an amendment, so its status is changed or cancelled"]


def test_every_reason_is_reported_at_once() -> None:
    reasons = validate_order(order(currency="XYZ", ship_to={"address": "x", "country": "QQ"}), OPERATOR)
    assert len(reasons) == 2


def _read(record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    notes = read_order_countries(record)
    return record, notes


def test_a_country_written_as_a_name_is_read_into_its_code() -> None:
    seller = {**order()["seller"], "country": "Japan"}
    buyer = {**order()["buyer"], "country": "Korea, North"}
    record, notes = _read(order(seller=seller, buyer=buyer,
                                ship_to={"address": "1 High St, London", "country": "UK"}))
    assert notes == []
    assert (record["seller"]["country"], record["buyer"]["country"], record["ship_to"]["country"]) == ("JP", "KP", "GB")
    assert validate_order(record, OPERATOR) == []


def test_a_nationality_adjective_reads_as_its_country() -> None:
    record, notes = _read(order(buyer={**order()["buyer"], "country": "Russian"}))
    assert notes == [] and record["buyer"]["country"] == "RU"


def test_an_unreadable_country_is_kept_as_text_with_a_warning_never_a_reject() -> None:
    record, notes = _read(order(ship_to={"address": "Pier 4, Freeport", "country": "Atlantis"}))
    assert "country" not in record["ship_to"] and record["ship_to"]["country_text"] == "Atlantis"
    assert notes == [("ship_to/country: 'Atlantis' names no country ecgraph reads; kept as written in "
                      "ship_to/country_text")]
    assert validate_order(record, OPERATOR) == []


def test_a_country_text_naming_several_keeps_the_first_code_and_the_text() -> None:
    record, notes = _read(order(buyer={**order()["buyer"], "country": "Russia; Belarus"}))
    assert record["buyer"]["country"] == "RU" and record["buyer"]["country_text"] == "Russia; Belarus"
    assert notes == [("buyer/country: 'Russia; Belarus' names several countries (RU, BY); kept as written in "
                      "buyer/country_text")]
    assert validate_order(record, OPERATOR) == []


def test_an_iso_code_is_left_as_it_is() -> None:
    record, notes = _read(order())
    assert notes == [] and record == order()
