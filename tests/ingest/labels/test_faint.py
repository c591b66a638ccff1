"""The targeted second look at faint print (issue 18): only the lines the page pass was unsure of are
recognised again from the contrast-normalised copy, and text the page detector found nowhere is looked
for there; a confident line is never touched, and a re-read never costs a line its box or an
identifier it carried."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from ecgraph.ingest.labels.extract.anchors import surer_reading
from ecgraph.ingest.labels.ocr import RapidOcrEngine
from ecgraph.ingest.labels.ocr.base import OcrLine
from ecgraph.ingest.labels.ocr.faint import FAINT_BELOW, faint_lines, merge_faint, uncovered

from .test_normalise import dot_matrix


def line(text: str, confidence: float, x0: float = 10.0, y0: float = 10.0, width: float = 200.0) -> OcrLine:
    box = (x0, y0, x0 + width, y0 + 20.0)
    poly = ((x0, y0), (x0 + width, y0), (x0 + width, y0 + 20.0), (x0, y0 + 20.0))
    return OcrLine(text, box, confidence, text, poly)


def engine(faint: bool) -> RapidOcrEngine:
    return RapidOcrEngine(threads=1, deblur=False, reread=False, verify=False, normalise=False, faint=faint)


def test_dotted_print_the_page_pass_finds_nowhere_is_read_from_the_normalised_copy(tmp_path: Path) -> None:
    image = tmp_path / "dots.png"
    cv2.imwrite(str(image), dot_matrix("HS 8542.31"))
    assert "8542.31" not in engine(faint=False).read(image).text
    assert "HS 8542.31" in engine(faint=True).read(image).text


def test_solid_confident_print_reads_the_same_with_the_second_look(tmp_path: Path) -> None:
    image = tmp_path / "solid.png"
    page = np.full((120, 420, 3), 200, np.uint8)
    cv2.putText(page, "HS 8542.31", (20, 75), cv2.FONT_HERSHEY_SIMPLEX, 1.3, (60, 60, 60), 3, cv2.LINE_AA)
    cv2.imwrite(str(image), page)
    assert engine(faint=True).read(image).lines == engine(faint=False).read(image).lines


def test_only_lines_read_unsurely_are_looked_at_again() -> None:
    lines = [line("MODEL: AB-1234", FAINT_BELOW), line("SERIAL: 778812", FAINT_BELOW - 0.2, y0=40.0)]
    assert faint_lines(lines) == [1]


def test_a_confident_line_is_never_replaced_even_by_a_surer_reading() -> None:
    lines = [line("MODEL: AB-1234", 0.97)]
    rereads = {index: line("MODEL: AB-1284", 0.99) for index in faint_lines(lines)}
    assert merge_faint(lines, rereads, [], surer_reading) == lines


def test_a_surer_reading_replaces_an_unsure_line_and_keeps_its_box() -> None:
    old = line("SHIPPER: ACNE K.K.", 0.62)
    new = line("SHIPPER: ACME K.K.", 0.91, x0=14.0, y0=12.0, width=180.0)
    merged = merge_faint([old], {0: new}, [], surer_reading)
    assert merged[0].text == "SHIPPER: ACME K.K." and merged[0].confidence == 0.91
    assert merged[0].box == old.box and merged[0].poly == old.poly


def test_a_reading_that_gains_an_identifier_replaces_a_line_whose_value_was_rejected() -> None:
    old = line("HS: 85A2.31", 0.6)
    new = line("HS: 8542.31", 0.8)
    assert merge_faint([old], {0: new}, [], surer_reading)[0].text == "HS: 8542.31"


def test_a_reading_that_changes_or_drops_an_identifier_the_line_carried_is_not_taken() -> None:
    old = line("HS: 8542.31", 0.7)
    other_code = line("HS: 8541.10", 0.93)
    no_code = line("HS: 85", 0.96)
    assert merge_faint([old], {0: other_code}, [], surer_reading) == [old]
    assert merge_faint([old], {0: no_code}, [], surer_reading) == [old]


def test_a_reading_less_sure_than_the_first_is_not_taken() -> None:
    old = line("QTY 25 PCS", 0.8)
    assert merge_faint([old], {0: line("QTY 26 PCS", 0.75)}, [], surer_reading) == [old]


def test_text_is_added_only_where_no_line_was_read_and_only_when_read_surely() -> None:
    page = [line("SHIPPER: ACME K.K.", 0.99)]
    same_line, one_word, elsewhere = (
        line("", 1.0, x0=12.0),
        line("", 1.0, x0=120.0, width=50.0),
        line("", 1.0, y0=80.0),
    )
    found = [same_line, one_word, elsewhere]
    new = uncovered(found, page)
    assert [box.box[1] for box in new] == [80.0]
    sure, unsure = line("HS 8542.31", 0.9, y0=80.0), line("H5 B54", 0.3, y0=120.0)
    assert merge_faint(page, {}, [sure, unsure], surer_reading) == [*page, sure]
