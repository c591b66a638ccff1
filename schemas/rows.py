"""Typed rows at the graph boundary, generated from schemas/model/ by

    python -m ecgraph.schemas.graph_model > schemas/rows.py

Do not edit by hand: change the model and regenerate (a test compares the two)."""

from __future__ import annotations

from typing import Any, Required, TypedDict

__all__ = [
    "AlertEventRow",
    "AlertRow",
    "DeclarationRow",
    "ListEntryRow",
    "MatchRow",
    "PartyRow",
    "ScreeningRunRow",
    "SuppressionRow",
]

# Alert: One rule firing on one declaration (rules/engine writes it through graph/alerts.py).
AlertRow = TypedDict("AlertRow", {
    "id": Required[str],
    "rule_id": Required[str],
    "rule_version": Required[int],
    "rule_name": str | None,
    "severity": Required[str],
    "score": float | None,
    "explanation": str | None,
    "evidence": str | None,
    "matched": str | None,
    "evidence_hash": str | None,
    "content_hash": str | None,
    "declaration": Required[str],
    "source": str | None,
    "params": str | None,
    "status": Required[str],
    "created_at": Any | None,
    "created_run": str | None,
    "last_seen_run": str | None,
    "last_seen_at": Any | None,
    "updated_at": Any | None,
}, total=False)

# AlertEvent: One status change of an alert, by an analyst or by the engine (closing an alert whose rule no lo
AlertEventRow = TypedDict("AlertEventRow", {
    "at": Required[Any],
    "analyst": Required[str],
    "from": Required[str],
    "to": Required[str],
    "note": str | None,
}, total=False)

# ScreeningRun: One `ecgraph screen` run: what it screened, with which rule versions, how long each rule took 
ScreeningRunRow = TypedDict("ScreeningRunRow", {
    "id": Required[str],
    "mode": Required[str],
    "started_at": Required[Any],
    "finished_at": Any | None,
    "status": Required[str],
    "rule_versions": list[str] | None,
    "declarations": int | None,
    "alerts_new": int | None,
    "alerts_total": int | None,
    "alerts_closed": int | None,
    "duration_s": float | None,
    "rule_seconds": list[str] | None,
    "phase_seconds": list[str] | None,
    "inactive_rules": list[str] | None,
    "error": str | None,
    "holder": str | None,
}, total=False)

# Declaration: An export declaration (NACCS 輸出申告)
DeclarationRow = TypedDict("DeclarationRow", {
    "number": Required[str],
    "version": Required[int],
    "date": Required[Any],
    "declaration_type": str | None,
    "destination": Required[str],
    "transit": list[str] | None,
    "port_of_loading": str | None,
    "transport_mode": str | None,
    "vessel_flight": str | None,
    "invoice_number": str | None,
    "value": Required[float],
    "currency": Required[str],
    "licence_number": str | None,
    "ecommerce": bool | None,
    "item_count": int | None,
    "hash": Required[str],
    "source_file": str | None,
    "source_line": int | None,
    "loaded_at": Any | None,
    "risk_score": float | None,
    "risk_level": str | None,
    "risk_explanation": str | None,
    "screened_at": Any | None,
    "screened_run": str | None,
    "value_jpy": float | None,
    "small_value_exception": bool | None,
    "tracking_number": str | None,
}, total=False)

# Party: A party as declared on export declarations (exporter, consignee, end user, notify party, forwarder, d
PartyRow = TypedDict("PartyRow", {
    "key": Required[str],
    "name": Required[str],
    "names": Required[list[str]],
    "name_norm": str | None,
    "name_latin": str | None,
    "country": str | None,
    "corp_no": str | None,
    "first_seen": Any | None,
    "screen_hash": str | None,
    "screened_at": Any | None,
    "kind": str | None,
    "identifiers": list[str] | None,
    "industry": str | None,
    "incorporation_date": Any | None,
    "display_name": str | None,
    "display_of": str | None,
}, total=False)

# ListEntry: One listed person, organisation, vessel or aircraft, as its source states it (ingest/records.py L
ListEntryRow = TypedDict("ListEntryRow", {
    "id": Required[str],
    "source": Required[str],
    "source_id": Required[str],
    "list": Required[str],
    "sub_list": str | None,
    "entity_type": Required[str],
    "name": Required[str],
    "names": Required[list[str]],
    "programs": list[str] | None,
    "birth_dates": list[str] | None,
    "listed_on": str | None,
    "url": str | None,
    "content_hash": Required[str],
    "record": Required[str],
    "status": Required[str],
    "delisted_on": Any | None,
    "first_seen_version": str | None,
    "last_seen_version": str | None,
    "display_name": str | None,
    "display_of": str | None,
}, total=False)

# MATCHES: A declaration party screened against the lists resembles a list entry (rules/resolution/screen.py).
MatchRow = TypedDict("MatchRow", {
    "score": Required[float],
    "explanation": Required[str],
    "matcher_version": Required[str],
}, total=False)

# Suppression: An analyst's decision that a party is not a list entry (a false positive), kept as data like no
SuppressionRow = TypedDict("SuppressionRow", {
    "party": Required[str],
    "entry": Required[str],
    "party_fp": str | None,
    "entry_fp": str | None,
    "analyst": str | None,
    "note": str | None,
    "at": Any | None,
    "active": Required[bool],
    "alert": str | None,
    "lifted_by": str | None,
    "lifted_at": Any | None,
    "lift_note": str | None,
}, total=False)
