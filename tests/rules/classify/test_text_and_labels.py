"""Descriptions become comparable features in both languages; labels give HS codes, ECCNs and models."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.rules.classify.glossary import load_glossary
from ecgraph.rules.classify.indicators import IndicatorMatcher
from ecgraph.rules.classify.labels import etco_item_for_eccn, model_hints, read_label
from ecgraph.rules.classify.text import en_features, en_lemmas, is_japanese, ja_features, matched_terms


def test_english_is_lemmatised_by_spacy_lookup_tables() -> None:
    features = en_features("Oscilloscopes and milling machines, parts thereof")
    assert {"en:oscilloscope", "en:mill", "en:machine", "en:mill machine"} <= set(features)
    assert "en:part" not in features and "en:thereof" not in features  # tariff boilerplate carries nothing


def test_japanese_is_read_as_bigrams_without_the_laws_boilerplate() -> None:
    # a real ETCO text (item 7(1)): the parenthetical exclusion says nothing about the goods
    assert ja_features("集積回路（四の項の中欄に掲げるものを除く。）") == ["ja:集積", "ja:積回", "ja:回路"]
    assert "en:fpga" in ja_features("ＦＰＧＡデバイス")  # full-width Latin inside Japanese becomes English
    assert is_japanese("周波数変換器") and not is_japanese("FREQUENCY CHANGER")


def test_the_glossary_bridges_both_languages() -> None:
    glossary = load_glossary()
    assert "en:microcontroller" in glossary.from_japanese("集積回路")
    assert "ja:周波" in glossary.from_english(en_lemmas("Frequency changers for motors"))


def test_label_text_yields_hs_eccn_and_model() -> None:
    # data/labels/lbl_0002.json, the customs block of a carton marking
    facts = read_label("P/N: WA-G8-83E\nFREQUENCY CHANGER\nECCN: 3A225\nH.S. CODE 8504.40")
    assert facts.hs_codes == ["850440"] and facts.eccns == ["3A225"] and "WA-G8-83E" in facts.models


def test_eccn_categories_point_at_etco_items() -> None:
    assert etco_item_for_eccn("3A001.a.7") == "7"  # Wassenaar electronics
    assert etco_item_for_eccn("6A003.b.4.b") == "10"
    assert etco_item_for_eccn("3A225") == "2"  # NSG
    assert etco_item_for_eccn("9A101") == "4"  # MTCR
    assert etco_item_for_eccn("3A991.a.2") is None and etco_item_for_eccn("EAR99") is None


def test_indicator_terms_match_as_their_match_column_says() -> None:
    # rows as in data/controls/indicator_terms.csv
    matcher = IndicatorMatcher([
        {"term": "ITAR", "lang": "en", "category": "CONTROL_MARKING", "weight": 0.5, "match": "word_cs"},
        {"term": "5-axis", "lang": "en", "category": "CONTROL_MARKING", "weight": 0.5, "match": "word"},
        {"term": "軍用", "lang": "ja", "category": "CONTROL_MARKING", "weight": 0.5, "match": "substring"},
        {"term": "parts", "lang": "en", "category": "VAGUE_DESCRIPTION", "weight": 0.3, "match": "whole_description"},
        {"term": "army", "lang": "en", "category": "MIL_ORG", "weight": 0.6, "match": "word"},  # about parties
    ])
    assert [h.term for h in matcher.find("ITAR controlled 5-axis head")] == ["ITAR", "5-axis"]
    assert matcher.find("itar") == []  # case-sensitive acronym
    assert [h.term for h in matcher.find("軍用無線機")] == ["軍用"]
    assert [h.term for h in matcher.find("Parts.")] == ["parts"] and matcher.find("parts of lathes") == []
    assert matcher.find("army surplus boots") == []  # party categories are not goods indicators


def test_model_hints_compile() -> None:
    assert any(h.pattern.match("XC7K325T-2FFG900C") for h in model_hints())


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_features_never_crash(text: str) -> None:
    for feature in en_features(text) + ja_features(text):
        assert feature.startswith(("en:", "ja:")) and len(feature) > 3


def test_reasons_name_the_words_that_matched_not_bigram_fragments() -> None:
    """Issue 17: `classify` reasons showed katakana fragments (グセ, シニ, ンタ) instead of terms."""
    description = "スクリューコンプレッサー用の周波数変換器"
    matched = ja_features("周波数変換器") + ["ja:コン", "ja:ンプ", "ja:プレ"]
    terms = matched_terms(matched, [description])
    assert terms[0] == "周波数変換器"
    assert "コンプレ" in terms and not any(len(t) == 2 and t in "周波数変換器" for t in terms)


def test_english_reasons_read_as_written_and_phrases_absorb_their_words() -> None:
    terms = matched_terms(en_features("integrated circuit"), ["Integrated circuits for radar"])
    assert terms == ["Integrated circuits"]
