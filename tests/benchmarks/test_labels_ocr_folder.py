"""`benchmarks.labels_ocr --folder NAME=PATH` scores any folder in the shared data format (singles
`lbl_NNNN.jpg`, bursts `lbu_NNNN.jpg` + `_fN.jpg`, each with its truth JSON): the way a sealed set made
by someone else is measured without its author reading the reader, or the reader's author reading it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.labelgen import VERSION
from benchmarks.labels_ocr import MAX_BURST_FRAMES, burst_frames, main, run

DATA = Path(__file__).resolve().parents[2] / "data"


def _copy(source: Path, folder: Path, stem: str, frames: int = 0) -> None:
    for suffix in ("", *(f"_f{n}" for n in range(1, frames))):
        for ext in (".jpg", ".json"):
            shutil.copy(source / f"{stem}{suffix}{ext}", folder / f"{stem}{suffix}{ext}")


def test_a_burst_is_its_first_frame_then_f1_up_to_f15_while_they_exist(tmp_path: Path) -> None:
    for name in [
        "lbu_0007.jpg",
        *(f"lbu_0007_f{n}.jpg" for n in range(1, 20)),
        "lbu_0008.jpg",
        "lbu_0008_f2.jpg",
    ]:
        (tmp_path / name).write_bytes(b"")
    frames = burst_frames(tmp_path / "lbu_0007.jpg")
    assert len(frames) == MAX_BURST_FRAMES == 16
    assert [p.name for p in frames[:3]] == ["lbu_0007.jpg", "lbu_0007_f1.jpg", "lbu_0007_f2.jpg"]
    assert frames[-1].name == "lbu_0007_f15.jpg"
    # a gap ends the burst: f2 without f1 is not a frame of it
    assert burst_frames(tmp_path / "lbu_0008.jpg") == [tmp_path / "lbu_0008.jpg"]


def test_a_folder_prints_as_single_and_burst_sets_and_short_bursts_are_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "captures"
    folder.mkdir()
    _copy(DATA / "labels", folder, "lbl_0000")
    _copy(DATA / "label_bursts", folder, "lbu_0000", frames=4)
    (folder / "README.md").write_text("not a capture")
    main(["--sets", "", "--folder", f"mine={folder}", "--sizes", "4,8", "--cache", str(tmp_path / "cache")])
    out = capsys.readouterr().out
    rows: dict[str, list[str]] = {}
    for line in out.splitlines():  # the first table: one row per set (later tables repeat the names)
        if line.startswith("mine "):
            rows.setdefault(line.split("  ")[0].strip(), line.split())
    assert {"mine single", "mine burst 4 fused", "mine burst 4 sharpest"} <= set(rows), out
    assert not any(name.startswith("mine burst 8 ") for name in rows), out
    assert "mine burst 8: 1 bursts with fewer than 8 frames skipped" in out
    single = rows["mine single"]
    assert single[2] == "1"  # one capture scored
    overall_recall = float(single[-4].split("/")[0])
    assert overall_recall > 0, out  # the shared capture's truth was read and some of it found


def test_a_folder_option_needs_a_name_and_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--sets", "", "--folder", "no-equals-sign"])
    assert "give NAME=PATH" in capsys.readouterr().err


def test_the_sealed_set_is_generated_by_blindlabels_and_scored_like_a_folder(tmp_path: Path) -> None:
    results, skipped = run(["rapidocr"], ["sealed"], 1, 1, [4], None, None, tmp_path / "cache")
    tallies = results["rapidocr"]
    assert tallies["sealed single"].captures == 1
    assert tallies["sealed burst 4 fused"].captures == 1
    assert sum(tallies["sealed single"].truth.values()) > 0  # blindlabels' truth was read
    assert skipped == {}
    # the burst has as many frames as the largest size asked for, made by the sealed generator
    sealed = tmp_path / "cache" / "generated" / VERSION / "sealed"
    assert sorted(p.name for p in sealed.glob("lbu_0000*.jpg")) == [
        "lbu_0000.jpg", "lbu_0000_f1.jpg", "lbu_0000_f2.jpg", "lbu_0000_f3.jpg"
    ]
    assert json.loads((sealed / "manifest.json").read_text())["generator"]["name"] == "blindlabels"
