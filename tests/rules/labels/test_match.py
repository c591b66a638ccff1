"""Linking rules as pure functions (issue 8): each link and contradiction carries its evidence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ecgraph.rules.labels import (
    NAME_CUTOFF,
    company_match,
    contradictions,
    dual_use_eccn,
    link_goods,
    link_parties,
    normalise_company,
)
from ecgraph.rules.resolution import MATCHER_VERSION


def mention(kind: str, norm: str, role: str | None = None) -> dict[str, Any]:
    return {"mention_id": f"lm_{kind}_{norm}", "type": kind, "norm": norm, "value": norm, "role": role}


def capture(
    mentions: list[dict[str, Any]],
    *,
    parties: list[dict[str, Any]] | None = None,
    items: list[dict[str, Any]] | None = None,
    licence: str | None = None,
) -> dict[str, Any]:
    return {
        "id": "lc_1",
        "declaration": "10000000001",
        "licence_number": licence,
        "mentions": mentions,
        "parties": parties or [],
        "items": items or [],
    }


def party(relation: str, name: str) -> dict[str, Any]:
    return {"relation": relation, "name": name, "names": [name], "element_id": f"p:{name}"}


def test_company_names_compare_without_legal_form_case_or_punctuation() -> None:
    assert normalise_company("WAKABA SYSTEMS CO., LTD.") == normalise_company("Wakaba Systems Co Ltd")
    assert normalise_company("株式会社大洋工業") == normalise_company("大洋工業")


def test_a_label_company_links_to_the_declared_party() -> None:
    links = link_parties(
        "lc_1",
        [mention("company", "Norland Systems Sdn. Bhd.", "consignee")],
        [party("CONSIGNEE", "NORLAND SYSTEMS SDN BHD"), party("EXPORTER", "Asuka Denshi Co., Ltd.")],
    )
    assert [(link["target_id"], link["rule"]) for link in links] == [
        ("p:NORLAND SYSTEMS SDN BHD", "label_party_name.v1")
    ]
    assert links[0]["score"] == 1.0


def test_hs_codes_and_model_numbers_link_to_goods_items() -> None:
    items: list[Mapping[str, Any]] = [
        {"element_id": "g1", "hs_code": "850440000", "description": "FREQUENCY CHANGER WA-G8-83E"},
        {"element_id": "g2", "hs_code": "903180000", "description": "ENCODER"},
    ]
    links = link_goods("lc_1", [mention("hs_code", "8504.40"), mention("model_number", "WA-G8-83E")], items)
    assert {(link["mention_id"], link["target_id"], link["rule"]) for link in links} == {
        ("lm_hs_code_8504.40", "g1", "label_hs_goods_item.v1"),
        ("lm_model_number_WA-G8-83E", "g1", "label_model_goods_item.v1"),
    }


def test_a_model_number_read_with_zero_for_the_letter_o_still_finds_its_goods_item() -> None:
    items: list[Mapping[str, Any]] = [
        {"element_id": "g1", "hs_code": "903180000", "description": "Servo amplifier MR-JO-70B"}
    ]
    links = link_goods("lc_1", [mention("model_number", "MR-J0-70B")], items)
    assert [(link["target_id"], link["rule"]) for link in links] == [("g1", "label_model_goods_item.v1")]


def test_another_consignee_on_the_label_contradicts_the_declaration() -> None:
    found = contradictions(
        capture(
            [mention("company", "Ultrix Automation AG", "consignee")],
            parties=[party("CONSIGNEE", "Everon Automation LLC")],
        )
    )
    assert [(c["field"], c["declared"], c["on_label"], c["rule"]) for c in found] == [
        ("consignee", "Everon Automation LLC", "Ultrix Automation AG", "label_consignee_mismatch.v1")
    ]
    assert "Ultrix Automation AG" in found[0]["reason"]


def test_the_same_consignee_spelled_differently_is_no_contradiction() -> None:
    assert (
        contradictions(
            capture(
                [mention("company", "Everon Automation LLC", "consignee")],
                parties=[party("CONSIGNEE", "EVERON AUTOMATION, L.L.C.")],
            )
        )
        == []
    )


def test_an_hs_code_in_another_chapter_contradicts() -> None:
    items = [{"element_id": "g1", "hs_code": "847989000", "description": "MACHINE"}]
    found = contradictions(capture([mention("hs_code", "8504.40")], items=items))
    assert [(c["field"], c["declared"], c["on_label"]) for c in found] == [
        ("hs_code", "847989000", "8504.40")
    ]
    assert contradictions(capture([mention("hs_code", "8479.89")], items=items)) == []


def test_a_dual_use_eccn_without_a_licence_contradicts() -> None:
    assert dual_use_eccn("3A001.a.7") and dual_use_eccn("6A003.b.4.b") and dual_use_eccn("3A225")
    assert not dual_use_eccn("EAR99") and not dual_use_eccn("5A992.c") and not dual_use_eccn("3A991.a.2")
    found = contradictions(capture([mention("eccn", "6A003.b.4.b")]))
    assert [(c["field"], c["rule"]) for c in found] == [("control_status", "label_dual_use_undeclared.v1")]
    assert contradictions(capture([mention("eccn", "6A003.b.4.b")], licence="MET-2026-0001")) == []
    assert contradictions(capture([mention("eccn", "EAR99")])) == []


def test_the_japanese_gaitou_mark_counts_as_dual_use() -> None:
    found = contradictions(capture([mention("jp_control_status", "該当")]))
    assert [c["field"] for c in found] == ["control_status"]
    assert contradictions(capture([mention("jp_control_status", "非該当")])) == []


def test_a_capture_without_declaration_contradicts_nothing() -> None:
    assert contradictions({**capture([mention("eccn", "3A001.a.7")]), "declaration": None}) == []


def test_label_companies_link_through_the_resolution_matcher() -> None:
    # One company matcher (issue 23): the link carries the resolution scorer's score and version.
    links = link_parties(
        "lc_1",
        [mention("company", "KESTREL 0PTICS CORPORATION", "consignee")],  # OCR read the O of OPTICS as 0
        [party("CONSIGNEE", "Kestrel Optics Corporation")],
    )
    assert [link["target_id"] for link in links] == ["p:Kestrel Optics Corporation"]
    assert links[0]["rule"] == "label_party_name.v1"
    assert links[0]["method"] == f"resolution.score_entry:{MATCHER_VERSION}"
    assert NAME_CUTOFF <= links[0]["score"] < 1.0
    match = company_match("KESTREL 0PTICS CORPORATION", party("CONSIGNEE", "Kestrel Optics Corporation"))
    assert match is not None and match.explanation["matcher"] == MATCHER_VERSION


def test_a_company_sharing_only_a_word_with_the_declared_party_is_not_linked_and_contradicts() -> None:
    declared = [party("CONSIGNEE", "Kestrel GmbH")]
    assert link_parties("lc_1", [mention("company", "Kestrel Optics Corporation", "consignee")], declared) == []
    found = contradictions(capture([mention("company", "Kestrel Optics Corporation", "consignee")], parties=declared))
    assert [(c["field"], c["rule"]) for c in found] == [("consignee", "label_consignee_mismatch.v1")]
    assert f"< {NAME_CUTOFF:.2f}" in found[0]["reason"]


def test_a_name_with_nothing_comparable_matches_nothing() -> None:
    assert company_match("---", party("EXPORTER", "Asuka Denshi Co., Ltd.")) is None
    assert company_match("Asuka Denshi", party("EXPORTER", "...")) is None
    assert link_parties("lc_1", [mention("company", "---")], [party("EXPORTER", "Asuka Denshi Co., Ltd.")]) == []
