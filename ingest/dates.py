"""Dates as lists print them → ISO strings, possibly partial (`1975`, `1975-06`, `1975-06-14`).

Lists give what they know: a day, a month, a year, "circa 1970", "1962 to 1964". `parse_dates`
returns one `(iso, approximate)` per date stated; ranges give both ends marked approximate. Text
that is not a date gives an empty list, so the caller can keep it as a remark.
"""

from __future__ import annotations

import re

__all__ = ["parse_dates"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?$")
_DMY_TEXT = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?\s+(\d{4})$")
_DMY_NUM = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_RANGE = re.compile(r"^(.+?)\s+(?:to|-|–)\s+(.+)$")
_CIRCA = re.compile(r"^(?:circa|approximately|approx\.?|c\.|about)\s+", re.IGNORECASE)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None or month == 0:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None or day == 0:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _one(text: str) -> str | None:
    text = text.strip().rstrip(".").strip()
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return _iso(int(year), int(month) if month else None, int(day) if day else None)
    if match := _DMY_TEXT.match(text):
        day, month_name, year = match.groups()
        month = _MONTHS.get(month_name.lower())
        return _iso(int(year), month, int(day) if day else None) if month else None
    if match := _DMY_NUM.match(text):
        day, month, year = match.groups()
        return _iso(int(year), int(month), int(day))
    return None


def parse_dates(text: str | None) -> list[tuple[str, bool]]:
    """Every date the text states, as `(iso, approximate)`; `[]` if it states none."""
    if not text:
        return []
    text = text.strip()
    approximate = False
    if _CIRCA.match(text):
        approximate = True
        text = _CIRCA.sub("", text)
    if (single := _one(text)) is not None:
        return [(single, approximate)]
    if match := _RANGE.match(text):
        start, end = _one(match.group(1)), _one(match.group(2))
        if start and end:
            return [(start, True), (end, True)]
    return []
