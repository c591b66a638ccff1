"""Party names as shippers write them: the name, and the address, c/o or attention line typed after it.

A declaration's consignee field often reads `ACME TRADING LTD, RM 1201, 12/F, 8 NATHAN RD, KOWLOON, HONG KONG`,
`ACME LTD C/O FAST FORWARDING CO` or `ACME LTD ATTN: PURCHASING`. Matched whole, the address words dilute
the name (and `Hong Kong` alone matches thousands of listed addresses' words); so the name is split from the
rest before matching, and the rest is kept as address evidence and shown in the explanation.

The split is conservative: a c/o or attention marker, a comma segment that reads as an address (a street,
unit or building word, a number with such a word, a postal box, a CJK address character, or a trailing
country), or address words right after a legal form (`… LTD 12 NATHAN ROAD`). `Hitachi, Ltd.`, `Mitsui & Co.,
Ltd.` and `Harbin Institute of Technology, Shenzhen` keep their commas: a legal form or a place alone is no address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ecgraph.rules.resolution.names import PreparedName, prepare_name, without_listing_clause
from ecgraph.rules.resolution.normalize import MAX_NAME_CHARS
from ecgraph.rules.resolution.score import Query

__all__ = ["PartyName", "query_for_names", "split_party_name"]


@dataclass(frozen=True)
class PartyName:
    name: str  # the name to match
    address: str = ""  # address text split off the name field
    care_of: str = ""  # the party after `c/o` (and its address)
    attention: str = ""  # the person or department after `attn`

    @property
    def evidence(self) -> str:
        """What was split off, as an analyst reads it (empty when nothing was)."""
        parts = [f"address {self.address!r}" if self.address else "",
                 f"c/o {self.care_of!r}" if self.care_of else "",
                 f"attention {self.attention!r}" if self.attention else ""]
        return "; ".join(p for p in parts if p)


_CARE_OF = re.compile(r"(?i)(?:^|(?<=[\s,;(]))(?:c\s?/\s?o|c\.\s?o\.|care of)(?=[\s.:,-]|$)[\s.:,-]*")
_ATTENTION = re.compile(r"(?i)(?:^|(?<=[\s,;(]))(?:attn|attention(?: of)?|to the attention of|att(?=\s*[:.]))"
                        r"(?=[\s.:,-]|$)[\s.:,-]*")
# Words that make a segment an address: units, floors, buildings, streets, districts, postal boxes (English,
# romanised Chinese and Japanese); `st` only after a number (`5 St` is a street, `St Petersburg` a city).
_ADDRESS_WORDS = re.compile(
    r"(?i)\b(?:room|rm|flat|unit|suite|ste|floor|fl|flr|level|lvl|building|bldg|bld|tower|twr|block|blk|plaza|"
    r"mansion|estate|road|rd|street|str|avenue|ave|av|lane|ln|boulevard|blvd|highway|hwy|drive|dr|way|"
    r"district|dist|province|prov|prefecture|county|township|village|industrial (?:park|zone|area|estate)|"
    r"free (?:trade )?zone|fz|fze|p\.?\s?o\.?\s?box|pob|postal code|zip(?: code)?|chome|cho-me|"
    r"ku|shi|gun|machi|lu|jie|dao|qu|xian|zhen|cun|hao|lou|dasha)\b"
    r"|\b\d+[a-z]?\s*(?:st|nd|rd|th)?\s*/?\s*f\b|\bno\.?\s*\d|#\s*\d|\b\d+\s+(?:st|street)\b")
_CJK_ADDRESS = re.compile("[号號路街区區市省楼樓室県縣町村丁目番地]|大厦|大廈")
# Legal forms that end a name: address words after one belong to the address (`ACME LTD 12 NATHAN RD`).
_LEGAL_END = re.compile(r"(?i)\b(?:co\.?,?\s*ltd|ltd|limited|llc|l\.l\.c|inc|corp|corporation|gmbh|plc|pte|"
                        r"jsc|ojsc|pjsc|kk|k\.k|s\.a|sa|ag|bv|b\.v|fze|fzco|fzc|llp|lp)\b\.?")
_SEGMENT = re.compile(r"\s*[,;\n]\s*")


@lru_cache(maxsize=4096)
def _is_country(segment: str) -> bool:
    text = segment.strip(" .")
    if not text or len(text) > 40:
        return False
    # imported on first use: it takes ~0.5 s, and most names have no comma
    from followthemoney import registry

    return registry.country.clean(text) is not None


def _address_like(segment: str) -> bool:
    return bool(_ADDRESS_WORDS.search(segment) or _CJK_ADDRESS.search(segment))


def _split_address(text: str) -> tuple[str, str]:
    """(name, address) of a name field with no c/o or attention marker."""
    segments = _SEGMENT.split(text)
    for cut in range(1, len(segments)):
        rest = segments[cut:]
        # a country alone after a comma is an address only after a legal form (`ACME LTD, HONG KONG`)
        country_only = len(rest) <= 2 and all(map(_is_country, rest)) and bool(_LEGAL_END.search(segments[cut - 1]))
        if _address_like(segments[cut]) or country_only:
            name = ", ".join(segments[:cut]).strip(" ,;")
            if re.search(r"\w", name):
                return name, ", ".join(s for s in rest if s)
    # no comma before the address: `ACME TRADING LTD 12 NATHAN ROAD`
    for match in _LEGAL_END.finditer(text):
        tail = text[match.end():]
        if re.search(r"\w", text[:match.start()]) and _address_like(tail) and re.search(r"\d|\w{3}", tail):
            return text[:match.end()].strip(" ,;"), tail.strip(" ,;")
    return text.strip(), ""


_EDGES = re.compile(r"^[\s,;(]+|[\s,;(]+$")


@lru_cache(maxsize=65536)
def split_party_name(text: str) -> PartyName:
    """The name in a party's name field, and any address, c/o or attention line written with it."""
    # a listing's clause (`and any successor, sub-unit, or subsidiary thereof`) is no address after a comma
    text = without_listing_clause(" ".join(text[:MAX_NAME_CHARS * 2].split(" ")))
    attention = care_of = ""
    found = _ATTENTION.search(text)
    if found and found.start() > 0:
        text, attention = text[:found.start()], text[found.end():].strip(" ,;")
    found = _CARE_OF.search(text)
    if found and found.start() > 0:
        text, care_of = text[:found.start()], text[found.end():].strip(" ,;")
    name, address = _split_address(text.strip(" ,;("))
    # a separator left before other white space (`0;\x85`, `0\r;\x85`): as a second reading would strip it
    name = _EDGES.sub("", name)
    if not re.search(r"\w", name):  # nothing but an address: keep the field whole
        return PartyName(text.strip())
    return PartyName(name, address, care_of, attention)


def query_for_names(values: Iterable[str], entity_type: str = "unknown", *, countries: Iterable[str] = (),
                    identifiers: Iterable[str] = (), dates: Iterable[str] = (), read_as: str | None = None) -> Query:
    """The query for a party's name fields as written: each split (`split_party_name`), the names prepared (as
    `read_as`, default `entity_type`), what was split off kept on the query (`Query.split_off`) for the
    explanation and as address evidence."""
    names: list[PreparedName] = []
    split_off: list[str] = []
    read_as = read_as or entity_type
    for value in dict.fromkeys(v for v in values if v):
        party = split_party_name(value) if read_as != "person" else PartyName(value)
        prepared = prepare_name(party.name, read_as, "query")
        if prepared is not None and prepared not in names:
            names.append(prepared)
        if party.evidence:
            split_off.append(f"{party.evidence} split off {value!r}")
    return Query(names=names, entity_type=entity_type, countries=list(countries), identifiers=list(identifiers),
                 dates=list(dates), split_off=split_off)
