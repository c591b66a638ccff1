"""One legal-forms home: rigour's table plus schemas/legal_forms.csv, read by resolution and labels alike."""

from __future__ import annotations

import re

from rigour.names.org_types import extract_org_types

from ecgraph.schemas.legal_forms import legal_forms, printed_forms


def test_each_printed_latin_form_is_found_by_its_own_pattern() -> None:
    for form, printed in printed_forms("latin"):
        assert re.fullmatch(form, printed, re.IGNORECASE), (form, printed)


def test_printed_latin_forms_are_rigours_except_the_ones_we_add() -> None:
    unknown = {printed for _, printed in printed_forms("latin") if not extract_org_types(f"ACME {printed}")}
    assert unknown == {"CORPORATION", "CORP.", "K.K."}


def test_ocr_misreadings_are_put_back_to_a_printed_latin_form() -> None:
    latin = {printed for _, printed in printed_forms("latin")}
    misread = {"CO., LTD.": "CO, LTD", "PTE. LTD.": "PTE: LTD", "SDN. BHD.": "SDN, BHD", "K.K.": "K, K",
               "SP. Z O.O.": "SP ZOO"}
    for pattern, printed in printed_forms("latin_ocr"):
        assert printed in latin and re.fullmatch(pattern, misread[printed], re.IGNORECASE), (pattern, printed)


def test_every_latin_form_has_a_class_like_the_other_scripts() -> None:
    assert {generic for _, generic in legal_forms("latin")} <= {"llc", "jsc", "corp", "kk"}


def test_word_forms_carry_their_own_class() -> None:
    """`words` rows are regular expressions on whole words with a class of their own (romaji rows are always kk)."""
    forms = dict(legal_forms("words"))
    assert forms["sftue"] == "soe" and forms["a ?ş"] == "jsc"
    assert forms["(?:limited|ltd) (?:şirketi|sirketi|şti|sti)"] == "llc"
    for pattern in forms:
        re.compile(pattern)
