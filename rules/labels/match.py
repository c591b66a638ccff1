"""Pure functions: which declaration party, goods item or control entry a label's mention refers to,
and where the label contradicts the declaration. Each result carries its evidence.

Rule names are versioned (`label_consignee_mismatch.v1`): when behaviour changes, add `.v2`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ecgraph.rules.resolution.legal_forms import split_legal_form
from ecgraph.rules.resolution.names import prepare_name
from ecgraph.rules.resolution.normalize import normalize_name
from ecgraph.rules.resolution.party_names import query_for_names
from ecgraph.rules.resolution.score import MATCHER_VERSION, Match, score_entry

__all__ = [
    "NAME_CUTOFF",
    "ROLE_RELATIONS",
    "code_key",
    "company_match",
    "contradictions",
    "dual_use_eccn",
    "hs_digits",
    "link_control_entries",
    "link_goods",
    "link_parties",
    "normalise_company",
]

# Resolution score (0–1, `score_entry`) at or above which a label's company name is the declared party's
# name. Calibrated on the dev split of benchmarks/label_linking.py only: its different-company pairs score
# ≤ 0.743 or ≥ 0.857 (an OCR-slipped `E0EREST` vs `EVEREST`; a shared name with another legal form), so the
# cutoff sits mid-gap; recall 0.910 vs 0.853 for the token_sort matcher, false links 2/2999 for both.
NAME_CUTOFF = 0.80
# How a party link was found: the resolution matcher (the one `ecgraph search` and screening use), its version.
LINK_METHOD = f"resolution.score_entry:{MATCHER_VERSION}"
# Which declaration relation a label role is compared with.
ROLE_RELATIONS = {"shipper": ("EXPORTER",), "consignee": ("CONSIGNEE",), "manufacturer": ("MANUFACTURER",)}


def normalise_company(name: str) -> str:
    """What two spellings of a company share: the resolution compare form (schemas.names) without its
    legal forms (rigour's table plus ours, as resolution splits them): `WAKABA SYSTEMS CO., LTD.` and
    `Wakaba Systems Co Ltd` are both `wakaba systems`, `株式会社大洋工業` is `大洋工業`."""
    return split_legal_form(normalize_name(name)).core


def code_key(text: str) -> str:
    """Model and part numbers as the label reader compares them: upper case, the letter O as the
    digit 0 (OCR cannot tell them apart in a code, so the reader folds them; the declaration's
    description is folded the same way before a label's code is looked for in it)."""
    return unicodedata.normalize("NFKC", text).upper().replace("O", "0")


def hs_digits(norm: str) -> str:
    return re.sub(r"\D", "", norm)[:6]


def dual_use_eccn(eccn: str) -> bool:
    """An ECCN of the multilateral control lists (xY0nn–xY5nn); not EAR99 nor 9x9 'anti-terrorism only'."""
    match = re.match(r"^(\d)([A-E])(\d)\d\d", eccn.strip().upper())
    return bool(match) and match.group(3) in "012345"  # type: ignore[union-attr]


def company_match(name: str, party: Mapping[str, Any]) -> Match | None:
    """How well a label's company name matches a declared party's names, by the resolution matcher's pair
    scorer (`score_entry`: forms, legal forms, gates and explanation), the party read as an organisation as
    screening reads it (`party_query`); None when either side has nothing comparable."""
    query = query_for_names([name], "unknown", read_as="organization")
    names = [
        prepared
        for value in (party.get("names") or [party["name"]])
        if value and (prepared := prepare_name(str(value), "organization")) is not None
    ]
    if not query.names or not names:
        return None
    return score_entry(query, {"id": str(party.get("element_id") or ""), "entity_type": "unknown"}, names)


def _best_party(name: str, parties: Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any], float] | None:
    best: tuple[Mapping[str, Any], float] | None = None
    for party in parties:
        match = company_match(name, party)
        if match is not None and (best is None or match.score > best[1]):
            best = (party, match.score)
    return best


def link_parties(
    capture_id: str, mentions: Sequence[Mapping[str, Any]], parties: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Company mentions → the declaration's parties whose name matches (any role)."""
    rows = []
    for mention in mentions:
        if mention["type"] != "company":
            continue
        best = _best_party(mention["norm"], parties)
        if best and best[1] >= NAME_CUTOFF:
            rows.append(
                {
                    "mention_id": mention["mention_id"],
                    "target_id": best[0]["element_id"],
                    "rule": "label_party_name.v1",
                    "score": round(best[1], 3),
                    "method": LINK_METHOD,
                    "capture_id": capture_id,
                }
            )
    return rows


def link_goods(
    capture_id: str, mentions: list[Mapping[str, Any]], items: list[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """HS codes → goods items of the same 6-digit subheading; model numbers → items whose description
    names them."""
    rows = []
    for mention in mentions:
        for item in items:
            if mention["type"] == "hs_code" and str(item.get("hs_code") or "")[:6] == hs_digits(
                mention["norm"]
            ):
                rule = "label_hs_goods_item.v1"
            elif (
                mention["type"] in ("model_number", "part_number")
                and code_key(mention["norm"]) in code_key(str(item.get("description") or ""))
            ):
                rule = "label_model_goods_item.v1"
            else:
                continue
            rows.append(
                {
                    "mention_id": mention["mention_id"],
                    "target_id": item["element_id"],
                    "rule": rule,
                    "score": 1.0,
                    "method": "exact",
                    "capture_id": capture_id,
                }
            )
    return rows


def link_control_entries(
    capture_id: str,
    mentions: Sequence[Mapping[str, Any]],
    hs_nodes: Sequence[Mapping[str, Any]],
    entries: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """HS codes → HSCode nodes (and the control entries they correlate with); ECCNs → control entries."""
    rows = []
    for mention in mentions:
        if mention["type"] == "hs_code":
            for node in hs_nodes:
                if node["prefix"] != hs_digits(mention["norm"]):
                    continue
                rows.append(
                    {
                        "mention_id": mention["mention_id"],
                        "target_id": node["hs_element_id"],
                        "rule": "label_hs_code.v1",
                        "score": 1.0,
                        "method": "exact",
                        "capture_id": capture_id,
                    }
                )
                rows.extend(
                    {
                        "mention_id": mention["mention_id"],
                        "target_id": entry_id,
                        "rule": "label_hs_control_entry.v1",
                        "score": 1.0,
                        "method": "hs_correlation",
                        "capture_id": capture_id,
                    }
                    for entry_id in node["control_entry_ids"]
                )
        elif mention["type"] == "eccn":
            rows.extend(
                {
                    "mention_id": mention["mention_id"],
                    "target_id": entry["element_id"],
                    "rule": "label_eccn_control_entry.v1",
                    "score": 1.0,
                    "method": "exact",
                    "capture_id": capture_id,
                }
                for entry in entries
                if entry["code"] == mention["norm"]
            )
    return rows


def contradictions(capture: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Where the label says something else than the declaration: evidence for the label-mismatch rules."""
    number = capture.get("declaration")
    if not number:
        return []
    mentions, parties, items = capture["mentions"], capture["parties"], capture["items"]
    found: list[dict[str, Any]] = []

    def add(field: str, declared: str, on_label: str, reason: str, rule: str) -> None:
        found.append(
            {
                "capture_id": capture["id"],
                "declaration": number,
                "field": field,
                "declared": declared,
                "on_label": on_label,
                "reason": reason,
                "rule": rule,
            }
        )

    for mention in mentions:
        if mention["type"] != "company" or mention.get("role") not in ROLE_RELATIONS:
            continue
        role = mention["role"]
        declared = [p for p in parties if p["relation"] in ROLE_RELATIONS[role]]
        if not declared:
            continue
        best = _best_party(mention["norm"], declared)
        if best is None or best[1] < NAME_CUTOFF:
            names = "; ".join(sorted(p["name"] for p in declared))
            add(
                role,
                names,
                mention["value"],
                f"the label names {role} {mention['value']!r}, the declaration {names!r} "
                f"(name score {best[1] if best else 0:.2f} < {NAME_CUTOFF:.2f})",
                f"label_{role}_mismatch.v1",
            )
    declared_chapters = {str(i["hs_code"])[:2] for i in items if i.get("hs_code")}
    for mention in mentions:
        if (
            mention["type"] == "hs_code"
            and declared_chapters
            and hs_digits(mention["norm"])[:2] not in declared_chapters
        ):
            declared_codes = ", ".join(sorted(str(i["hs_code"]) for i in items if i.get("hs_code")))
            add(
                "hs_code",
                declared_codes,
                mention["norm"],
                f"the label's HS code {mention['norm']} is in chapter {hs_digits(mention['norm'])[:2]}, "
                f"the declared goods in chapter(s) {', '.join(sorted(declared_chapters))}",
                "label_hs_chapter_mismatch.v1",
            )
    if not capture.get("licence_number"):
        for mention in mentions:
            dual_use = (mention["type"] == "eccn" and dual_use_eccn(mention["norm"])) or (
                mention["type"] == "jp_control_status" and mention["norm"] == "該当"
            )
            if dual_use:
                add(
                    "control_status",
                    "no export licence",
                    mention["value"],
                    f"the label says {mention['value']} (listed dual-use goods) but the declaration "
                    "carries no export licence number",
                    "label_dual_use_undeclared.v1",
                )
    return found
