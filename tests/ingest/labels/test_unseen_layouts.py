"""Model, part and serial numbers on layouts the reader was not written for (issue 18): the key's words and
what they mean, where the value sits, and what a code is not. One test per rule of thumb; the layouts are
made up from label practice (MH10.8.2, GS1, nameplates, cartons, invoices), not copied from a benchmark."""

from __future__ import annotations

import pytest

from ecgraph.ingest.labels.calibration import is_fact
from ecgraph.ingest.labels.extract.code_shapes import SHORT_CODE, plausible_code, shape_factor
from ecgraph.ingest.labels.extract.described import DESCRIBED, trailing_code
from ecgraph.ingest.labels.extract.key_words import TWO_WAYS
from tests.ingest.labels.factory import entities, found


def _codes(result: set[tuple[str, str, str | None]]) -> set[tuple[str, str]]:
    kinds = ("model_number", "part_number", "serial_number")
    return {(kind, norm) for kind, norm, _ in result if kind in kinds}


def test_a_customers_part_caption_read_as_two_boxes_still_names_their_part_not_the_goods() -> None:
    # `CUST` | `PART NO.`: the engine split the caption; its value is the customer's part number
    result = found(
        ("CUST", 141, 743, 189, 764), ("PART NO.", 178, 738, 273, 770), ("PBAP9-76ZA-Z3", 131, 803, 342, 840)
    )
    assert _codes(result) == {("part_number", "PBAP9-76ZA-Z3")}
    alone = found(("PART NO.", 178, 738, 273, 770), ("PBAP9-76ZA-Z3", 131, 803, 342, 840))
    assert _codes(alone) == {("model_number", "PBAP9-76ZA-Z3")}  # a carton's only P/N names the goods


def test_a_customers_or_suppliers_part_number_is_never_the_goods_model() -> None:
    for key in ("CUST. P/N", "CPN", "CUSTOMER PART NO.", "客先品番", "SUPPLIER P/N"):
        assert _codes(found((f"{key} LZ0946-05", 10, 10, 400, 30))) == {("part_number", "LZ0946-05")}, key


def test_a_carton_p_n_is_the_model_only_when_it_is_the_labels_only_part_number() -> None:
    # the maker's and the customer's part numbers side by side: both are part numbers
    result = found(("MFG P/N: K608575-17C", 10, 10, 400, 30), ("CPN: 411-60868-65", 10, 40, 400, 60))
    assert _codes(result) == {("part_number", "K608575-17C"), ("part_number", "411-60868-65")}
    # a part identifier elsewhere on the label counts as another part number
    result = found(("MPN: 57R14245", 10, 10, 400, 30), ("(P) CUST PART: 411-6086", 10, 40, 400, 60))
    assert ("model_number", "57R14245") not in _codes(result)
    # alone, the manufacturer's part number names the goods (data/labels' convention)
    assert _codes(found(("MPN: LT3045EDD", 10, 10, 400, 30))) == {("model_number", "LT3045EDD")}


@pytest.mark.parametrize("key", ["品番", "部品番号", "Art.-Nr.", "Sachnr."])
def test_a_lone_number_under_another_part_key_is_only_a_model_candidate(key: str) -> None:
    # labels disagree whether it is the goods' model or a part number; a P/N alone is the model for sure
    [other] = [
        e for e in entities((f"{key} V19W-0459-028", 10, 10, 400, 30, 0.99)) if e.type == "model_number"
    ]
    assert other.confidence == pytest.approx(0.99 * TWO_WAYS)
    [pn] = [e for e in entities(("P/N: V19W-0459-028", 10, 10, 400, 30, 0.99)) if e.type == "model_number"]
    assert pn.confidence == pytest.approx(0.99)


@pytest.mark.parametrize(
    ("caption", "value"),
    [
        ("BATCH/LOT", "G209906-23"),
        ("CUSTOMER PO", "A9184-80"),
        ("ORDER NO.", "PO-83-6121"),
        ("SSCC", "X340971152"),
        ("ロット番号", "71R3774"),
    ],
)
def test_the_box_under_another_fields_caption_is_that_fields_value(caption: str, value: str) -> None:
    # `MODEL`, its own value not read, then another field's caption and value on the same row
    result = found(("MODEL", 10, 10, 80, 30), (caption, 120, 10, 260, 30), (value, 300, 10, 420, 30))
    assert not _codes(result)


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("7664-39-3", "CAS number"),
        ("UN1993", "UN number"),
        ("347174973577721930", "SSCC"),
        ("47.440", "weight"),
    ],
)
def test_a_chemicals_numbers_a_shipping_containers_code_and_a_decimal_are_no_codes(
    value: str, what: str
) -> None:
    assert not plausible_code("model_number", value), what
    assert not plausible_code("part_number", value), what


@pytest.mark.parametrize(
    "text",
    ["Typ-Nr.: AX-2200", "(MODEL) AX-2200", "[TYPE] AX-2200", "Model-Nummer AX-2200", "型式番号 AX-2200"],
)
def test_a_key_with_its_number_word_or_in_brackets_anchors_the_value_after_it(text: str) -> None:
    assert ("model_number", "AX-2200") in _codes(found((text, 10, 10, 400, 30)))


def test_a_bilingual_caption_whose_translation_the_engine_split_is_still_a_caption() -> None:
    # `形式/Model No` read `形式/Mode l No`: the value is in the cell right of it
    result = found(("形式/Mode l No", 10, 10, 200, 30), ("U5S-22WE", 300, 10, 420, 30))
    assert ("model_number", "U5S-22WE") in _codes(result)


def test_two_keys_joined_by_a_slash_are_one_caption_named_by_the_first() -> None:
    # `Typ / Art.-Nr.` over an invoice column: the goods' type, read once
    result = found(("Typ / Art.-Nr.", 10, 10, 200, 30), ("AC-302A9-C", 10, 36, 160, 56))
    assert _codes(result) == {("model_number", "AC-302A9-C")}


def test_keys_printed_right_of_their_value_in_the_same_box() -> None:
    result = found(("PKGX-53J-X 形式 MODEL NO.", 10, 10, 400, 30), ("G7345812 製番 SERIAL", 10, 40, 400, 60))
    assert _codes(result) == {("model_number", "PKGX-53J-X"), ("serial_number", "G7345812")}


def test_a_code_that_ends_with_a_keys_letters_is_no_key() -> None:
    # a nameplate with captions in brackets right of their values; `VZ01-37NS` ends with letters the HS key's
    # OCR tolerance reads as `HS`, which made it a caption and left `(TYPE)` without a value
    result = found(
        ("VACUUM PUMP", 555, 241, 774, 285),
        ("VZ01-37NS", 554, 315, 777, 364),
        ("(TYPE)", 818, 307, 909, 349),
        ("3392A2759", 556, 368, 742, 408),
        ("(SERIAL)", 819, 363, 934, 404),
    )
    assert ("model_number", "VZ01-37NS") in _codes(result)


def test_a_code_that_starts_with_a_keys_letters_is_no_key() -> None:
    # `H5H-70ZM` is a model in an invoice's Model column, not `HS` read with 5 for S
    result = found(
        ("Model", 100, 10, 170, 30),
        ("HS Code", 300, 10, 390, 30),
        ("NF-3G37-EZ", 100, 40, 230, 60),
        ("9027.50.13", 300, 40, 420, 60),
        ("H5H-70ZM", 100, 80, 210, 100),
        ("8537.10.00", 300, 80, 420, 100),
    )
    assert {("model_number", "NF-3G37-EZ"), ("model_number", "H5H-70ZM")} <= _codes(result)


@pytest.mark.parametrize("box", ["MODEL (240) MM9522", "(240) ADDITIONAL ID: MM9522", "(240)MM9522"])
def test_a_gs1_additional_product_id_is_the_goods_model_and_a_customer_part_a_part(box: str) -> None:
    # GS1 AI 240: additional product identification assigned by the manufacturer; AI 241: the customer's part
    result = entities((box, 10, 10, 400, 30, 0.99), ("(241)8VV8588", 10, 40, 400, 60, 0.99))
    codes = {(e.type, str(e.norm), e.confidence) for e in result if e.type in ("model_number", "part_number")}
    assert codes == {("model_number", "MM9522", 0.99), ("part_number", "8VV8588", 0.99)}


def test_a_model_caption_over_an_item_identifier_makes_a_model_candidate_only() -> None:
    # labels print `MODEL (1P)` for the goods' model and for a part number alike
    [mh10] = [
        e
        for e in entities(("MODEL(1P)", 10, 10, 120, 30, 0.99), ("1P 3RB-ME82", 10, 36, 200, 56, 0.99))
        if e.type in ("model_number", "part_number")
    ]
    assert mh10.type == "model_number"
    assert mh10.confidence == pytest.approx(0.99 * TWO_WAYS)


def test_a_bracketed_footnote_number_in_prose_is_no_data_identifier() -> None:
    # a CN22's `country of origin of goods (5)` is a footnote, not `(S)` (serial) read with 5 for S
    result = found(
        (
            "For commercial items only: HS tariff number (4) and country of origin of goods (5)",
            10,
            10,
            900,
            30,
        ),
        ("854231", 10, 40, 120, 60),
    )
    assert not _codes(result)
    assert ("serial_number", "D0012345") in _codes(found(("(5) D0012345", 10, 10, 200, 30)))


def test_a_value_printed_larger_than_its_caption_is_still_under_it() -> None:
    # a small caption and a value in a font three times its height, two and a half caption heights under it
    result = found(("MODEL", 10, 10, 60, 20), ("RW-R1-15J", 10, 45, 200, 75))
    assert ("model_number", "RW-R1-15J") in _codes(result)


def test_a_caption_of_an_identifier_we_do_not_read_still_claims_its_value() -> None:
    # captions printed under their values: `(S) SERIAL NO` takes the value over it, not the lot under it,
    # which `(1T) LOT` (an identifier whose value the reader does not keep) claims
    result = found(
        ("GY3460255", 10, 100, 200, 150),
        ("(S) SERIAL NO", 10, 140, 200, 188),
        ("67H252", 10, 200, 150, 257),
        ("(1T)LOT", 10, 245, 130, 292),
    )
    assert ("serial_number", "GY3460255") in _codes(result)
    assert ("serial_number", "67H252") not in _codes(result)


def test_a_caption_rows_away_does_not_take_a_value_from_the_caption_beside_it() -> None:
    # two columns, captions left and values right; a wide caption two rows down reaches under the value
    # column, nearer in pixels than the value's own caption, but a row of values lies in between
    result = found(
        ("(S) SERIAL NO", 195, 284, 355, 315),
        ("28804141", 396, 287, 518, 318),
        ("(1T) LOT", 195, 318, 299, 349),
        ("85S306", 396, 322, 490, 354),
        ("(4L) COUNTRY OF ORIGIN", 195, 353, 461, 388),
    )
    assert ("serial_number", "28804141") in _codes(result)


def test_an_identifiers_value_glued_to_its_caption_by_a_colon() -> None:
    assert ("part_number", "JFN-67727-33") in _codes(
        found(("(P) CUST PART NO:JFN-67727-33", 10, 10, 500, 30))
    )


def test_a_code_with_an_x_between_long_digit_runs_is_no_size() -> None:
    assert plausible_code("serial_number", "10261X7983")
    assert plausible_code("part_number", "08X57022")
    assert not plausible_code("part_number", "40X30X20CM")
    assert not plausible_code("part_number", "120X80")


def test_a_tilted_tables_column_drifts_left_row_by_row() -> None:
    result = found(
        ("C/NO", 76, 428, 137, 459),
        ("PART NO.", 147, 428, 252, 458),
        ("DESCRIPTION", 347, 427, 496, 457),
        ("X781820-99R", 145, 461, 292, 490),
        ("B37N-1778-759", 141, 497, 313, 527),
        ("4157-535E", 138, 535, 261, 567),
        ("BD2988-84", 133, 575, 258, 606),
    )
    parts = {norm for kind, norm in _codes(result) if kind == "part_number"}
    assert {"B37N-1778-759", "4157-535E", "BD2988-84"} <= parts


def test_a_line_of_contents_is_a_description_by_its_shape_when_its_caption_is_garbled() -> None:
    # a CN23 whose small-print caption the engine could not read: `quantity x goods in words CODE`
    result = entities(
        ("Qay and dealled den con", 180, 225, 397, 245, 0.58),
        ("3000 x Wafer Processing Equipment BE-2XL-V41", 79, 375, 500, 411, 0.99),
        ("SER. NO. K7256866", 100, 540, 272, 573, 0.99),
    )
    assert [(e.value, e.confidence) for e in result if e.type == "model_number"] == [("BE-2XL-V41", 0.99)]
    assert not [e for e in entities(("2 x 8541.49", 10, 10, 200, 30, 0.99)) if e.type == "model_number"]


@pytest.mark.parametrize(("read", "fact"), [(0.99, True), (0.96, False)])
def test_a_code_ending_the_goods_description_is_the_goods_model_as_sure_as_its_box(
    read: float, fact: bool
) -> None:
    # a CN22: the description of contents names the goods in words, then by the maker's code
    boxes = (
        ("Quantity and detailed description of contents (1)", 125, 321, 465, 350, 0.99),
        ("2 x industrial", 128, 354, 373, 387, 0.99),
        ("computer A56-HV5077", 128, 397, 460, 433, read),
    )
    [code] = [e for e in entities(*boxes) if e.type == "model_number"]
    assert code.value == "A56-HV5077"
    assert code.confidence == pytest.approx(read * DESCRIBED)
    # the model threshold (calibration.py) decides: a box read less surely leaves it a candidate
    assert is_fact("rapidocr", "model_number", code.confidence) is fact
    # a code alone in its box, or a number that is another field's, is no description's code
    assert trailing_code("A56-HV5077") is None
    assert trailing_code("Laser module 8541.49") is None


@pytest.mark.parametrize(
    "text",
    [
        "MODEL/REF: AX-2200",
        "Type/Typ: AX-2200",
        "Model / Modèle: AX-2200",
        "Model No./型式: AX-2200",
        "REF/MODEL AX-2200",
    ],
)
def test_a_caption_of_keys_joined_by_slashes_takes_the_value_after_the_last_of_them(text: str) -> None:
    # one caption in two languages or two standards' words; the strongest word says how sure the value is
    [model] = [e for e in entities((text, 10, 10, 400, 30, 0.99)) if e.type == "model_number"]
    assert model.norm == "AX-2200"
    assert model.confidence == pytest.approx(0.99)


def test_a_value_printed_before_its_key_is_as_sure_as_its_box() -> None:
    # `MRR-989-31 Type`: the word after the code is its key, not a fragment of a code cut by a misread
    [model] = [e for e in entities(("MRR-989-31 Type", 10, 10, 400, 30, 0.99)) if e.type == "model_number"]
    assert model.norm == "MRR-989-31"
    assert model.confidence == pytest.approx(0.99)


@pytest.mark.parametrize(
    "text",
    ["MOCEL NO. AX-2200", "ModeI No. AX-2200", "MODEI AX-2200", "Model N0.: AX-2200", "Model Nc: AX-2200"],
)
def test_a_key_misread_by_a_letter_still_anchors_the_code_after_it_in_its_box(text: str) -> None:
    assert _codes(found((text, 10, 10, 400, 30))) == {("model_number", "AX-2200")}


@pytest.mark.parametrize("text", ["Digital Multimeter DM-3000", "AC SERVO MOTOR 200V", "MODE 2 AX-2200"])
def test_words_before_a_code_that_are_no_key_anchor_nothing(text: str) -> None:
    assert not _codes(found((text, 10, 10, 400, 30)))


def test_a_misread_number_word_is_read_only_before_its_dot_or_colon() -> None:
    # `N0-1234` after `MODEL` is the value, not `No.` read with a zero
    assert _codes(found(("MODEL N0-1234", 10, 10, 400, 30))) == {("model_number", "N0-1234")}


def test_the_first_word_of_a_two_language_caption_misread_still_heads_its_column() -> None:
    # an invoice's `Modèle / Réf.` column header read `Modtle / Ret.`, its cells below
    result = found(
        ("Modtle / Ret.", 100, 10, 230, 30),
        ("Description", 300, 10, 420, 30),
        ("DW7313", 100, 40, 190, 60),
        ("SPECTROMETER", 300, 40, 440, 60),
    )
    assert ("model_number", "DW7313") in _codes(result)


@pytest.mark.parametrize("key", ["CAT.#:", "Catalog Number", "Catalogue", "Cat.-No.", "Kat.-Nr.:"])
def test_a_catalogue_number_is_the_goods_model(key: str) -> None:
    # distributors and German makers name the goods by catalogue number (Katalognummer)
    assert _codes(found((f"{key} AX-2200", 10, 10, 400, 30))) == {("model_number", "AX-2200")}


def test_a_model_number_as_short_as_a_fragment_is_only_a_candidate() -> None:
    # `MODEL NO.: AZH1 874`: OCR read the code's hyphen as a space, and what is left after the key is a fragment
    [short] = [e for e in entities(("MODEL: AZH1", 10, 10, 400, 30, 0.99)) if e.type == "model_number"]
    assert short.confidence == pytest.approx(0.99 * SHORT_CODE)
    assert SHORT_CODE < 0.98  # under the model threshold (calibration.py) however sure the box
    # six letters and digits or more is a maker's code; a GS1 identifier is no part of it
    assert shape_factor("model_number", "AZH-874") == 1.0
    assert shape_factor("model_number", "(240) MM9522") == 1.0
    assert shape_factor("serial_number", "1234") == 1.0


def test_a_description_wrapped_over_two_lines_still_ends_with_its_code() -> None:
    result = entities(
        ("Quantity and detailed description of contents (1)", 125, 321, 465, 350, 0.99),
        ("3 Microcontroller", 128, 354, 373, 387, 0.99),
        ("Ic, C89-PU0025", 128, 397, 360, 433, 0.99),
    )
    assert [e.value for e in result if e.type == "model_number"] == ["C89-PU0025"]
    # on its first line a two-letter word is no description
    assert trailing_code("Ic, C89-PU0025") is None


@pytest.mark.parametrize(("text", "code"), [("Typ KX 2000", "KX 2000"), ("MODEL: AB 1234X", "AB 1234X")])
def test_a_model_printed_in_two_groups_whose_first_is_too_short_alone_is_one_code(
    text: str, code: str
) -> None:
    assert _codes(found((text, 10, 10, 400, 30))) == {("model_number", code)}
    # a group of letters and a rating is no code (`AC 200V`), and a code whole by itself stays itself
    assert not _codes(found(("TYPE: AC 200V", 10, 10, 400, 30)))
    assert _codes(found(("MODEL: AB-1234X 2", 10, 10, 400, 30))) <= {("model_number", "AB-1234X")}


def test_a_key_column_box_touching_the_value_column_by_its_padding_does_not_take_the_next_rows_value() -> (
    None
):
    # keys in one column, values in the next; `DESCRIPTION`'s padded box reaches 4 px into the value column
    result = found(
        ("DESCRIPTION", 258, 216, 389, 243, 0.99),
        ("INVERTER", 387, 221, 504, 253, 0.99),
        ("MODEL NO", 259, 256, 368, 284, 0.99),
        ("TCP7-663", 385, 255, 513, 287, 0.99),
    )
    assert ("model_number", "TCP7-663") in _codes(result)


def test_a_value_between_its_caption_and_the_next_caption_in_a_row_is_its_captions() -> None:
    # A rating plate's row: `MODEL  LN3B-42DA/GG  NET WEIGHT:  46.6 kg`; the next caption is nearer the code than
    # its own is, but rows are read left to right.
    result = found(
        ("MODEL", 126, 281, 173, 304, 1.0),
        ("LN3B-42DA/GG", 214, 278, 348, 304, 1.0),
        ("NETWEIGHT :", 364, 283, 450, 304, 0.978),
        ("46.6 kg", 458, 278, 540, 309, 1.0),
    )
    assert ("model_number", "LN3B-42DA/GG", None) in result
    # A caption printed right of its value with no caption before it still claims it (`WDT2656-R2  形式`).
    assert ("model_number", "WDT2656-R2", None) in found(
        ("WDT2656-R2", 100, 100, 220, 124), ("形式", 232, 100, 280, 124)
    )


def test_a_code_ending_in_a_slash_and_two_letters_is_no_country() -> None:
    result = found(("LN3B-42DA/GG", 214, 278, 348, 304, 1.0), ("MADE IN TAIWAN", 275, 381, 436, 406, 1.0))
    assert not [
        r for r in result if r[0] == "destination"
    ]  # neither Guernsey nor, made in Taiwan, a destination
    assert ("country_of_origin", "TW", None) in result


def test_the_gs1_data_title_of_an_additional_product_id_without_its_identifier_is_a_model_key() -> None:
    # The engine lost `(240)`; `ADDITIONAL ID` is that identifier's data title (GS1 General Specifications).
    assert ("model_number", "K7302E", None) in found(
        ("ADDITIONAL ID", 273, 450, 387, 477), ("K7302E", 273, 480, 372, 505)
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "P/N: 6ES7 214-1AG40-0XB0",
            "6ES7 214-1AG40-0XB0",
        ),  # Siemens' order number (MLFB), printed in two groups
        ("MODEL: 3RT2 015-1BB41", "3RT2 015-1BB41"),
    ],
)
def test_an_order_number_printed_in_two_groups_is_one_code(text: str, code: str) -> None:
    assert code in {norm for kind, norm in _codes(found((text, 10, 10, 400, 40, 0.99)))}


def test_a_code_then_a_short_group_is_not_joined_into_one_code() -> None:
    # `AZH1 874` is `AZH1-874` with its hyphen misread: the short group is a fragment, not the code's second half.
    assert not any(" " in norm for _, norm in _codes(found(("MODEL NO.:AZH1 874", 10, 10, 400, 40, 0.99))))


def test_a_ghost_box_the_detector_drew_over_two_rows_claims_nothing() -> None:
    # labelgen dev2 0015: a rating plate prints each value left of its caption; the detector also drew a box two
    # rows tall over `(形名)` and the next row, which the recogniser read as that row's `(SERIAL)`.
    result = found(
        ("D00-19C0-L", 139, 188, 331, 226, 0.999),
        ("(SERIAL)", 451, 201, 834, 274, 0.994),
        ("(形名)", 468, 187, 528, 221, 1.0),
        ("73K6220386", 140, 233, 296, 265, 1.0),
        ("(SERIAL)", 470, 230, 551, 255, 1.0),
    )
    assert ("model_number", "D00-19C0-L", None) in result
    assert ("serial_number", "73K6220386", None) in result
    assert not [r for r in result if r[0] == "serial_number" and r[1] != "73K6220386"]
