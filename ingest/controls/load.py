"""Load every control source into the graph, in dependency order; or one file, recognised by its name.

Order: HS 2022 tree → ETCO (entries, Group A, 16(2) chapters) → item-16(1) HS prefixes → CHPL →
dual-use CSV lists → country groups → indicator terms. A control list whose version is already loaded
is re-merged (idempotent); a newer version loads beside the older one with a delta (added / changed /
removed codes) and the HS correlations of unchanged codes carried over. No Cypher here: `graph.controls`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.controls import (
    carry_correlations,
    latest_version,
    read_entry_fingerprints,
    write_control_entries,
    write_control_version,
    write_correlations,
    write_country_groups,
    write_hs_codes,
    write_indicator_terms,
    write_version_delta,
)
from ecgraph.ingest.controls import map as rows
from ecgraph.ingest.controls.catchall_hs import catch_all_correlations, parse_catchall_hs
from ecgraph.ingest.controls.chpl import parse_chpl
from ecgraph.ingest.controls.country_groups import parse_country_groups
from ecgraph.ingest.controls.delta import VersionDelta, compute_delta
from ecgraph.ingest.controls.etco_hs_correlation import parse_etco_hs_correlation
from ecgraph.ingest.controls.eu_dual_use import parse_dual_use_csv
from ecgraph.ingest.controls.hs_nomenclature import parse_hs
from ecgraph.ingest.controls.indicator_terms import parse_indicator_terms
from ecgraph.ingest.controls.jp_etco import LIST_ID as ETCO
from ecgraph.ingest.controls.jp_etco import catch_all_chapters, parse_jp_etco
from ecgraph.ingest.controls.records import ControlListRecord, HsCorrelation
from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.schemas.errors import SourceError

__all__ = ["ControlsLoadReport", "controls_dir", "load_all_controls", "load_control_file"]


@dataclass
class ControlsLoadReport:
    """What one run loaded: one line per source with its counts, the deltas and any rejected rows."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    deltas: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    rejects: list[dict[str, Any]] = field(default_factory=list)

    def add(self, source: str, file: Path, **counts: Any) -> None:
        self.sources.append({"source": source, "file": str(file), **counts})


def controls_dir() -> Path:
    """`data/controls` of the snapshot (ECGRAPH_SNAPSHOT_DIR or the repository's data/)."""
    return snapshot_dir() / "controls"


WMD_TERMS = "wmd_risk_goods_terms.csv"  # CA-02's strong-risk goods examples, terms like indicator_terms.csv
ETCO_HS = "hs_etco_correlation.csv"  # CL-01's HS subheadings dedicated to ETCO items 1-15


def load_all_controls(graph: Graph, folder: Path | None = None) -> ControlsLoadReport:
    folder = folder or controls_dir()
    report = ControlsLoadReport()
    _load_hs(graph, folder / "hs", report)
    for path in sorted((folder / "jp").glob("*.xml")):
        _load_etco(graph, path, report)
    _load_catchall(graph, folder / "jp_catchall_16_1_hs.csv", report)
    if (folder / ETCO_HS).exists():
        _load_etco_hs(graph, folder / ETCO_HS, report)
    _load_chpl(graph, folder / "chpl" / "chpl_2024-02.csv", folder / "chpl_hs.csv", report)
    for path in sorted((folder / "lists").glob("*.csv")) if (folder / "lists").is_dir() else []:
        _load_dual_use(graph, path, report)
    _load_groups(graph, folder / "country_groups.csv", report)
    _load_terms(graph, folder / "indicator_terms.csv", report)
    if (folder / WMD_TERMS).exists():
        _load_terms(graph, folder / WMD_TERMS, report)
    return report


def load_control_file(graph: Graph, path: Path) -> ControlsLoadReport:
    """One file, recognised by its name: an e-Gov ETCO XML, a CHPL / catch-all / groups / terms CSV, an
    HS folder, or a dual-use list CSV named <list_id>_<version>.csv."""
    report = ControlsLoadReport()
    name = path.name
    if path.is_dir() and (path / "harmonized-system.csv").exists():
        _load_hs(graph, path, report)
    elif name.endswith(".xml"):
        _load_etco(graph, path, report)
    elif name == "jp_catchall_16_1_hs.csv":
        _load_catchall(graph, path, report)
    elif name == ETCO_HS:
        _load_etco_hs(graph, path, report)
    elif name.startswith("chpl_") and name != "chpl_hs.csv":
        _load_chpl(graph, path, None, report)
    elif name == "country_groups.csv":
        _load_groups(graph, path, report)
    elif name in ("indicator_terms.csv", WMD_TERMS):
        _load_terms(graph, path, report)
    elif name.endswith(".csv"):
        _load_dual_use(graph, path, report)
    else:
        raise SourceError("not a control source this loader knows: give an e-Gov ETCO .xml, an HS folder, "
                          f"chpl_YYYY-MM.csv, jp_catchall_16_1_hs.csv, {ETCO_HS}, country_groups.csv, indicator_terms.csv, "
                          f"{WMD_TERMS} "
                          "or a dual-use list <list_id>_<version>.csv", source="controls", file=str(path))
    return report


def _write_list(graph: Graph, record: ControlListRecord, report: ControlsLoadReport) -> VersionDelta | None:
    """Write one list version; if an older version is loaded, record the delta against it."""
    previous = latest_version(graph, record.list_id, before=record.version)
    delta = None
    if previous is not None:
        prev_id = rows.version_id(record.list_id, previous)
        current = {e.code: e.fingerprint() for e in record.entries}
        delta = compute_delta(read_entry_fingerprints(graph, prev_id), current)
    write_control_version(graph, rows.version_row(record))
    write_control_entries(graph, rows.entry_rows(record, delta.change_of() if delta else None))
    if previous is not None and delta is not None:
        prev_id = rows.version_id(record.list_id, previous)
        lineage = [{"id": rows.entry_id(record.list_id, record.version, code),
                    "previous_id": rows.entry_id(record.list_id, previous, code), "change": change}
                   for code, change in delta.change_of().items() if change != "added"]
        write_version_delta(graph, rows.version_id(record.list_id, record.version), prev_id, delta.as_dict(),
                            lineage)
        carry_correlations(graph, prev_id, record.version)
        report.deltas[rows.version_id(record.list_id, record.version)] = {"previous": [previous], **delta.as_dict()}
    return delta


def _load_hs(graph: Graph, folder: Path, report: ControlsLoadReport) -> None:
    records = parse_hs(folder)
    write_hs_codes(graph, rows.hs_rows(records))
    report.add("hs_2022", folder, hs_codes=len(records))


def _load_etco(graph: Graph, path: Path, report: ControlsLoadReport) -> None:
    record = parse_jp_etco(path)
    delta = _write_list(graph, record, report)
    write_country_groups(graph, rows.group_rows(record.country_groups))
    chapters = catch_all_chapters(record)
    correlations = [HsCorrelation(hs_code=ch, list_id=ETCO, entry_code="16(2)", source="jp_etco_16_2_text",
                                  basis="関税定率法別表 chapter named in item 16(2) of the Order") for ch in chapters]
    write_correlations(graph, rows.correlation_rows(correlations, record.version))
    report.add(ETCO, path, version=record.version, entries=len(record.entries),
               group_a=len(record.country_groups), catch_all_chapters=len(chapters),
               delta={k: len(v) for k, v in delta.as_dict().items()} if delta else None)


def _load_catchall(graph: Graph, path: Path, report: ControlsLoadReport) -> None:
    version = latest_version(graph, ETCO)
    if version is None:
        raise SourceError("load the Export Trade Control Order XML first: these prefixes point at its item 16(1)",
                          source="jp_catchall_16_1_hs", file=str(path))
    prefixes = parse_catchall_hs(path)
    write_correlations(graph, rows.correlation_rows(catch_all_correlations(prefixes, ETCO), version))
    report.add("jp_catchall_16_1_hs", path, prefixes=len(prefixes), etco_version=version)


def _load_etco_hs(graph: Graph, path: Path, report: ControlsLoadReport) -> None:
    version = latest_version(graph, ETCO)
    if version is None:
        raise SourceError("load the Export Trade Control Order XML first: these HS codes point at its entries",
                          source="hs_etco_correlation", file=str(path))
    known = set(read_entry_fingerprints(graph, rows.version_id(ETCO, version)))
    correlations = parse_etco_hs_correlation(path, ETCO, known)
    write_correlations(graph, rows.correlation_rows(correlations, version))
    report.add("hs_etco_correlation", path, hs_codes=len(correlations), etco_version=version)


def _load_chpl(graph: Graph, path: Path, cross_check: Path | None, report: ControlsLoadReport) -> None:
    record, correlations = parse_chpl(path, cross_check if cross_check and cross_check.exists() else None)
    _write_list(graph, record, report)
    write_correlations(graph, rows.correlation_rows(correlations, record.version))
    report.add("chpl", path, version=record.version, tiers=len(record.entries), hs_codes=len(correlations))


def _load_dual_use(graph: Graph, path: Path, report: ControlsLoadReport) -> None:
    record, rejects = parse_dual_use_csv(path)
    delta = _write_list(graph, record, report)
    report.rejects.extend({"file": str(path), "line": r.line, "code": r.code, "reasons": r.reasons} for r in rejects)
    report.add(record.list_id, path, version=record.version, entries=len(record.entries), rejected=len(rejects),
               delta={k: len(v) for k, v in delta.as_dict().items()} if delta else None)


def _load_groups(graph: Graph, path: Path, report: ControlsLoadReport) -> None:
    members = parse_country_groups(path)
    write_country_groups(graph, rows.group_rows(members))
    report.add("country_groups", path, memberships=len(members), groups=len({m.group for m in members}))


def _load_terms(graph: Graph, path: Path, report: ControlsLoadReport) -> None:
    terms = parse_indicator_terms(path)
    write_indicator_terms(graph, rows.term_rows(terms))
    report.add("indicator_terms", path, terms=len(terms))


