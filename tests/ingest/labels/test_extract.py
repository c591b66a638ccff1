"""Extraction (issue 8): key-anchored patterns, key/value pairing by box position, legal forms, roles.

Layouts are modelled on the bundled captures in data/labels (the lbl_NNNN named in each test).
"""

from __future__ import annotations

from ecgraph.ingest.labels.extract import build_pipeline, country_iso2, extract_entities, norm_hs_code
from ecgraph.ingest.labels.extract.companies import reads_as_words
from ecgraph.ingest.labels.extract.patterns import hs_subheadings, valid_hs_code
from ecgraph.ingest.labels.extract.shapes import SHAPE_ONLY
from tests.ingest.labels.factory import entities, found, page


def test_nameplate_value_sits_in_the_cell_right_of_its_key() -> None:
    # lbl_0004: `型式 MODEL` | `WD-YVK000` and `製造番号 SER. NO.` | `LL792870-9007`, two columns.
    result = found(
        ("LL792870-9007", 380, 160, 560, 185),  # engines may emit the value before its key
        ("型式 MODEL", 160, 120, 300, 145),
        ("WD-YVK000", 380, 121, 520, 146),
        ("製造番号 SER. NO.", 160, 160, 330, 184),
    )
    assert ("model_number", "WD-YVK000", None) in result
    assert ("serial_number", "LL792870-9007", None) in result


def test_key_split_over_two_boxes_still_finds_its_value() -> None:
    # RapidOCR often splits `型式` and `MODEL` into two boxes; the value is right of the second.
    assert ("model_number", "RW-R1-15J", None) in found(
        ("型式", 160, 120, 200, 145), ("MODEL", 210, 120, 290, 145), ("RW-R1-15J", 380, 120, 500, 145)
    )


def test_value_below_its_key_when_nothing_is_right_of_it() -> None:
    assert ("hs_code", "8542.31", None) in found(
        ("H.S. CODE", 100, 100, 200, 120), ("854231", 100, 126, 170, 146)
    )


def test_a_box_below_in_another_column_is_not_a_value() -> None:
    # Not the key's value by position: only a code of its own box on a page with an HS key, as sure as
    # a value found by its shape (`shapes.py`), never paired with the key.
    result = entities(("HS:", 100, 100, 140, 120), ("854231", 400, 126, 470, 146))
    assert [(e.lines, e.confidence) for e in result if e.type == "hs_code"] == [((1,), 0.9 * SHAPE_ONLY)]


def test_several_keys_in_one_box_each_take_their_own_value() -> None:
    # lbl_0003 read as one box: `HS: 8525.89.1834 ECCN: 6A003.b.4.b`
    result = found(("HS: 8525.89.1834 ECCN: 6A003.b.4.b", 100, 100, 600, 120))
    assert ("hs_code", "8525.89", None) in result
    assert ("eccn", "6A003.b.4.b", None) in result


def test_codes_are_matched_on_text_not_tokens() -> None:
    # spaCy's tokenizer splits MR-J4-70B; the value must come back whole.
    doc, found_entities = extract_entities(page(("MODEL: MR-J4-70B", 10, 10, 300, 30)))
    assert [e.value for e in found_entities if e.type == "model_number"] == ["MR-J4-70B"]
    assert [span.label_ for span in doc.spans["label"]] == ["model_number"]


def test_key_with_its_first_letters_cut_off() -> None:
    # lbl_0005: a finger hides `MO` of `MODEL:`; lbl_0006: the frame edge cuts `T` of `TARIFF NO.`
    assert ("model_number", "XE-1968-B0", None) in found(("DEL: XE-1968-B0", 0, 10, 200, 30))
    assert ("hs_code", "8540.89", None) in found(("ARIFF NO. 854089", 0, 10, 200, 30))


def test_keys_and_hs_values_as_blurred_frames_read_them() -> None:
    # Read after motion-blur removal (labels issue: single-frame recall): `5` for `S`, `0` for `O`,
    # a colon or slash for the dot of an HS code, a space for it.
    assert ("hs_code", "9026.20", None) in found(("H5:902620", 0, 10, 200, 30))
    assert ("hs_code", "9013.20", None) in found(("H5. C00E 9013.20.1261", 0, 10, 300, 30))
    assert ("hs_code", "8501.52", None) in found(("H.S:CODE 8501.52.8314", 0, 10, 300, 30))
    assert ("hs_code", "8532.24", None) in found(("HS. 8532:24-434", 0, 10, 200, 30))
    assert ("hs_code", "8532.24", None) in found(("HS: 8532/24-434", 0, 10, 200, 30))
    assert ("hs_code", "8501.52", None) in found(("HS 8501 52 8314", 0, 10, 200, 30))
    assert ("model_number", "XL7439VVEK", None) in found(("M0DEL: XL7439VVEK", 0, 10, 200, 30))


def test_hs_codes_that_do_not_exist_are_dropped() -> None:
    # Misreads of 8525.89 and 8532.24 in blurred captures; neither is an HS 2022 subheading.
    assert not any(t == "hs_code" for t, *_ in found(("HS: 8528.89-200", 0, 10, 200, 30)))
    assert not any(t == "hs_code" for t, *_ in found(("HS: 863224", 0, 10, 200, 30)))
    assert valid_hs_code("8542.31.0001") == "8542.31"
    assert valid_hs_code("0501.62") is None
    assert len(hs_subheadings()) == 5613


def test_a_legal_form_split_by_ocr_is_put_back() -> None:
    assert ("company", "Wakaba Kogyo Co., Ltd.", "shipper") in found(
        ("SHIP FROM:", 10, 10, 120, 30), ("Wakaba Kogyo Co.. L td.", 10, 36, 250, 56)
    )


def test_hs_codes_normalise_to_the_six_digit_subheading() -> None:
    for printed in ("8542.31", "854231", "8542.31-000", "8542.31.0001"):
        assert norm_hs_code(printed) == "8542.31"


def test_weights_know_net_gross_and_unit() -> None:
    weights = {
        e.norm["kind"]: e.norm
        for e in entities(
            ("N.W.: 4.3 KG", 0, 0, 100, 20),
            ("G.W.: 5.5 KG", 0, 30, 100, 50),
            ("WT: 14.0 LBS", 0, 60, 100, 80),
        )
        if e.type == "weight"
    }
    assert weights["net"] == {"kind": "net", "value": 4.3, "unit": "kg"}
    assert weights["gross"]["unit"] in ("kg", "lb")


def test_country_of_origin_in_its_printed_forms() -> None:
    for printed in ("MADE IN JAPAN", "原産国：日本", "日本製", "COO: JP", "COUNTRY OF ORIGIN: JAPAN"):
        assert ("country_of_origin", "JP", None) in found((printed, 0, 0, 300, 20)), printed
    assert country_iso2("U.A.E.") == "AE" and country_iso2("GERMANY") == "DE" and country_iso2("ZZ") is None


def test_companies_by_legal_form_with_the_role_of_the_heading_above() -> None:
    # lbl_0003 (shipping label): SHIP FROM block, then CONSIGNEE block.
    result = found(
        ("SHIP FROM:", 100, 100, 200, 120),
        ("WAKABA MACHINERY CORPORATION", 100, 125, 400, 145),
        ("CONSIGNEE:", 100, 220, 200, 240),
        ("Fairmast Automation FZCO", 100, 245, 350, 265),
    )
    assert ("company", "WAKABA MACHINERY CORPORATION", "shipper") in result
    assert ("company", "Fairmast Automation FZCO", "consignee") in result


def test_japanese_company_names_by_kabushiki_kaisha() -> None:
    result = found(
        ("SHIPPER:", 0, 0, 100, 20),
        ("株式会社サンテックマシナリー", 0, 30, 300, 50),
        ("有限会社白鷺産業", 0, 60, 300, 80),
    )
    assert ("company", "株式会社サンテックマシナリー", "shipper") in result
    assert ("company", "有限会社白鷺産業", "shipper") in result


def test_plain_words_are_not_companies() -> None:
    assert not any(
        t == "company"
        for t, *_ in found(("HANDLE WITH CARE", 0, 0, 300, 20), ("THIS SIDE UP", 0, 30, 300, 50))
    )


def test_nameplate_brand_and_description_from_the_top_row() -> None:
    # lbl_0001: brand left, English description right, Japanese description below it.
    result = found(
        ("YAMATO SYSTEMS", 160, 250, 330, 280),
        ("WAFER HANDLING ROBOT", 480, 255, 760, 285),
        ("ウエハ搬送ロボット", 480, 290, 700, 318),
        ("型式 MODEL", 160, 330, 300, 355),
        ("RW-R1-15J", 380, 330, 500, 355),
        ("大和システムズ株式会社", 400, 600, 700, 630),
    )
    assert ("company", "YAMATO SYSTEMS", "manufacturer") in result
    assert ("description", "WAFER HANDLING ROBOT", None) in result
    assert ("description", "ウエハ搬送ロボット", None) in result
    assert ("company", "大和システムズ株式会社", "manufacturer") in result


def test_the_same_fact_read_twice_is_one_entity() -> None:
    result = entities(("COO: JP", 0, 0, 100, 20), ("原産国：日本", 0, 30, 200, 50))
    assert [e.norm for e in result if e.type == "country_of_origin"] == ["JP"]


def test_pipeline_is_spacy_with_the_custom_components_in_order() -> None:
    assert build_pipeline().pipe_names == [
        "ecgraph_label_key_values",
        "ecgraph_label_table",
        "ecgraph_label_standards",
        "ecgraph_label_shapes",
        "ecgraph_label_described",
        "ecgraph_label_standalone",
        "ecgraph_label_companies",
        "ecgraph_label_nameplate",
        "ecgraph_label_dedupe",
    ]


def test_address_block_under_a_party_and_the_consignees_country() -> None:
    # lbl_0003: the consignee's address ends in `U.A.E.`; its norm is the country, as in the truth files.
    result = found(
        ("SHIP FROM:", 100, 100, 200, 120),
        ("WAKABA MACHINERY CORPORATION", 100, 125, 400, 145),
        ("4-10-10 Ujina-kaigan, Minami-ku, Hiroshima", 100, 150, 450, 170),
        ("Hiroshima 734-4920, JAPAN", 100, 175, 350, 195),
        ("TEL +81-98-2621-7927", 100, 200, 300, 220),
        ("CONSIGNEE:", 100, 240, 200, 260),
        ("Fairmast Automation FZCO", 100, 265, 350, 285),
        ("ATTN: PURCHASING DEPT.", 100, 290, 350, 310),
        ("Warehouse 48, Jebel Ali Free Zone", 100, 315, 400, 335),
        ("U.A.E.", 100, 340, 160, 360),
        ("WT: 31.3 KG", 100, 380, 200, 400),
    )
    assert ("address", "AE", "consignee") in result
    assert (
        "address",
        "4-10-10 Ujina-kaigan, Minami-ku, Hiroshima\nHiroshima 734-4920, JAPAN",
        "shipper",
    ) in result
    assert ("phone", "+81-98-2621-7927", None) in result


def test_nameplate_ratings_and_dates() -> None:
    # lbl_0001: `入力 INPUT` | `AC200-240V 50/60Hz 7.6A`, `出力 OUTPUT` | `100W`, `製造年月 DATE` | `2022.02`
    result = found(
        ("型式 MODEL", 160, 100, 300, 125),
        ("RW-R1-15J", 380, 100, 500, 125),
        ("入力 INPUT", 160, 140, 300, 165),
        ("AC200-240V 50/60Hz 7.6A", 380, 140, 640, 165),
        ("出力 OUTPUT", 160, 180, 300, 205),
        ("100W", 380, 180, 440, 205),
        ("製造年月 DATE", 160, 220, 320, 245),
        ("2022.02", 380, 220, 470, 245),
    )
    assert {
        ("rating", "AC200-240V 50/60Hz 7.6A", None),
        ("rating", "100W", None),
        ("date", "2022.02", None),
    } <= result


def test_shipping_label_dates_without_a_key() -> None:
    for printed in ("28NOV2021", "04/07/2021", "2023-11-27"):
        assert ("date", printed, None) in found((printed, 0, 0, 120, 20)), printed


def test_a_model_key_read_with_n_for_m_still_finds_its_value() -> None:
    # lbl_0001: the plate's `型式 MODEL` read as `EE NODEL`, the value cell right of it read cleanly.
    assert ("model_number", "RW-R1-15J", None) in found(
        ("EE NODEL", 168, 355, 252, 384), ("RW-R1-15J", 382, 348, 514, 383)
    )


def test_a_value_in_its_own_box_is_as_sure_as_that_box_not_as_its_key() -> None:
    # lbl_0007: `製造番号 SER. NO.` read unsurely as `製造器号SER.NO.`; its value cell is read surely.
    # The key only says which fact the cell holds; whether the value is right is the cell's reading.
    result = found(
        ("製造器号SER.NO.", 140, 179, 235, 199, 0.70),
        ("ZA999154-6675", 303, 178, 413, 199, 1.0),
        ("製造年月DATE", 140, 275, 220, 295, 0.99),
        ("2021.05", 304, 274, 368, 295, 0.80),
        engine="rapidocr",
    )
    assert ("serial_number", "ZA999154-6675", None) in result
    assert not any(t == "date" for t, *_ in result)  # an unsure value cell stays unsure


def test_codes_are_compared_with_the_letter_o_read_as_zero() -> None:
    # lbl_0011 prints `VJ-A0-07H`; OCR reads the zero as the letter O. The value keeps what was read.
    [model] = [e for e in entities(("PART NO.: VJ-AO-07H", 240, 151, 405, 176)) if e.type == "model_number"]
    assert (model.value, model.norm) == ("VJ-AO-07H", "VJ-A0-07H")
    # …but a value with no digit read is no code, even when folding O would make one (lbu_0003).
    assert not any(t == "model_number" for t, *_ in found(("MODEL: LAYU-OZ", 411, 714, 569, 743)))


def test_model_numbers_need_a_surer_reading_than_words_and_checked_codes() -> None:
    # lbl_0024: `BH6S-V57LP-K` read as `BH6S-V67LP-K` at 0.92. Nothing checks a model number, and one
    # wrong character is another model; an HS code must exist in HS 2022, a description is words.
    result = found(
        ("CONTENTS: AC SERVO MOTOR", 279, 506, 486, 529, 0.92),
        ("MODEL: BH6S-V67LP-K", 278, 525, 432, 549, 0.92),
        ("HS: 8501.52", 277, 545, 436, 569, 0.92),
        engine="rapidocr",
    )
    assert ("description", "AC SERVO MOTOR", None) in result
    assert ("hs_code", "8501.52", None) in result
    assert not any(t == "model_number" for t, *_ in result)
    assert ("model_number", "BH6S-V57LP-K", None) in found(
        ("MODEL: BH6S-V57LP-K", 278, 525, 432, 549, 0.95), engine="rapidocr"
    )


def test_a_japanese_company_whose_kanji_do_not_read_as_words_is_a_misreading() -> None:
    # lbl_0013 / lbl_0026: 若葉 read as 若巣, 瑞穂 as 瑞糖 (look-alike kanji); neither pair is a word.
    result = found(
        ("SHIPPER:", 0, 0, 100, 20),
        ("若巣精機株式会社", 0, 30, 300, 50),
        ("瑞糖技研株式会社", 0, 60, 300, 80),
        ("株式会社葵工業", 0, 90, 300, 110),  # one lone kanji is a name of its own
        ("若葉精機株式会社", 0, 120, 300, 140),
    )
    assert {norm for t, norm, _ in result if t == "company"} == {"株式会社葵工業", "若葉精機株式会社"}


def test_real_makers_names_read_as_words() -> None:
    for name in (
        "株式会社島津製作所",
        "株式会社帝国電機製作所",  # 電機 and 製作所 set apart, 帝国 is a word
        "株式会社安川電機",
        "浜松ホトニクス株式会社",
        "株式会社椿本チエイン",
        "株式会社鷺宮製作所",
        "有限会社丸一鋼管",
    ):
        assert reads_as_words(name), name
    # The known cost: a name proper of two rare kanji reads one kanji at a time and is dropped too.
    assert not reads_as_words("株式会社酉島製作所")


def test_a_heading_glued_to_a_name_without_a_colon_is_no_part_of_it() -> None:
    # labelgen dev2: `RECEIVER Ironwood Machinery GmbH`, `EXPORTER. VERTEX LTD.` in one box each
    assert found(("RECEIVER Ironwood Machinery GmbH", 10, 10, 500, 40)) >= {
        ("company", "Ironwood Machinery GmbH", "consignee")
    }
    assert ("company", "VERTEX LTD.", "shipper") in found(("EXPORTER. VERTEX LTD.", 10, 10, 500, 40))


def test_two_blocks_the_engine_read_as_one_box_are_two_names_with_their_roles() -> None:
    companies = {
        f for f in found(("EXPORTER NEPTUNE LLC Importer Summit Inc.", 10, 10, 800, 40)) if f[0] == "company"
    }
    assert companies == {("company", "NEPTUNE LLC", "shipper"), ("company", "Summit Inc.", "consignee")}


def test_a_name_the_engine_cut_in_two_is_less_sure_than_its_box() -> None:
    # labelgen dev nameplate: `PINNACLE MATERIALS AG` read as `PINNACLE MAT` and `ALS AG` side by side
    cut = [
        e
        for e in entities(("PINNACLE MAT", 136, 82, 508, 134, 0.97), ("ALS AG", 606, 77, 791, 133, 1.0))
        if e.value == "ALS AG"
    ]
    assert [round(e.confidence, 3) for e in cut] == [0.8]
    whole = [e for e in entities(("ALTAIR SYSTEMS AG", 606, 77, 900, 133, 1.0)) if e.type == "company"]
    assert [e.confidence for e in whole] == [1.0]
    # a Japanese name whose end was lost in the middle of a trade word (化学, 製作所)
    [short] = [e for e in entities(("株式会社山本化", 10, 10, 300, 40, 1.0)) if e.type == "company"]
    assert short.confidence == 0.8
    # ... or whose start was lost after the first kanji of one (`工株式会社` of `…電工株式会社`)
    [start_lost] = [e for e in entities(("工株式会社", 10, 10, 300, 40, 1.0)) if e.type == "company"]
    assert start_lost.confidence == 0.8
    [whole_ja] = [e for e in entities(("株式会社山本化学", 10, 10, 300, 40, 1.0)) if e.type == "company"]
    assert whole_ja.confidence == 1.0


def test_a_japanese_key_read_one_kanji_off_still_names_its_field() -> None:
    # 形名 read as 形, 型番 as 型器, 統計品目番号 as 統計品目器号 (PP-OCR swaps 番 for 器)
    assert ("model_number", "N52-57U2-X", None) in found(("形:N52-57U2-X", 10, 10, 300, 40))
    assert ("model_number", "TAK-8758-H", None) in found(("型器:TAK-8758-H", 10, 10, 300, 40))
    assert ("hs_code", "7304.59", None) in found(("統計品目器号:730459", 10, 10, 300, 40))
    # a word one kanji from keys of two fields (品名: 品番 part, 型名 model) names neither
    assert not {
        f for f in found(("品名:AB-1234", 10, 10, 300, 40)) if f[0] in ("model_number", "part_number")
    }
