"""What a list source is: metadata (YAML beside the module) plus fetch → parse → map.

A source module defines a subclass of `ListSource` and is registered by name in
`ecgraph.ingest.registry.SOURCES`. Parsing is destructive and strict: every field the parser does not
map is reported once through `ParseContext.unmapped`; a record that cannot be read goes to the rejects
through `ParseContext.reject` and the rest of the file still loads; a file whose *structure* is not the
one we rely on raises `SourceError` naming the file and line, so the previous version stays in force.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ecgraph.ingest.records import ListEntry
from ecgraph.schemas.errors import SchemaError, SourceError

__all__ = ["ListSource", "ParseContext", "Reject", "SourceMeta", "files_sha256"]


class SourceMeta(BaseModel):
    """The facts about a source kept in `ingest/sources/<source_id>.yaml`."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    publisher: str
    country: str  # ISO-2 of the publishing jurisdiction, or "EU" / "UN" / "ZZ" for aggregators
    url: str  # the publisher's page about the list
    data_urls: dict[str, str]  # role -> official download URL (role = file key used by the parser)
    format: str  # csv | xml | xlsx | pdf | ftm-jsonl …
    licence: str
    snapshot: dict[str, str]  # role -> path of the bundled copy, relative to data/
    expected_entries: tuple[int, int]  # [min, max] sanity range for a complete file
    notes: str | None = None


def load_meta(source_id: str) -> SourceMeta:
    name = f"{source_id}.yaml"
    try:
        text = resources.files("ecgraph.ingest.sources").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SchemaError("source metadata file is missing", file=f"ingest/sources/{name}") from exc
    try:
        return SourceMeta.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        first = exc.errors()[0]
        raise SchemaError(first["msg"], file=f"ingest/sources/{name}", key=".".join(map(str, first["loc"]))) from exc


@dataclass
class Reject:
    source: str
    file: str
    line: int | None
    reasons: list[str]
    raw: Any


@dataclass
class ParseContext:
    """Collects what a parse run wants the user to know: rejected records and unmapped fields."""

    source: str
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _unmapped_seen: set[tuple[str, str]] = field(default_factory=set)

    def reject(self, file: Path | str, line: int | None, reasons: list[str], raw: Any) -> None:
        self.rejects.append(Reject(self.source, str(file), line, reasons, raw))

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def unmapped(self, file: Path | str, fields: dict[str, Any]) -> None:
        """Report leftover non-empty fields once per (file, field name): the parser forgot to map them."""
        for key, value in fields.items():
            if value in (None, "", [], {}):
                continue
            if (str(file), key) not in self._unmapped_seen:
                self._unmapped_seen.add((str(file), key))
                self.warn(f"{file}: field {key!r} is not mapped (e.g. {str(value)[:60]!r})")

    def fail(self, message: str, file: Path | str, line: int | None = None) -> SourceError:
        return SourceError(message, source=self.source, file=str(file), line=line)


def files_sha256(files: dict[str, Path]) -> str:
    digest = hashlib.sha256()
    for role in sorted(files):
        digest.update(role.encode())
        digest.update(files[role].read_bytes())
    return digest.hexdigest()


class ListSource:
    """Base class: subclasses set `id` and implement `parse` (and `version` when the file dates itself)."""

    id: ClassVar[str]

    @property
    def meta(self) -> SourceMeta:
        return load_meta(self.id)

    def snapshot_files(self, data_dir: Path) -> dict[str, Path]:
        """The bundled copies of this source's files (role -> path)."""
        return {role: data_dir / rel for role, rel in self.meta.snapshot.items()}

    def files_from(self, path: Path) -> dict[str, Path]:
        """The files of one snapshot given by the user (`--file`): a file, or a folder holding them.

        Single-file sources take the file as is; multi-file sources look for each role's file name
        (the snapshot's name) inside the folder, or beside the given file.
        """
        roles = self.meta.snapshot
        if len(roles) == 1 and path.is_file():
            return {next(iter(roles)): path}
        folder = path if path.is_dir() else path.parent
        found = {role: folder / Path(rel).name for role, rel in roles.items()}
        missing = [str(p) for p in found.values() if not p.exists()]
        if missing:
            raise SourceError(f"expected files are missing: {', '.join(missing)}", source=self.id, file=str(path))
        return found

    def version(self, files: dict[str, Path]) -> str:
        """The version of this snapshot: the publisher's own date where the file states one.

        Default: the first 12 hex digits of the files' SHA-256, which at least identifies the content.
        """
        return "sha256:" + files_sha256(files)[:12]

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        raise NotImplementedError
