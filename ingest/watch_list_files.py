"""Rows of an analyst's watch list as analysts keep them: CSV (any Excel export), JSON Lines or xlsx.

Each row comes back as {canonical field: raw value} plus the columns ecgraph does not know, under
their own header. Headers are matched case- and width-insensitively against a few obvious synonyms
(`Name`, `NAME`, `名称`, `Company name`, `Country of incorporation`, `備考` …); only a name column is
required. A file that is not a table at all (a binary, a PDF renamed .csv, a broken workbook) is a
`SourceError` naming the file: loading it as a list would delist every entry of the previous version.
"""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ecgraph.ingest.csv_rows import decode_text
from ecgraph.ingest.json_lines import json_objects
from ecgraph.schemas.errors import SourceError

__all__ = ["FIELD_SYNONYMS", "SUFFIXES", "canonical_field", "watch_list_rows"]

SUFFIXES = (".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".json", ".xlsx", ".xlsm")
# canonical field -> the headers that mean it (compared after NFKC, case-fold, `_`/`-` to spaces)
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "ref", "reference", "ref no", "uid", "entry id", "識別子", "番号", "管理番号"),
    "name": ("name", "names", "full name", "entity", "entity name", "company", "company name", "party",
             "party name", "organization", "organisation", "名称", "名前", "氏名", "企業名", "会社名", "社名"),
    "aliases": ("aliases", "alias", "aka", "a.k.a.", "other names", "alternative names", "別名", "別称"),
    "country": ("country", "countries", "country code", "nationality", "jurisdiction",
                "country of incorporation", "国", "国名", "国・地域", "国籍", "所在国"),
    "type": ("type", "kind", "entity type", "party type", "種別", "区分"),
    "identifiers": ("identifiers", "identifier", "ids", "registration", "registration number"),
    "programs": ("programs", "program", "programme", "programmes", "sanctions", "reason", "理由"),
    "remarks": ("remarks", "remark", "notes", "note", "comment", "comments", "備考", "メモ"),
    "url": ("url", "link", "source url", "website"),
    "address": ("address", "addresses", "full address", "street address", "住所", "所在地"),
}
_LOOKUP = {synonym: field for field, synonyms in FIELD_SYNONYMS.items() for synonym in synonyms}
# one cell may be large (pasted notes); the csv module's default limit (128 KiB) would abort the file
_CSV_FIELD_LIMIT = 64 * 2**20


def canonical_field(header: str) -> str | None:
    """`Company Name` -> name, `名称` -> name, `Country of incorporation` -> country; unknown -> None."""
    key = " ".join(unicodedata.normalize("NFKC", str(header)).casefold().replace("_", " ").replace("-", " ").split())
    return _LOOKUP.get(key) or _LOOKUP.get(key.rstrip(":"))


def watch_list_rows(path: Path, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line or row number, {field or original header: value}) for every non-empty row of the file."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(f"a watch list is a CSV, JSON Lines or Excel file ({', '.join(SUFFIXES)}), "
                          f"not {suffix or 'a file without a suffix'}", source=source, file=str(path))
    if suffix in (".jsonl", ".ndjson", ".json"):
        _refuse_binary(path, source)
        for line, record in json_objects(path, source, "one JSON object per line with at least a name"):
            yield line, _canonical(record, path, source, line)
        return
    table = _xlsx_rows(path, source) if suffix in (".xlsx", ".xlsm") else _csv_rows(path, source)
    header: list[str] | None = None
    for number, cells in table:
        if header is None:
            if any(str(c).strip() for c in cells):
                header = [str(c).strip() for c in cells]
                _require_name(header, path, source, number)
            continue
        values = {h: v for h, v in zip(header, cells, strict=False) if h}
        if any(str(v).strip() for v in values.values() if v is not None):
            yield number, _canonical(values, path, source, number)
    if header is None:
        raise SourceError("the file has no header row; the first row names the columns (at least `name`)",
                          source=source, file=str(path))


def _canonical(record: dict[str, Any], path: Path, source: str, line: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        field = canonical_field(key) or str(key)
        if field in out and out[field] not in (None, "") and value not in (None, ""):
            raise SourceError(f"two columns mean {field!r} ({key!r} and another); keep one",
                              source=source, file=str(path), line=line)
        if field not in out or out[field] in (None, ""):
            out[field] = value
    return out


def _require_name(header: list[str], path: Path, source: str, line: int) -> None:
    if "name" not in {canonical_field(h) for h in header}:
        raise SourceError(f"no name column among {header[:12]}; name one column `name` (or "
                          f"{', '.join(FIELD_SYNONYMS['name'][1:6])} …)", source=source, file=str(path), line=line)


def _refuse_binary(path: Path, source: str) -> None:
    with path.open("rb") as handle:
        head = handle.read(8192)
    if b"\x00" in head:
        raise SourceError("this is a binary file, not a watch list (it contains NUL bytes); export the list "
                          "as CSV (UTF-8), JSON Lines or .xlsx", source=source, file=str(path))


def _csv_rows(path: Path, source: str) -> Iterator[tuple[int, list[Any]]]:
    _refuse_binary(path, source)
    # Excel on Japanese Windows saves "CSV" as Shift_JIS (cp932)
    text = decode_text(path.read_bytes(), ("utf-8-sig", "cp932"), source=source, path=path)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or first.count("\t") > first.count(",") else ","
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, min(_CSV_FIELD_LIMIT, sys.maxsize)))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as exc:
        raise SourceError(f"not a readable CSV ({exc})", source=source, file=str(path)) from exc
    finally:
        csv.field_size_limit(previous)


def _xlsx_rows(path: Path, source: str) -> Iterator[tuple[int, list[Any]]]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise SourceError(f"cannot read the file as an Excel workbook ({exc}); save it as .xlsx or CSV",
                          source=source, file=str(path)) from exc
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, ["" if v is None else _cell(v) for v in row]
    finally:
        book.close()


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed as a number
    return str(value) if not isinstance(value, str) else value
