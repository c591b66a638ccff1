"""Both OCR engines, real and offline, on bundled captures (issue 8). Never mocked, never skipped."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from ecgraph.ingest.labels import ENGINES, LabelReading, get_engine
from ecgraph.ingest.labels.ocr import RapidOcrEngine, bundled_model_paths
from ecgraph.ingest.labels.read import BURST_FRAMES_READ, read_pages
from ecgraph.schemas import load_json_schema
from ecgraph.schemas.errors import ConfigError
from tests.ingest.labels.conftest import DATA

pytestmark = pytest.mark.ocr
Read = Callable[..., LabelReading]


def facts(reading: LabelReading) -> set[tuple[str, str]]:
    return {(e.type, str(e.norm)) for e in reading.entities}


def test_both_engines_are_registered_and_rapidocr_is_the_default() -> None:
    assert list(ENGINES) == ["rapidocr", "tesseract"]
    assert get_engine().name == "rapidocr"
    with pytest.raises(ConfigError, match="choose one of: rapidocr, tesseract"):
        get_engine("paddle")


def test_rapidocr_reads_a_carton_marking(reading: Read) -> None:
    # data/labels/lbl_0002.jpg: carton marking, medium degradation.
    found = facts(reading("rapidocr", "labels/lbl_0002.jpg"))
    assert {
        ("model_number", "WA-G8-83E"),
        ("hs_code", "8504.40"),
        ("eccn", "3A225"),
        ("company", "WAKABA SYSTEMS CO., LTD."),
        ("country_of_origin", "JP"),
    } <= found
    shipper = [e for e in reading("rapidocr", "labels/lbl_0002.jpg").entities if e.type == "company"]
    assert shipper[0].role == "shipper"


def test_rapidocr_reads_japanese_in_japanese_glyphs(reading: Read) -> None:
    # lbl_0002 prints 品名：周波数変換器; the PP-OCR model may emit 变/换, normalisation gives 変/換.
    assert ("description", "周波数変換器") in facts(reading("rapidocr", "labels/lbl_0002.jpg"))


def test_tesseract_reads_the_same_carton(reading: Read) -> None:
    found = facts(reading("tesseract", "labels/lbl_0002.jpg"))
    assert ("model_number", "WA-G8-83E") in found
    assert reading("tesseract", "labels/lbl_0002.jpg").engine == "tesseract"


def test_a_burst_finds_what_its_first_frame_misses(reading: Read) -> None:
    # data/label_bursts/lbu_0002*: four frames of one carton marking, each blurred anew; the first
    # frame alone misses the shipper and the HS code that the other frames show. The burst is read as
    # its frames fused (aligned and median-stacked) plus its sharpest frames, and the readings vote: a
    # value two pages read alike is a fact (issue 18).
    frames = tuple(f"label_bursts/lbu_0002{suffix}.jpg" for suffix in ("", "_f1", "_f2", "_f3"))
    burst = reading("rapidocr", *frames, burst=True)
    first = facts(reading("rapidocr", frames[0]))
    assert burst.burst and len(burst.pages) == 1 + BURST_FRAMES_READ
    assert burst.pages[0].image.endswith("fused.png")
    assert {("hs_code", "8501.52"), ("company", "SHOWA KEISOKU CO., LTD.")} <= facts(burst) - first


def test_a_reading_is_the_record_its_json_schema_describes(reading: Read) -> None:
    jsonschema.validate(
        reading("rapidocr", "labels/lbl_0002.jpg").to_dict(), load_json_schema("label_reading")
    )


def test_rapidocr_uses_only_the_models_inside_its_wheel(monkeypatch: pytest.MonkeyPatch) -> None:
    # Offline by construction: every model is passed by path, and no socket may even be opened.
    for path in bundled_model_paths().values():
        assert path.is_file() and "site-packages" in str(path)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("RapidOCR tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    image = Path(__file__).resolve().parents[3] / "data" / "labels" / "lbl_0002.clean.png"
    page = RapidOcrEngine().read(image)  # a fresh engine: loads the models again
    assert "WA-G8-83E" in page.text


def test_a_bursts_pages_read_side_by_side_are_the_pages_read_one_by_one() -> None:
    # issue 18: a burst's fused image and frames are read by two single-threaded engines at once (both
    # cores); each page is what one engine alone reads, in the order given.
    paths = [DATA / "labels" / name for name in ("lbl_0002.jpg", "lbl_0003.jpg", "lbl_0000.jpg")]
    side_by_side = read_pages(paths, workers=2)
    one_by_one = read_pages(paths, workers=1)
    assert [page.image for page in side_by_side] == [str(path) for path in paths]
    assert [page.text for page in side_by_side] == [page.text for page in one_by_one]
