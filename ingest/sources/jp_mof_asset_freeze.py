"""Japan MOF asset-freeze list (資産凍結等対象者, FEFTA): one workbook, one sheet per programme.

Sheet 0 (`一覧`) is a table of contents and sheets marked `【解除】` are abolished programmes; both
hold no entries. Every other sheet has a title block, then a header row whose position varies (row 2,
3 or 5), found by its first cell `告示日付`; columns differ per sheet and are read by their Japanese
names through `COLUMNS`. Quirks handled, each seen in the real file: `告示日付` cells carry a revision
history (`2001.9.22\\n2008.6.25改訂`), and `2011.11.18削除` rows with empty name cells are deletions,
not entries; `告示番号` carries markers (`*1`, `5(*292)`, `#22`) that are kept in `extra` while the
number gives the id; `日本語表記` is the katakana rendering (an original_script name, Kana/Jpan) and
`英語表記` the primary name, which may append `(original script: …)`; aliases mix Japanese and Latin
with `(a)`, `(b)` enumerations; birth dates are Japanese dates, Excel serials or datetimes; cells
contain U+3000 full-width spaces and newlines; a row with no number and no name continues the
previous entry's cells; alias cells carry bracketed remarks (passport and ID details, birth dates and
places) that are not names (`drop_remarks`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ecgraph.ingest.japanese import has_japanese, parse_jp_dates, script_of
from ecgraph.ingest.records import (
    Address,
    CountryRef,
    DateFact,
    EntityType,
    Identifier,
    ListEntry,
    Name,
    NameKind,
)
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.workbook import cell_text, halfwidth, open_workbook
from ecgraph.schemas.countries import read_country
from ecgraph.schemas.errors import SourceError

__all__ = ["JpMofAssetFreeze", "split_names"]

HEADER_FIRST = "告示日付"
# Japanese column name -> (what it is, detail). Unknown columns are reported as unmapped.
# fmt: off
COLUMNS: dict[str, tuple[str, str]] = {
    "告示日付": ("notice_date", ""), "告示番号": ("number", ""), "日本語表記": ("name_ja", ""),
    "英語表記": ("name_en", ""), "別名": ("names", "alias"), "別名・別称": ("names", "alias"),
    "別称": ("names", "alias"), "別称・別名": ("names", "alias"), "別称・旧称": ("names", "alias"),
    "確定可能な別名": ("names", "alias"), "確定に十分でない別名": ("names", "weak_alias"),
    "旧称": ("names", "previous"), "旧称・以前の呼称": ("names", "previous"),
    "以前の別名": ("names", "previous"), "過去の別名": ("names", "previous"), "生年月日": ("birth", ""),
    "生年月日・出生地": ("birth", "place"), "出生地": ("extra", "birth_place"),
    "出生地・出身地": ("extra", "birth_place"), "国籍": ("nationality", ""), "所在地": ("address", ""),
    "住所": ("address", ""), "住所・所在地": ("address", ""), "住所等": ("address", ""),
    "所在地・住所 登録された事務所の住所": ("address", ""), "活動地域・住所": ("address", ""),
    "旅券番号": ("identifier", "passport"), "ID番号": ("identifier", "national_id"),
    "身分登録番号": ("identifier", "national_id"), "身分証番号": ("identifier", "national_id"),
    "国連参照番号": ("identifier", "un_ref"), "称号": ("extra", "title"), "役職": ("extra", "position"),
    "肩書": ("extra", "position"), "肩書等": ("extra", "position"), "リスト掲載日": ("extra", "un_listed"),
    "国連制裁委員会による指定日": ("extra", "un_listed"),
    "国連制裁員会による指定日": ("extra", "un_listed"), "電話": ("extra", "phone"),
    "電話番号": ("extra", "phone"), "FAX": ("extra", "fax"), "その他の情報": ("remark", ""),
    "詳細": ("remark", ""), "決議1483上の根拠": ("remark", ""), "指定の根拠": ("remark", ""),
}
# fmt: on
UNKNOWN = {"不明", "なし", "-", "－"}
ENUM = re.compile(r"[(（]\s*[a-zａ-ｚ]{1,2}\s*[)）]")
NAME_SPLIT = re.compile(r"\n|;|；")
JP_WITH_LATIN = re.compile(r"^(?P<jp>[^（(]*?)\s*[（(](?P<latin>[^（）()]*[A-Za-z][^（）()]*)[)）]\s*$")
ORIGINAL_SCRIPT = re.compile(r"^(?P<name>.*?)\s*\(original script:\s*(?P<script>[^)]*)\)\s*$", re.IGNORECASE)
NUMBER = re.compile(r"^\D*?(\d+)")


AKA_PREFIX = re.compile(r"^(?:a\.?k\.?a\.?|f\.?k\.?a\.?)\s*[:：]?\s*", re.IGNORECASE)
SCRIPT_PREFIX = re.compile(r"^original script\s*[:：]\s*", re.IGNORECASE)
FORMERLY = re.compile(r"\s*\((?:formerly listed as)\)\s*$", re.IGNORECASE)


def clean_alias(part: str) -> tuple[str, bool] | None:
    """An alias cell fragment as a name: unbalanced brackets, `a.k.a.:` and `(formerly listed as)` removed;
    `original script: …` flagged as such. None when nothing name-like is left (a bare `（a.k.a.:`)."""
    text = part.strip()
    if text.count("（") + text.count("(") > text.count("）") + text.count(")"):
        text = text.lstrip("（(").strip()
    if text.count("）") + text.count(")") > text.count("（") + text.count("("):
        text = text.rstrip("）)").strip()
    if text[:1] in "（(" and text[-1:] in "）)":
        text = text[1:-1].strip()
    text = FORMERLY.sub("", AKA_PREFIX.sub("", text)).strip()
    original = bool(SCRIPT_PREFIX.match(text))
    text = SCRIPT_PREFIX.sub("", text).strip().strip("、,;:").strip()
    if sum(ch.isalpha() for ch in text) < 2:
        return None
    return text, original


# A bracketed remark about the document an alias was seen in, not a name: `（旅券番号：Ｂ0515260、生年月日：
# 1948年、出生地：マリ共和国キダル（Kidal）州…、発行日2012年1月10日…）`, `(appears in false Indonesian passport
# number S335026)`. Split at `、` they became names (`発行日：2011年12月6日`, `番号：S335026にみられる)`).
REMARK = re.compile(r"旅券|番号|生年月日|出生|生まれ|国籍|発行|有効期限|にみられる|passport|born|\bDOB\b|\bPOB\b",
                    re.IGNORECASE)
OPENERS, CLOSERS = "（(", "）)"
# `別称` (alias) on a line of its own, or before a name (`（別称）コリア・ヨンボン…`, `（別名1）…`, `別名：`): a label.
ALIAS_LABEL = re.compile(r"^[（(]?\s*(?:別称|別名|旧称)\s*\d*\s*[）)]?\s*[:：]?\s*")
FULL_DATE = re.compile(r"\d{1,4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")  # `1980年8月8日出生`: a birth date
BORN = re.compile(r"\s+born\s+(?:on\s+|in\s+)?\d.*$", re.IGNORECASE)  # `Muhamad Ricky Ardhan born 8 Aug. 1980`


def drop_remarks(text: str) -> str:
    """`text` without its bracketed remarks (`REMARK` in the bracket's own text, nested brackets aside);
    unbalanced brackets leave the text as it is."""
    groups: list[tuple[int, int, int]] = []  # (start, end, depth), end inclusive
    stack: list[int] = []
    for position, char in enumerate(text):
        if char in OPENERS:
            stack.append(position)
        elif char in CLOSERS:
            if not stack:
                return text
            start = stack.pop()
            groups.append((start, position, len(stack)))
    if stack:
        return text
    dropped: list[tuple[int, int]] = []
    for start, end, depth in sorted(groups, key=lambda g: g[2]):  # outermost first
        if any(a <= start and end <= b for a, b in dropped):
            continue
        inner = [(a, b) for a, b, d in groups if d == depth + 1 and start < a and b < end]
        own = "".join(ch for i, ch in enumerate(text[start + 1:end], start + 1)
                      if not any(a <= i <= b for a, b in inner))
        # `(a.k.a.: (a) … (b) …)` holds names: its remarks are left to the names' own cleaning
        holds_names = any(ENUM.fullmatch(text[a:b + 1]) for a, b in inner) or AKA_PREFIX.match(own.strip())
        if (REMARK.search(own) or FULL_DATE.search(own)) and not holds_names:
            dropped.append((start, end))
    kept, last = [], 0
    for start, end in sorted(dropped):  # disjoint: a bracket inside a dropped one is skipped above
        kept.append(text[last:start] + " ")
        last = end + 1
    return "".join(kept) + text[last:]


def _without_dates(part: str) -> str:
    """A name part with a date in it: the name before its first bracket (`サイフ・アル・アドル（生年月日：
    １９６３年…` in a cell whose brackets do not pair up), or nothing when no name comes first."""
    if not FULL_DATE.search(part):
        return part
    before = re.split(f"[{OPENERS}]", part, maxsplit=1)[0].strip()
    return "" if FULL_DATE.search(before) else before


def split_names(text: str | None, kind: NameKind) -> list[Name]:
    """An alias cell → names: Latin ones of `kind`, Japanese ones as original_script (Kana/Jpan).
    Bracketed remarks (`drop_remarks`), birth dates and `born …` clauses are not part of any name."""
    names: list[Name] = []
    for block in NAME_SPLIT.split(drop_remarks(text or "")):
        for item in ENUM.split(block):
            item = item.strip().strip("、,").strip()
            if not item or item in UNKNOWN:
                continue
            parts = item.split("、") if has_japanese(item) else [item]
            for raw in (_without_dates(BORN.sub("", ALIAS_LABEL.sub("", p.strip()))) for p in parts):
                if not raw or raw in UNKNOWN:
                    continue
                cleaned = clean_alias(raw)
                if cleaned is None:
                    continue
                part, original = cleaned
                if original:
                    names.append(Name(part, "original_script", script_of(part)))
                    continue
                match = JP_WITH_LATIN.match(part)
                if match and has_japanese(match["jp"]):
                    names.append(Name(match["jp"], "original_script", script_of(match["jp"]), "ja"))
                    names.append(Name(match["latin"].strip(), kind))
                elif has_japanese(part):
                    names.append(Name(part, "original_script", script_of(part), "ja"))
                else:
                    names.append(Name(part, kind))
    return names


@dataclass(frozen=True)
class SheetInfo:
    """One programme sheet: its key (title without the number), heading text and where, for messages."""

    key: str
    programme: str
    heading: str
    where: str


PERSON_COLUMNS = ("生年月日", "生年月日・出生地", "国籍", "旅券番号", "出生地", "出生地・出身地", "称号")


def entity_type_of(info: SheetInfo, row: dict[str, Any]) -> EntityType:
    """From the sheet's name (`…（個人）`, `…（団体）`), else its heading, else from person-only cells.

    A heading of "個人及び団体" mixes both: a row with a birth date, nationality, passport, birthplace or
    title is a person, any other an organization. Where neither names a kind, a row without those
    cells stays `unknown` rather than guessed.
    """
    for text in (info.key, info.heading):
        persons = "個人" in text
        organizations = "団体" in text or "銀行" in text
        if persons != organizations:
            return "person" if persons else "organization"
    if any(cell_text(row.get(column)) not in (None, *UNKNOWN) for column in PERSON_COLUMNS):
        return "person"
    return "organization" if "個人" in info.heading else "unknown"


class JpMofAssetFreeze(ListSource):
    id: ClassVar[str] = "jp_mof_asset_freeze"

    def version(self, files: dict[str, Path]) -> str:
        """The date in the publisher's file name (`shisantouketsu20260305.xlsx` → 2026-03-05)."""
        match = re.search(r"(20\d\d)(\d\d)(\d\d)", files["workbook"].name)
        return f"{match[1]}-{match[2]}-{match[3]}" if match else super().version(files)

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        path = files["workbook"]
        book = open_workbook(path, self.id)
        try:
            if len(book.sheetnames) < 2:
                raise SourceError(
                    "expected a table of contents and one sheet per programme, found "
                    f"{len(book.sheetnames)} sheet(s)",
                    source=self.id,
                    file=str(path),
                )
            for sheet in book.worksheets[1:]:
                if "【解除】" in sheet.title:
                    continue
                yield from self.parse_sheet(sheet, path, ctx)
        finally:
            book.close()

    def parse_sheet(self, sheet: Any, path: Path, ctx: ParseContext) -> Iterator[ListEntry]:
        where = f"{path} [sheet {sheet.title.strip()}]"
        rows = list(sheet.iter_rows(values_only=True))
        header_at = next((i for i, r in enumerate(rows[:10]) if r and cell_text(r[0]) == HEADER_FIRST), None)
        if header_at is None:
            raise SourceError(
                f"no header row starting with {HEADER_FIRST!r} in the first 10 rows. MOF changed the "
                "layout of this sheet; update jp_mof_asset_freeze.py.",
                source=self.id,
                file=where,
            )
        header = [(cell_text(h) or "").replace("\n", " ") for h in rows[header_at]]
        info = SheetInfo(
            key=re.sub(r"^\d+\.", "", sheet.title.strip()),
            programme=(cell_text(rows[0][0]) or "").replace("\n", " ") if rows and rows[0] else "",
            heading=" ".join([sheet.title, *(str(c) for c in rows[0] if c)]) if rows else sheet.title,
            where=where,
        )
        pending: tuple[int, dict[str, Any]] | None = None
        for line, values in enumerate(rows[header_at + 1 :], start=header_at + 2):
            row = {h: v for h, v in zip(header, values, strict=False) if h and v not in (None, "")}
            if not row:
                continue
            nameless = row.get("告示番号") is None and not (row.get("日本語表記") or row.get("英語表記"))
            if nameless and pending and "告示日付" not in row:
                for key, value in row.items():  # a continuation row: the previous entry's cells go on
                    pending[1][key] = f"{pending[1].get(key) or ''}\n{value}".strip()
                continue
            if pending:
                yield from self.finish(pending, info, ctx)
            pending = (line, row)
        if pending:
            yield from self.finish(pending, info, ctx)

    def finish(
        self, item: tuple[int, dict[str, Any]], info: SheetInfo, ctx: ParseContext
    ) -> Iterator[ListEntry]:
        line, row = item
        notice = cell_text(row.get("告示日付")) or ""
        if "削除" in notice and not (row.get("日本語表記") or row.get("英語表記")):
            return  # a deletion row: the number stays reserved, nobody is listed under it
        reasons = []
        number = NUMBER.match(halfwidth(str(row.get("告示番号") or "")))
        if not number:
            reasons.append(f"告示番号 {row.get('告示番号')!r} has no number")
        if not (cell_text(row.get("英語表記")) or cell_text(row.get("日本語表記"))):
            reasons.append("both 英語表記 and 日本語表記 are empty")
        if reasons or not number:
            ctx.reject(info.where, line, reasons, {k: str(v) for k, v in row.items()})
            return
        yield self.make_entry(row, number[1], info, ctx)

    def make_entry(self, row: dict[str, Any], number: str, info: SheetInfo, ctx: ParseContext) -> ListEntry:
        english = cell_text(row.pop("英語表記", None))
        japanese = cell_text(row.pop("日本語表記", None))
        entry = ListEntry(
            source=self.id,
            source_id=f"{info.key}/{number}",
            entity_type=entity_type_of(info, row),
            name="",
            list=info.key,
        )
        entry.extra["notice_number"] = str(row.pop("告示番号"))
        if info.programme:
            entry.programs.append(info.programme)
        self.map_names(entry, english, japanese)
        self.map_notice_dates(entry, cell_text(row.pop("告示日付", None)))
        for column, value in list(row.items()):
            if column not in COLUMNS:
                continue
            row.pop(column)
            self.map_cell(entry, COLUMNS[column], value, info.where, ctx)
        ctx.unmapped(info.where, row)
        unique: list[Name] = []
        for name in entry.names:  # aliases are often printed twice, as (a) and (b) of the same spelling
            if name.value and name not in unique and name.value != entry.name:
                unique.append(name)
        entry.names = unique
        return entry

    def map_names(self, entry: ListEntry, english: str | None, japanese: str | None) -> None:
        """英語表記 (first line) is the name; `(original script: …)` lines and 日本語表記 are scripts."""
        latin: list[str] = []
        for line in (english or "").split("\n"):
            match = ORIGINAL_SCRIPT.match(line) or ORIGINAL_SCRIPT.match(f"x {line}")
            if match:
                entry.names.append(
                    Name(match["script"].strip(), "original_script", script_of(match["script"]))
                )
                line = match["name"] if match["name"] != "x" else ""
            if line.strip():
                latin.append(line.strip())
        entry.name = latin[0] if latin else (japanese or "").split("\n")[0]
        for extra_line in latin[1:]:
            entry.names.extend(n for n in split_names(extra_line, "alias") if n.value != entry.name)
        if japanese and latin:
            for text in japanese.split("\n"):
                if text := ALIAS_LABEL.sub("", text).strip():
                    entry.names.append(Name(text, "original_script", script_of(text), "ja"))

    def map_notice_dates(self, entry: ListEntry, notice: str | None) -> None:
        for index, line in enumerate((notice or "").split("\n")):
            for iso, _ in parse_jp_dates(re.sub(r"(改訂|削除)$", "", line.strip())):
                entry.dates.append(DateFact("listed" if index == 0 else "modified", iso))

    def map_cell(
        self, entry: ListEntry, spec: tuple[str, str], value: Any, where: str, ctx: ParseContext
    ) -> None:
        what, detail = spec
        text = cell_text(value) if not isinstance(value, int | float) else str(value)
        if not text or text in UNKNOWN:
            return
        if what == "names":
            kind: NameKind = (
                "weak_alias" if detail == "weak_alias" else "previous" if detail == "previous" else "alias"
            )
            entry.names.extend(n for n in split_names(text, kind) if n.value != entry.name)
        elif what == "birth":
            found = parse_jp_dates(value)
            entry.dates.extend(DateFact("birth", iso, approx) for iso, approx in found)
            if detail == "place" or not found:
                entry.extra.setdefault("birth_text", []).append(text)
        elif what == "nationality":
            for part in re.split(r"[、,\n]|[(（][a-z][)）]", halfwidth(text)):
                part = re.sub(r"[(（].*?[)）]", "", part).strip()
                latin = re.sub(r"[^A-Za-z ]", "", part).strip()
                code = (read_country(part) or read_country(re.sub(r"共和国$", "", part))
                        or read_country(re.sub(r"\s*[A-Za-z ]+$", "", part)) or read_country(latin))
                if code:
                    entry.countries.append(CountryRef(code, "nationality"))
                elif part:
                    entry.extra.setdefault("nationality_text", []).append(part)
        elif what == "address":
            entry.addresses.extend(Address(full=a.strip()) for a in ENUM.split(text) if a.strip())
        elif what == "identifier":
            entry.identifiers.append(Identifier(detail, text))
        elif what == "remark":
            entry.remarks.append(text)
        elif what == "extra":
            if detail == "un_listed" and (dates := parse_jp_dates(value)):
                text = dates[0][0]
            entry.extra[detail] = text
