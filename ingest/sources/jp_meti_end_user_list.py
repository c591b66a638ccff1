"""METI End User List (外国ユーザーリスト): foreign entities of WMD / conventional-weapons concern.

Sheet `ユーザーリスト`, header row 1 (bilingual cells). Quirks handled here, each seen in the real file:
`No.` is the formula `=ROW()-1`, so the number is computed from the row; the country cell is
`Japanese\\nEnglish`; the name cell is English, sometimes with an acronym on a second line
(`KIMIA PART SIVAN COMPANY LLC\\n（KIPAS）`) or the Japanese/Chinese-character name in parentheses on
a second line (`Air Koryo\\n(高麗航空)`), kept as an original_script name; aliases are one per line
prefixed `・`, sometimes followed by the parenthesised kanji form of that alias; the WMD type is
`生物、化学、ミサイル、核\\nB,C,M,N` (also `ミサイルM`, `M、N`, full-width `Ｎ`); `通常兵器\\nCW` marks
conventional weapons. Each concern becomes a program: `WMD:B|C|M|N`, `CW`.

Identity: the `No.` is kept (`extra["no"]`) but is no identifier, since METI renumbers the whole list at
every revision; `source_id` is `h` + a hash of the raw name cell (unique in the list), so an entry
keeps its id from one revision to the next unless METI edits its name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from ecgraph.ingest.japanese import has_japanese
from ecgraph.ingest.records import CountryRef, ListEntry, Name
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.workbook import cell_lines, cell_text, halfwidth, open_workbook, require_sheet
from ecgraph.schemas.countries import read_country
from ecgraph.schemas.errors import SourceError

__all__ = ["JpMetiEndUserList", "wmd_programs"]

SHEET = "ユーザーリスト"
HEADER = (
    "No.",
    "国名、地域名 Country or Region",
    "企業名､組織名 Company or Organization",
    "別名 Also Known As",
    "懸念区分 Type of WMD",
    "通常兵器 Conventional Weapons",
)
WMD_CODES = {"B": "WMD:B", "C": "WMD:C", "M": "WMD:M", "N": "WMD:N"}
FILE_DATE = re.compile(r"(20\d\d)(\d\d)(\d\d)")
CHINESE_NAMED = {"CN", "HK", "TW"}
PAREN_LINE = re.compile(r"^[(（](.+)[)）]$")
INLINE_ORIGINAL = re.compile(
    r"^(?P<latin>[^（）()]+?)\s*[(（](?P<original>[^（）()]*[\u3040-\u30ff\u4e00-\u9fff][^（）()]*)[)）]$"
)


def entry_key(name_cell: Any) -> str:
    """`h` + hash of the raw name cell: METI renumbers the list at every revision (No. is =ROW()-1)."""
    return "h" + hashlib.sha256(str(name_cell).encode()).hexdigest()[:12]


def wmd_programs(text: str | None) -> list[str]:
    """`生物、化学、ミサイル、核\\nB,C,M,N` → ['WMD:B', 'WMD:C', 'WMD:M', 'WMD:N'] (Latin letters only)."""
    if not text:
        return []
    letters = re.findall(r"[A-Z]", halfwidth(text))
    unknown = [x for x in letters if x not in WMD_CODES]
    if unknown or not letters:
        raise ValueError(f"unknown WMD type {text!r} (known letters: B, C, M, N)")
    return [WMD_CODES[x] for x in dict.fromkeys(letters)]


def split_country(text: str | None) -> tuple[str | None, str | None]:
    lines = cell_lines(text)
    japanese = next((x for x in lines if has_japanese(x)), None)
    english = next((x for x in lines if not has_japanese(x)), None)
    return japanese, english


class JpMetiEndUserList(ListSource):
    id: ClassVar[str] = "jp_meti_end_user_list"

    def version(self, files: dict[str, Path]) -> str:
        """The revision date in the publisher's file name (`20250929_4.xlsx` → 2025-09-29)."""
        match = FILE_DATE.search(files["workbook"].name)
        return f"{match[1]}-{match[2]}-{match[3]}" if match else super().version(files)

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        path = files["workbook"]
        book = open_workbook(path, self.id)
        try:
            rows = require_sheet(book, SHEET, path, self.id).iter_rows(values_only=True)
            header = tuple((cell_text(c) or "").replace("\n", " ") for c in next(rows, ())[:6])
            if header != HEADER:
                raise SourceError(
                    f"sheet {SHEET!r} row 1 is not the End User List header: got {header!r}, "
                    f"expected {HEADER!r}. "
                    "METI changed the layout; update HEADER in jp_meti_end_user_list.py.",
                    source=self.id,
                    file=f"{path} [sheet {SHEET}]",
                    line=1,
                )
            for line, values in enumerate(rows, start=2):
                if not any(v not in (None, "") for v in values):
                    continue
                try:
                    yield self.make_entry(line, values, path, ctx)
                except ValueError as exc:
                    ctx.reject(
                        f"{path} [sheet {SHEET}]",
                        line,
                        [str(exc)],
                        [str(v) if v is not None else None for v in values[:6]],
                    )
        finally:
            book.close()

    def make_entry(self, line: int, values: tuple[Any, ...], path: Path, ctx: ParseContext) -> ListEntry:
        number = self.row_number(values[0], line)
        name_lines = cell_lines(values[2])
        if not name_lines:
            raise ValueError("the company name cell is empty")
        latin: list[str] = []
        original: list[str] = []
        # "Air Koryo\n(高麗航空)", "Chengdu RML Technology Co., Ltd.（成都雷电微力…）"
        for text in name_lines:
            if (match := PAREN_LINE.match(text)) and has_japanese(text):
                original.append(match[1])
            elif (match := INLINE_ORIGINAL.match(text)) and re.search(r"[A-Za-z]", match["latin"]):
                latin.append(match["latin"])
                original.append(match["original"])
            else:
                latin.append(text)
        entry = ListEntry(
            source=self.id,
            source_id=entry_key(values[2]),
            entity_type="organization",
            name=" ".join(latin) if latin else name_lines[0],
        )
        entry.extra["no"] = number
        japanese, english = split_country(values[1])
        code = read_country(english) or read_country(japanese)
        if not code:  # kept as text and reported, never a reason to drop the entry
            ctx.warn(f"{self.id}: country {values[1]!r} of {entry.name!r} names no country ecgraph reads; "
                     "kept as text in extra.country_text")
            entry.extra["country_text"] = values[1]
        # Chinese-character names of Chinese/HK/Taiwanese companies are the companies' own Chinese names;
        # elsewhere (DPRK, Iran …) they are METI's Japanese renderings.
        script, lang = ("Hani", "zh") if code in CHINESE_NAMED else ("Jpan", "ja")
        entry.names.extend(Name(text, "original_script", script, lang) for text in original)
        self.map_aliases(entry, values[3], script, lang)
        if code:
            entry.countries.append(CountryRef(code, "address"))
        entry.extra["country_ja"] = japanese
        entry.programs.extend(wmd_programs(cell_text(values[4])))
        weapons = cell_text(values[5])
        if weapons:
            if "CW" not in halfwidth(weapons):
                raise ValueError(f"unknown conventional-weapons mark {weapons!r} (expected 通常兵器 CW)")
            entry.programs.append("CW")
        ctx.unmapped(
            f"{path} [sheet {SHEET}]", {f"column {i + 1}": v for i, v in enumerate(values[6:], start=6)}
        )
        return entry

    def row_number(self, cell: Any, line: int) -> int:
        """`No.` is `=ROW()-1`; a plain number is accepted when it agrees with that formula."""
        if cell == "=ROW()-1" or cell is None:
            return line - 1
        if isinstance(cell, int | float) or (isinstance(cell, str) and cell.strip().isdigit()):
            return int(cell)
        raise ValueError(f"No. cell {cell!r} is neither the formula =ROW()-1 nor a number")

    def map_aliases(self, entry: ListEntry, cell: Any, script: str, lang: str) -> None:
        for text in cell_lines(cell):
            if text.startswith("・"):
                entry.names.append(Name(text.lstrip("・").strip(), "alias"))
            elif (match := PAREN_LINE.match(text)) and has_japanese(text):
                entry.names.append(Name(match[1], "original_script", script, lang))
            else:
                entry.names.append(Name(text, "alias"))
