"""The fieldlabels generator (issue 18 development set) writes captures whose truth a reader can be
scored against: values are printed where the truth says, norms are canonical, occlusion is a share,
bursts show one label, and the same seed gives the same bytes."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pycountry
import pytest

from benchmarks.fieldlabels.__main__ import main
from benchmarks.fieldlabels.designs import CARRIES, DESIGNS
from benchmarks.fieldlabels.generate import design_label

SINGLES = len(DESIGNS)  # round-robin: one capture of every design
BURSTS, FRAMES = 2, 3


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fieldlabels")
    args = ["--out", str(folder), "--singles", str(SINGLES), "--bursts", str(BURSTS), "--frames", str(FRAMES),
            "--seed", "7"]
    assert main(args) == 0
    return folder


def _truths(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("lb[lu]_*.json"))]


def test_the_cli_writes_singles_bursts_and_a_manifest(out: Path) -> None:
    names = {p.name for p in out.iterdir()}
    for i in range(SINGLES):
        assert {f"lbl_{i:04d}.jpg", f"lbl_{i:04d}.json"} <= names
    for b in range(BURSTS):
        assert {f"lbu_{b:04d}.jpg", f"lbu_{b:04d}.json"} <= names
        for f in range(1, FRAMES):
            assert {f"lbu_{b:04d}_f{f}.jpg", f"lbu_{b:04d}_f{f}.json"} <= names
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["generator"] == "fieldlabels"
    assert manifest["count"] == SINGLES + BURSTS * FRAMES == len(manifest["images"])


def test_truth_has_the_documented_fields(out: Path) -> None:
    for t in _truths(out):
        assert {"id", "image", "generator", "template", "fonts", "image_size", "label_size", "text", "text_rows",
                "items", "entities", "degradation"} <= set(t)
        assert t["generator"]["name"] == "fieldlabels" and t["generator"]["seed"] == 7
        assert (out / t["image"]).exists()
        for item in t["items"]:
            assert {"text", "bbox_label", "poly", "text_height_px", "occluded_frac", "font", "font_px", "lang"} <= set(item)
            assert len(item["poly"]) == 4 and item["lang"] in ("en", "ja", "mixed")
        assert t["text"].split("\n") == [it["text"] for it in t["items"]]
        assert t["degradation"]["severity"] in ("light", "medium", "heavy")


def test_every_entity_value_is_printed_in_its_items(out: Path) -> None:
    for t in _truths(out):
        for e in t["entities"]:
            lines = e["value"].split("\n")
            assert len(lines) == len(e["items"]) or len(e["items"]) == 1
            for line, idx in zip(lines if len(e["items"]) > 1 else [e["value"]], e["items"], strict=True):
                assert line in t["items"][idx]["text"], (t["id"], e)


def test_norms_are_canonical(out: Path) -> None:
    for t in _truths(out):
        for e in t["entities"]:
            if e["type"] == "hs_code":
                assert re.fullmatch(r"\d{4}\.\d{2}", e["norm"]), e
                assert re.sub(r"\D", "", e["value"]).startswith(e["norm"].replace(".", "")), e
            elif e["type"] == "country_of_origin":
                assert pycountry.countries.get(alpha_2=e["norm"]) is not None, e
            elif e["type"] == "company":
                assert e["norm"] == unicodedata.normalize("NFKC", e["value"])
            elif e["type"] == "weight":
                assert e["norm"]["kind"] in ("net", "gross", "unit") and e["norm"]["unit"] in ("kg", "lb")
                assert e["norm"]["value"] > 0
            elif e["type"] == "quantity":
                assert isinstance(e["norm"]["value"], int) and str(e["norm"]["value"]) in e["value"]
            elif e["type"] in ("model_number", "part_number", "serial_number", "eccn"):
                assert e["norm"] == e["value"]


def test_occluded_share_is_a_fraction_and_an_entity_takes_its_worst_item(out: Path) -> None:
    for t in _truths(out):
        for item in t["items"]:
            assert 0.0 <= item["occluded_frac"] <= 1.0
            assert 0.0 <= item["glare_frac"] <= 1.0
        for e in t["entities"]:
            assert e["occluded_frac"] == max(t["items"][i]["occluded_frac"] for i in e["items"])


def test_every_capture_carries_its_standard_fields(out: Path) -> None:
    for t in _truths(out):
        types = {e["type"] for e in t["entities"]}
        assert types & {"model_number", "part_number"}, t["id"]
        assert CARRIES[t["template"]] <= types, (t["id"], CARRIES[t["template"]] - types)


def test_singles_cover_every_design(out: Path) -> None:
    assert {t["template"] for t in _truths(out) if t["id"].startswith("lbl_")} == set(DESIGNS)


def test_burst_frames_show_one_label_with_new_conditions(out: Path) -> None:
    truths = {t["id"]: t for t in _truths(out)}
    for b in range(BURSTS):
        frames = [truths[f"lbu_{b:04d}"]] + [truths[f"lbu_{b:04d}_f{f}"] for f in range(1, FRAMES)]
        first = [(e["type"], e["value"], e["norm"], e["role"], e["items"]) for e in frames[0]["entities"]]
        for n, frame in enumerate(frames):
            assert frame["burst"] == {"id": f"lbu_{b:04d}", "frame": n, "frames": FRAMES}
            assert [(e["type"], e["value"], e["norm"], e["role"], e["items"]) for e in frame["entities"]] == first
            assert frame["text"] == frames[0]["text"]
        quads = {json.dumps(f["degradation"]["label_quad"]) for f in frames}
        assert len(quads) == FRAMES  # the framing jitters from frame to frame


def test_focus_text_is_mostly_legible_size(out: Path) -> None:
    heights = [t["items"][i]["text_height_px"] for t in _truths(out) if t["degradation"]["severity"] != "heavy"
               for e in t["entities"] if e["type"] in ("model_number", "part_number", "hs_code", "company")
               for i in e["items"]]
    assert heights and sum(h >= 12 for h in heights) / len(heights) >= 0.8


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert main(["--out", str(tmp_path / name), "--singles", "2", "--bursts", "1", "--frames", "2",
                     "--seed", "11"]) == 0
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_many_labels_of_every_design_print_their_fields_on_the_label() -> None:
    """Designs without the camera (fast): 48 labels, 4 of each design, keep their fields and stay on stock."""
    for index in range(4 * len(DESIGNS)):
        label, _ = design_label(99, "lbl", index)
        types = {e.type for e in label.entities}
        assert types & {"model_number", "part_number"}, (label.template, label.variant)
        assert CARRIES[label.template] <= types, (label.template, label.variant, CARRIES[label.template] - types)
        w, h = label.image.size
        for item in label.items:
            x0, y0, x1, y1 = item.box
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, (label.template, item.text, item.box, (w, h))
            assert item.text.strip()


def test_the_cli_rejects_a_burst_without_frames(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--out", str(tmp_path), "--bursts", "1", "--frames", "0"])
    assert stop.value.code == 2
    assert "--frames >= 1" in capsys.readouterr().err
