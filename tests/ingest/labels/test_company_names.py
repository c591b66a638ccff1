"""Company names on labels the reader has never seen (issue #18): OCR's slips a closed vocabulary undoes,
and names that are no party to the goods."""

from __future__ import annotations

import pytest

from ecgraph.ingest.labels.extract.companies import find_company
from ecgraph.ingest.labels.extract.name_repair import japanese_forms, repair_name
from tests.ingest.labels.factory import entities, found


def company_name(text: str) -> str | None:
    result = find_company(text)
    return result[0] if result else None


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("SAZAN MICRODEVICES S.A", "SAZAN MICRODEVICES S.A."),
        ("RILO PRECISION S.PA", "RILO PRECISION S.P.A."),
        ("SOLMOBEL SCIENTIFIC KK.", "SOLMOBEL SCIENTIFIC K.K."),
        ("Korri Electronics S.r.1.", "Korri Electronics S.r.l."),
        ("RELTOR MICRODEVICES CO. LID.", "RELTOR MICRODEVICES CO., LTD."),
        ("MOROBAL ELECTRONICS SP ZOO", "MOROBAL ELECTRONICS SP. Z O.O."),
    ],
)
def test_a_legal_form_read_with_a_dot_or_letter_slipped_is_put_back_as_printed(
    read: str, printed: str
) -> None:
    assert company_name(read) == printed


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("Lolotor Industrlal LLC", "Lolotor Industrial LLC"),
        ("Kortor Iindustrial Corporation", "Kortor Industrial Corporation"),
        ("NEFEN ELECTRONlCS K.K.", "NEFEN ELECTRONICS K.K."),
        ("Ostdorne Systens Co., Ltd.", "Ostdorne Systems Co., Ltd."),
    ],
)
def test_a_trade_word_one_ocr_slip_away_is_that_word_in_its_printed_case(read: str, printed: str) -> None:
    assert company_name(read) == printed


def test_the_name_proper_and_a_singular_trade_word_are_left_as_read() -> None:
    # an invented name has nothing to check it against; CONTROL is no slip of CONTROLS
    assert repair_name("Lolotar Control Ltd.") == "Lolotar Control Ltd."
    assert repair_name("ACME DEVICE CO., LTD.") == "ACME DEVICE CO., LTD."
    assert repair_name("Quintek Precision AB") == "Quintek Precision AB"


def test_a_japanese_name_read_in_simplified_chinese_kanji_is_put_back_in_japanese_forms() -> None:
    assert japanese_forms("有限会社鹰野电子") == "有限会社鷹野電子"
    assert company_name("製造元:株式会社东雲工业") == "株式会社東雲工業"
    assert japanese_forms("株式会社若葉精機") == "株式会社若葉精機"  # Japanese forms stay


@pytest.mark.parametrize("caption", ["CARRIER: ", "Forwarder: ", "c/o ", "通関業者:"])
def test_a_company_after_a_go_betweens_caption_is_a_candidate_never_a_fact(caption: str) -> None:
    name = "株式会社湊運輸" if caption.startswith("通関") else "NIPPON EXPRESS CO., LTD."
    boxes = (f"{caption}{name}", 10, 10, 600, 40, 0.99)
    assert not [e for e in entities(boxes, engine="rapidocr") if e.type == "company"]


def test_a_company_under_a_forwarder_heading_is_a_candidate_never_a_fact() -> None:
    result = found(
        ("FORWARDER", 10, 10, 200, 40, 0.99),
        ("SEAGULL LOGISTICS CO., LTD.", 10, 50, 500, 80, 0.99),
        engine="rapidocr",
    )
    assert not [f for f in result if f[0] == "company"]


def test_a_figure_beside_a_name_does_not_make_the_name_cut() -> None:
    # `32.5 KG` in the next column is the weight's value, not the rest of the name
    result = found(
        ("輸出者", 10, 10, 120, 40, 0.99),
        ("Quinsol Controls Co., Ltd.", 10, 50, 400, 80, 0.99),
        ("32.5 KG", 430, 50, 540, 80, 0.99),
        engine="rapidocr",
    )
    assert ("company", "Quinsol Controls Co., Ltd.", "shipper") in result


def test_words_in_another_script_beside_a_name_do_not_make_the_name_cut() -> None:
    # A Japanese name beside `BY)`, the end of its caption `(MANUFACTURED BY)`, or beside the next column's
    # `Goods 真空ポンプ`: a name does not change script where the engine cut it.
    for neighbour in ("BY)", "Goods 真空ポンプ"):
        result = entities(
            ("MFD. BY 株式会社菊池電機", 245, 205, 492, 231, 0.994),
            (neighbour, 500, 202, 684, 232, 0.978),
            engine="rapidocr",
        )
        assert [(e.value, e.confidence) for e in result if e.type == "company"] == [
            ("株式会社菊池電機", 0.994)
        ]


@pytest.mark.parametrize(
    ("caption", "role"),
    [
        ("(SENDER)", "shipper"),
        ("（製造者）", "manufacturer"),
        ("(MFD. BY)", "manufacturer"),
        ("[CONSIGNEE]", "consignee"),
    ],
)
def test_a_bracketed_caption_beside_a_name_is_its_heading_not_the_rest_of_the_name(
    caption: str, role: str
) -> None:
    # forms that print each value's caption after it, in brackets: the name is whole, and the caption its role
    result = found(
        ("Orion Co., Ltd.", 10, 10, 300, 40, 0.99),
        (caption, 330, 12, 450, 38, 0.99),
        ("FNV-63311-74", 10, 50, 300, 80, 0.99),
        ("((P) CUSTOMER P/N)", 330, 52, 500, 78, 0.99),
        engine="rapidocr",
    )
    assert ("company", "Orion Co., Ltd.", role) in result


def test_a_bare_heading_to_the_right_of_a_name_gives_it_no_role() -> None:
    # `CONSIGNEE` beside the shipper's name heads the next column's block, not the name before it
    result = found(
        ("Orion Co., Ltd.", 10, 10, 300, 40, 0.99),
        ("CONSIGNEE", 330, 12, 450, 38, 0.99),
        engine="rapidocr",
    )
    assert not {f for f in result if f[0] == "company" and f[2] == "consignee"}


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("SHIPPFR ACME LTD.", "ACME LTD."),
        ("C0NSIGNEE ACME CO., LTD.", "ACME CO., LTD."),
        ("SHIP FR0M ACME LTD.", "ACME LTD."),
    ],
)
def test_a_heading_misread_by_one_letter_is_no_part_of_the_name(read: str, name: str) -> None:
    assert company_name(read) == name


def test_a_name_whose_first_word_is_longer_than_a_heading_keeps_it() -> None:
    assert company_name("SELLERS TRADING LTD.") == "SELLERS TRADING LTD."


def test_a_carriers_name_with_no_party_heading_is_a_candidate_never_a_fact() -> None:
    carrier = ("YAMATO TRANSPORT CO., LTD.", 10, 10, 500, 40, 0.99)
    assert not [f for f in found(carrier, engine="rapidocr") if f[0] == "company"]
    # under a party heading it is that party: a forwarder can be the shipper of record
    shipper = found(
        ("SHIPPER", 10, 10, 200, 40, 0.99), ("SEAGULL LOGISTICS CO., LTD.", 10, 50, 500, 80, 0.99)
    )
    assert ("company", "SEAGULL LOGISTICS CO., LTD.", "shipper") in shipper


@pytest.mark.parametrize("rest", ["ALS AG", "BHD"])
def test_a_rating_plates_brand_cut_from_its_legal_form_is_a_candidate_never_a_fact(rest: str) -> None:
    # `PINNACLE MAT` | `ALS AG`: the maker's name printed across the plate's top row, read in two boxes with the
    # letters between them lost; the first box is no brand of its own, the second no description
    plate = (
        ("PINNACLE MAT", 136, 82, 508, 134, 0.99),
        (rest, 606, 77, 791, 133, 0.99),
        ("ITEM NO. JRFU-9D01", 136, 220, 472, 266, 0.99),
        ("INPUT AC100V 50/60Hz", 136, 333, 509, 373, 0.99),
    )
    result = found(*plate, engine="rapidocr")
    assert not [f for f in result if f[0] == "company" and f[1] == "PINNACLE MAT"]
    assert ("description", rest, None) not in result
    whole = found(
        ("PINNACLE MATERIALS AG", 136, 82, 600, 134, 0.99),
        ("AC SERVO MOTOR", 650, 82, 900, 134, 0.99),
        *plate[2:],
        engine="rapidocr",
    )
    assert ("company", "PINNACLE MATERIALS AG", "manufacturer") in whole


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("(株)光陽電機", "(株)光陽電機"),
        ("㈱旭光バルブ", "(株)旭光バルブ"),
        ("光陽電機（株）", "光陽電機(株)"),
        ("FROM:(株)光陽電機", "(株)光陽電機"),
        ("差出人(株)扇システムズ", "(株)扇システムズ"),
    ],
)
def test_a_japanese_name_with_its_legal_form_abbreviated_is_a_company(printed: str, name: str) -> None:
    # labels abbreviate 株式会社 as (株) or ㈱, before or after the name; the name is kept as printed, in NFKC
    assert ("company", name) in {(kind, norm) for kind, norm, _ in found((printed, 10, 10, 300, 40, 0.99))}
    assert not [f for f in found(("(株)", 10, 10, 60, 40, 0.99)) if f[0] == "company"]
