"""Voting over the frames of one label (issue 8): agreed facts stay, one-frame misreads go."""

from __future__ import annotations

from ecgraph.ingest.labels.burst import agreed_values, vote_entities
from ecgraph.ingest.labels.calibration import fact_threshold
from ecgraph.ingest.labels.extract import LabelEntity
from ecgraph.ingest.labels.read import reading_from_pages
from tests.ingest.labels.factory import page


def e(kind: str, norm: str, confidence: float = 0.9) -> LabelEntity:
    return LabelEntity(kind, norm, norm, None, confidence, (0,))


def test_a_fact_read_in_two_frames_is_kept_with_its_frame_count() -> None:
    [merged] = vote_entities([[e("hs_code", "8504.40", 0.7)], [e("hs_code", "8504.40", 0.9)], []])
    assert merged.frames == 2 and merged.confidence == 0.9


def test_a_fact_only_one_frame_could_read_is_kept() -> None:
    # lbu bursts: motion blur hides the ECCN in three frames, the fourth reads it.
    result = vote_entities(
        [
            [e("model_number", "WA-G8-83E")],
            [e("model_number", "WA-G8-83E")],
            [e("eccn", "3A225"), e("model_number", "WA-G8-83E")],
        ]
    )
    assert {(x.type, x.norm) for x in result} == {("model_number", "WA-G8-83E"), ("eccn", "3A225")}


def test_a_one_frame_misreading_of_an_agreed_code_is_dropped() -> None:
    frames = [
        [e("model_number", "HUTD-2P5M45D")],
        [e("model_number", "HUTD-2P5M45D")],
        [e("model_number", "HUTD-2PSM4SD")],
    ]
    assert [x.norm for x in vote_entities(frames)] == ["HUTD-2P5M45D"]


def test_a_single_frame_keeps_everything() -> None:
    assert len(vote_entities([[e("model_number", "A1"), e("model_number", "B2")]])) == 2


def test_one_vote_per_frame() -> None:
    [merged] = vote_entities([[e("eccn", "3A225"), e("eccn", "3A225")], [e("eccn", "3A225")]])
    assert merged.frames == 2


def test_alike_readings_from_one_frame_each_are_one_fact_the_one_nearest_the_others_stands() -> None:
    # lbu_0007: three frames read the maker three ways, each one character off or right.
    result = vote_entities(
        [
            [e("company", "株式会社白鷺電子工案", 0.92)],
            [e("company", "株式会社白臂電子工業", 0.88)],
            [e("company", "株式会社白鷺電子工業", 0.90)],
            [],
        ]
    )
    assert [(x.norm, x.frames) for x in result] == [("株式会社白鷺電子工業", 3)]


def test_two_alike_readings_keep_the_surer_and_unlike_ones_stay_apart() -> None:
    # lbu_0006: `YN3E-07UXURT` (0.96) in one frame, `YN3E-07UX/RT` (0.99) in another.
    frames = [[e("model_number", "YN3E-07UXURT", 0.96)], [e("model_number", "YN3E-07UX/RT", 0.99)]]
    assert [x.norm for x in vote_entities(frames)] == ["YN3E-07UX/RT"]
    two_companies = [[e("company", "KOYO SANGYO CO., LTD.")], [e("company", "Orion Ridge Systems Co., Ltd.")]]
    assert len(vote_entities(two_companies)) == 2


def weight(kind: str, value: float) -> LabelEntity:
    norm = {"kind": kind, "value": value, "unit": "kg"}
    return LabelEntity("weight", f"{value} KG", norm, None, 0.95, (0,))


def test_a_label_prints_one_weight_of_each_kind() -> None:
    # lbu_0008: frames agree on G.W. 20.6 KG; one frame misreads it as 20.0, one alone reads N.W. 17.1.
    result = vote_entities(
        [
            [weight("gross", 20.6)],
            [weight("gross", 20.6), weight("net", 17.1)],
            [weight("gross", 20.0)],
        ]
    )
    assert sorted((x.norm["kind"], x.norm["value"]) for x in result) == [("gross", 20.6), ("net", 17.1)]


def test_a_value_two_pages_read_differently_is_a_candidate_not_a_fact() -> None:
    # gen_dev_burst_0000: the fused image reads `JK53-1`, the sharpest frame `JK53-18X` (the label
    # prints JK53-18XH, cut by glare in both). The vote keeps one of them; neither page agrees with it.
    fused = page(("MODEL: JK53-1", 10, 10, 300, 30, 0.99), ("HS CODE: 2935.10", 10, 50, 300, 70, 1.0))
    sharpest = page(("MODEL: JK53-18X", 10, 10, 300, 30, 0.97), ("HS CODE: 2935.10", 10, 50, 300, 70, 1.0))
    reading = reading_from_pages([fused, sharpest])
    assert [e.type for e in reading.entities] == ["hs_code"]
    assert {e.norm for e in reading.candidates if e.type == "model_number"} <= {"JK53-1", "JK53-18X"}
    assert [e.type for e in reading.candidates if e.type == "model_number"] == ["model_number"]


def test_a_burst_fact_is_a_value_two_pages_read_alike() -> None:
    # issue 18: frames vote per field; a value only one page read stays a candidate however sure it is
    frames = [
        page(("MODEL: AX-2200", 10, 10, 300, 30, 0.99), ("HS CODE: 8504.40", 10, 50, 300, 70, 0.99)),
        page(("MODEL: AX-2200", 10, 10, 300, 30, 0.95), ("HS CODE: 8504.90", 10, 50, 300, 70, 1.0)),
        page(("MODEL: AX-2280", 10, 10, 300, 30, 1.0)),
    ]
    reading = reading_from_pages(frames, fused_first=True)
    assert [(e.type, e.norm) for e in reading.entities] == [("model_number", "AX-2200")]
    # the two HS readings are alike: one stands for both, as a candidate
    assert [e.norm for e in reading.candidates if e.type == "hs_code"] in (["8504.40"], ["8504.90"])


def test_two_values_of_a_field_printed_once_that_both_agree_keep_only_the_one_more_pages_read() -> None:
    one = [e("model_number", "AX-2200")]
    other = [e("model_number", "AX-2280")]
    assert agreed_values([one, one, one, other, other]) == {("model_number", "ax-2200")}
    assert agreed_values([one, one, other, other]) == set()


def test_two_frames_alike_are_a_fact_only_when_each_is_as_sure_as_a_single_captures_fact() -> None:
    # dev burst 1: two frames of one font and light read `Technolagies` alike at 0.98 and 0.97 (the
    # company threshold of a single capture is higher than 0.97); a third page, or the fused image, is
    # evidence of another kind
    misread = e("company", "Osprey Technolagies Pte. Ltd.", 0.98)
    less_sure = e("company", "Osprey Technolagies Pte. Ltd.", 0.90)
    assert agreed_values([[misread], [less_sure], []], engine="rapidocr") == set()
    assert agreed_values([[misread], [misread], []], engine="rapidocr") == {
        ("company", "ospreytechnolagiespte.ltd.")
    }
    assert agreed_values([[less_sure], [less_sure], [less_sure]], engine="rapidocr") != set()
    assert agreed_values([[less_sure], [less_sure], []], fused_first=True, engine="rapidocr") != set()
    assert agreed_values([[], [less_sure], [less_sure]], fused_first=True, engine="rapidocr") == set()


def test_a_burst_keeps_the_surest_single_page_fact_of_a_field_its_vote_left_empty() -> None:
    # blind set, issue 18: bursts read fewer HS codes than their sharpest frame alone, because a value only
    # one page read stayed a candidate. Now a burst never reads less than its best page: a value one page
    # reads as surely as a single capture's fact is kept when no page reads another value of that field.
    hs = ("HS CODE: 8504.40", 10, 50, 300, 70, 0.99)
    fused = page(("MODEL: AX-2200", 10, 10, 300, 30, 0.99), engine="rapidocr")
    sharp = page(("MODEL: AX-2200", 10, 10, 300, 30, 0.99), hs, engine="rapidocr")
    blurred = page(engine="rapidocr")
    reading = reading_from_pages([fused, sharp, blurred], fused_first=True)
    assert {(x.type, x.norm) for x in reading.entities} == {
        ("model_number", "AX-2200"),
        ("hs_code", "8504.40"),
    }
    assert reading_from_pages([sharp]).entities == reading_from_pages([sharp]).entities
    # read below a single capture's threshold on its one page: still a candidate
    below = fact_threshold("rapidocr", "hs_code") - 0.01
    unsure = page(("HS CODE: 8504.40", 10, 50, 300, 70, below), engine="rapidocr")
    reading = reading_from_pages([fused, unsure, blurred], fused_first=True)
    assert ("hs_code", "8504.40") in {(x.type, x.norm) for x in reading.candidates}
    assert "hs_code" not in {x.type for x in reading.entities}
    # two pages read two values of a field printed once: neither is a fact
    other = page(("HS CODE: 8504.90", 10, 50, 300, 70, 0.99), engine="rapidocr")
    reading = reading_from_pages([fused, sharp, other], fused_first=True)
    assert "hs_code" not in {x.type for x in reading.entities}


def test_two_values_read_together_on_two_pages_are_both_printed_not_rivals() -> None:
    # an invoice lists two goods, each with its model: every frame reads both, and both are the burst's facts
    both = [e("model_number", "WMDK-45S-F", 1.0), e("model_number", "BB-710B9-W", 1.0)]
    assert agreed_values([both, both, both]) == {
        ("model_number", "wmdk-45s-f"),
        ("model_number", "bb-710b9-w"),
    }
    # read on different pages they are one value and its misreading: a tie keeps neither
    one, other = [e("model_number", "AX-2200")], [e("model_number", "AX-2280")]
    assert agreed_values([one, one, other, other]) == set()
