"""Key-anchored re-read (labels issue: single-frame recall of small HS codes and model numbers): which
regions are read again, how their lines come back into page pixels, and one real capture where the
re-read finds an HS code the page pass misread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from ecgraph.ingest.labels.extract import extract_entities
from ecgraph.ingest.labels.extract.anchors import reread_regions, surer_reading, watched_values
from ecgraph.ingest.labels.ocr import OcrLine, OcrPage, RapidOcrEngine
from ecgraph.ingest.labels.ocr.reread import (
    contradicted,
    line_region,
    merge_reread,
    read_region,
    verify_lines,
)

DATA = Path(__file__).resolve().parents[3] / "data" / "labels"


def line(text: str, x0: float, y0: float, x1: float, y1: float, confidence: float = 0.99) -> OcrLine:
    return OcrLine(text, (x0, y0, x1, y1), confidence, text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)))


def reasons(*lines: OcrLine) -> list[tuple[int, str]]:
    return [(region.anchor, region.reason) for region in reread_regions(list(lines))]


def test_a_rejected_hs_code_is_read_again_in_its_own_box() -> None:
    # 863224 is no HS 2022 subheading (lbl_0017 prints 853224).
    assert reasons(line("HS: 863224", 100, 100, 180, 112)) == [(0, "value")]


def test_a_model_number_without_a_digit_is_read_again() -> None:
    # lbl_0009 prints YY5Y-A88KT-E; the page pass read every digit as S.
    assert reasons(line("MODEL: YYSY-ASSKT-E", 100, 100, 260, 115)) == [(0, "value")]


def test_an_unsure_value_is_read_again_and_a_sure_one_is_not() -> None:
    assert reasons(line("HS: 8542.31", 100, 100, 180, 112, confidence=0.6)) == [(0, "value")]
    assert reasons(line("HS: 8542.31", 100, 100, 180, 112)) == []


def test_a_key_with_no_value_beside_or_below_gets_both_strips_read() -> None:
    assert reasons(line("HS CODE:", 100, 100, 160, 110)) == [(0, "right"), (0, "below")]
    # …but not when the box to its right holds an accepted value.
    assert reasons(line("HS CODE:", 100, 100, 160, 110), line("8542.31", 170, 100, 220, 110)) == []


def test_keys_that_are_not_watched_are_left_alone() -> None:
    assert reasons(line("QTY: ???", 100, 100, 160, 110), line("TEL:", 100, 130, 130, 140)) == []


def test_read_region_maps_crop_pixels_back_to_the_page() -> None:
    image = np.full((200, 400, 3), 255, np.uint8)
    region = line_region(line("HS: 863224", 100, 50, 180, 60), 0)
    assert region is not None
    seen: list[tuple[int, int]] = []

    def whole_crop(crop: np.ndarray) -> list[OcrLine]:
        height, width = crop.shape[:2]
        seen.append((height, width))
        return [OcrLine("HS: 853224", (0, 0, width - 1, height - 1), 0.95)]

    [back] = read_region(image, region, whole_crop, scale=3.0, detect=False)
    assert seen[0][0] >= 30  # upscaled: a 10 px line becomes at least 30 px
    x0, y0, x1, y1 = back.box
    assert abs(x0 - region.quad[0][0]) < 1 and abs(y0 - region.quad[0][1]) < 1
    assert abs(x1 - region.quad[2][0]) < 1 and abs(y1 - region.quad[2][1]) < 1


def test_a_region_on_a_tilted_line_follows_the_tilt() -> None:
    tilted = OcrLine(
        "HS:", (100, 100, 140, 118), 0.9, "HS:", ((100, 108), (138, 100), (140, 110), (102, 118))
    )
    region = line_region(tilted, 0)
    assert region is not None
    (_, top_left_y), (_, top_right_y), *_ = region.quad
    assert top_right_y < top_left_y  # the top edge rises to the right like the text


def test_a_reread_line_replaces_the_misread_only_when_it_carries_an_accepted_value() -> None:
    misread = line("HS: 863224", 100, 100, 180, 112, confidence=0.9)
    right = line("HS: 853224", 99, 99, 181, 113, confidence=0.8)
    wrong = line("HS: 853X24", 99, 99, 181, 113, confidence=0.99)
    assert surer_reading(right, misread)
    assert merge_reread([misread], [right], surer_reading) == [right]
    assert merge_reread([misread], [wrong], surer_reading) == [wrong]  # same (no) value, surer
    assert merge_reread([right], [wrong], surer_reading) == [right]  # would lose an accepted value
    apart = line("HS: 853224", 100, 300, 180, 312)
    assert merge_reread([misread], [apart], surer_reading) == [misread, apart]


@pytest.mark.ocr
def test_the_reread_finds_a_small_hs_code_the_page_pass_misread() -> None:
    # data/labels/lbl_0000.jpg: heavy motion blur, `H.S. CODE 854231` printed 7.7 px high; the page
    # pass at full size (with blur removal) reads `H5 421`.
    image = DATA / "lbl_0000.jpg"

    def hs_codes(page: OcrPage) -> set[str]:
        return {str(e.norm) for e in extract_entities(page)[1] if e.type == "hs_code"}

    assert "8542.31" not in hs_codes(RapidOcrEngine(reread=False, fast=False).read(image))
    assert "8542.31" in hs_codes(RapidOcrEngine(reread=True, fast=False).read(image))


@pytest.mark.ocr
def test_the_fast_settings_read_the_small_hs_code_too() -> None:
    # The default settings detect lines on the page scaled down, skip the 180° classifier and re-read a
    # line's box by recognition alone; the small HS code of lbl_0000.jpg is still read.
    image = DATA / "lbl_0000.jpg"
    found = {str(e.norm) for e in extract_entities(RapidOcrEngine().read(image))[1] if e.type == "hs_code"}
    assert "8542.31" in found


def test_a_model_number_read_below_the_code_floor_is_read_again_an_hs_code_is_not() -> None:
    # Model numbers need a surer reading than HS codes (`components.confidence_floor`), so an unsure
    # one (lbl_0024, `BH6S-V67LP-K` at 0.92) is read again where an HS code as sure is kept.
    assert reasons(line("MODEL: BH6S-V67LP-K", 100, 100, 260, 115, confidence=0.92)) == [(0, "value")]
    assert reasons(line("HS: 8501.52", 100, 100, 180, 112, confidence=0.92)) == []


def test_a_re_read_that_reads_another_value_does_not_replace_the_first_reading() -> None:
    # lbl_0024 prints `BH6S-V57LP-K`: the page read `BH6S-V67LP-K` (0.92, below the code floor), the
    # re-read `BHGS-V57LP.K` (0.94). Two readings that disagree confirm neither; the first one's low
    # confidence stands, so no model number is kept. A re-read that agrees and is surer replaces it.
    first = line("MODEL: BH6S-V67LP-K", 100, 100, 260, 115, confidence=0.92)
    other = line("MODEL: BHGS-V57LP.K", 100, 100, 260, 115, confidence=0.94)
    same = line("MODEL: BH6S-V67LP-K", 100, 100, 260, 115, confidence=0.97)
    assert not surer_reading(other, first)
    assert surer_reading(same, first)


# Verification of accepted values (issue #8: a confident misreading is a false positive).


def test_re_reads_overrule_a_value_only_when_they_agree_on_another_value_of_its_type() -> None:
    first = [("part_number", "hutd-2psm45d")]
    assert (
        contradicted(first, [[("part_number", "hutd-2psm4sd")], [("part_number", "hutd-2psm4sd")]]) == first
    )
    assert contradicted(first, [[("part_number", "hutd-2psm45d"), ("part_number", "x")]]) == []
    assert contradicted(first, [[("part_number", "x")], [("hs_code", "8532.24")]]) == []  # one abstains
    assert contradicted(first, []) == []
    # Re-reads that disagree with each other overrule nothing (bursts: FFU3W2-22 re-read as two others).
    model = [("model_number", "ffu3w2-22")]
    assert contradicted(model, [[("model_number", "ffu3wv2-22")], [("model_number", "ffu3vv2-22")]]) == []


def test_a_re_read_that_only_loses_a_separator_confirms_the_value() -> None:
    # A small crop often drops a `/`: YN3E-07UX/RT re-read as YN3E-07UXRT is the same model number.
    first = [("model_number", "yn3e-07ux/rt")]
    assert contradicted(first, [[("model_number", "yn3e-07uxrt")], [("model_number", "yn3e-07uxrt")]]) == []


def _reads(*texts: str) -> tuple[list[float], Callable[[np.ndarray], list[OcrLine]]]:
    """A recogniser that reads `texts` in turn (the last one again after that), one line per crop."""
    calls: list[float] = []

    def recognise(crop: np.ndarray) -> list[OcrLine]:
        text = texts[min(len(calls), len(texts) - 1)]
        calls.append(crop.shape[0])
        return [line(text, 0, 0, crop.shape[1], crop.shape[0])] if text else []

    return calls, recognise


def _verify(first: OcrLine, *texts: str) -> tuple[OcrLine, int]:
    calls, recognise = _reads(*texts)
    image = np.full((200, 400, 3), 255, np.uint8)
    checked = verify_lines(image, [first], recognise, watched_values, (2.0, 3.0))
    return checked[0], len(calls)


def test_a_value_every_re_read_overrules_is_dropped() -> None:
    # lbl_0017 prints HUTD-2P5M45D; the page read HUTD-2PSM45D at 0.96, both re-reads HUTD-2PSM4SD.
    first = line("P/N: HUTD-2PSM45D", 100, 100, 260, 115, confidence=0.96)
    checked, reads = _verify(first, "P/N: HUTD-2PSM4SD", "P/N: HUTD-2PSM4SD")
    assert checked.confidence == 0.0 and checked.text == first.text and reads == 2


def test_a_value_the_first_re_read_confirms_is_kept_after_one_read() -> None:
    first = line("HS: 8542.31", 100, 100, 180, 112)
    assert _verify(first, "HS: 8542.31") == (first, 1)


def test_a_value_the_re_read_confirms_more_surely_is_as_sure_as_the_re_read() -> None:
    # An upscaled crop's reading of the same value is a reading of its own: the surer of the two stands.
    image = np.full((200, 400, 3), 255, np.uint8)
    first = line("MDL 0MV3L3053J0VN", 100, 100, 260, 115, confidence=0.9796)

    def reads_at(confidence: float, text: str = "MDL 0MV3L3053J0VN") -> Callable[[np.ndarray], list[OcrLine]]:
        return lambda crop: [line(text, 0, 0, crop.shape[1], crop.shape[0], confidence=confidence)]

    assert verify_lines(image, [first], reads_at(0.995), watched_values, (2.0, 3.0))[0].confidence == 0.995
    assert verify_lines(image, [first], reads_at(0.95), watched_values, (2.0, 3.0))[0].confidence == 0.9796
    # A re-read that finds nothing of the type abstains: it neither overrules nor confirms.
    unsure = verify_lines(image, [first], reads_at(0.999, "MDL"), watched_values, (2.0, 3.0))[0]
    assert unsure.confidence == 0.9796


def test_one_overruling_re_read_is_not_enough() -> None:
    first = line("MODEL: XRP2N1-04", 100, 100, 260, 115)
    assert _verify(first, "MODEL: XRP2NI-04", "MODEL: XRP2N1-04")[0] == first
    assert _verify(first, "MODEL: XRP2NI-04", "")[0] == first  # the second read found nothing
    assert _verify(first, "MODEL: XRP2NI-04", "MODEL: XRP2N1-O4")[0] == first  # they disagree


def test_lines_without_a_watched_value_are_not_read_again() -> None:
    assert _verify(line("QTY: 202 PCS", 100, 100, 200, 112), "QTY: 292 PCS")[1] == 0


@pytest.mark.ocr
def test_a_confident_misread_part_number_is_dropped() -> None:
    # data/labels/lbl_0017.jpg prints `P/N: HUTD-2P5M45D`; the page pass at full size reads
    # HUTD-2PSM45D at 0.96. The default (fast) settings do not report it either.
    image = DATA / "lbl_0017.jpg"

    def parts(page: OcrPage) -> set[str]:
        found = extract_entities(page)[1]
        return {str(e.norm).upper() for e in found if e.type in ("part_number", "model_number")}

    assert "HUTD-2PSM45D" in parts(RapidOcrEngine(verify=False, fast=False).read(image))
    assert "HUTD-2PSM45D" not in parts(RapidOcrEngine(verify=True, fast=False).read(image))
    assert "HUTD-2PSM45D" not in parts(RapidOcrEngine().read(image))
