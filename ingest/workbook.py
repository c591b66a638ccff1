"""Reading publishers' Excel workbooks: open safely, fail with the file named, clean cell text.

openpyxl warns about workbook features it ignores (print areas, data validation); those say nothing
about the data, so they are silenced here rather than turned into errors by strict warning filters.
A file that is not a workbook at all becomes a `SourceError` naming the source and the file.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ecgraph.schemas.errors import SourceError

__all__ = ["cell_lines", "cell_text", "halfwidth", "open_workbook", "require_sheet"]

_INLINE_SPACE = re.compile(r"[ \t\u3000\u00a0]+")


def open_workbook(path: Path, source: str, *, read_only: bool = True) -> Workbook:
    """Open an xlsx as values (not formulas' results: openpyxl does not compute them)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return load_workbook(path, read_only=read_only, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise SourceError(
            f"cannot read the file as an Excel workbook ({exc}). Check that it is the publisher's .xlsx "
            "and that the download completed.",
            source=source,
            file=str(path),
        ) from exc


def require_sheet(book: Workbook, name: str, path: Path, source: str) -> Any:
    if name not in book.sheetnames:
        raise SourceError(
            f"sheet {name!r} not found (sheets: {', '.join(book.sheetnames)}). The publisher may have "
            "changed the layout; update the parser.",
            source=source,
            file=str(path),
        )
    return book[name]


def cell_text(value: Any) -> str | None:
    """A cell as text: full-width and no-break spaces become spaces, each line stripped, blank → None."""
    if value is None:
        return None
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in str(value).replace("\r", "\n").split("\n")]
    text = "\n".join(line for line in lines if line)
    return text or None


def cell_lines(value: Any) -> list[str]:
    """The non-empty lines of a multi-line cell."""
    text = cell_text(value)
    return text.split("\n") if text else []


def halfwidth(text: str) -> str:
    """NFKC: full-width digits/letters/parentheses → ASCII, for reading numbers, codes and dates."""
    return unicodedata.normalize("NFKC", text)
