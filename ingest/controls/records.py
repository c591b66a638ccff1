"""Record shapes of the control-list sources: what each file says, before it becomes graph rows.

One dataclass per kind of fact. Parsers fill them; `ingest/controls/map.py` turns them into the
plain rows that `ecgraph.graph.controls` writes. Codes are always text (HS codes keep leading zeros).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

__all__ = [
    "CatchAllPrefix",
    "ControlEntryRecord",
    "ControlListRecord",
    "CountryGroupMember",
    "HsCodeRecord",
    "HsCorrelation",
    "IndicatorTermRecord",
    "content_hash",
]


def content_hash(*parts: str) -> str:
    """A short stable hash of an entry's content: what a version delta compares."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass
class ControlEntryRecord:
    """One node of a control list's tree (an item, a sub-item, a sub-sub-item, a CHPL tier …)."""

    code: str  # normalised: "16", "16(1)", "16(1)-8", "3の2(2)-1", "3A001.a.1", "3.A"
    number: str  # the numbering exactly as the source prints it: "一六", "（一）", "１", "3A001.a.1"
    level: int  # 1 = item / category, deeper = sub-items
    parent_code: str | None
    text_ja: str | None = None
    text_en: str | None = None
    regimes: list[str] = field(default_factory=list)
    scope: str | None = None  # country scope: "ALL" or "ALL_EXCEPT:JP_GROUP_A"
    scope_text: str | None = None  # the scope as the source prints it
    deleted: bool = False  # the law keeps "削除" (deleted) sub-items to hold their numbers

    def fingerprint(self) -> str:
        return content_hash(self.text_ja or "", self.text_en or "", self.scope or "", ",".join(self.regimes))


@dataclass
class ControlListRecord:
    """A control list at one version, with every entry in tree order (parents before children)."""

    list_id: str  # "jp_etco", "chpl", "eu_dual_use_annex_i" …
    title: str
    version: str  # the date in the source file name: "20260214", "2024-02"
    source_file: str
    publisher: str
    entries: list[ControlEntryRecord] = field(default_factory=list)
    country_groups: list[CountryGroupMember] = field(default_factory=list)

    def by_code(self) -> dict[str, ControlEntryRecord]:
        return {entry.code: entry for entry in self.entries}


@dataclass
class HsCodeRecord:
    code: str  # "I" for a section, "01", "0101", "010121"
    level: str  # section | chapter | heading | subheading
    description: str
    parent: str | None
    section: str


@dataclass
class HsCorrelation:
    """An HS code (or prefix) said by a source to relate to a control entry: indicative only."""

    hs_code: str
    list_id: str
    entry_code: str
    source: str
    basis: str
    tier: str | None = None
    condition: str | None = None
    exclude: list[str] = field(default_factory=list)


@dataclass
class CatchAllPrefix:
    hs_prefix: str
    subitem: str  # "1" … "12" of item 16(1)
    description: str
    condition: str | None
    citation: str

    @property
    def entry_code(self) -> str:
        return f"16(1)-{self.subitem}"


@dataclass
class CountryGroupMember:
    iso2: str
    group: str
    source: str  # short source id, the key of the MEMBER_OF edge
    citation: str  # what the source row says about where it comes from


@dataclass
class IndicatorTermRecord:
    term: str
    lang: str
    category: str
    weight: float
    match: str  # word | word_cs | substring | regex | whole_description
    source: str
    span: str = "word"  # word | phrase | prefix | compound | pattern | description (on tokens)

    @property
    def id(self) -> str:
        return "term:" + content_hash(self.term, self.lang, self.category)
