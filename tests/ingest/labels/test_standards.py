"""Layout-independent extraction (issue 18): values marked by label standards (MH10.8.2 data identifiers,
GS1 application identifiers), keys read with a letter wrong, values found by their shape alone.

Layouts are modelled on the generated captures of benchmarks/labelgen (development split).
"""

from __future__ import annotations

from ecgraph.ingest.labels.extract.fuzzy import fuzzy_key
from ecgraph.ingest.labels.extract.standards import gs1_values
from tests.ingest.labels.factory import entities, found


def test_mh10_customer_and_supplier_item_codes_are_part_numbers_never_a_model() -> None:
    # ANSI MH10.8.2: (P) and (1P) are item identification codes assigned by the customer and by the
    # supplier; a model fact read from them would be a value the label does not call a model.
    # gen_dev_single_0000: caption and value in one box for (P), value in the box below for (1P).
    result = found(
        ("(P) CUST PART NO JVX-9459", 10, 40, 400, 60),
        ("(1P) SUPPLIER PART NO", 10, 80, 300, 100),
        ("RNG-2530-H", 10, 105, 200, 125),
        ("(S) SERIAL NO W1470228", 10, 150, 400, 170),
        ("(4L) COUNTRY OF ORIGIN FR", 10, 200, 400, 220),
    )
    assert ("part_number", "RNG-2530-H", None) in result
    assert ("part_number", "JVX-9459", None) in result
    assert ("serial_number", "W1470228", None) in result
    assert ("country_of_origin", "FR", None) in result
    assert not [entity for entity in result if entity[0] == "model_number"]


def test_a_box_opening_with_another_identifier_is_no_value_for_the_caption_above() -> None:
    # gen_dev_single_0006: the (1P) value was not read; the box below is the quantity, `(Q) QUANTI45`.
    result = found(
        ("(1P) SUPPL", 10, 80, 200, 100),
        ("(Q) QUANTI45", 10, 105, 200, 125),
    )
    assert not [entity for entity in result if entity[0] in ("model_number", "part_number")]


def test_gs1_element_strings_are_split_at_their_identifiers() -> None:
    assert gs1_values("(240)SGDV-2R8A01B(21)D0012345") == [
        ("model_number", "(240)SGDV-2R8A01B", "SGDV-2R8A01B"),  # the maker's own code: the goods' model
        ("serial_number", "(21)D0012345", "D0012345"),
    ]
    assert gs1_values("(422)392") == [("country_of_origin", "(422)392", "JP")]


def test_gs1_identifier_with_a_misread_bracket_still_counts_but_a_caption_is_no_value() -> None:
    # gen_dev_single_0001: `(240) ADDITIONAL ID (240|KAPO-956`; the caption's (21) is followed by words.
    assert gs1_values("(240) ADD1TIONAL ID (240|KAPO-956") == [("model_number", "(240|KAPO-956", "KAP0-956")]
    assert gs1_values("(21) SERIAL") == []
    assert gs1_values("(02)04912345123459(37)20") == []


def test_a_key_misread_by_one_letter_still_anchors_its_value() -> None:
    assert fuzzy_key("5/N:EJ2909035") is not None
    assert ("serial_number", "EJ2909035", None) in found(("5/N:EJ2909035", 10, 10, 300, 30))
    assert ("serial_number", "W1470228", None) in found(("SERLAL NO: W1470228", 10, 10, 300, 30))
    assert ("hs_code", "8504.40", None) in found(("HS C0DE: 8504.40", 10, 10, 300, 30))


def test_a_fuzzy_key_is_no_key_when_the_value_fails_its_check() -> None:
    # One letter from MODEL, but no code follows: nothing is made up.
    assert not [e for e in entities(("M0DEX: HELLO", 10, 10, 300, 30)) if e.type == "model_number"]


def test_hs_code_and_eccn_are_found_by_their_shape_without_a_key() -> None:
    result = found(("2903.99.90", 10, 10, 200, 30), ("4A994.b", 10, 50, 200, 70))
    assert ("hs_code", "2903.99", None) in result
    assert ("eccn", "4A994.b", None) in result


def test_shape_alone_takes_no_weight_no_unreal_code_and_no_bare_digits_inside_a_line() -> None:
    result = found(
        ("1234.56 KG", 10, 10, 200, 30),
        ("8599.99", 10, 50, 200, 70),
        ("9999.99", 10, 130, 200, 150),
        ("SHIPMENT 850440 OF 12", 10, 90, 200, 110),
    )
    assert not [r for r in result if r[0] == "hs_code"]


def test_a_code_followed_by_a_short_fragment_is_read_less_surely() -> None:
    # gen_dev_single_0003 prints AZH1-874; OCR read the hyphen as a space.
    whole = [e for e in entities(("MODEL NO.:AZH1-874", 10, 10, 300, 30)) if e.type == "model_number"]
    cut = [e for e in entities(("MODEL NO.:AZH1 874", 10, 10, 300, 30)) if e.type == "model_number"]
    assert cut[0].confidence < whole[0].confidence


def test_a_heading_before_the_name_without_a_colon_is_not_part_of_the_name() -> None:
    result = found(
        ("SHIP FROM CASCADE LTD.", 10, 10, 400, 30), ("SHIP TO CORVUS ELECTRONICS PTE. LTD.", 10, 50, 500, 70)
    )
    assert ("company", "CASCADE LTD.", "shipper") in result
    assert ("company", "CORVUS ELECTRONICS PTE. LTD.", "consignee") in result


def test_a_data_identifier_caption_printed_under_its_value_takes_the_value_over_it() -> None:
    # issue 18 (gen_dev_burst_0000): value over caption, the boxes overlapping as OCR pads them; the
    # value under the caption is the next caption's.
    result = found(
        ("SHA-85753-86", 214, 225, 420, 311),
        ("(P) CUST PART NO", 224, 256, 393, 320),
        ("D604-KL31", 247, 360, 468, 428),
        ("(1P) SUPPLIER PART NO", 253, 388, 462, 446),
        ("3116C9583", 308, 634, 471, 673),
        ("(S) SERIAL NO", 315, 664, 450, 700),
    )
    assert ("part_number", "D604-KL31", None) in result
    assert ("serial_number", "3116C9583", None) in result


def test_a_part_number_on_a_label_of_data_identifiers_is_not_taken_for_the_model() -> None:
    # gen_dev_single_0006: `(1P)` read `LPI`, so only the caption's words are left to key the value; the
    # label's other identifiers say it is an MH10.8.2 label, whose P/N is a part number.
    result = found(
        ("(P) CUST PART NO", 10, 40, 300, 60),
        ("AAW-91025-36", 10, 65, 300, 85),
        ("LPI SUPPLER PART NO", 10, 100, 300, 120),
        ("0ET9-77VP", 10, 125, 300, 145),
        ("(S) SERIAL NO", 10, 160, 300, 180),
        ("4408666", 10, 185, 300, 205),
    )
    assert not [entity for entity in result if entity[0] == "model_number"]
    # a carton's P/N, no identifiers on the page, is the goods' model number (data/labels)
    assert ("model_number", "RN-5056-U6", None) in found(("P/N: RN-5056-U6", 10, 10, 300, 30))


def test_a_code_glued_to_a_sign_no_code_carries_was_cut_short() -> None:
    # gen_dev_single_0039: `ITEM NO. JRFU-9D0!` prints JRFU-9D0J02X
    [cut] = [e for e in entities(("ITEM NO. JRFU-9D0!", 10, 10, 300, 30, 0.99)) if e.type == "model_number"]
    [whole] = [
        e for e in entities(("ITEM NO. JRFU-9D0J02X", 10, 10, 300, 30, 0.99)) if e.type == "model_number"
    ]
    assert cut.confidence < whole.confidence == 0.99


def test_a_gs1_title_takes_the_box_beside_it_not_a_keyed_box_under_it() -> None:
    # blindlabels dev seed 31, lbl_0071: the HS line under `(21) SERIAL` is the HS code's, with its own key.
    result = found(
        ("(21) SERIAL", 268, 567, 359, 593, 0.946),
        ("F1100191", 431, 567, 551, 600, 1.0),
        ("H.S. CODE - 903180", 262, 605, 479, 640, 0.991),
    )
    assert ("serial_number", "F1100191", None) in result
    assert ("hs_code", "9031.80", None) in result
    assert not [r for r in result if r[0] == "serial_number" and r[1] != "F1100191"]


def test_a_value_beside_its_identifiers_caption_is_as_sure_as_its_own_box() -> None:
    # The caption only says which fact the value is; a caption read less surely does not make the value less sure.
    result = entities(
        ("(240) ADDITIONAL ID", 262, 339, 418, 367, 0.973), ("C73LM-39PT-5", 425, 337, 600, 370, 1.0)
    )
    assert [(e.type, e.value, e.confidence) for e in result if e.type == "model_number"] == [
        ("model_number", "C73LM-39PT-5", 1.0)
    ]
