"""Content-addressed archive of every raw snapshot loaded, so any list version can be parsed again.

Layout under the data directory (`ECGRAPH_DATA_DIR`):

    archive/<sha256[:2]>/<sha256>/<original file name>
    archive/<sha256[:2]>/<sha256>/meta.json     source, role, url, fetched_at, etag, last_modified

The same bytes are stored once whatever their name or how often they are loaded; a list version
records `role=sha256/name` references (`ArchivedFile.ref`) that `archived_files` turns back into paths.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ecgraph.schemas.errors import SourceError

__all__ = ["ArchivedFile", "archive_file", "archived_files", "sha256_file"]


@dataclass(frozen=True)
class ArchivedFile:
    role: str
    sha256: str
    path: Path

    @property
    def ref(self) -> str:
        """What a list version stores to find this file again: `role=sha256/name`."""
        return f"{self.role}={self.sha256}/{self.path.name}"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def archive_file(
    data_dir: Path, path: Path, *, source: str, role: str, url: str | None = None,
    fetched_at: datetime | None = None, etag: str | None = None, last_modified: str | None = None,
    sha256: str | None = None,
) -> ArchivedFile:
    """Copy `path` into the archive (once per content) and return where it lives."""
    digest = sha256 or sha256_file(path)
    folder = data_dir / "archive" / digest[:2] / digest
    target = folder / path.name
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".part-", dir=folder)
        os.close(fd)
        try:
            shutil.copyfile(path, tmp)
            Path(tmp).replace(target)
        finally:
            Path(tmp).unlink(missing_ok=True)
    meta = folder / "meta.json"
    if not meta.exists():
        meta.write_text(json.dumps({
            "source": source, "role": role, "file": path.name, "sha256": digest, "url": url,
            "fetched_at": fetched_at.isoformat() if fetched_at else None,
            "etag": etag, "last_modified": last_modified,
        }, indent=2), encoding="utf-8")
    return ArchivedFile(role, digest, target)


def archived_files(data_dir: Path, refs: list[str], *, source: str) -> dict[str, Path]:
    """The archived files of a list version (its `role=sha256/name` refs), ready to parse again."""
    files: dict[str, Path] = {}
    for ref in refs:
        role, _, rest = ref.partition("=")
        digest, _, name = rest.partition("/")
        path = data_dir / "archive" / digest[:2] / digest / name
        if not role or not name or not path.exists():
            raise SourceError(
                f"archived file {ref!r} is not in {data_dir / 'archive'}. Was ECGRAPH_DATA_DIR changed? "
                "Load the file again with --file.", source=source, file=str(path),
            )
        files[role] = path
    return files
