"""Voting over the frames of one label (issue 8): agreed facts stay, one-frame misreads go."""

from __future__ import annotations

from ecgraph.ingest.labels.burst import vote_entities
from ecgraph.ingest.labels.extract import LabelEntity


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
