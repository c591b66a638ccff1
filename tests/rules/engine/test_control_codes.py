"""CL-02, control codes in free text: a code counts only when a loaded control list holds it and the words
around it say it is a control classification; a model number shaped like a code only "looks like a code"."""

from __future__ import annotations

from ecgraph.rules.engine.predicates.control_codes import KnownCodes, find_codes

KNOWN = KnownCodes([{"list": "eu_dual_use_annex_i", "code": "3A001"}, {"list": "eu_dual_use_annex_i", "code": "3A001.a.1"},
                    {"list": "jp_etco", "code": "7"}, {"list": "jp_etco", "code": "7(1)"}])


def test_a_listed_code_stated_as_a_classification_is_validated() -> None:
    [code] = find_codes("Radiation-hardened ICs, ECCN 3A001.a.1", KNOWN)
    assert code.validated and code.lists == ("eu_dual_use_annex_i",) and "control code 3A001.a.1" in code.describe()


def test_a_sub_item_not_loaded_falls_back_to_its_entry() -> None:
    [code] = find_codes("dual-use item 3A001.b.2 (Annex I)", KNOWN)
    assert code.validated and code.known


def test_a_model_number_shaped_like_a_code_only_looks_like_one() -> None:
    [code] = find_codes("Spare pump model 2B999 with seals", KNOWN)
    assert not code.validated and "looks like a control code" in code.describe() and "no loaded control list" in code.describe()


def test_a_listed_code_without_control_wording_is_not_validated() -> None:
    [code] = find_codes("Housing part no. 3A001 black", KNOWN)
    assert code.known and not code.context and not code.validated


def test_etco_item_numbers_in_japanese_and_english() -> None:
    [ja] = find_codes("輸出令別表第1の7項(1)該当の集積回路", KNOWN)
    [en] = find_codes("controlled under ETCO item 7(1)", KNOWN)
    assert ja.code == en.code == "7(1)" and ja.validated and en.validated


def test_a_code_glued_into_a_longer_token_is_no_code() -> None:
    assert find_codes("Part XR3A001Z", KNOWN) == []
