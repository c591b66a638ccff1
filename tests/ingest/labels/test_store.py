"""The content-addressed image store: originals kept byte for byte, bad files rejected with a reason."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from PIL import Image

from ecgraph.ingest.labels import ImageRejected, ImageStore, check_image
from ecgraph.schemas.errors import ConfigError

DATA = Path(__file__).resolve().parents[3] / "data"


def test_an_image_is_stored_once_under_its_sha256(tmp_path: Path) -> None:
    store = ImageStore(tmp_path / "labels")
    original = DATA / "labels" / "lbl_0002.jpg"
    stored, new = store.add(original)
    again, new_again = store.add(original)
    assert new and not new_again and stored == again
    assert Path(stored.path).read_bytes() == original.read_bytes()  # never altered
    assert Path(stored.path).name == f"{stored.sha256}.jpg" and stored.format == "JPEG"
    assert (stored.width, stored.height) == Image.open(original).size


def test_exif_time_and_place_are_kept(tmp_path: Path) -> None:
    image = Image.new("RGB", (64, 32), "white")
    exif = Image.Exif()
    exif[0x010F] = "Vuzix"  # Make
    exif.get_ifd(0x8769)[0x9003] = "2026:11:25 09:41:07"  # DateTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (35.0, 37.0, 12.0), 3: "E", 4: (139.0, 46.0, 48.0)})
    path = tmp_path / "capture.jpg"
    image.save(path, exif=exif)
    stored, _ = ImageStore(tmp_path / "store").add(path)
    assert stored.exif["captured_at"] == "2026-11-25T09:41:07"
    assert stored.exif["camera_make"] == "Vuzix"
    assert stored.exif["gps_lat"] == pytest.approx(35.62, abs=1e-3)
    assert stored.exif["gps_lon"] == pytest.approx(139.78, abs=1e-3)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"%PDF-1.7 not an image at all", "not an image"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 64, "not an image"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "upload.jpg"
    path.write_bytes(content)
    with pytest.raises(ImageRejected, match=reason) as caught:
        check_image(path)
    assert str(path) in str(caught.value)  # the message names the file


def test_a_truncated_jpeg_is_unreadable(tmp_path: Path) -> None:
    data = (DATA / "labels" / "lbl_0002.jpg").read_bytes()
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ImageRejected, match="unreadable image"):
        check_image(path)


def test_huge_files_and_images_are_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.jpg"
    shutil.copyfile(DATA / "labels" / "lbl_0002.jpg", path)
    monkeypatch.setenv("ECGRAPH_LABEL_MAX_BYTES", "1000")
    with pytest.raises(ImageRejected, match="file too large.*ECGRAPH_LABEL_MAX_BYTES"):
        check_image(path)
    monkeypatch.delenv("ECGRAPH_LABEL_MAX_BYTES")
    monkeypatch.setenv("ECGRAPH_LABEL_MAX_PIXELS", "10000")
    with pytest.raises(ImageRejected, match="image too large"):
        check_image(path)


def test_a_size_limit_that_is_not_a_number_names_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lbl.jpg"
    shutil.copyfile(DATA / "labels" / "lbl_0002.jpg", path)
    monkeypatch.setenv("ECGRAPH_LABEL_MAX_BYTES", "25MB")
    with pytest.raises(ConfigError, match="ECGRAPH_LABEL_MAX_BYTES='25MB' is not a whole number"):
        check_image(path)


def test_a_decompression_bomb_is_rejected_without_decoding_it(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    Image.new("1", (20000, 20000)).save(path)  # 400 megapixels, a few kB on disk
    with pytest.raises(ImageRejected, match="too large"):
        check_image(path)


def test_stored_images_and_their_notes_are_private(tmp_path: Path) -> None:
    """Issue 16: label images were written 0644; now 0600 in 0700 folders, also in a store made before."""
    root = tmp_path / "labels"
    older = root / "images"
    older.mkdir(parents=True, mode=0o755)
    stored, _ = ImageStore(root).add(DATA / "labels" / "lbl_0002.jpg")
    image = Path(stored.path)
    files = [image, image.with_suffix(".json")]
    assert [stat.S_IMODE(p.stat().st_mode) for p in files] == [0o600, 0o600]
    assert [stat.S_IMODE(p.stat().st_mode) for p in (root, older, image.parent)] == [0o700] * 3
    assert sorted(p.name for p in image.parent.iterdir()) == sorted(p.name for p in files)  # no .part left
    for path in files:
        os.chmod(path, 0o644)  # a store written by an older version
    again, new = ImageStore(root).add(DATA / "labels" / "lbl_0002.jpg")
    assert not new and again == stored
    assert [stat.S_IMODE(p.stat().st_mode) for p in files] == [0o600, 0o600]
