"""The sealed label generator: what a generated set must hold for its figures to count (issue #18)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pytest

from benchmarks.blindlabels.__main__ import main
from benchmarks.blindlabels.fonts import FONTS, FORBIDDEN
from benchmarks.blindlabels.layouts import registry
from benchmarks.blindlabels.places import COUNTRIES
from benchmarks.blindlabels.write import severity_of

FRAMES = 3


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("blind")
    assert main(["--out", str(out), "--singles", "4", "--bursts", "1", "--frames", str(FRAMES), "--seed", "5"]) == 0
    return out


def _truths(out: Path) -> list[dict[str, object]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("lb*.json"))]


def test_the_cli_writes_singles_bursts_frames_and_a_manifest(generated: Path) -> None:
    names = {p.name for p in generated.iterdir()}
    expected = {f"lbl_{i:04d}.{ext}" for i in range(4) for ext in ("jpg", "json")}
    expected |= {"lbu_0000.jpg", "lbu_0000.json", "manifest.json"}
    expected |= {f"lbu_0000_f{f}.{ext}" for f in range(1, FRAMES) for ext in ("jpg", "json")}
    assert names == expected
    manifest = json.loads((generated / "manifest.json").read_text(encoding="utf-8"))
    assert [r["image"] for r in manifest["images"]] == sorted(n for n in expected if n.endswith(".jpg"))


def test_the_same_seed_gives_byte_identical_files(generated: Path, tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path), "--singles", "4", "--bursts", "1", "--frames", str(FRAMES),
                 "--seed", "5"]) == 0
    digest = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in generated.iterdir()}
    again = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    assert digest == again


def test_every_entity_value_is_printed_inside_each_of_its_items(generated: Path) -> None:
    for t in _truths(generated):
        items = t["items"]
        for e in t["entities"]:  # type: ignore[attr-defined]
            if e["type"] == "address":
                assert e["value"].split("\n") == [items[i]["text"] for i in e["items"]]  # type: ignore[index]
            else:
                assert all(e["value"] in items[i]["text"] for i in e["items"]), (t["id"], e)  # type: ignore[index]


def test_norms_follow_the_truth_format(generated: Path) -> None:
    seen = set()
    for t in _truths(generated):
        for e in t["entities"]:  # type: ignore[attr-defined]
            seen.add(e["type"])
            if e["type"] == "hs_code":
                assert re.fullmatch(r"\d{4}\.\d{2}", e["norm"])
                assert re.sub(r"\D", "", e["value"]).startswith(e["norm"].replace(".", ""))
            elif e["type"] == "country_of_origin":
                assert e["norm"] in COUNTRIES
            elif e["type"] == "company":
                assert e["norm"] == unicodedata.normalize("NFKC", e["value"])
    assert {"hs_code", "company", "country_of_origin"} <= seen
    assert seen & {"model_number", "part_number"}


def test_occlusion_is_a_share_and_boxes_have_a_height(generated: Path) -> None:
    for t in _truths(generated):
        for it in t["items"]:  # type: ignore[attr-defined]
            assert 0.0 <= it["occluded_frac"] <= 1.0
            assert it["text_height_px"] > 0 and len(it["poly"]) == 4
        for e in t["entities"]:  # type: ignore[attr-defined]
            assert 0.0 <= e["occluded_frac"] <= 1.0


def test_burst_frames_share_the_label_and_entities_but_not_the_shot(generated: Path) -> None:
    frames = [json.loads((generated / f"lbu_0000{'' if f == 0 else f'_f{f}'}.json").read_text(encoding="utf-8"))
              for f in range(FRAMES)]
    assert all(fr["entities"] == frames[0]["entities"] for fr in frames)
    assert all(fr["text"] == frames[0]["text"] for fr in frames)
    assert len({json.dumps(fr["degradation"]["jitter"]) for fr in frames}) == FRAMES
    assert [fr["burst"]["frame"] for fr in frames] == list(range(FRAMES))


def test_no_development_font_is_used() -> None:
    assert not {f.file for f in FONTS} & FORBIDDEN
    assert {f.kind for f in FONTS} >= {"serif", "sans", "condensed", "mono", "ja_gothic", "ja_mincho"}


def test_there_are_at_least_nine_label_standards() -> None:
    assert len(registry()) >= 9


def test_most_focus_field_text_is_at_least_12_px_high(generated: Path) -> None:
    focus = {"model_number", "part_number", "hs_code", "company", "serial_number", "eccn", "country_of_origin"}
    heights = [min(t["items"][i]["text_height_px"] for i in e["items"])  # type: ignore[index]
               for t in _truths(generated) for e in t["entities"] if e["type"] in focus]  # type: ignore[attr-defined]
    assert heights and sum(h >= 12 for h in heights) / len(heights) >= 0.7


def test_the_severity_mix_is_40_40_20() -> None:
    n = len(registry())
    mix = [severity_of(i, n) for i in range(100)]
    assert (mix.count("light"), mix.count("medium"), mix.count("heavy")) == (40, 40, 20)
    by_template = {i % n: set() for i in range(n)}  # type: dict[int, set[str]]
    for i, s in enumerate(mix):
        by_template[i % n].add(s)
    assert all(len(s) == 3 for s in by_template.values())
