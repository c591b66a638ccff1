"""Dual-use lists in one simple CSV layout: EU Annex I (Reg. (EU) 2021/821), the Wassenaar list, …

Drop a file named `<list_id>_<version>.csv` (version: YYYY-MM-DD, YYYYMMDD or YYYY-MM) with the
columns documented in `schemas/records/dual_use_list_row.md` (code, text; optional lang, regime,
note). EU codes read as category / product group / regime number / sub-items: 3A001.a.1 is
category 3 (Electronics), group A (systems, equipment, components), number 001, whose first digit
is the regime (0 Wassenaar, 1 MTCR, 2 NSG, 3 Australia Group, 4 CWC), then sub-items .a and .1.
Wassenaar codes (3.A.1.a.1) read the same way, regime WA. The tree is category → group → entry →
sub-items; a row whose parent is not in the file goes to the rejects with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ecgraph.ingest.controls._csv import read_rows
from ecgraph.ingest.controls.records import ControlEntryRecord, ControlListRecord
from ecgraph.schemas.errors import SourceError

__all__ = ["CATEGORIES", "KNOWN_LISTS", "DualUseReject", "parse_code", "parse_dual_use_csv"]

# list id -> (title, publisher). A new list is one line here and a file dropped in.
KNOWN_LISTS: dict[str, tuple[str, str]] = {
    "eu_dual_use_annex_i": ("EU dual-use list, Annex I of Regulation (EU) 2021/821", "European Union"),
    "wa_dual_use_list": ("Wassenaar Arrangement List of Dual-Use Goods and Technologies", "Wassenaar Arrangement"),
}
CATEGORIES = {
    "0": "Nuclear materials, facilities and equipment", "1": "Special materials and related equipment",
    "2": "Materials processing", "3": "Electronics", "4": "Computers",
    "5": "Telecommunications and information security", "6": "Sensors and lasers",
    "7": "Navigation and avionics", "8": "Marine", "9": "Aerospace and propulsion",
}
GROUPS = {"A": "Systems, equipment and components", "B": "Test, inspection and production equipment",
          "C": "Materials", "D": "Software", "E": "Technology"}
REGIME_DIGITS = {"0": "WA", "1": "MTCR", "2": "NSG", "3": "AG", "4": "CWC"}
_EU_CODE = re.compile(r"^([0-9])([A-E])([0-9]{3})((?:\.[a-z0-9]+)*)$")
_WA_CODE = re.compile(r"^([0-9])\.([A-E])\.([0-9]+)((?:\.[a-z0-9]+)*)$")
_NAME = re.compile(r"^([a-z][a-z0-9_]*?)_(\d{4}-\d{2}-\d{2}|\d{8}|\d{4}-\d{2})$")


@dataclass
class DualUseReject:
    line: int
    code: str
    reasons: list[str]


@dataclass(frozen=True)
class ParsedCode:
    category: str
    group: str
    number: str
    subitems: tuple[str, ...]
    regime: str
    separator: str  # "" for EU codes (3A001), "." for Wassenaar codes (3.A.1)

    def prefix(self, depth: int) -> str:
        """The code of the ancestor `depth` sub-items deep (0 = the entry itself, e.g. 3A001)."""
        base = f"{self.category}{self.separator}{self.group}{self.separator}{self.number}"
        return base + "".join(f".{s}" for s in self.subitems[:depth])


def parse_code(code: str) -> ParsedCode | None:
    """The parts of an EU (3A001.a.1) or Wassenaar (3.A.1.a.1) code, or None if it is neither."""
    if match := _EU_CODE.match(code):
        # category 0 is the NSG trigger list whatever its digits; elsewhere the first digit names the regime
        regime = "NSG" if match.group(1) == "0" else REGIME_DIGITS.get(match.group(3)[0], "")
        return ParsedCode(match.group(1), match.group(2), match.group(3), _subs(match.group(4)), regime, "")
    if match := _WA_CODE.match(code):
        return ParsedCode(match.group(1), match.group(2), match.group(3), _subs(match.group(4)), "WA", ".")
    return None


def _subs(tail: str) -> tuple[str, ...]:
    return tuple(part for part in tail.split(".") if part)


def parse_dual_use_csv(path: Path) -> tuple[ControlListRecord, list[DualUseReject]]:
    match = _NAME.match(path.stem)
    if not match or match.group(1) not in KNOWN_LISTS:
        raise SourceError(f"file name {path.name!r} must be <list_id>_<version>.csv with list_id one of "
                          f"{sorted(KNOWN_LISTS)} (add a list to KNOWN_LISTS in ingest/controls/eu_dual_use.py)",
                          source="dual_use_csv", file=str(path))
    list_id, version = match.group(1), match.group(2)
    title, publisher = KNOWN_LISTS[list_id]
    record = ControlListRecord(list_id=list_id, title=title, version=version, source_file=path.name,
                               publisher=publisher)
    rejects: list[DualUseReject] = []
    codes: set[str] = set()
    for line, row in read_rows(path, list_id, ("code", "text"), optional=("lang", "regime", "note")):
        code, text, lang = row["code"], row["text"], row.get("lang") or "en"
        parsed = parse_code(code)
        reasons = []
        if parsed is None:
            reasons.append(f"code {code!r} is neither an EU (3A001.a.1) nor a Wassenaar (3.A.1.a.1) code")
        if not text:
            reasons.append("text is empty")
        if lang not in ("en", "ja", "fr", "de"):
            reasons.append(f"lang {lang!r} is not one of en, ja, fr, de")
        if code in codes:
            reasons.append(f"code {code} appears twice")
        if parsed is not None and parsed.subitems and parsed.prefix(len(parsed.subitems) - 1) not in codes:
            reasons.append(f"parent {parsed.prefix(len(parsed.subitems) - 1)} is not in the file above this row")
        regime = row.get("regime") or (parsed.regime if parsed else "")
        if parsed is not None and not regime:
            reasons.append(f"regime digit {parsed.number[0]} is not one of {sorted(REGIME_DIGITS)}; give a regime")
        if reasons or parsed is None:
            rejects.append(DualUseReject(line=line, code=code, reasons=reasons))
            continue
        _add_ancestors(record, parsed, codes)
        parent = parsed.prefix(len(parsed.subitems) - 1) if parsed.subitems else f"{parsed.category}{parsed.separator}{parsed.group}"
        record.entries.append(ControlEntryRecord(
            code=code, number=code, level=3 + len(parsed.subitems), parent_code=parent,
            text_en=text if lang == "en" else None, text_ja=text if lang == "ja" else None,
            regimes=[regime], scope="ALL",
        ))
        codes.add(code)
    return record, rejects


def _add_ancestors(record: ControlListRecord, parsed: ParsedCode, codes: set[str]) -> None:
    """Category (3) and product group (3A) entries, made once from the fixed names of the list's structure."""
    category, group = parsed.category, f"{parsed.category}{parsed.separator}{parsed.group}"
    if category not in codes:
        record.entries.append(ControlEntryRecord(code=category, number=category, level=1, parent_code=None,
                                                 text_en=CATEGORIES[category], regimes=[], scope="ALL"))
        codes.add(category)
    if group not in codes:
        record.entries.append(ControlEntryRecord(code=group, number=group, level=2, parent_code=category,
                                                 text_en=f"{CATEGORIES[category]}: {GROUPS[parsed.group]}",
                                                 regimes=[], scope="ALL"))
        codes.add(group)
