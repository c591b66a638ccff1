"""The one country reader (issue #21): followthemoney's reading plus `schemas/countries.csv`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.schemas.countries import MAX_COUNTRY_TEXT, is_country_code, read_countries, read_country


@pytest.mark.parametrize(("text", "codes"), [
    ("Russia", ("RU",)), ("Turkey", ("TR",)), ("Burma", ("MM",)), ("Korea, North", ("KP",)),
    ("DPRK", ("KP",)), ("NORTH KOREA", ("KP",)), ("Russian", ("RU",)), ("Iranian", ("IR",)),
    ("Syrian", ("SY",)), ("Region: Gaza", ("PS",)), ("Region: Crimea", ("UA",)), ("The Gambia", ("GM",)),
    ("UK", ("GB",)), ("Hong Kong", ("HK",)), ("China, Taiwan", ("TW",)), ("Sudan, South", ("SS",)),
    ("KP", ("KP",)), ("PRK", ("KP",)), ("XK", ("XK",)), ("Kosovo", ("XK",)), ("中国", ("CN",)),
    ("ロシア連邦", ("RU",)), ("Россия", ("RU",)), ("Soviet Union", ("SU",)), ("Trinidad and Tobago", ("TT",)),
    ("St. Kitts and Nevis", ("KN",)), ("UAE (Dubai)", ("AE",)), ("Italian since 1990", ("IT",)),
])
def test_one_country_as_publishers_and_analysts_write_it(text: str, codes: tuple[str, ...]) -> None:
    reading = read_countries(text)
    assert reading.codes == codes
    assert reading.complete


@pytest.mark.parametrize(("text", "codes"), [
    ("(1) Russia (2) Israel", ("RU", "IL")),
    ("Russia; Belarus", ("RU", "BY")),
    ("a) Syrian b) Palestinian", ("SY", "PS")),
    ("Russia and Belarus", ("RU", "BY")),
    ("Estonia, Russia", ("EE", "RU")),
    ("Germany. Russia", ("DE", "RU")),
    ("RU/BY/RU", ("RU", "BY")),
])
def test_a_multi_country_string_gives_every_country_once_in_order(text: str, codes: tuple[str, ...]) -> None:
    assert read_countries(text).codes == codes


@pytest.mark.parametrize("text", ["-0-", "n/a", "na", "unknown", "Stateless", "", "   ", None])
def test_texts_that_say_no_country_read_as_none_and_leave_nothing_unread(text: str | None) -> None:
    reading = read_countries(text)
    assert reading.codes == ()
    assert reading.complete


def test_upper_case_na_is_namibia_lower_case_na_is_not_available() -> None:
    assert read_countries("NA").codes == ("NA",)  # CSL: "NA, 2001/044, Registration ID"
    assert read_countries("na").codes == () and read_countries("na").complete  # UN nationality "na"


def test_what_cannot_be_read_is_kept_as_text_beside_what_can() -> None:
    reading = read_countries("Russia, Belarus, Atlantis")
    assert reading.codes == ("RU", "BY")
    assert reading.unread == ("Atlantis",)
    assert read_countries("Region: Kafia Kingi").unread == ("Region: Kafia Kingi",)


def test_a_split_off_abbreviation_is_not_read_as_a_country_code() -> None:
    assert read_countries("Mr. X").codes == ()  # not MR (Mauritania)
    assert read_countries("St. Lucia").codes == ("LC",)  # not ST (São Tomé)
    assert read_countries("Identification No").codes == ()  # not NO (Norway)


def test_a_ten_megabyte_cell_is_kept_whole_as_unread_text() -> None:
    cell = "Russia " * (10 * 2**20 // 7)
    reading = read_countries(cell)
    assert reading.codes == ()
    assert reading.unread == (cell,)
    assert len(cell) > MAX_COUNTRY_TEXT


def test_read_country_gives_the_first_code() -> None:
    assert read_country("(1) Russia (2) Israel") == "RU"
    assert read_country("Atlantis") is None


def test_country_codes() -> None:
    assert is_country_code("KP") and is_country_code("XK")
    assert not is_country_code("kp") and not is_country_code("ZZ") and not is_country_code("Korea")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_reads_without_crashing_and_loses_nothing(text: str) -> None:
    reading = read_countries(text)
    assert reading.text == text
    assert all(is_country_code(code) for code in reading.codes)
    assert len(set(reading.codes)) == len(reading.codes)
    assert all(part and part in text for part in reading.unread) or reading.unread == (text,)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Russia", "Iran", "DPRK", "Burma", "Syrian", "UK", "The Gambia", "Japan"]),
                min_size=1, max_size=4, unique=True), st.sampled_from(["; ", " / ", "\n"]))
def test_joined_countries_read_back_as_the_same_codes(names: list[str], separator: str) -> None:
    expected = tuple(dict.fromkeys(read_country(n) for n in names))
    assert read_countries(separator.join(names)).codes == expected


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_reading_is_idempotent_on_codes(text: str) -> None:
    codes = read_countries(text).codes
    assert read_countries("; ".join(codes)).codes == codes
