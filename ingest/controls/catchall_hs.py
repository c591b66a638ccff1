"""The HS prefixes behind item 16(1) of the Export Trade Control Order (catch-all, 12 sub-items).

`jp_catchall_16_1_hs.csv`: hs_prefix, etco_16_1_subitem, description, condition, source. The
`condition` narrows a prefix and is kept on the correlation; "exclude NNNNNN" conditions also become
a machine-readable `exclude` list (8542 minus 854290). Each row correlates an HS prefix with ETCO
entry 16(1)-N, indicatively: the HS code alone never decides whether an item is controlled.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecgraph.ingest.controls._csv import read_rows
from ecgraph.ingest.controls.records import CatchAllPrefix, HsCorrelation
from ecgraph.schemas.errors import SourceError

__all__ = ["SOURCE", "catch_all_correlations", "parse_catchall_hs"]

SOURCE = "jp_catchall_16_1_hs"
_EXCLUDE = re.compile(r"\bexclude\s+(\d{4,10})")


def parse_catchall_hs(path: Path) -> list[CatchAllPrefix]:
    rows = []
    for line, row in read_rows(path, SOURCE, ("hs_prefix", "etco_16_1_subitem", "description", "condition",
                                              "source")):
        prefix, subitem = row["hs_prefix"], row["etco_16_1_subitem"]
        if not prefix.isdigit() or len(prefix) not in (2, 4, 6):
            raise SourceError(f"hs_prefix {prefix!r} is not 2, 4 or 6 digits", source=SOURCE, file=str(path), line=line)
        if not subitem.isdigit() or not 1 <= int(subitem) <= 12:
            raise SourceError(f"etco_16_1_subitem {subitem!r} is not 1-12 (item 16(1) has 12 sub-items)",
                              source=SOURCE, file=str(path), line=line)
        rows.append(CatchAllPrefix(hs_prefix=prefix, subitem=subitem, description=row["description"],
                                   condition=row["condition"] or None, citation=row["source"]))
    return rows


def catch_all_correlations(prefixes: list[CatchAllPrefix], list_id: str) -> list[HsCorrelation]:
    return [
        HsCorrelation(hs_code=p.hs_prefix, list_id=list_id, entry_code=p.entry_code, source=SOURCE,
                      basis=p.description, condition=p.condition,
                      exclude=_EXCLUDE.findall(p.condition or ""))
        for p in prefixes
    ]
