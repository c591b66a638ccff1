"""Country groups that the rule catalogue uses (`country_groups.csv`: iso2, group, source).

Groups are names such as JP_GROUP_A or US_EAR_744_21_MEU; each row is one membership with its own
citation. Codes must be ISO 3166-1 alpha-2 (XK allowed for Kosovo), checked with ecgraph's one country reader.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecgraph.ingest.controls._csv import read_rows
from ecgraph.ingest.controls.records import CountryGroupMember
from ecgraph.schemas.countries import is_country_code
from ecgraph.schemas.errors import SourceError

__all__ = ["SOURCE", "parse_country_groups"]

SOURCE = "country_groups_csv"
_GROUP = re.compile(r"^[A-Z][A-Z0-9_]+$")


def parse_country_groups(path: Path) -> list[CountryGroupMember]:
    members = []
    for line, row in read_rows(path, SOURCE, ("iso2", "group", "source")):
        iso2, group = row["iso2"].upper(), row["group"]
        if not is_country_code(iso2):
            raise SourceError(f"iso2 {row['iso2']!r} is not an ISO 3166-1 alpha-2 code", source=SOURCE,
                              file=str(path), line=line)
        if not _GROUP.match(group):
            raise SourceError(f"group {group!r} is not an UPPER_SNAKE name", source=SOURCE, file=str(path), line=line)
        members.append(CountryGroupMember(iso2=iso2, group=group, source=SOURCE, citation=row["source"]))
    return members
