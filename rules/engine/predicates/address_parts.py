"""A postal address taken apart (building, street, number, unit, floor, city, country) and graded.

No well-kept parser installs from the registries here for this job: libpostal (`postal` on PyPI) needs
the C library and ~2 GB of model data downloaded from outside at build time; `usaddress` parses US
addresses only; `deepparse` downloads its weights at run time. The lists' addresses are mostly
comma-separated English (or romanised) lines, or CJK runs without commas, so a small normaliser is
enough: it finds the parts by their marker words and leaves the rest alone.

Hong Kong, Macau and Taiwan are written both as their own country and as part of China (`…, Hong Kong`
by a party, `…, Hong Kong, China` with country CN by a list); an address that names one of them is
placed there whatever country field came with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

from ecgraph.schemas.countries import read_countries

__all__ = ["AddressParts", "Grade", "PartsTable", "grade_addresses", "parse_address", "region_of"]

Grade = Literal["same_address", "same_building", "same_street"]

# text that places an address in HK / MO / TW even when its country field says CN
_REGIONS = {
    "HK": ("hong kong", "hongkong", "kowloon", "new territories", "tsim sha tsui", "wan chai", "香港", "九龍", "九龙"),
    "MO": ("macau", "macao", "澳門", "澳门"),
    "TW": ("taiwan", "taipei", "kaohsiung", "taichung", "hsinchu", "台湾", "臺灣", "台北", "臺北"),
}
_CHINA = {"CN", "HK", "MO", "TW"}
_ABBREVIATIONS = {"rd": "road", "st": "street", "str": "street", "ave": "avenue", "av": "avenue", "blvd": "boulevard",
                  "ln": "lane", "dr": "drive", "hwy": "highway", "bldg": "building", "blk": "block", "twr": "tower",
                  "ctr": "centre", "center": "centre", "ul": "ulitsa", "pr": "prospekt", "prosp": "prospekt",
                  "ind": "industrial", "no": "", "nos": ""}
_STREET_WORDS = ("road", "street", "avenue", "boulevard", "lane", "drive", "highway", "way", "ulitsa", "prospekt",
                 "pereulok", "shosse", "naberezhnaya", "jalan", "khiaban", "khiyaban", "sheikh", "улица", "проспект",
                 "переулок", "шоссе")
_BUILDING_WORDS = ("building", "tower", "centre", "plaza", "mansion", "house", "court", "block", "complex", "estate",
                   "business", "square", "park", "бизнес", "бц")
_UNIT = re.compile(r"\b(?:room|rm|flat|unit|suite|ste|office|apt|apartment|shop|оф|офис|кв|пом)\b\.?\s*([0-9a-z][0-9a-z\-]*)"
                   r"|([0-9]+[a-z]?)\s*(?:号室|室)|\bof\.\s*([0-9]+)")
_FLOOR = re.compile(r"\b([0-9]{1,3})\s*(?:/\s*f|f|st floor|nd floor|rd floor|th floor|floor|fl)\b"
                    r"|\b(?:floor|fl|этаж|эт)\.?\s*([0-9]{1,3})\b|([0-9]{1,3})\s*[楼層层階]")
_CJK_BUILDING = re.compile(r"([^\d\s,，路街道号號]{2,}?(?:大厦|大廈|大楼|大樓|中心|广场|廣場|ビル|タワー))")
_CJK_STREET = re.compile(r"([^\d\s,，市区區县縣省]{1,}?[路街道])\s*(\d+)\s*[号號]?")
_CJK_CITY = re.compile(r"([^\d\s,，省]{1,6}?市)")
_NUMBER = re.compile(r"^(?:no\s*)?(\d+[a-z]?(?:-\d+[a-z]?)?)$")
_HOUSE = re.compile(r"\b(?:d|dom|д|no|№)\.?\s*(\d+[a-z]?)\b")
_PUNCT = re.compile(r"[^\w\s/\-]")


@dataclass(frozen=True)
class AddressParts:
    text: str  # normalised full text (unit and floor removed), for a fuzzy comparison of what remains
    country: str | None = None
    city: str | None = None
    street: str | None = None
    number: str | None = None
    building: str | None = None
    floor: str | None = None
    unit: str | None = None

    def describe(self) -> str:
        parts = [f"unit {self.unit}" if self.unit else "", f"floor {self.floor}" if self.floor else "",
                 self.building or "", " ".join(p for p in (self.number, self.street) if p), self.city or "",
                 self.country or ""]
        return ", ".join(p for p in parts if p)


def region_of(text: str, country: str | None) -> str | None:
    """HK / MO / TW when the text names one of them (and the country field is empty or China-wide)."""
    if country not in (None, "", *_CHINA):
        return country
    folded = unicodedata.normalize("NFKC", text).casefold()
    for region, words in _REGIONS.items():
        if any(word in folded for word in words):
            return region
    return country or None


def _words(text: str) -> str:
    tokens = (_ABBREVIATIONS.get(t, t) for t in _PUNCT.sub(" ", text).split())
    return " ".join(t for t in tokens if t)


def parse_address(text: str, country: str | None = None) -> AddressParts:
    """Take an address apart; parts it cannot find stay None (never guessed)."""
    folded = unicodedata.normalize("NFKC", text[:1000]).casefold()
    unit = next((m.group(1) or m.group(2) or m.group(3) for m in _UNIT.finditer(folded)), None)
    floor = next((m.group(1) or m.group(2) or m.group(3) for m in _FLOOR.finditer(folded)), None)
    rest = _FLOOR.sub(" ", _UNIT.sub(" ", folded))
    street = number = building = city = None
    if cjk := _CJK_STREET.search(rest):
        street, number = cjk.group(1), cjk.group(2)
    if cjk_building := _CJK_BUILDING.search(rest):
        building = cjk_building.group(1)
    if cjk_city := _CJK_CITY.search(rest):
        city = cjk_city.group(1)
    segments = [_words(s) for s in re.split(r"[,;\n，、]", rest)]
    segments = [s for s in segments if s]
    kept, written = _without_country(segments)
    region = region_of(folded, country or written)
    for segment in kept:
        tokens = segment.split()
        if street is None and any(t in _STREET_WORDS for t in tokens):
            numbers = [t for t in tokens if _NUMBER.match(t)]
            number = _NUMBER.match(numbers[0]).group(1) if numbers else None  # type: ignore[union-attr]
            street = " ".join(t for t in tokens if t not in numbers)
        elif building is None and any(t in _BUILDING_WORDS for t in tokens):
            building = " ".join(t for t in tokens if not t.isdigit()) or None
    if street is not None and number is None and (house := _HOUSE.search(rest)):
        number = house.group(1)
    tail = [s for s in kept if not any(c.isdigit() for c in s) and s not in (street, building)]
    if city is None and tail and len(kept) > 1:
        city = tail[-1]
    return AddressParts(" ".join(" ".join(kept).split()), region, city, street, number, building, floor, unit)


def _without_country(segments: list[str]) -> tuple[list[str], str | None]:
    """Drop the trailing country (`…, Russia`; `…, Hong Kong, China`) and say which it was."""
    kept, written = list(segments), None
    if len(kept) > 1 and (written := read_countries(kept[-1]).code):
        last = kept.pop()
        if len(kept) > 1 and last in ("china", "prc", "中国") and any(w == kept[-1] for ws in _REGIONS.values()
                                                                     for w in ws):
            kept.pop()
    return kept, written


def _close(a: str | None, b: str | None, cutoff: float = 90.0) -> bool:
    return bool(a and b and fuzz.token_sort_ratio(a, b) >= cutoff)


def grade_addresses(a: AddressParts, b: AddressParts, min_similarity: float = 0.9) -> tuple[Grade, str] | None:
    """How far two addresses agree, with the line an analyst reads; None when they are not one place."""
    if a.country and b.country and a.country != b.country:
        return None
    if a.city and b.city and not _close(a.city, b.city, 80.0) and not (a.city in b.text or b.city in a.text):
        return None
    same_street_number = _close(a.street, b.street) and a.number is not None and a.number == b.number
    same_text = _close(a.text, b.text, min_similarity * 100) and any(c.isdigit() for c in a.text + a.describe())
    if _close(a.building, b.building) or same_street_number or same_text:
        place = a.building or " ".join(p for p in (a.number, a.street) if p) or a.text
        for label, left, right in (("unit", a.unit, b.unit), ("floor", a.floor, b.floor)):
            if left and right and left != right:
                return "same_building", f"same building ({place}), different {label}s ({left} vs {right})"
        if bool(a.unit) != bool(b.unit):
            return "same_building", f"same building ({place}); only one address names a unit"
        unit = f", unit {a.unit}" if a.unit else ""
        return "same_address", f"same address ({place}{unit})"
    if _close(a.street, b.street) and (a.city is None or b.city is None or _close(a.city, b.city, 80.0)):
        numbers = f" (numbers {a.number or '?'} vs {b.number or '?'})"
        return "same_street", f"same street ({a.street}){numbers}, different buildings"
    return None


class PartsTable:
    """Many addresses' parts held column-wise, so many addresses are compared with all of them at once.

    `grade_addresses` agrees on nothing unless the buildings, the streets or the whole texts are close
    (token-sort ratio ≥ 90, 90 and `min_similarity`), so `could_agree` scores those three columns in
    rapidfuzz's C loop (`cdist`, a block of queries per call) and returns, per query, only the rows where
    one is near its cutoff; the caller grades those with `grade_addresses` itself, so the grades are the
    same as comparing every pair."""

    # scores are compared a hair under the cutoffs, so a rounding difference never drops a candidate
    _SLACK = 0.5
    _BLOCK = 256  # queries per cdist call: bounds the score matrix (block × rows float32)

    def __init__(self, parts: list[AddressParts]) -> None:
        self.parts = parts
        self.columns = {name: [getattr(p, name) or "" for p in parts] for name in ("building", "street", "text")}

    def could_agree(self, queries: list[AddressParts], min_similarity: float) -> list[list[int]]:
        """For each query, the rows (ascending) that `grade_addresses` might grade."""
        if not self.parts:
            return [[] for _ in queries]
        found: list[list[int]] = []
        for start in range(0, len(queries), self._BLOCK):
            block = queries[start:start + self._BLOCK]
            near = np.zeros((len(block), len(self.parts)), dtype=bool)
            for name, cutoff in (("building", 90.0), ("street", 90.0), ("text", min_similarity * 100)):
                values = [getattr(q, name) or "" for q in block]
                asked = [i for i, v in enumerate(values) if v]
                if not asked:
                    continue
                scores = process.cdist([values[i] for i in asked], self.columns[name], scorer=fuzz.token_sort_ratio,
                                       dtype=np.float32)
                near[asked] |= scores >= cutoff - self._SLACK
            found.extend([int(i) for i in np.flatnonzero(row)] for row in near)
        return found
