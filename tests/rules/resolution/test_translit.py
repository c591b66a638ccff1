"""Transliteration (issue 9): names in other scripts get Latin forms; the original stays a name of its own.

Every pair below is a real pair from the bundled lists (UK OFSI `Name Non-Latin Script`, MOF katakana,
METI Japanese names).
"""

from __future__ import annotations

import pytest

from ecgraph.rules.resolution import latin_forms, name_similarity, normalize_name, prepare_name


def similarity(a: str, b: str, entity_type: str = "person") -> float:
    pa, pb = prepare_name(a, entity_type), prepare_name(b, entity_type)
    assert pa is not None and pb is not None
    return name_similarity([pa], [pb], entity_type == "person").similarity


@pytest.mark.parametrize(("original", "latin"), [
    ("АБРАМОВ Александр Григорьевич", "ABRAMOV Alexander Grigorievich"),  # UK OFSI, Cyrillic
    ("Хизри Магомедович Абакаров", "ABAKAROV Khizri Magomedovich"),  # UK OFSI, Cyrillic
    ("محمد فضل عبدالنبي", "Muhammad Fadl ABDULNABI"),  # UK OFSI, Arabic
    ("یوسف ابوطالبی", "Yousef ABOUTALEBI"),  # UK OFSI, Persian
    ("김영복", "KIM YONG BOK"),  # UK OFSI, Hangul
    ("ウラジーミル・ウラジーミロヴィチ・プーチン", "Vladimir Vladimirovich PUTIN"),  # MOF katakana
])
def test_person_names_match_across_scripts(original: str, latin: str) -> None:
    assert similarity(original, latin) >= 0.8


def test_original_script_is_kept_as_its_own_name() -> None:
    prepared = prepare_name("АБРАМОВ Александр Григорьевич", "person")
    assert prepared is not None
    assert prepared.original == "АБРАМОВ Александр Григорьевич"
    assert prepared.script == "Cyrillic"
    assert prepared.forms[0].startswith("abramov aleksandr")


def test_japanese_company_forms_are_equivalent() -> None:
    # 株式会社 / KK / Kabushiki Kaisha / Co., Ltd. are one company
    names = ["株式会社東芝", "Toshiba KK", "Toshiba Kabushiki Kaisha", "Toshiba Co., Ltd.", "TOSHIBA CORPORATION"]
    for other in names[1:4]:
        assert similarity(names[0], other, "organization") >= 0.95, other
    assert similarity("Toshiba KK", "Toshiba Corp", "organization") >= 0.9


def test_han_only_text_gets_both_readings_unless_the_language_is_known() -> None:
    both = latin_forms(normalize_name("東芝"))
    assert "toshiba" in both and len(both) == 2
    assert latin_forms(normalize_name("東芝"), "ja") == ("toshiba",)


def test_chinese_company_words_come_out_in_english() -> None:
    # UK OFSI: 道通机器人有限公司 = AUTEL ROBOTICS CO., LTD.
    prepared = prepare_name("道通机器人有限公司", "organization")
    assert prepared is not None and "llc" in prepared.legal_forms
    assert any("robotics" in form for form in prepared.forms)


def test_latin_text_needs_no_transliteration() -> None:
    assert latin_forms("rosneft") == ()
