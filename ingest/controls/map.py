"""Records → the plain rows that `ecgraph.graph.controls` writes (ids, properties, parents)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ecgraph.ingest.controls.records import (
    ControlEntryRecord,
    ControlListRecord,
    CountryGroupMember,
    HsCodeRecord,
    HsCorrelation,
    IndicatorTermRecord,
)

__all__ = ["correlation_rows", "entry_id", "entry_rows", "group_rows", "hs_rows", "term_rows", "version_id",
           "version_row"]


def version_id(list_id: str, version: str) -> str:
    return f"{list_id}:{version}"


def entry_id(list_id: str, version: str, code: str) -> str:
    """`jp_etco:20260214:16(1)-8`: list, version and the code as the list numbers it."""
    return f"{list_id}:{version}:{code}"


def version_row(record: ControlListRecord) -> dict[str, Any]:
    return {"list_id": record.list_id, "title": record.title, "publisher": record.publisher,
            "version": record.version, "version_id": version_id(record.list_id, record.version),
            "source_file": record.source_file, "entry_count": len(record.entries)}


def entry_rows(record: ControlListRecord, changes: dict[str, str] | None = None) -> list[dict[str, Any]]:
    vid = version_id(record.list_id, record.version)
    return [{
        "id": entry_id(record.list_id, record.version, e.code), "version_id": vid,
        "parent_id": entry_id(record.list_id, record.version, e.parent_code) if e.parent_code else None,
        "props": _entry_props(record, e, (changes or {}).get(e.code)),
    } for e in record.entries]


def _entry_props(record: ControlListRecord, entry: ControlEntryRecord, change: str | None) -> dict[str, Any]:
    props = {
        "list": record.list_id, "version": record.version, "code": entry.code, "number": entry.number,
        "level": entry.level, "text_ja": entry.text_ja or None, "text_en": entry.text_en, "regimes": entry.regimes,
        "scope": entry.scope, "scope_text": entry.scope_text, "deleted": entry.deleted,
        "fingerprint": entry.fingerprint(), "source": record.source_file, "change": change,
    }
    return {k: v for k, v in props.items() if v is not None}


def hs_rows(records: list[HsCodeRecord]) -> list[dict[str, Any]]:
    return [asdict(r) for r in records]


def correlation_rows(correlations: list[HsCorrelation], version: str) -> list[dict[str, Any]]:
    return [{"hs_code": c.hs_code, "entry_id": entry_id(c.list_id, version, c.entry_code), "source": c.source,
             "basis": c.basis, "tier": c.tier, "condition": c.condition, "exclude": c.exclude}
            for c in correlations]


def group_rows(members: list[CountryGroupMember]) -> list[dict[str, Any]]:
    return [asdict(m) for m in members]


def term_rows(terms: list[IndicatorTermRecord]) -> list[dict[str, Any]]:
    return [{"id": t.id, **asdict(t)} for t in terms]
