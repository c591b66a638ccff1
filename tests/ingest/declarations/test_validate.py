"""Every record is validated against the export-declaration schema plus the checks a schema cannot make."""

from __future__ import annotations

import pytest

from ecgraph.ingest.declarations import is_valid_corporate_number, validate_declaration
from ecgraph.ingest.declarations.validate import read_country_fields, read_exception_claim
from tests.ingest.declarations.factory import NTA_CORPORATE_NUMBER, declaration


def test_a_complete_declaration_is_valid() -> None:
    assert validate_declaration(declaration()) == []


def test_names_in_japanese_script_are_valid() -> None:
    record = declaration(consignee={"name": "株式会社テスト商事", "country": "JP"})
    assert validate_declaration(record) == []


def test_corporate_number_check_digit() -> None:
    assert is_valid_corporate_number(NTA_CORPORATE_NUMBER)
    assert not is_valid_corporate_number("8000012050002")  # first digit is the check digit


def test_wrong_corporate_number_check_digit_is_rejected_with_the_expected_digit() -> None:
    record = declaration()
    record["exporter"]["corporate_number"] = "9541601377431"
    reasons = validate_declaration(record)
    assert len(reasons) == 1
    assert reasons[0].startswith("exporter/corporate_number:")
    assert "check digit" in reasons[0] and "expected leading digit 2" in reasons[0]


def test_every_reason_is_collected_not_only_the_first() -> None:
    record = declaration(destination_country="XX", currency="XYZ", version=0, declaration_date="2025-02-30")
    record["items"][1]["hs_code"] = "8501"
    del record["consignee"]
    reasons = validate_declaration(record)
    joined = "\n".join(reasons)
    for field in ("destination_country", "currency", "version", "declaration_date", "items/1/hs_code", "consignee"):
        assert field in joined, (field, reasons)


@pytest.mark.parametrize("code, ok", [("850132", True), ("85013290", True), ("850132900", True),
                                      ("85013", False), ("8501329000", False), ("8501.32", False)])
def test_hs_code_has_6_to_9_digits(code: str, ok: bool) -> None:
    record = declaration()
    record["items"][0]["hs_code"] = code
    assert (validate_declaration(record) == []) is ok


@pytest.mark.parametrize("field, value, message", [
    ("destination_country", "XX", "not an ISO 3166-1"),  # a user-assigned code no list uses
    ("currency", "RMB", "not an ISO 4217"),  # the ISO code of the renminbi is CNY
])
def test_codes_are_checked_against_iso_lists(field: str, value: str, message: str) -> None:
    reasons = validate_declaration(declaration(**{field: value}))
    assert reasons and message in reasons[0] and reasons[0].startswith(field)


def test_duplicate_item_numbers_are_rejected() -> None:
    record = declaration()
    record["items"][1]["seq"] = 1
    assert any("appears twice" in r for r in validate_declaration(record))


def test_unknown_fields_are_rejected_not_silently_dropped() -> None:
    reasons = validate_declaration(declaration(shipper_mood="happy"))
    assert reasons and "shipper_mood" in reasons[0]


def test_a_non_object_is_rejected() -> None:
    assert validate_declaration(["not", "a", "record"]) == ["record: expected a JSON object, got list"]


@pytest.mark.parametrize("written, code", [("UK", "GB"), ("Russia", "RU"), ("Korea, North", "KP"), ("中国", "CN"),
                                           ("The Gambia", "GM"), ("RU", "RU")])
def test_a_country_written_as_a_name_is_read_not_rejected(written: str, code: str) -> None:
    """Issue #21: declarations carry countries as people write them."""
    record = declaration(destination_country=written, consignee={"name": "Test Trading LLC", "country": written},
                         transit_countries=[written])
    record["items"][0]["origin_country"] = written
    read_country_fields(record)
    assert validate_declaration(record) == []
    assert record["destination_country"] == record["consignee"]["country"] == code
    assert record["transit_countries"] == [code] and record["items"][0]["origin_country"] == code


def test_a_country_naming_no_country_is_kept_as_text_and_reported_never_rejected() -> None:
    """Issue #21: a string the reader cannot read is kept and reported, never a reason to drop a record."""
    record = declaration(destination_country="Atlantis", consignee={"name": "Test Trading LLC", "country": "Narnia"})
    record["items"][0]["origin_country"] = "somewhere in Asia"
    notes = read_country_fields(record)
    assert validate_declaration(record) == []
    assert "destination_country" not in record and record["destination_country_text"] == "Atlantis"
    assert "country" not in record["consignee"] and record["consignee"]["country_text"] == "Narnia"
    assert record["items"][0]["origin_country_text"] == "somewhere in Asia"
    assert [n.split(":")[0] for n in notes] == ["consignee/country", "destination_country", "items/0/origin_country"]
    assert all("names no country" in n and "kept as written" in n for n in notes)


def test_a_country_text_naming_several_gives_all_its_countries() -> None:
    record = declaration(destination_country="Russia; Belarus", transit_countries=["SG", "(1) Russia (2) Israel"],
                         consignee={"name": "Test Trading LLC", "country": "UAE / Iran"})
    notes = read_country_fields(record)
    assert validate_declaration(record) == []
    assert record["destination_country"] == "RU" and record["destination_country_text"] == "Russia; Belarus"
    assert record["transit_countries"] == ["SG", "RU", "IL"]
    assert record["transit_countries_text"] == ["(1) Russia (2) Israel"]
    assert record["consignee"]["country"] == "AE" and record["consignee"]["country_text"] == "UAE / Iran"
    assert any(n.startswith("destination_country:") and "(RU, BY)" in n for n in notes)
    assert any(n.startswith("transit_countries/1:") and "(RU, IL)" in n for n in notes)


def test_a_huge_country_cell_is_kept_cut_and_said_so() -> None:
    record = declaration(destination_country="x" * 10_000_000)
    notes = read_country_fields(record)
    assert validate_declaration(record) == []
    assert len(record["destination_country_text"]) == 400 and "cut to 400" in notes[0]


def test_a_two_letter_non_code_is_still_a_reason_when_nothing_read_it() -> None:
    """Without `read_country_fields` (a caller validating a record as it is) the code field must be a code."""
    reasons = validate_declaration(declaration(destination_country="XQ"))
    assert reasons and reasons[0].startswith("destination_country")


@pytest.mark.parametrize("written, claimed", [(True, True), ("yes", True), ("少額特例", True), ("Claimed", True),
                                              ("no", False), (0, False)])
def test_a_small_value_exception_claim_written_as_text_is_read_not_rejected(written: object, claimed: bool) -> None:
    """Issue #22: CA-06 reads the claim; a yes/no as text or a number is read as true/false."""
    record = declaration(small_value_exception=written)
    read_exception_claim(record)
    assert validate_declaration(record) == []
    assert record["small_value_exception"] is claimed


def test_an_unreadable_small_value_exception_claim_is_rejected_with_the_field_named() -> None:
    record = declaration(small_value_exception="maybe")
    read_exception_claim(record)
    reasons = validate_declaration(record)
    assert reasons and reasons[0].startswith("small_value_exception")
