"""Japan's Export Trade Control Order (輸出貿易管理令) from the official e-Gov law XML.

Reads the law's own structure: Appended Table 1 (別表第一) is `AppdxTable/TableStruct/Table/TableRow`
with three `TableColumn`s (item number, goods, region); the goods column is a run of `Sentence`s
where an unnumbered sentence is the item's preamble, `（一）` starts a sub-item and `１` a sub-sub-item.
Appended Table 3 (別表第三, Group A) is one `Item` listing countries in Japanese. The Japanese text and
the numbering are kept exactly; the version is the date in the e-Gov file name (…_20260214_…).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET

from ecgraph.ingest.controls.jp_lookups import ITEM_HEADINGS, JP_COUNTRY_NAMES, SCOPES
from ecgraph.ingest.controls.numbering import normalise_number, split_numbered
from ecgraph.ingest.controls.records import ControlEntryRecord, ControlListRecord, CountryGroupMember
from ecgraph.schemas.errors import SourceError

__all__ = ["LIST_ID", "catch_all_chapters", "parse_jp_etco", "version_from_filename"]

LIST_ID = "jp_etco"
SOURCE_ID = "jp_etco_appended_tables"
_VERSION = re.compile(r"_(\d{8})_")


def version_from_filename(path: Path) -> str:
    match = _VERSION.search(path.name)
    if not match:
        raise SourceError(
            "the e-Gov file name carries no date (expected <LawId>_<YYYYMMDD>_<AmendmentId>.xml); "
            "keep the name e-Gov gives the download, it is the version",
            source=LIST_ID, file=str(path),
        )
    return match.group(1)


def _text(element: Element) -> str:
    """The printed text of an element, without ruby readings (`Rt`)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != "Rt":
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _table(root: Element, title: str, path: Path) -> Element:
    found = [t for t in root.iter("AppdxTable") if (t.findtext("AppdxTableTitle") or "").strip() == title]
    if len(found) != 1:
        raise SourceError(f"expected exactly one AppdxTable titled {title}, found {len(found)}; is this the "
                          "輸出貿易管理令 XML from e-Gov?", source=LIST_ID, file=str(path))
    return found[0]


def parse_jp_etco(path: Path) -> ControlListRecord:
    """Appended Table 1 as an entry tree and Appended Table 3 as the JP_GROUP_A country group."""
    version = version_from_filename(path)
    root = SafeET.parse(str(path)).getroot()
    title = root.findtext("LawBody/LawTitle") or ""
    if title != "輸出貿易管理令":
        raise SourceError(f"LawTitle is {title!r}, expected 輸出貿易管理令", source=LIST_ID, file=str(path))
    record = ControlListRecord(
        list_id=LIST_ID, title="輸出貿易管理令 別表第一 (Export Trade Control Order, Appended Table 1)",
        version=version, source_file=path.name, publisher="e-Gov (Japan, Digital Agency / METI)",
    )
    rows = _table(root, "別表第一", path).findall("TableStruct/Table/TableRow")
    for index, row in enumerate(rows):
        columns = row.findall("TableColumn")
        if len(columns) != 3:
            raise SourceError(f"row {index} of 別表第一 has {len(columns)} columns, expected 3 (item, goods, "
                              "region)", source=LIST_ID, file=str(path))
        number_raw = _text(columns[0])
        if not number_raw:  # the header row: （空）, 貨物, 地域
            continue
        record.entries.extend(_item_entries(number_raw, columns[1], _text(columns[2]), path))
    record.country_groups = _group_a(root, path)
    return record


def _item_entries(number_raw: str, goods: Element, region: str, path: Path) -> list[ControlEntryRecord]:
    code = normalise_number(number_raw)
    if code not in ITEM_HEADINGS:
        raise SourceError(f"item {number_raw} ({code}) of 別表第一 is not in ITEM_HEADINGS "
                          "(ingest/controls/jp_lookups.py): add its regimes and English heading",
                          source=LIST_ID, file=str(path))
    if region not in SCOPES:
        raise SourceError(f"item {code}: region {region!r} is not in SCOPES (jp_lookups.py): add it",
                          source=LIST_ID, file=str(path))
    heading_en, regimes = ITEM_HEADINGS[code]
    item = ControlEntryRecord(code=code, number=number_raw, level=1, parent_code=None, text_ja="",
                              text_en=heading_en, regimes=list(regimes), scope=SCOPES[region], scope_text=region)
    entries = [item]
    current_sub: ControlEntryRecord | None = None
    last = item
    for sentence in goods.iter("Sentence"):
        text = _text(sentence)
        numbered = split_numbered(text)
        if numbered is None:
            last.text_ja = f"{last.text_ja}{text}" if last.text_ja else text
            continue
        raw, body, depth = numbered
        number = normalise_number(raw)
        if depth == 2:
            parent, entry_code = item, f"{code}({number})"
        else:
            parent = current_sub or item
            entry_code = f"{parent.code}-{number}" if parent is not item else f"{code}-{number}"
        entry = ControlEntryRecord(
            code=entry_code, number=raw, level=depth if parent is not item or depth == 2 else 2,
            parent_code=parent.code, text_ja=body, regimes=list(regimes), scope=item.scope,
            scope_text=region, deleted=body == "削除",
        )
        if depth == 2:
            current_sub = entry
        entries.append(entry)
        last = entry
    return entries


def _group_a(root: Element, path: Path) -> list[CountryGroupMember]:
    table = _table(root, "別表第三", path)
    sentences = [_text(s) for s in table.iter("Sentence")]
    names = [n.strip() for s in sentences for n in s.split("、") if n.strip()]
    members = []
    for name in names:
        iso2 = JP_COUNTRY_NAMES.get(name)
        if iso2 is None:
            raise SourceError(f"別表第三 names {name!r}, which is not in JP_COUNTRY_NAMES "
                              "(ingest/controls/jp_lookups.py): add its ISO code", source=LIST_ID, file=str(path))
        members.append(CountryGroupMember(iso2=iso2, group="JP_GROUP_A", source=SOURCE_ID,
                                          citation=f"輸出貿易管理令 別表第三 ({path.name})"))
    return members


_CHAPTER_RANGE = re.compile(r"第([〇一二三四五六七八九]+)類(?:から第([〇一二三四五六七八九]+)類まで)?")


def catch_all_chapters(record: ControlListRecord) -> list[str]:
    """The HS chapters that item 16(2) names in the law's own words (関税定率法別表第二五類から…)."""
    entry = record.by_code().get("16(2)")
    if entry is None or not entry.text_ja:
        return []
    text = entry.text_ja.split("に該当する貨物")[0]
    chapters: list[str] = []
    for start, end in _CHAPTER_RANGE.findall(text):
        first = int(normalise_number(start))
        last = int(normalise_number(end)) if end else first
        chapters.extend(f"{n:02d}" for n in range(first, last + 1))
    return chapters
