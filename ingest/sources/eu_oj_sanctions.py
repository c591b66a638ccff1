"""EU sanctions from the regulations' annexes in the Official Journal, one source for every regulation.

An entry's `list` is `<CELEX> Annex <annex>` (`32014R0833 Annex IV` = the Russia military end users
of Reg. 833/2014). Its `source_id` is `<CELEX>/<annex>/<recordId>`: the record id restarts in every
annex. Where the extraction gives no record id (all of 881/2002, some rows elsewhere) the id is
`<CELEX>/<annex>/h<hash>` of the raw `name` and `birthDate` cells, the fewest raw fields that tell the
annex's rows apart; a second row with the same four values is the same listing printed twice and goes
to the rejects.

Formats. The source reads several publisher formats; `FORMATS` maps a format name to a reader, and
`format_of` picks it from the file name. Today there is `oj_csv` (`_eu_oj_csv.py`): OpenSanctions'
structured extraction of the consolidated annexes, one CSV per CELEX. To add the EU Financial
Sanctions Files (FSF) XML: write `read_fsf_xml(path, ctx) -> Iterator[ListEntry]` in `_eu_fsf_xml.py`
beside it, giving the same `list` / `source_id` scheme (FSF states each regulation's CELEX and its
own `logicalId`, which would then be the record id); add `"fsf_xml": read_fsf_xml` to `FORMATS`, a
`.xml` rule to `format_of`, and the FSF download URL under `data_urls` in the YAML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.sources._eu_oj_csv import SOURCE_ID, read_oj_csv
from ecgraph.schemas.errors import SourceError

__all__ = ["FORMATS", "EuOjSanctions", "format_of"]

# format name -> reader of one file of that format (see the module docstring for adding fsf_xml)
FORMATS: dict[str, Callable[[Path, ParseContext], Iterator[ListEntry]]] = {"oj_csv": read_oj_csv}


def format_of(path: Path) -> str:
    """The format of one input file, from its name."""
    if path.suffix.lower() == ".csv":
        return "oj_csv"
    raise SourceError(
        f"no reader for {path.name!r}: known formats are {', '.join(FORMATS)} "
        "(oj_csv = <CELEX>.csv annex extraction). FSF XML is not implemented yet; see the module docstring.",
        source=SOURCE_ID,
        file=str(path),
    )


class EuOjSanctions(ListSource):
    id: ClassVar[str] = SOURCE_ID

    def files_from(self, path: Path) -> dict[str, Path]:
        """One file (its stem is the role, e.g. `32014R0833`) or a folder of them."""
        if path.is_file():
            return {path.stem: path}
        found = {p.stem: p for p in sorted(path.glob("*.csv"))} if path.is_dir() else {}
        if not found:
            raise SourceError("no <CELEX>.csv files found", source=self.id, file=str(path))
        return found

    def version(self, files: dict[str, Path]) -> str:
        """The annex extraction carries no publication date, so the version is the content hash."""
        return super().version(files)

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        for role in sorted(files):
            path = files[role]
            yield from FORMATS[format_of(path)](path, ctx)
