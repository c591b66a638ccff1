"""Bracketed acronyms and comma qualifiers (issue 21): match features with their own explanation lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.rules.resolution import Query, ResolutionIndex, prepare_name
from ecgraph.rules.resolution.name_parts import acronym_fits, bracketed_acronyms, comma_qualifier, initials
from ecgraph.rules.resolution.score import sibling_units

INDEX = ResolutionIndex.build([
    {"id": "hit", "list": "us_trade_csl", "entity_type": "organization",
     "names": ["Harbin Institute of Technology, Shenzhen"]},
    {"id": "casc", "list": "us_dod_1260h", "entity_type": "organization",
     "names": ["China Aerospace Science and Technology Corporation"]},
    {"id": "heu", "list": "us_trade_csl", "entity_type": "organization",
     "names": ["Harbin Engineering University (HEU)"]},
])


def _features(query: str, entry_id: str) -> dict[str, dict[str, object]]:
    prepared = prepare_name(query, "organization", "query")
    assert prepared is not None
    match = next(m for m in INDEX.search(Query([prepared]), threshold=0.5) if m.entry_id == entry_id)
    return {str(f["feature"]): f for f in match.explanation["features"]}


def test_acronyms_and_initials() -> None:
    assert bracketed_acronyms("Harbin Institute of Technology (HIT)") == ("hit",)
    assert bracketed_acronyms("Harbin Institute of Technology") == ()
    assert "hit" in initials("Harbin Institute of Technology")
    assert acronym_fits("casc", "China Aerospace Science and Technology Corporation")  # Technology skipped
    assert not acronym_fits("heu", "Harbin Institute of Technology")


def test_a_bracketed_acronym_that_fits_the_listed_name_agrees() -> None:
    features = _features("China Aerospace Science & Tech. Corp. (CASC)", "casc")
    assert features["acronym"]["result"] == "agree"
    assert "(CASC) in the query = initials of the listed name" in str(features["acronym"]["detail"])


def test_two_different_bracketed_acronyms_disagree() -> None:
    features = _features("Harbin Engineering University (HEUU)", "heu")
    assert features["acronym"]["result"] == "disagree"


def test_a_listed_qualifier_after_a_comma_is_explained() -> None:
    assert comma_qualifier("Harbin Institute of Technology, Shenzhen") == ("Harbin Institute of Technology", "Shenzhen")
    assert comma_qualifier("Hitachi, Ltd.") is None
    features = _features("Harbin Institute of Technology (HIT)", "hit")
    assert features["qualifier"]["result"] == "disagree"
    assert "adds 'Shenzhen' after a comma" in str(features["qualifier"]["detail"])
    assert features["acronym"]["result"] == "agree"


def test_a_surname_and_given_name_are_not_a_qualifier() -> None:
    prepared = prepare_name("PUTIN, Vladimir", "unknown", "alias")
    assert prepared is not None and "putin" not in prepared.forms


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_name_parts_never_crash(text: str) -> None:
    assert isinstance(bracketed_acronyms(text), tuple)
    assert isinstance(initials(text), frozenset)
    split = comma_qualifier(text)
    assert split is None or all(isinstance(part, str) for part in split)


def test_a_10_mb_cell_and_an_empty_name() -> None:
    assert bracketed_acronyms("") == () and comma_qualifier("") is None and initials("") == frozenset()
    big = "ACME (HIT), Shenzhen " * 500_000
    assert bracketed_acronyms(big) == ("hit",)
    assert comma_qualifier(big) is None or isinstance(comma_qualifier(big), tuple)


SIBLINGS = ResolutionIndex.build([
    {"id": f"tmc{i}", "list": "us_trade_csl", "entity_type": "organization",
     "names": [f"Tactical Missile Corporation, {unit}"]}
    for i, unit in enumerate(("Zvezda-Strela Limited Liability Company", "TRV Engineering",
                              "“Central Design Bureau of Automation”", "Joint Stock Company PA Strela"))
])


def test_two_units_of_one_group_are_not_matched_by_the_name_they_share() -> None:
    # v17: every unit of Tactical Missile Corporation matched every other at 1.00 by the shared head
    prepared = prepare_name("Tactical Missile corp., TRV Engineering", "organization", "query")
    assert prepared is not None
    matches = SIBLINGS.search(Query([prepared]), threshold=0.5)
    assert [m.entry_id for m in matches if m.score >= 0.86] == ["tmc1"]
    other = next((m for m in matches if m.entry_id == "tmc0"), None)
    assert other is None or other.score < 0.86


def test_two_different_qualifiers_are_explained() -> None:
    prepared = prepare_name("Tactical Missile Corporation, Zvezda-Strela", "organization", "query")
    assert prepared is not None
    match = next(m for m in SIBLINGS.search(Query([prepared]), threshold=0.3) if m.entry_id == "tmc2")
    qualifier = next(f for f in match.explanation["features"] if f["feature"] == "qualifier")
    assert qualifier["result"] == "disagree"
    assert "two units of one group" in str(qualifier["detail"]) and "'central design bureau of automation'" in str(
        qualifier["detail"])
    head = prepare_name("Tactical Missile Corporation", "organization", "query")
    assert head is not None  # a query naming the group alone still finds every unit (the qualifier feature says so)
    assert {m.entry_id for m in SIBLINGS.search(Query([head]), threshold=0.86)} == {"tmc0", "tmc1", "tmc2", "tmc3"}


def test_a_bracketed_acronym_after_a_legal_form_is_no_qualifier_of_a_sibling_unit() -> None:
    # messy dev (v17 first cut): `HiSilicon Technologies Co., Ltd (HiSilicon)` read `Ltd (HiSilicon)` as a qualifier
    assert not sibling_units("HiSilicon Technologies Co., Ltd (HiSilicon)", "HiSilicon Technologies Co., Ltd, Shenzhen")
    assert sibling_units("Tactical Missile Corporation, TRV Engineering", "Tactical Missile Corporation, PA Strela")
