"""One country reader for every place a country enters ecgraph: followthemoney's, plus a small table.

Lists, watch lists, declarations, `ecgraph search` and label text all write countries their own way:
`Korea, North`, `DPRK`, `Russian`, `Region: Gaza`, `The Gambia`, `UK`, `(1) Russia (2) Israel`,
`Russia; Belarus`, `中国`. followthemoney (`registry.country`, backed by rigour's territory data) reads
names, codes and nationality adjectives in many languages; `countries.csv` beside this module adds only
what it misses (label prefixes such as `Region:`, a few spellings, and the texts that mean "no
country"). A string that names several countries gives all of them. Text that names no country known
here is kept and reported in `CountryReading.unread` — never a reason to drop a record.

Codes are ISO 3166-1 alpha-2, upper case, plus the codes every sanctions list uses beyond it: XK
(Kosovo), EU, and the ISO 3166-3 alpha-2 of former countries (SU, YU, CS). A region of a country
(Crimea, Abkhazia, Scotland) reads as that country's code.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from ecgraph.schemas import schema_text

__all__ = ["MAX_COUNTRY_TEXT", "CountryReading", "is_country_code", "read_countries", "read_country"]

# Longer text is not a country field (a pasted paragraph, a 10 MB cell): kept as unread text, not searched.
MAX_COUNTRY_TEXT = 400
_BLANK = ""  # a fragment read as "no country" (`-0-`, `n/a`, `stateless`)
# `(1) Russia (2) Israel`, `(a) … (b) …`, `a) Syrian b) Palestinian`, `1. Iran 2. Iraq`
_ENUMERATION = re.compile(r"\(\s*(?:\d{1,2}(?:-\d{1,2})?|[a-z]|[ivx]{1,4})\s*\)|(?:^|\s)(?:\d{1,2}|[a-h])[.)]\s",
                          re.IGNORECASE)
_STRONG_SPLIT = re.compile(r"[;|/\n\r\t、，；]+|(?<=\w\w\w)\.\s+")  # `St. Kitts` is not split
_COMMA_SPLIT = re.compile(r",")
_AND_SPLIT = re.compile(r"\s+(?:and|&|or)\s+|&|・", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*[(（][^()（）]*[)）]\s*")
_SPACE = re.compile(r"\s+")
_EDGE = " \t.:;,-–—_*'\"“”‘’"


@dataclass(frozen=True)
class CountryReading:
    """What a country text says: its codes in order of appearance, and the parts that name no country."""

    text: str
    codes: tuple[str, ...] = ()
    unread: tuple[str, ...] = ()

    @property
    def code(self) -> str | None:
        """The first code, for fields that hold one country."""
        return self.codes[0] if self.codes else None

    @property
    def complete(self) -> bool:
        return not self.unread


@dataclass(frozen=True)
class _Table:
    prefixes: tuple[str, ...]
    aliases: dict[str, str]  # key -> code, or _BLANK for "no country"
    exact_blanks: frozenset[str]  # texts that say "no country" only when written exactly so (`na`, not `NA`)


@cache
def _table() -> _Table:
    rows = csv.DictReader(io.StringIO("".join(
        line for line in schema_text("countries.csv").splitlines(keepends=True) if not line.startswith("#"))))
    prefixes: list[str] = []
    aliases: dict[str, str] = {}
    exact: set[str] = set()
    for row in rows:
        key = _key(row["text"])
        if row["kind"] == "prefix":
            prefixes.append(key)
        elif row["kind"] == "alias":
            aliases[key] = row["code"].strip().upper()
        elif row["kind"] == "none":
            aliases[key] = _BLANK
        elif row["kind"] == "none_exact":
            exact.add(row["text"])
        else:  # a typo in the shipped table is a bug in ecgraph: fail loudly in tests
            raise ValueError(f"countries.csv: unknown kind {row['kind']!r} for {row['text']!r} (prefix, alias, none, none_exact)")
    return _Table(tuple(sorted(prefixes, key=len, reverse=True)), aliases, frozenset(exact))


def _key(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _ftm_code(text: str) -> str | None:
    """followthemoney's reading of one fragment, turned into the ISO-style code ecgraph stores."""
    from followthemoney.types import registry
    from rigour.territories import get_territory

    code = registry.country.clean_text(text)
    if code is None or code == "zz":  # zz: "global" / unknown
        return _BLANK if code == "zz" else None
    territory = get_territory(code)
    while territory is not None and "-" in territory.code and territory.parent is not None:
        territory = territory.parent  # a region reads as its country (ua-cri -> ua)
    code = territory.code if territory is not None else code
    if len(code) == 4 and code.isalpha():
        return code[:2].upper()  # ISO 3166-3 former country: suhh -> SU, yucs -> YU
    return code.upper() if len(code) == 2 else None


@lru_cache(maxsize=8192)
def _read_fragment(fragment: str) -> str | None:
    """One fragment -> a code, _BLANK for "no country", or None when unread."""
    table = _table()
    if fragment.strip() in table.exact_blanks:
        return _BLANK
    key = _key(fragment)
    if key in table.aliases:
        return table.aliases[key]
    key = key.strip(_EDGE)
    if not key:
        return _BLANK
    if key in table.aliases:
        return table.aliases[key]
    found = _ftm_code(key)
    if found is not None:
        return found
    for prefix in table.prefixes:  # `Region: Kaliningrad`, `possibly Palestinian`
        if key.startswith(prefix) and len(key) > len(prefix):
            return _read_fragment(key[len(prefix):])
    if _PARENTHESIS.search(key):  # `Russia (Moscow)`, `UAE (Dubai)`
        outside = _PARENTHESIS.sub(" ", key).strip(_EDGE)
        return _read_fragment(outside) if outside and outside != key else None
    return None


def _read_words(fragment: str) -> str | None:
    """Last resort for a fragment with a country at one end: `Jalisco Mexico`, `Italian since 1990`.

    Only word runs of 4+ letters without digits are tried, so `No` (of `Identification No`) is never
    read as Norway; the rest of the fragment is commentary, not a second country.
    """
    words = fragment.split()
    for size in range(min(len(words) - 1, 4), 0, -1):
        for run in (words[-size:], words[:size]):
            text = " ".join(run).strip(_EDGE)
            if len(text) >= 4 and not any(c.isdigit() for c in text):
                found = _read_fragment(text)
                if found:
                    return found
    return None


def _read_parts(text: str, splitters: tuple[re.Pattern[str], ...], codes: list[str], unread: list[str],
                whole: bool = True) -> None:
    if not whole and len(text) <= 3 and not text.isupper():  # a split-off `St`, `Mr` is not a code
        unread.append(text)
        return
    found = _read_fragment(text)
    if found is not None:
        if found:
            codes.append(found)
        return
    for depth, splitter in enumerate(splitters):
        parts = [p for p in splitter.split(text) if p.strip(_EDGE)]
        if len(parts) > 1:
            for part in parts:
                _read_parts(part.strip(_EDGE), splitters[depth + 1:], codes, unread, whole=False)
            return
    found = _read_words(text)
    if found:
        codes.append(found)
    else:
        unread.append(text.strip())


def read_countries(text: str | None) -> CountryReading:
    """Every country a text names: `(1) Russia (2) Israel` -> RU, IL; `Korea, North` -> KP; `Iranian` -> IR."""
    if text is None:
        return CountryReading("")
    raw = str(text)
    if len(raw) > MAX_COUNTRY_TEXT:
        return CountryReading(raw, (), (raw,))
    codes: list[str] = []
    unread: list[str] = []
    splitters = (_ENUMERATION, _STRONG_SPLIT, _COMMA_SPLIT, _AND_SPLIT)
    _read_parts(raw.strip(), splitters, codes, unread)
    return CountryReading(raw, tuple(dict.fromkeys(codes)), tuple(u for u in unread if u))


def read_country(text: str | None) -> str | None:
    """The one (first) country a text names, or None; use `read_countries` to see what was left unread."""
    return read_countries(text).code


def is_country_code(code: str) -> bool:
    """True for an upper-case code this reader can give (`KP`, `XK`, `SU`); False for `ZZ`, `kp`, `Korea`."""
    return len(code) == 2 and code.isupper() and _reads_as_itself(code)


@lru_cache(maxsize=2048)  # asked for every country field of every record loaded; the two-letter space is small
def _reads_as_itself(code: str) -> bool:
    return read_country(code) == code
