"""Ownership and control facts from Beneficial Ownership Data Standard (BODS) statements.

Reads BODS 0.2/0.3 (`statementID`, `statementType`) and 0.4 (`recordId`, `recordType`,
`recordDetails`) as a JSON array or JSON Lines. Entities and persons become parties keyed exactly like
declaration parties (so a consignee and its owner statement meet on one node); each shareholding or
voting interest becomes an `OWNS` fact with its percentage (exact, or the midpoint of a range), date
and statement id; a board seat or senior managing role becomes an officer fact (`OFFICER_OF`), and an
entity's identifiers (registration numbers, LEI) become identifier facts, so that companies sharing a
director or a registration number meet in the graph (PS-05). Statements that cannot be read go to the
rejects with the reason; the rest load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecgraph.ingest.declarations.map import normalise_name, party_key
from ecgraph.ingest.json_lines import json_objects
from ecgraph.ingest.list_map import normalise_identifier
from ecgraph.schemas.errors import SourceError

__all__ = ["OwnershipFacts", "parse_bods"]

OWNERSHIP_INTERESTS = {"shareholding", "voting-rights", "votingRights", "other-influence-or-control",
                       "appointment-of-board", "controlByLegalFramework"}
# BODS 0.2/0.3 camelCase and 0.4 kebab-case codes for the people who run a company rather than own it
OFFICER_INTERESTS = {"boardMember": "board member", "board-member": "board member", "boardChair": "board chair",
                     "board-chair": "board chair", "seniorManagingOfficial": "senior managing official",
                     "senior-managing-official": "senior managing official"}


@dataclass
class OwnershipFacts:
    parties: dict[str, dict[str, Any]] = field(default_factory=dict)  # statement id -> party row
    edges: list[dict[str, Any]] = field(default_factory=list)
    officers: list[dict[str, Any]] = field(default_factory=list)  # {officer, company, role, as_of, statement, source}
    identifiers: list[dict[str, Any]] = field(default_factory=list)  # {party, id, type, value, value_norm}
    rejects: list[dict[str, Any]] = field(default_factory=list)


def _statements(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """BODS statements with their line (JSON Lines) or position (one JSON array)."""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        is_array = handle.read(4096).lstrip().startswith("[")
    if not is_array:
        yield from json_objects(path, "bods", "one BODS statement object per line, or one JSON array of statements")
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise SourceError(f"not valid JSON: {exc.msg}", source="bods", file=str(path), line=exc.lineno) from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8",
                          source="bods", file=str(path)) from exc
    for index, statement in enumerate(data, start=1):
        if not isinstance(statement, dict):
            raise SourceError(f"statement {index} of the array is not a JSON object", source="bods", file=str(path))
        yield index, statement


def _kind(statement: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """(type, id, details) for 0.2/0.3 and 0.4 statements alike."""
    if "recordType" in statement:  # BODS 0.4
        kind = {"entity": "entityStatement", "person": "personStatement",
                "relationship": "ownershipOrControlStatement"}.get(statement["recordType"], statement["recordType"])
        return kind, str(statement.get("recordId") or statement.get("statementId")), statement.get("recordDetails", {})
    return str(statement.get("statementType")), str(statement.get("statementID")), statement


def _share(interest: dict[str, Any]) -> float | None:
    share = interest.get("share") or {}
    if "exact" in share:
        return float(share["exact"])
    low = share.get("minimum", share.get("exclusiveMinimum"))
    high = share.get("maximum", share.get("exclusiveMaximum"))
    if low is not None and high is not None:
        return (float(low) + float(high)) / 2
    return None


def _ref(party: Any) -> str | None:
    if isinstance(party, str):  # 0.4: the record id of the party
        return party
    if isinstance(party, dict):
        return party.get("describedByEntityStatement") or party.get("describedByPersonStatement")
    return None


def parse_bods(path: Path) -> OwnershipFacts:
    facts = OwnershipFacts()
    relationships: list[tuple[int, str, dict[str, Any], str | None]] = []
    for line, statement in _statements(path):
        kind, sid, details = _kind(statement)
        date = statement.get("statementDate")
        if kind == "entityStatement":
            name = details.get("name")
            country = (details.get("incorporatedInJurisdiction") or details.get("jurisdiction") or {}).get("code")
            if not name:
                facts.rejects.append({"line": line, "statement": sid, "reasons": ["entity statement without a name"],
                                      "raw": statement})
                continue
            facts.parties[sid] = {"key": party_key({"name": name, "country": country}), "name": name,
                                  "name_norm": normalise_name(name), "country": country, "kind": "company",
                                  "identifiers": [f"{i.get('scheme') or i.get('schemeName')}:{i.get('id')}"
                                                  for i in details.get("identifiers", []) if i.get("id")]}
        elif kind == "personStatement":
            names = details.get("names") or []
            full = names[0].get("fullName") if names else None
            nationality = ((details.get("nationalities") or [{}])[0] or {}).get("code")
            if not full:
                facts.rejects.append({"line": line, "statement": sid, "reasons": ["person statement without a name"],
                                      "raw": statement})
                continue
            facts.parties[sid] = {"key": party_key({"name": full, "country": nationality}), "name": full,
                                  "name_norm": normalise_name(full), "country": nationality, "kind": "person",
                                  "identifiers": []}
        elif kind == "ownershipOrControlStatement":
            relationships.append((line, sid, details, date))
        else:
            facts.rejects.append({"line": line, "statement": sid, "reasons": [f"unknown statement type {kind!r}"],
                                  "raw": statement})
    for line, sid, details, date in relationships:
        owned = facts.parties.get(_ref(details.get("subject")) or "")
        owner = facts.parties.get(_ref(details.get("interestedParty")) or "")
        if owned is None or owner is None:
            facts.rejects.append({"line": line, "statement": sid,
                                  "reasons": ["subject or interested party is not described by a statement in this file"],
                                  "raw": details})
            continue
        interests = details.get("interests", [])
        roles = sorted({OFFICER_INTERESTS[i["type"]] for i in interests if i.get("type") in OFFICER_INTERESTS})
        for role in roles:
            facts.officers.append({"officer": owner["key"], "company": owned["key"], "role": role, "as_of": date,
                                   "statement": sid, "source": f"bods:{path.name}"})
        shares = [_share(i) for i in interests if i.get("type") in OWNERSHIP_INTERESTS]
        if roles and not shares:
            continue  # a director, not an owner
        known = [s for s in shares if s is not None]
        facts.edges.append({"owner": owner["key"], "owned": owned["key"], "pct": max(known) if known else None,
                            "as_of": date, "statement": sid, "source": f"bods:{path.name}"})
    for party in facts.parties.values():
        for scheme_id in party["identifiers"]:
            scheme, _, value = scheme_id.partition(":")
            norm = normalise_identifier(value)
            if norm:
                facts.identifiers.append({"party": party["key"], "id": f"{scheme}:{norm}", "type": scheme,
                                          "value": value, "value_norm": norm})
    return facts
