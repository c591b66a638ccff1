"""US Treasury OFAC Consolidated (non-SDN) List: one source, two publisher formats.

* Enhanced XML (`CONS_ENHANCED.ZIP` holding `CONS_ENHANCED.XML`): the richer format and the one
  that dates itself (`dataAsOf`, the version); the bundled snapshot loads it.
* Legacy CSV set (`cons_prim/alt/add/comments.csv`, same quirks as the SDN CSVs).

`--file` decides: a .zip file is the XML, a folder holding cons_prim.csv is the CSV set.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO

from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.sources._ofac_enhanced_xml import Opener, data_as_of, parse_enhanced_xml
from ecgraph.ingest.sources._ofac_legacy import parse_legacy_set
from ecgraph.schemas.errors import SourceError

__all__ = ["UsOfacCons"]

CSV_ROLES = {"prim": "main", "alt": "alt", "add": "add", "comments": "comments"}


class UsOfacCons(ListSource):
    id = "us_ofac_cons"

    def snapshot_files(self, data_dir: Path) -> dict[str, Path]:
        """The bundled copy in its richer, dated format: the Enhanced XML zip."""
        return {"zip": data_dir / self.meta.snapshot["zip"]}

    def files_from(self, path: Path) -> dict[str, Path]:
        if path.is_file() and path.suffix.lower() in (".zip", ".xml"):
            return {"zip" if path.suffix.lower() == ".zip" else "xml": path}
        folder = path if path.is_dir() else path.parent
        if (folder / "cons_prim.csv").exists():
            found = {role: folder / Path(self.meta.snapshot[role]).name for role in CSV_ROLES}
            missing = [str(p) for p in found.values() if not p.exists()]
            if missing:
                raise SourceError(f"expected files are missing: {', '.join(missing)}", source=self.id, file=str(path))
            return found
        if (folder / "CONS_ENHANCED.ZIP").exists():
            return {"zip": folder / "CONS_ENHANCED.ZIP"}
        raise SourceError("neither CONS_ENHANCED.ZIP nor cons_prim.csv (+ alt/add/comments) is there: "
                          "give the zip file or the folder of the CSV set", source=self.id, file=str(path))

    def version(self, files: dict[str, Path]) -> str:
        if "zip" in files or "xml" in files:
            label, opener = self._xml(files)
            with opener() as stream:
                stated = data_as_of(stream, ParseContext(self.id), label)
            if stated:
                return stated
        return super().version(files)

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        if "zip" in files or "xml" in files:
            label, opener = self._xml(files)
            yield from parse_enhanced_xml(self.id, opener, ctx, label)
        else:
            yield from parse_legacy_set(self.id, {CSV_ROLES[r]: p for r, p in files.items()}, ctx)

    def _xml(self, files: dict[str, Path]) -> tuple[str, Opener]:
        if "xml" in files:
            path = files["xml"]
            return str(path), lambda: path.open("rb")
        path = files["zip"]
        try:
            with zipfile.ZipFile(path) as archive:
                members = [n for n in archive.namelist() if n.lower().endswith(".xml")]
        except zipfile.BadZipFile as exc:
            raise SourceError(f"not a zip archive ({exc})", source=self.id, file=str(path)) from exc
        if len(members) != 1:
            raise SourceError(f"expected one XML file in the zip, found {members}", source=self.id, file=str(path))
        member = members[0]

        def opener() -> AbstractContextManager[IO[bytes]]:
            archive = zipfile.ZipFile(path)
            return _ClosingMember(archive, archive.open(member))

        return f"{path}!{member}", opener


class _ClosingMember(AbstractContextManager[IO[bytes]]):
    """A zip member stream that also closes its archive."""

    def __init__(self, archive: zipfile.ZipFile, stream: IO[bytes]) -> None:
        self.archive, self.stream = archive, stream

    def __enter__(self) -> IO[bytes]:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        self.stream.close()
        self.archive.close()

