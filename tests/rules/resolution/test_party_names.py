"""Party names as shippers write them (issue 21): the address, c/o or attention line is split off the name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.rules.resolution import ResolutionIndex, query_for_names, split_party_name


@pytest.mark.parametrize(("field", "name", "address"), [
    ("ACME TRADING LTD, RM 1201, 12/F, 8 NATHAN RD, KOWLOON, HONG KONG", "ACME TRADING LTD",
     "RM 1201, 12/F, 8 NATHAN RD, KOWLOON, HONG KONG"),
    ("ACME TRADING LTD 12 NATHAN ROAD KOWLOON", "ACME TRADING LTD", "12 NATHAN ROAD KOWLOON"),
    ("ACME Co., Ltd., No. 5 Xinhua Road, Shanghai, China", "ACME Co., Ltd.", "No. 5 Xinhua Road, Shanghai, China"),
    ("ACME Co., Ltd., Hong Kong", "ACME Co., Ltd.", "Hong Kong"),
    ("Tokyo Electron Ltd, 3-1 Akasaka 5-chome, Minato-ku, Tokyo", "Tokyo Electron Ltd",
     "3-1 Akasaka 5-chome, Minato-ku, Tokyo"),
    ("深圳市ACME科技有限公司, 深圳市南山区科技园路1号", "深圳市ACME科技有限公司", "深圳市南山区科技园路1号"),
])
def test_an_address_in_the_name_field_is_split_off(field: str, name: str, address: str) -> None:
    party = split_party_name(field)
    assert (party.name, party.address) == (name, address)
    assert party.evidence == f"address {address!r}"


def test_care_of_and_attention_lines_are_split_off() -> None:
    care = split_party_name("ACME LTD C/O FAST FORWARDING CO, 5 HARBOUR RD")
    assert (care.name, care.care_of) == ("ACME LTD", "FAST FORWARDING CO, 5 HARBOUR RD")
    attention = split_party_name("ACME LTD ATTN: PURCHASING")
    assert (attention.name, attention.attention) == ("ACME LTD", "PURCHASING")


@pytest.mark.parametrize("field", ["Hitachi, Ltd.", "Mitsui & Co., Ltd.", "Sumitomo Heavy Industries, Ltd.",
                                   "Harbin Institute of Technology, Shenzhen", "Plant 101 LLC",
                                   "St Petersburg Trading LLC", "c/o ACME", "Rosoboronexport"])
def test_names_with_commas_legal_forms_or_numbers_stay_whole(field: str) -> None:
    assert split_party_name(field).name == field
    assert split_party_name(field).evidence == ""


def test_the_split_off_part_is_evidence_in_the_explanation() -> None:
    index = ResolutionIndex.build([{"id": "1", "list": "watch", "entity_type": "organization",
                                    "names": ["AUTEL ROBOTICS CO., LTD."]}])
    query = query_for_names(["AUTEL ROBOTICS CO., LTD., 7F, BUILDING B1, NANSHAN DISTRICT, SHENZHEN, CHINA"])
    [match] = index.search(query, threshold=0.86)
    assert match.score >= 0.99
    line = next(f for f in match.explanation["features"] if f["feature"] == "name_field")
    assert line["result"] == "split" and "7F, BUILDING B1" in line["detail"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_splitting_never_crashes_and_is_idempotent(text: str) -> None:
    party = split_party_name(text)
    assert isinstance(party.name, str)
    assert split_party_name(party.name).name == party.name


def test_a_10_mb_cell_and_an_empty_field() -> None:
    big = split_party_name("ACME LTD, 12 NATHAN ROAD " * 400_000)
    assert len(big.name) < 100_000
    assert split_party_name("").name == ""
    assert query_for_names([""]).names == []
