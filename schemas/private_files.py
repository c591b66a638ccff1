"""Files that hold what declarations and orders say (rejects, checkpoints) are the owner's alone.

A rejected declaration carries its parties' names and addresses, a rejected order its buyer's; Japan's
APPI and the customs service's own rules expect such records to be readable by the account that runs
ecgraph and nobody else, whatever the umask of the shell that started it. Folders created for them are
0700 and the files 0600; a folder that already exists (the user's own, named with `--rejects`) is left
as it is, a file is narrowed to 0600.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

__all__ = ["PRIVATE_FILE_MODE", "PRIVATE_FOLDER_MODE", "open_private", "private_folder"]

PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_folder(folder: Path) -> Path:
    """Create `folder` and any missing parents 0700 (existing ones are not touched); returns it."""
    missing = [f for f in (folder, *folder.parents) if not f.exists()]
    for new in reversed(missing):
        new.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)
        os.chmod(new, PRIVATE_FOLDER_MODE)  # mkdir's mode is masked by the umask; say it exactly
    return folder


def open_private(path: Path, mode: str = "a", *, newline: str | None = None) -> IO[str]:
    """`path` opened as UTF-8 text to append (`a`) or to write anew (`w`), created 0600 or narrowed to
    0600, in a folder made by `private_folder` when missing."""
    if mode not in ("a", "w"):
        raise ValueError(f"open_private: mode {mode!r} is not 'a' or 'w'")
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode == "a" else os.O_TRUNC)
    private_folder(path.parent)
    fd = os.open(path, flags, PRIVATE_FILE_MODE)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
        return os.fdopen(fd, mode, encoding="utf-8", newline=newline)
    except BaseException:
        os.close(fd)
        raise
