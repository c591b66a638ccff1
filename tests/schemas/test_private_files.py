"""Rejects and checkpoints carry names and addresses from declarations and orders: owner-only files."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecgraph.schemas.private_files import open_private, private_folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The shell of a careless user: everything world-readable by default."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_new_folders_are_0700_all_the_way_down(tmp_path: Path, open_umask: None) -> None:
    folder = private_folder(tmp_path / "state" / "rejects")
    assert mode(tmp_path / "state") == 0o700 and mode(folder) == 0o700


def test_a_folder_the_user_already_has_is_left_as_it_is(tmp_path: Path, open_umask: None) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    with open_private(shared / "rejects.jsonl") as out:
        out.write("{}\n")
    assert mode(shared) == 0o755
    assert mode(shared / "rejects.jsonl") == 0o600


def test_an_existing_file_is_narrowed_and_appended_to(tmp_path: Path, open_umask: None) -> None:
    rejects = tmp_path / "rejects.jsonl"
    rejects.write_text("first\n", encoding="utf-8")
    rejects.chmod(0o644)
    with open_private(rejects) as out:
        out.write("second\n")
    assert mode(rejects) == 0o600
    assert rejects.read_text(encoding="utf-8") == "first\nsecond\n"


def test_write_mode_starts_the_file_anew(tmp_path: Path, open_umask: None) -> None:
    target = tmp_path / "checkpoint.json"
    target.write_text("old content", encoding="utf-8")
    with open_private(target, "w") as out:
        out.write("new")
    assert target.read_text(encoding="utf-8") == "new"


def test_only_text_append_or_write_is_offered(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'r'"):
        open_private(tmp_path / "x", "r")
