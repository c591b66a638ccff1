"""Keys of label practice (issue 18): the printed key words are data, so labels the reader has never
seen still anchor their values — and a caption may sit on any side of its value."""

from __future__ import annotations

import pytest

from ecgraph.ingest.labels.extract.companies import find_company, heading_role
from ecgraph.ingest.labels.extract.key_words import WEAK_KEY, key_words, strength_of
from tests.ingest.labels.factory import entities, found


@pytest.mark.parametrize(
    ("text", "kind", "norm"),
    [
        ("TYPE: MR-J4-70B", "model_number", "MR-J4-70B"),
        ("Cat. No. 6ES7-214", "model_number", "6ES7-214"),
        ("Art.-Nr. 1234-5678", "model_number", "1234-5678"),
        ("MPN: LT3045EDD", "model_number", "LT3045EDD"),
        ("形名：RW-R1-15J", "model_number", "RW-R1-15J"),
        ("型番 AX-2200", "model_number", "AX-2200"),
        ("HTS 8504.40.9580", "hs_code", "8504.40"),
        ("COMMODITY CODE: 8471.30", "hs_code", "8471.30"),
        ("関税番号 8532.24", "hs_code", "8532.24"),
        ("SERIAL NUMBER: EJ2909035", "serial_number", "EJ2909035"),
        # keys in the languages of the goods' makers and forwarders
        ("Modèle: VX-2210", "model_number", "VX-2210"),
        ("Modello AB-3302", "model_number", "AB-3302"),
        ("Typ-Nr. KR-5512", "model_number", "KR-5512"),
        # a lone part-number key on a carton names the goods: their model number (data/labels' convention)
        ("Sachnr. 9008-601M", "model_number", "9008-601M"),
        ("Serien-Nr. 7781234", "serial_number", "7781234"),
        ("Matricola A1234567", "serial_number", "A1234567"),
        ("Zolltarifnr.: 854370", "hs_code", "8543.70"),
        ("Code SH 8501.52", "hs_code", "8501.52"),
        ("Voce doganale 8471.50", "hs_code", "8471.50"),
    ],
)
def test_key_words_of_label_practice_anchor_their_values(text: str, kind: str, norm: str) -> None:
    assert (kind, norm) in {(t, n) for t, n, _ in found((text, 10, 10, 400, 30))}


def test_a_key_word_from_the_list_read_with_one_letter_wrong_still_anchors() -> None:
    assert ("hs_code", "8471.30") in {
        (t, n) for t, n, _ in found(("C0MMODITY C0DE: 8471.30", 10, 10, 400, 30))
    }


def test_every_key_word_row_names_a_field_and_a_strength() -> None:
    fields = {word.field for word in key_words()}
    assert {"model", "part", "serial", "hs", "manufacturer", "shipper", "consignee"} <= fields
    assert all(word.key for word in key_words())


def test_a_weak_key_makes_its_value_less_sure_than_a_strong_one() -> None:
    assert strength_of("REF.:") == WEAK_KEY < strength_of("MODEL:") == 1.0


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("MADE BY", "manufacturer"),
        ("製造者", "manufacturer"),
        ("EXPORTER", "shipper"),
        ("IMPORTER", "consignee"),
    ],
)
def test_company_headings_of_label_practice_give_the_role(text: str, role: str) -> None:
    assert heading_role(text) == role


def test_a_company_after_any_short_caption_and_a_colon_is_read() -> None:
    assert find_company("Hersteller / Manufacturer: ACME Werkzeug GmbH") == ("ACME Werkzeug GmbH", 27)
    assert find_company("MADE BY NIPPON DENKI CO., LTD.") == ("NIPPON DENKI CO., LTD.", 8)


def test_a_value_printed_over_its_caption_belongs_to_that_caption() -> None:
    # value / caption / value / caption: each caption's value is the one over it, not the next one under it
    result = found(
        ("AX-2200", 100, 100, 220, 130),
        ("MODEL", 100, 133, 160, 145),
        ("EJ2909035", 100, 165, 250, 195),
        ("SERIAL NO.", 100, 198, 190, 210),
    )
    assert ("model_number", "AX-2200", None) in result
    assert ("model_number", "EJ2909035", None) not in result
    assert ("serial_number", "EJ2909035", None) in result


def test_a_value_left_of_its_caption_in_brackets_belongs_to_it() -> None:
    result = found(
        ("AX-2200", 100, 100, 220, 130),
        ("(MODEL)", 400, 104, 480, 126),
        ("EJ2909035", 100, 150, 250, 180),
        ("(SERIAL NO.)", 400, 154, 520, 176),
    )
    assert ("model_number", "AX-2200", None) in result
    assert ("serial_number", "EJ2909035", None) in result
    assert ("model_number", "EJ2909035", None) not in result


def test_a_japanese_heading_glued_to_the_name_is_no_part_of_it() -> None:
    assert find_company("製造元千代田製作所株式会社") == ("千代田製作所株式会社", 3)


@pytest.mark.parametrize(
    "name",
    ["PAXARI SCIENTIFIC SP. Z O.O.", "Vantor Antriebe GmbH & Co. KG", "Kovo Strojirny s.r.o.", "Rivas Ltda."],
)
def test_legal_forms_of_more_countries_mark_a_company(name: str) -> None:
    assert find_company(name) is not None


def test_a_weight_unit_is_no_legal_form() -> None:
    assert find_company("NET WEIGHT KG") is None


def test_a_key_printed_right_of_its_value_in_the_same_box() -> None:
    # A Japanese carton printing keys on the right: each value belongs to the key after it.
    result = found(("WDT2656-R2 形式", 487, 226, 710, 263), ("B159688-86L 部品番号", 488, 274, 773, 314))
    assert ("model_number", "WDT2656-R2", None) in result
    assert ("model_number", "B159688-86L", None) not in result


def test_a_short_word_alone_in_its_box_is_not_a_misread_key() -> None:
    # `TPE` (Taipei's airport code) is one letter from `TYPE`, but too short to tell.
    result = found(("933-98291421", 109, 373, 447, 425), ("TPE", 96, 461, 292, 555))
    assert not any(kind == "model_number" for kind, *_ in result)


def test_an_air_waybill_number_is_no_model_number() -> None:
    assert not any(kind == "model_number" for kind, *_ in found(("MODEL: 933-98291421", 10, 10, 400, 30)))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("若葉電子株式会社製造元", "若葉電子株式会社"),
        ("株式会社浅間マテリアル荷送人", "株式会社浅間マテリアル"),
        ("Dordorbel Systems Corporation 発送元", "Dordorbel Systems Corporation"),
    ],
)
def test_a_heading_printed_after_the_name_is_no_part_of_it(text: str, name: str) -> None:
    assert find_company(text) == (name, 0)


def test_two_names_side_by_side_are_two_names_not_one_cut_in_two() -> None:
    # A GS1 label's FROM and TO blocks on one row: each box is a whole name, read as surely as its box.
    result = entities(
        ("FROM", 134, 150, 200, 175),
        ("TO", 454, 150, 500, 175),
        ("Halneden Motion Corp.", 134, 194, 456, 222, 0.99),
        ("Paxdorra Motion PLC", 470, 194, 704, 219, 0.99),
    )
    assert {e.value: round(e.confidence, 2) for e in result if e.type == "company"} == {
        "Halneden Motion Corp.": 0.99,
        "Paxdorra Motion PLC": 0.99,
    }


def test_an_undotted_hs_code_in_a_box_of_its_own_counts_when_the_page_prints_an_hs_key() -> None:
    # A CN22: the key sits inside a long caption, the handwritten code in the box under it.
    caption = (
        "For commercial items only: HS tariff number (4) and country of origin of goods (5)",
        194,
        560,
        770,
        592,
    )
    value = ("8501 52", 208, 601, 360, 647)
    assert ("hs_code", "8501.52", None) in found(caption, value)
    # Beside another caption they are that caption's value: the lot.
    assert not any(kind == "hs_code" for kind, *_ in found(("LOT", 100, 601, 190, 647), value))


def test_a_box_that_is_only_an_hs_code_counts_without_any_key_on_the_page() -> None:
    # A pallet placard prints its lines uncaptioned; a CN22's caption can be garbled past recognition.
    placard = (
        ("PALLET 2 OF 4", 313, 0, 523, 45),
        ("W5832691", 301, 176, 441, 216),
        ("8526 91", 283, 407, 394, 445),
    )
    assert ("hs_code", "8526.91", None) in found(*placard)
    assert ("hs_code", "8532.24", None) in found(
        ("Coungyof ongin of goodh", 495, 319, 625, 339), ("85322490", 181, 343, 286, 373)
    )


def test_a_box_of_digits_that_is_no_hs_code_by_its_shape_is_not_read_as_one_without_a_key() -> None:
    for digits in (
        "200510",  # a date code, yyyyMM, though 2005.10 is a subheading
        "49021028",  # a GTIN-8 (its check digit is right), though 4902.10 is a subheading
        "4902102000017",  # a JAN barcode's number: no HS code is printed with 13 digits
        "8526912",  # seven digits: no nation prints its HS code so
    ):
        assert not any(kind == "hs_code" for kind, *_ in found((digits, 10, 10, 200, 40))), digits


def test_a_key_and_its_value_may_be_separated_by_a_dash() -> None:
    assert ("hs_code", "9031.80", None) in found(("H.S. CODE - 903180", 262, 605, 479, 640))
    assert ("hs_code", "8457.10", None) in found(("統計品目番号-8457.10", 540, 608, 870, 655))
    assert ("hs_code", "8473.30", None) in found(("I.S.CODE-8473.30.0140", 438, 422, 635, 447))  # H read as I
    assert ("model_number", "PZC9-34NH-M1", None) in found(("機種-PZC9-34NH-M1", 542, 448, 856, 495))
    assert ("model_number", "AB-1234X", None) in found(("MODEL = AB-1234X", 10, 10, 300, 40))


def test_an_hs_code_whose_dot_was_read_as_a_colon() -> None:
    assert ("hs_code", "8419.89", None) in found(("R/85(00E 8419:89", 157, 249, 371, 276))


def test_a_dotted_key_read_with_a_comma() -> None:
    assert ("hs_code", "8517.62", None) in found(("H.S. No, 8517623300", 120, 679, 451, 728))
