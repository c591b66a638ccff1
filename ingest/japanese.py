"""Japanese publishers' conventions: dates like `1962年12月26日` / `1963年頃`, scripts, country names.

METI and MOF print dates in the Japanese order with 年/月/日, often with full-width digits, sometimes
approximate (`頃`, `又は`, ranges `1955年-1958年`), and Excel sometimes stores them as serial numbers
or datetimes. `parse_jp_dates` returns one `(iso, approximate)` per date stated, like
`ecgraph.ingest.dates.parse_dates`, and `[]` when the text states none, so the caller keeps the text.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from ecgraph.ingest.dates import parse_dates
from ecgraph.ingest.scripts import script_of as generic_script_of
from ecgraph.ingest.workbook import halfwidth

__all__ = ["has_japanese", "has_kana", "parse_jp_dates", "script_of"]

_YMD = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?")
_DOTTED = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})")
_APPROX = re.compile(r"頃|ごろ|又は|から|まで|[-－~～]")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]")
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_EXCEL_EPOCH = date(1899, 12, 30)



def has_japanese(text: str) -> bool:
    return bool(_JAPANESE.search(text))


def has_kana(text: str) -> bool:
    return bool(_KANA.search(text))


def script_of(text: str) -> str:
    """ISO 15924 with Japanese told apart: Kana (katakana renderings), Jpan (kana + kanji), Hani (kanji only).

    Other scripts come from `ecgraph.ingest.scripts.script_of`; text with no letters counts as Latn.
    """
    if _KANA.search(text):
        return "Jpan" if _HAN.search(text) else "Kana"
    if _HAN.search(text):
        return "Hani"
    return generic_script_of(text) or "Latn"


def _iso(year: str, month: str | None, day: str | None) -> str | None:
    """Partial ISO date; None when a part is out of range (a typo in the list, not a date)."""
    if (
        not 1000 <= int(year) <= 2999
        or (month and not 1 <= int(month) <= 12)
        or (day and not 1 <= int(day) <= 31)
    ):
        return None
    out = year
    if month:
        out += f"-{int(month):02d}"
        if day:
            out += f"-{int(day):02d}"
    return out


def parse_jp_dates(value: Any) -> list[tuple[str, bool]]:
    """Dates in a cell: `1962年12月26日`, `1963年頃` (approximate), `2002.3.1`, Excel serials/datetimes."""
    if value is None:
        return []
    if isinstance(value, datetime):
        return [(value.date().isoformat(), False)]
    if isinstance(value, date):
        return [(value.isoformat(), False)]
    if isinstance(value, int | float) or (
        isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 5
    ):
        serial = int(float(value))
        return [((_EXCEL_EPOCH + timedelta(days=serial)).isoformat(), False)] if 1 < serial < 80000 else []
    text = halfwidth(str(value))
    found = [iso for m in _YMD.finditer(text) if (iso := _iso(*m.groups()))]
    if found:
        approximate = bool(_APPROX.search(text))
        return [(iso, approximate) for iso in found]
    if (match := _DOTTED.match(text.strip())) and (iso := _iso(*match.groups())):
        return [(iso, False)]
    return parse_dates(text)
