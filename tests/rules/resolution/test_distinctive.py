"""Distinctive tokens (issue 21): a match through a name's sound needs the names' distinctive tokens to agree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.rules.resolution import DEFAULT_THRESHOLD, Query, ResolutionIndex, prepare_name
from ecgraph.rules.resolution.distinctive import (
    cjk_agreement,
    cjk_distinctive,
    distinctive_part,
    distinctive_similarity,
    generic_words,
    is_generic,
    is_place,
    reading_key,
)
from ecgraph.rules.resolution.normalize import normalize_name
from ecgraph.rules.resolution.score import name_similarity


def _similarity(query: str, listed: str) -> float:
    q, e = prepare_name(query, "organization", "query"), prepare_name(listed, "organization", "alias")
    assert q is not None and e is not None
    return name_similarity([q], [e]).similarity


def test_generic_words_come_in_every_script_the_table_writes() -> None:
    words = generic_words()
    # English rows as written; kana and kanji rows by their glossary English and their Japanese reading
    assert {"technology", "industries", "industrial", "trading"} <= words
    assert {"seiki", "kogyo", "denshi", "tekunoroji"} <= words
    assert "and" not in words  # a function word, set aside on its own


def test_distinctive_part_sets_generic_words_and_katakana_compounds_aside() -> None:
    assert distinctive_part("hokushin technology") == "hokushin"
    assert distinctive_part("runesasuerekutroniks") == "runesasu"  # ルネサスエレクトロニクス, one katakana word
    assert distinctive_part("sino machinary", stem=False) == "sino"  # a misspelt generic word is still generic
    assert distinctive_part("technology industries") == ""


def test_distinctive_similarity_is_spelling_not_sound() -> None:
    assert distinctive_similarity("hokushin", "yuxin") < 0.6  # one outline (KSN), different words
    assert distinctive_similarity("sanwa", "sanam") < 0.7
    assert distinctive_similarity("unitek", "unitec") == 1.0  # a romanisation variant (spelling key)


def test_issue_21_demo_false_alarms_no_longer_match() -> None:
    # the three Japanese exporters `make demo` matched through phonetic skeletons
    assert _similarity("北辰テクノロジー株式会社", "Yuxin Technology") < DEFAULT_THRESHOLD
    assert _similarity("関東テクノロジー株式会社", "グアンジョウ・オーサイ・テクノロジー有限会社") < DEFAULT_THRESHOLD
    assert _similarity("北辰テクノロジー株式会社", "エンマクシン・テクノロジー有限会社") < DEFAULT_THRESHOLD
    assert _similarity("ルネサスエレクトロニクス株式会社", "株式会社ロスエレクトロニクス") < DEFAULT_THRESHOLD
    assert _similarity("Hokushin Technology Co., Ltd.", "武汉高芯科技有限公司") < DEFAULT_THRESHOLD


def test_a_reading_that_agrees_still_matches() -> None:
    # the listed katakana and the English name of one company (MOF asset-freeze list / OFSI; MOFA / EU)
    assert _similarity("サナム・インダストリーズ・カンパニー", "SANAM INDUSTRIAL COMPANY") >= DEFAULT_THRESHOLD
    assert _similarity("エンマクシン・テクノロジー有限会社", "Emmaxin Technology Co., Ltd") >= DEFAULT_THRESHOLD
    assert _similarity("Unitec Co., Ltd.", "OOO Unitek") >= DEFAULT_THRESHOLD


def test_kanji_names_are_compared_by_their_characters_too() -> None:
    # 神鋼 and 新興 are both read shinko; 商事 and 貿易 both mean trading
    assert cjk_distinctive(normalize_name("神鋼商事株式会社")) == "神钢"
    assert cjk_agreement(normalize_name("神鋼商事株式会社"), normalize_name("新興貿易会社")) == 0.0
    assert _similarity("神鋼商事株式会社", "新興貿易会社") < DEFAULT_THRESHOLD
    # a place prefix and traditional characters do not make two names of one company differ
    assert cjk_agreement(normalize_name("深圳市华为技术有限公司"), normalize_name("華為技術有限公司")) == 1.0


def test_latin_names_sharing_only_a_generic_word_do_not_match() -> None:
    assert _similarity("Sapporo Electronics Co., Ltd.", "Safir Electronics") < DEFAULT_THRESHOLD
    assert _similarity("Sanwa Technology Co.,Ltd.", "Sunway Tech Co., Ltd") < DEFAULT_THRESHOLD
    # a typo in the distinctive word is still the same company
    assert _similarity("Rosoboronexprt Trading", "Rosoboronexport Trading") >= DEFAULT_THRESHOLD


def test_the_index_finds_no_candidate_for_a_japanese_exporter() -> None:
    index = ResolutionIndex.build([
        {"id": "csl:1", "list": "us_trade_csl", "entity_type": "organization", "names": ["Yuxin Technology"]},
        {"id": "mofa:1", "list": "jp_mofa", "entity_type": "organization",
         "names": ["グアンジョウ・オーサイ・テクノロジー有限会社", "Guangzhou Ausay Technology Co., Ltd."]},
    ])
    for exporter in ("北辰テクノロジー株式会社", "関東テクノロジー株式会社"):
        prepared = prepare_name(exporter, "organization", "query")
        assert prepared is not None
        assert index.search(Query([prepared]), threshold=DEFAULT_THRESHOLD) == []


def test_a_place_and_a_generic_word_do_not_name_a_listed_company_of_that_place() -> None:
    """v13: 日本テクノロジー (`japan technology`, a demo exporter) matched Huawei Technologies Japan K.K. at 1.0: its
    only distinctive word, `japan`, was found in the listed name. A place says where a company is, not which."""
    assert is_place("japan") and is_place("tokyo") and not is_place("in") and not is_place("huawei")
    assert _similarity("日本テクノロジー株式会社", "Huawei Technologies Japan K.K.") < DEFAULT_THRESHOLD
    assert _similarity("Japan Technology Co., Ltd.", "Corad Technology Japan K.K.") < DEFAULT_THRESHOLD
    # the same place-and-generic name still matches itself, and a name that only adds a place still matches
    assert _similarity("日本テクノロジー株式会社", "Japan Technology Co., Ltd.") >= DEFAULT_THRESHOLD
    assert distinctive_similarity("huawei", "huawei japan") == 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_distinctive_part_never_crashes_and_is_idempotent(text: str) -> None:
    form = normalize_name(text)
    once = distinctive_part(form, stem=False)
    assert distinctive_part(once, stem=False) == once
    assert 0.0 <= distinctive_similarity(once, form) <= 1.0
    assert cjk_distinctive(form) == cjk_distinctive(form)  # no crash, stable


def test_a_10_mb_cell_and_an_empty_name() -> None:
    big = normalize_name("テクノロジー" * 2_000_000)
    assert isinstance(distinctive_part(big), str)
    assert isinstance(cjk_distinctive(big), str)
    assert distinctive_part("") == "" and cjk_distinctive("") == ""


def test_a_company_reading_without_generic_words_must_still_agree() -> None:
    # real Japanese company names (dev set) against listed names one letter apart from their readings
    assert _similarity("マツダ株式会社", "MATSA") < DEFAULT_THRESHOLD
    assert _similarity("株式会社ヨロズ", "Yoro") < DEFAULT_THRESHOLD
    assert _similarity("株式会社久留米倉庫", "Krymsk") < DEFAULT_THRESHOLD
    # a person's name keeps its outline comparison: katakana and Latin spell it differently
    q, e = prepare_name("ウラジーミル・プーチン", "person", "query"), prepare_name("Vladimir PUTIN", "person", "alias")
    assert q is not None and e is not None
    assert name_similarity([q], [e], person=True).similarity >= DEFAULT_THRESHOLD


def test_a_party_named_with_a_legal_form_is_no_person_or_vessel() -> None:
    index = ResolutionIndex.build([
        {"id": "v", "list": "eu_oj_sanctions", "entity_type": "vessel", "names": ["Maini"]},
        {"id": "p", "list": "us_ofac_sdn", "entity_type": "person", "names": ["Mani"]},
    ])
    prepared = prepare_name("MANI, INC.", "organization", "query")
    assert prepared is not None
    matches = index.search(Query([prepared], entity_type="unknown"), threshold=0.5)
    assert matches and all(any(f["feature"] == "entity_type" and f["result"] == "disagree" for f in m.features)
                           for m in matches)
    assert all(m.score < DEFAULT_THRESHOLD for m in matches)


def test_a_kana_reading_agrees_with_the_romanisation_of_the_same_word() -> None:
    """v12: katakana has one l/r, writes a final ng as n and no final h; a romanised name does not."""
    assert reading_key("chonbon") == reading_key("chongbong") == "shonbon"
    assert distinctive_similarity("chonbon", "chongbong", reading=True) == 1.0
    assert distinctive_similarity("chonbon", "chongbong") < 0.85  # two Latin spellings: not a reading
    # withheld aliases of listed companies that v11 lost
    assert _similarity("チョンボン・シッピング・カンパニー・リミテッド", "Chongbong Shipping Company Limited") >= DEFAULT_THRESHOLD
    assert _similarity("ラジャ・ソレイマン・イスラム運動", "Rajah Solaiman Islamic Movement") >= DEFAULT_THRESHOLD
    # and the demo's false alarms stay apart: the reading key keeps every consonant outline apart
    assert _similarity("北辰テクノロジー株式会社", "Yuxin Technology") < DEFAULT_THRESHOLD
    assert _similarity("マツダ株式会社", "MATSA") < DEFAULT_THRESHOLD


def test_the_number_of_a_shipyard_tells_it_apart_not_its_trade() -> None:
    """generic_words.csv v2: 工場, 造船, 船舶 and 修理 say what a yard does, not which yard it is."""
    assert cjk_agreement(normalize_name("株式会社第33船舶修理工場"), normalize_name("株式会社第33造船工場")) == 1.0
    assert cjk_agreement(normalize_name("株式会社第33船舶修理工場"), normalize_name("株式会社第35造船工場")) < 0.85


def test_a_generic_word_in_another_romanisation_is_still_generic() -> None:
    # v17: `grup` (group) and `tesh` (tech) are generic by their spelling key; a distinctive word stays distinctive
    assert is_generic("grup") and is_generic("tesh") and is_generic("kompani")
    assert not is_generic("grip") and not is_generic("kady") and not is_generic("tes")
    pair = name_similarity([prepare_name("teshnology and development grup ltd", "organization")],  # type: ignore[list-item]
                           [prepare_name("TECHNOLOGY AND DEVELOPMENT GROUP LTD", "organization")])  # type: ignore[list-item]
    assert pair.similarity >= DEFAULT_THRESHOLD and pair.method == "spelling_variant"
