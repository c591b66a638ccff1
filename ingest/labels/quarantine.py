"""Where rejected uploads go, handled as files that may hold anything (issue 16).

Only what is plausibly an image (its first bytes are a JPEG, PNG, WebP, TIFF or BMP signature and it is
within the size limit) is kept, as a private copy: 0600 in `<data dir>/labels/quarantine/` (0700).
Anything else is not copied at all: a credential file or `/etc/shadow` given to `labels ingest` by
mistake (or on purpose) leaves only a note with its path and the reason. In the watched inbox a
non-image is moved to `<inbox>/rejected/` (it was uploaded there, so nothing new is exposed), and a
symbolic link is never followed: the link itself is removed and noted, its target is left untouched.
"""

from __future__ import annotations

import os
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

from ecgraph.ingest.labels.store import max_bytes

__all__ = ["IMAGE_SIGNATURES", "is_plausible_image", "private_folder", "quarantine", "reject_link"]

IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"BM")
_CHUNK = 1 << 20


def _is_signature(head: bytes) -> bool:
    return head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def is_plausible_image(path: Path) -> bool:
    """A regular file of at most `max_bytes()` whose first bytes are an image signature."""
    try:
        with path.open("rb") as fh:
            info = os.fstat(fh.fileno())
            return (
                stat.S_ISREG(info.st_mode) and 0 < info.st_size <= max_bytes() and _is_signature(fh.read(16))
            )
    except OSError:
        return False


def private_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    return folder


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _copy_private(source: Path, target: Path) -> None:
    """Copy at most `max_bytes()` into a new 0600 file (the size was checked; a growing file is cut)."""
    limit = max_bytes()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
        while limit > 0 and (chunk := src.read(min(_CHUNK, limit))):
            dst.write(chunk)
            limit -= len(chunk)


def _stamped(folder: Path, name: str) -> Path:
    return folder / f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{name}"


def quarantine(path: Path, root: Path, reason: str, *, move: bool, inbox: Path | None = None) -> Path:
    """Keep a rejected file aside with a note saying why; returns where it (or only its note) is."""
    folder = private_folder(root / "quarantine")
    plausible = not path.is_symlink() and is_plausible_image(path)
    if not plausible and move and inbox is not None and path.is_file() and not path.is_symlink():
        rejected = private_folder(inbox / "rejected")
        target = _stamped(rejected, path.name)
        shutil.move(str(path), str(target))
        _write_private(target.with_name(target.name + ".reason.txt"), f"{path}\n{reason}\n".encode())
        return target
    target = _stamped(folder, path.name)
    note = target.with_name(target.name + ".reason.txt")
    if plausible:
        if move:
            shutil.move(str(path), str(target))
            os.chmod(target, 0o600)
        else:
            _copy_private(path, target)
        _write_private(note, f"{path}\n{reason}\n".encode())
        return target
    _write_private(
        note, f"{path}\n{reason}\nnot kept: not an image file (no copy of its content was made)\n".encode()
    )
    return note


def reject_link(link: Path, root: Path) -> Path:
    """A symbolic link in the inbox: noted and removed, never followed (its target stays as it was)."""
    folder = private_folder(root / "quarantine")
    note = _stamped(folder, link.name + ".reason.txt")
    target = os.readlink(link)
    _write_private(
        note, f"{link}\na symbolic link (to {target}), not an upload: removed, not followed\n".encode()
    )
    link.unlink()
    return note
