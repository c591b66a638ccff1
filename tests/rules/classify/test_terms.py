"""Indicator terms match on token boundaries, in English and Japanese: the trap suite.

Ordinary words, place names and company names that contain a term must not fire it (a guitar is not ITAR,
a guava not a UAV, Villahermosa no villa, Cargolux no cargo, 軍手 no army); the real uses still fire. Terms
come from the shipped data/controls/indicator_terms.csv, each with its `span` (word, phrase, prefix, …).
"""

from __future__ import annotations

import pytest

from ecgraph.ingest.controls.indicator_terms import SPANS, parse_indicator_terms
from ecgraph.ingest.controls.load import WMD_TERMS, controls_dir
from ecgraph.rules.classify.terms import TermMatcher

TERMS = [t.__dict__ for t in parse_indicator_terms(controls_dir() / "indicator_terms.csv")]
WMD = [t.__dict__ for t in parse_indicator_terms(controls_dir() / WMD_TERMS)]
MATCHER = TermMatcher(TERMS + WMD)


def fired(text: str) -> set[str]:
    return {h.term for h in MATCHER.find(text)}


def test_every_term_says_what_it_is_on_tokens() -> None:
    assert {t["span"] for t in TERMS} <= SPANS
    spans = {t["term"]: t["span"] for t in TERMS}
    assert spans["army"] == "word" and spans["air force"] == "phrase" and spans["оборон"] == "prefix"


@pytest.mark.parametrize(("text", "term"), [
    ("Acoustic guitar, spruce top", "ITAR"),            # a musical instrument is not an arms regulation
    ("Fresh guava fruit, 10 kg", "UAV"),                  # a fruit is not a drone
    ("Calle Villahermosa 12, Tabasco", "villa"),          # a place name is not a residential address
    ("101 Aptos Beach Drive, Aptos CA", "apt"),
    ("Flatbush Avenue 500, Brooklyn", "flat"),
    ("Cargolux Italia S.p.A.", "cargo"),                  # a company name is not a cargo business
    ("Expressen Media AB", "express"),
    ("Barmy Co. Ltd", "army"),
    ("Combatant Sports Nutrition", "combat"),
    ("Militaryhistory Books Ltd", "military"),
    ("軍手（作業用手袋）", "軍隊"),                          # work gloves are not an army
    ("正当防衛の講義資料", "防衛"),                          # self-defence in law is not defence
    ("Plaza Tradingview Analytics", "trading"),
])
def test_a_term_inside_a_word_does_not_fire(text: str, term: str) -> None:
    assert term not in fired(text)


@pytest.mark.parametrize(("text", "term"), [
    ("ITAR controlled optics", "ITAR"),
    ("UAV flight controller", "UAV"),
    ("Villa 12, Palm Jumeirah", "villa"),
    ("Apt 4B, 12 Main Street", "apt"),
    ("Silk Road Cargo LLC", "cargo"),
    ("Army Unit 1234 procurement office", "army"),
    ("MIL-STD-883 qualified microcircuits", "MIL-STD"),   # a phrase across a hyphen
    ("防衛省向け通信機器", "防衛"),                          # Japanese: a dictionary word at the start of a compound
    ("軍事用途の部品", "軍事"),
    ("ミサイル部品", "ミサイル"),
    ("東京物流センター株式会社", "物流"),
    ("АО Оборонпром", "оборон"),                           # Russian stems are prefixes
    ("Fibre optic gyroscopes for navigation", "gyroscop"),
    ("ライオンズマンション新宿 305号室", "マンション"),        # an address part glued into a building name
])
def test_a_real_use_fires(text: str, term: str) -> None:
    assert term in fired(text)


def test_case_sensitive_acronyms_stay_case_sensitive() -> None:
    assert "PLA" in fired("PLA Unit 61398") and "PLA" not in fired("pla filament for 3D printers")


def test_a_file_without_the_span_column_still_loads(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "indicator_terms.csv"  # type: ignore[operator]
    path.write_text("term,lang,category,weight,match,source\nnavy,en,MIL_ORG,0.6,word,x\nоборон,ru,SECTOR,0.2,substring,x\n",
                    encoding="utf-8")
    assert [t.span for t in parse_indicator_terms(path)] == ["word", "prefix"]
