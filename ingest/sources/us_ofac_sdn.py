"""US Treasury OFAC Specially Designated Nationals list, legacy CSV set.

Four files joined on ent_num: sdn.csv (one row per entry), alt.csv (aliases), add.csv (addresses),
sdn_comments.csv (remarks longer than ~1,000 characters continue here). Format quirks (`-0- ` null,
CRLF, Ctrl-Z last line, `] [` programmes) are in `_ofac_legacy_csv`; remarks parsing in
`_ofac_remarks`. An older snapshot folder loads as another version of this source via `files_from`.
The legacy CSV states no publication date, so the version is the files' SHA-256.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.sources._ofac_legacy import parse_legacy_set

__all__ = ["UsOfacSdn"]

# role in the YAML snapshot -> role in the legacy set
ROLES = {"sdn": "main", "alt": "alt", "add": "add", "comments": "comments"}


class UsOfacSdn(ListSource):
    id = "us_ofac_sdn"

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        legacy = {ROLES[role]: path for role, path in files.items()}
        yield from parse_legacy_set(self.id, legacy, ctx)
