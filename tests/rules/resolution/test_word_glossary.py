"""Russian and Arabic / Persian organisation names read in English word for word (issue 21, matcher v14)."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.rules.resolution import DEFAULT_THRESHOLD, Query, ResolutionIndex, prepare_name
from ecgraph.rules.resolution.abbreviations import ABBREVIATIONS_VERSION
from ecgraph.rules.resolution.distinctive import GENERIC_WORDS_VERSION
from ecgraph.rules.resolution.normalize import normalize_name
from ecgraph.rules.resolution.score import MATCHER_VERSION
from ecgraph.rules.resolution.word_glossary import WORD_GLOSSARY_VERSION, glossary_words, translated_form


def _forms(name: str, entity_type: str = "organization") -> tuple[str, ...]:
    prepared = prepare_name(name, entity_type, "query")
    assert prepared is not None
    return prepared.forms


@pytest.mark.parametrize(("written", "english"), [
    ("Новосибирский приборостроительный завод", "novosibirsky instrument making plant"),
    ("Центральное конструкторское бюро", "central design bureau"),
    ("وزارة الدفاع", "ministry defense"),
    ("الجبهة الاسلامية", "front islamic"),
    ("سازمان صنایع هوایی", "organization industries air"),
])
def test_general_words_are_read_in_english_the_rest_transliterated(written: str, english: str) -> None:
    assert english in _forms(written)


def test_a_persons_name_and_a_latin_name_get_no_translation() -> None:
    assert not any("plant" in form for form in _forms("Завод Иван", "person"))
    assert translated_form("acme plant", "Latin") is None
    assert translated_form(normalize_name("Владимир Путин"), "Cyrillic") is None


def test_a_short_stem_matches_only_itself() -> None:
    assert translated_form(normalize_name("г. Тула"), "Cyrillic") == "tula"
    assert translated_form(normalize_name("газета Тула"), "Cyrillic") is None  # газ+ета is no gas word


@pytest.mark.parametrize(("written", "listed"), [
    ("Новосибирский механический завод", "Novosibirsk Mechanical Plant"),
    ("وزارة الدفاع", "Ministry of Defence"),
    ("شبکه حقانی", "Haqqani Network"),
])
def test_a_translated_name_finds_its_english_listing_with_an_explanation_line(written: str, listed: str) -> None:
    index = ResolutionIndex.build([{"id": "e", "list": "t", "entity_type": "organization", "names": [listed]},
                                   {"id": "other", "list": "t", "entity_type": "organization",
                                    "names": ["Unrelated Holdings Limited"]}])
    query = prepare_name(written, "organization", "query")
    assert query is not None
    match = next(m for m in index.search(Query([query]), threshold=0.5) if m.entry_id == "e")
    assert match.score >= DEFAULT_THRESHOLD
    line = next(f for f in match.explanation["features"] if f["feature"] == "translation")
    assert line["result"] == "read" and line["weight"] == 0.0 and line["detail"].startswith("the query reads ")
    assert match.explanation["matcher"] == MATCHER_VERSION


def test_the_explanation_names_each_word_read() -> None:
    assert glossary_words(normalize_name("Брянский электромеханический завод"), "Cyrillic") == [
        ("электромеханический", "electromechanical"), ("завод", "plant")]


def test_every_data_table_states_the_version_its_module_reads() -> None:
    for table, version in (("word_glossary.csv", WORD_GLOSSARY_VERSION), ("generic_words.csv", GENERIC_WORDS_VERSION),
                           ("abbreviations.csv", ABBREVIATIONS_VERSION)):
        text = (resources.files("ecgraph.rules.resolution") / table).read_text(encoding="utf-8")
        line = next(line for line in text.splitlines() if line.startswith("# version:"))
        assert re.match(rf"# version: {version} ", line), (table, line)
    assert "v17" in MATCHER_VERSION


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("завод ремонтный وزارة الدفاع -ab1"), max_size=40))
def test_translation_never_crashes_and_reads_only_glossary_words(text: str) -> None:
    normalized = normalize_name(text)
    for script in ("Cyrillic", "Arabic"):
        form = translated_form(normalized, script)
        assert form is None or form.isascii()
        assert (form is None) == (not glossary_words(normalized, script))
