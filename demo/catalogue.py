"""Real reference data the demo generator draws on: HS codes, the CHPL, country groups, indicator
terms and listed entities, all read from the project's data snapshot.

Listed entities come through the list parsers in `ecgraph.ingest.registry` (us_trade_csl first, then
every other registered source). Until a list parser is registered, a minimal reader of the bundled
trade.gov Consolidated Screening List stands in, so the generator works on a fresh checkout.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext

__all__ = ["Catalogue", "ListedEntity", "load_catalogue"]

LISTED_SOURCE = "us_trade_csl"
# Listed organisations from these countries are the ones that turn up on Japanese export declarations.
RELEVANT_COUNTRIES = frozenset({"RU", "CN", "HK", "IR", "AE", "TR", "BY", "KZ", "AM", "KG", "UZ", "SG", "MY", "TH",
                                "IN", "PK", "SY", "KP", "GE", "TW", "VN", "RS"})


@dataclass(frozen=True)
class ListedEntity:
    source: str
    source_id: str
    list: str | None
    name: str
    address: str | None
    country: str


@dataclass(frozen=True)
class Catalogue:
    hs6: tuple[tuple[str, str], ...]  # (code, description) of every HS 2022 subheading
    chpl: dict[str, str]  # hs6 -> tier
    groups: dict[str, frozenset[str]]  # country group -> ISO-2 codes
    terms: dict[str, tuple[str, ...]]  # indicator category -> English terms
    listed: tuple[ListedEntity, ...]
    people: tuple[ListedEntity, ...] = ()  # listed natural persons, for a marketplace buyer who is one

    @property
    def hubs(self) -> frozenset[str]:
        """DIVERSION_HUB of rules-domain.md §1.9: designated regions + transshipment lists − Group A."""
        g = self.groups
        union = (g.get("JP_THIRD_COUNTRY_DESIGNATED_REGION", frozenset())
                 | g.get("FINCEN_BIS_TRANSSHIPMENT_2023", frozenset()) | g.get("TRISEAL_TRANSSHIPMENT_2023", frozenset()))
        return union - g.get("JP_GROUP_A", frozenset())


@cache
def load_catalogue(data_dir: Path) -> Catalogue:
    organisations, people = _listed(data_dir)
    return Catalogue(_hs6(data_dir), _chpl(data_dir), _groups(data_dir), _terms(data_dir), organisations, people)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _hs6(data_dir: Path) -> tuple[tuple[str, str], ...]:
    rows = _read(data_dir / "controls" / "hs" / "harmonized-system.csv")
    return tuple((r["hscode"], r["description"]) for r in rows if r["level"] == "6")


def _chpl(data_dir: Path) -> dict[str, str]:
    return {r["hs6"]: r["tier"] for r in _read(data_dir / "controls" / "chpl" / "chpl_2024-02.csv")}


def _groups(data_dir: Path) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for row in _read(data_dir / "controls" / "country_groups.csv"):
        found.setdefault(row["group"], set()).add(row["iso2"])
    return {k: frozenset(v) for k, v in found.items()}


def _terms(data_dir: Path) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for row in _read(data_dir / "controls" / "indicator_terms.csv"):
        if row["lang"] == "en":
            found.setdefault(row["category"], []).append(row["term"])
    return {k: tuple(v) for k, v in found.items()}


def _listed(data_dir: Path) -> tuple[tuple[ListedEntity, ...], tuple[ListedEntity, ...]]:
    """Organisations, and persons, of the bundled US Consolidated Screening List in the countries the demo
    ships to.

    The CSL carries the Entity List, MEU, SDN and the other US lists in one file, so one source gives
    the demo listed parties of every kind; read through its real parser, like any load.
    """
    source = get_source(LISTED_SOURCE)
    kinds: dict[str, list[ListedEntity]] = {"organization": [], "person": []}
    for e in source.parse(source.snapshot_files(data_dir), ParseContext(LISTED_SOURCE)):
        if e.entity_type in kinds and e.addresses and e.addresses[0].country in RELEVANT_COUNTRIES:
            kinds[e.entity_type].append(ListedEntity(e.source, e.source_id, e.list, e.name.strip(),
                                                     e.addresses[0].full, e.addresses[0].country))
    return tuple(sorted(kinds["organization"], key=lambda e: (e.source, e.source_id))), tuple(
        sorted(kinds["person"], key=lambda e: (e.source, e.source_id)))
