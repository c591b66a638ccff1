"""The Harmonized System 2022 nomenclature (UN Comtrade's rendering) as a tree.

`harmonized-system.csv`: section,hscode,description,parent,level with levels 2/4/6 and `TOTAL` as
the parent of chapters; `sections.csv` (UTF-8 with BOM): section,name. Codes are text: `01` stays `01`.
The tree is TOTAL → section → chapter → heading → subheading. Quirk kept from the file: its last
four rows are Comtrade's own `TOTAL` (level 5, the root) and chapter 99 "Commodities not specified
according to kind" (section `TOTAL`), which hangs directly under the root.
"""

from __future__ import annotations

from pathlib import Path

from ecgraph.ingest.controls._csv import read_rows
from ecgraph.ingest.controls.records import HsCodeRecord
from ecgraph.schemas.errors import SourceError

__all__ = ["HS_LEVELS", "ROOT", "parse_hs"]

SOURCE = "hs_2022"
HS_LEVELS = {"2": "chapter", "4": "heading", "6": "subheading", "5": "total"}
ROOT = "TOTAL"


def parse_hs(folder: Path) -> list[HsCodeRecord]:
    """Sections first, then every code in file order (parents precede children in the file)."""
    records: list[HsCodeRecord] = []
    for line, row in read_rows(folder / "sections.csv", SOURCE, ("section", "name")):
        records.append(HsCodeRecord(code=row["section"], level="section", description=row["name"],
                                    parent=ROOT, section=row["section"]))
    sections = {r.code for r in records} | {ROOT}
    body: list[HsCodeRecord] = []
    for line, row in read_rows(folder / "harmonized-system.csv", SOURCE,
                               ("section", "hscode", "description", "parent", "level")):
        code, level = row["hscode"], HS_LEVELS.get(row["level"])
        if code == ROOT and level == "total":
            body.insert(0, HsCodeRecord(code=ROOT, level="total", description=row["description"], parent=None,
                                        section=ROOT))
            continue
        if level in (None, "total") or len(code) != int(row["level"]) or not code.isdigit():
            raise SourceError(f"code {code!r} with level {row['level']!r}: expected 2, 4 or 6 digits matching "
                              "the level", source=SOURCE, file=str(folder / "harmonized-system.csv"), line=line)
        if row["section"] not in sections:
            raise SourceError(f"section {row['section']!r} is not in sections.csv", source=SOURCE,
                              file=str(folder / "harmonized-system.csv"), line=line)
        parent = row["section"] if row["parent"] == ROOT else row["parent"]
        body.append(HsCodeRecord(code=code, level=level, description=row["description"], parent=parent,
                                 section=row["section"]))
    if not body or body[0].code != ROOT:
        raise SourceError("the TOTAL row (the root of the tree) is missing", source=SOURCE,
                          file=str(folder / "harmonized-system.csv"))
    return [body[0], *records, *body[1:]]
