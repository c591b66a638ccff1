"""Addresses as evidence (issue #21, PS-02 v2): parts, Hong Kong / Macau / Taiwan, graded agreement."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.rules.engine.predicates.address_parts import (
    PartsTable,
    grade_addresses,
    parse_address,
    region_of,
)

TOWER_1201_HK = "Flat 1201, 12/F, Golden Plaza Tower, 88 Nathan Road, Tsim Sha Tsui, Kowloon, Hong Kong"
TOWER_1201_CN = "Unit 1201, 12/F, Golden Plaza Tower, 88 Nathan Rd, Kowloon, Hong Kong, China"
TOWER_1502_CN = "Room 1502, 15/F, Golden Plaza Tower, 88 Nathan Road, Kowloon, Hong Kong, China"


def test_an_address_is_taken_apart() -> None:
    parts = parse_address(TOWER_1201_HK, "HK")
    assert (parts.unit, parts.floor, parts.building, parts.number, parts.street, parts.city, parts.country) == (
        "1201", "12", "golden plaza tower", "88", "nathan road", "kowloon", "HK")


def test_a_cjk_address_without_commas_is_taken_apart() -> None:
    parts = parse_address("广东省深圳市南山区科技园路88号金融大厦12楼1201室", "CN")
    assert (parts.city, parts.street, parts.number, parts.building, parts.floor, parts.unit) == (
        "深圳市", "科技园路", "88", "金融大厦", "12", "1201")


def test_a_romanised_russian_address_keeps_house_and_office() -> None:
    parts = parse_address("ul. Lenina, d. 5, of. 12, Moscow, Russia", "RU")
    assert (parts.street, parts.number, parts.unit, parts.city) == ("ulitsa lenina", "5", "12", "moscow")


@pytest.mark.parametrize(("text", "country", "region"), [
    ("88 Nathan Road, Kowloon, Hong Kong, China", "CN", "HK"), ("88 Nathan Road, Kowloon, Hong Kong", "HK", "HK"),
    ("Avenida da Praia Grande 429, Macau", "CN", "MO"), ("No. 7, Section 5, Xinyi Road, Taipei", None, "TW"),
    ("1 Tverskaya, Moscow", "RU", "RU"), ("香港九龍彌敦道88號", "CN", "HK"),
])
def test_hong_kong_macau_and_taiwan_are_placed_alike_whatever_the_country_field(
        text: str, country: str | None, region: str) -> None:
    assert region_of(text, country) == region


def test_the_same_address_written_for_hong_kong_two_ways_is_the_same_address() -> None:
    grade = grade_addresses(parse_address(TOWER_1201_HK, "HK"), parse_address(TOWER_1201_CN, "CN"))
    assert grade == ("same_address", "same address (golden plaza tower, unit 1201)")


def test_two_units_of_one_tower_are_the_same_building_not_the_same_address() -> None:
    grade = grade_addresses(parse_address(TOWER_1201_HK, "HK"), parse_address(TOWER_1502_CN, "CN"))
    assert grade is not None and grade[0] == "same_building"
    assert grade[1] == "same building (golden plaza tower), different units (1201 vs 1502)"


def test_another_building_on_the_same_street_is_the_same_street() -> None:
    grade = grade_addresses(parse_address(TOWER_1201_HK, "HK"), parse_address("120 Nathan Road, Kowloon, Hong Kong"))
    assert grade == ("same_street", "same street (nathan road) (numbers 88 vs 120), different buildings")


@pytest.mark.parametrize("other", [
    "Flat 1201, 12/F, Golden Plaza Tower, 88 Nathan Road, Singapore",  # another country
    "88 Des Voeux Road, Central, Hong Kong",  # another street, another building
    "Unit 1201, 12/F, Golden Plaza Tower, 88 Nathan Road, Shenzhen, China",  # another city
])
def test_different_places_do_not_agree(other: str) -> None:
    assert grade_addresses(parse_address(TOWER_1201_HK, "HK"), parse_address(other)) is None


def test_the_exact_same_text_is_the_same_address() -> None:
    text = "No. 3 Industrial Road, Science Park, Shenzhen, China"
    grade = grade_addresses(parse_address(text, "CN"), parse_address(text, "CN"))
    assert grade is not None and grade[0] == "same_address"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.sampled_from([None, "CN", "HK", "RU", "JP"]))
def test_any_text_parses_and_grades_symmetrically_without_crashing(text: str, country: str | None) -> None:
    parts = parse_address(text, country)
    other = parse_address(TOWER_1201_HK, "HK")
    forward, backward = grade_addresses(parts, other), grade_addresses(other, parts)
    assert (forward is None) == (backward is None)
    if forward and backward:
        assert forward[0] == backward[0]


def test_a_ten_megabyte_address_is_read_from_its_start_without_crashing() -> None:
    parts = parse_address("Golden Plaza Tower, 88 Nathan Road, Kowloon, Hong Kong, " + "x" * (10 * 2**20), "HK")
    assert parts.building == "golden plaza tower"


LISTED = [TOWER_1201_CN, TOWER_1502_CN, "120 Nathan Road, Kowloon, Hong Kong", "88 Des Voeux Road, Central, Hong Kong",
          "No. 3 Industrial Road, Science Park, Shenzhen, China", "Golden Plaza, 9 Canton Road, Kowloon, Hong Kong",
          "広東省深圳市南山区科技园路88号金融大厦12楼1201室", ""]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(LISTED + [TOWER_1201_HK]), st.text(max_size=80)), min_size=1, max_size=6))
def test_a_table_of_listed_addresses_keeps_every_pair_that_grades(queries: list[str]) -> None:
    # the block of C-scored candidates must never drop a pair the pairwise grading would find
    listed = [parse_address(text, "HK") for text in LISTED]
    mine = [parse_address(text, "HK") for text in queries]
    candidates = PartsTable(listed).could_agree(mine, 0.9)
    for parts, near in zip(mine, candidates, strict=True):
        graded = [i for i, theirs in enumerate(listed) if grade_addresses(parts, theirs, 0.9) is not None]
        assert set(graded) <= set(near)
        assert near == sorted(near)
