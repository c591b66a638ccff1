"""An alert's findings as an officer reads them: one sentence per party, the matched fields side by side.

The rule engine keeps one finding per (party, list entry) pair, and its explanation one clause per pair:
"consignee BANK ROSSIYA matches us_ofac_sdn …; consignee BANK ROSSIYA matches us_trade_csl …" seven
times. Here the findings of one party are grouped into one sentence ("consignee BANK ROSSIYA matches 5
lists: OFAC SDN 19574, US CSL 19574, … (exact name)"). Entries with another name that only resemble the
party (a 0.86 to a different shipping company beside a 1.00 to the listed one) are not evidence of this
alert: they are said apart, as "also similar to".
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ecgraph.cli.evidence_picture import list_name

__all__ = ["PartyFindings", "alert_summary", "evidence_rows", "findings_of", "group_findings", "match_rows",
           "other_findings", "plain_text", "risk_summary"]

# a finding this far below the party's best, under another listed name, only resembles the party
SIMILAR_MARGIN = 0.04
METHODS = {"exact": "exact name", "token_sort+rarity": "same words", "spelling_variant": "spelling variant", "joined": "words joined",
           "initials": "initials", "phonetic_skeleton": "sounds alike", "with_legal_form": "with legal form",
           "kana_reading": "katakana reading"}


def findings_of(alert: Mapping[str, Any]) -> list[dict[str, Any]]:
    matched = alert.get("matched")
    if isinstance(matched, str):
        try:
            matched = json.loads(matched or "{}")
        except json.JSONDecodeError:
            return []
    findings = matched.get("findings") if isinstance(matched, Mapping) else None
    return [dict(f) for f in findings or [] if isinstance(f, Mapping)]


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _name_pair(finding: Mapping[str, Any]) -> Mapping[str, Any]:
    """The resolution's explanation of which names matched how (stored as JSON text on the edge)."""
    match = finding.get("match")
    if isinstance(match, str):
        try:
            match = json.loads(match)
        except json.JSONDecodeError:
            return {}
    name = match.get("name") if isinstance(match, Mapping) else None
    return name if isinstance(name, Mapping) else {}


def _how(finding: Mapping[str, Any]) -> str:
    name = _name_pair(finding)
    if _folded(str(finding.get("declared") or "")) == _folded(str(finding.get("listed") or "")):
        return "exact name"
    method = str(name.get("method") or "") if isinstance(name, Mapping) else ""
    return METHODS.get(method, method or "fuzzy name")


@dataclass
class PartyFindings:
    """The list matches of one party on one declaration, split into evidence and mere resemblance."""

    role: str
    declared: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    similar: list[dict[str, Any]] = field(default_factory=list)

    def similar_text(self) -> str:
        """The resemblances, said apart: other listed names this party is merely close to."""
        return ", ".join(f"{f.get('listed')} ({list_name(str(f.get('list') or ''))} {f.get('source_id') or ''}, "
                         f"{float(f.get('score') or 0):.2f})" for f in self.similar)

    def sentence(self, with_similar: bool = True) -> str:
        refs = [f"{list_name(str(f.get('list') or ''))} {f.get('source_id') or ''}".strip() for f in self.evidence]
        hows = sorted({_how(f) for f in self.evidence})
        scores = sorted(float(f.get("score") or 0) for f in self.evidence)
        score = f"score {scores[-1]:.2f}" if scores[0] == scores[-1] else f"scores {scores[0]:.2f}–{scores[-1]:.2f}"
        distinct = len({f.get("list") for f in self.evidence})
        lists = "a list" if len(refs) == 1 else f"{distinct} lists" if distinct == len(refs) else \
            f"{len(refs)} entries on {distinct} lists"
        listed = {str(f.get("listed") or "") for f in self.evidence}
        named = f" as {next(iter(listed))!r}" if len(listed) == 1 and _folded(next(iter(listed))) != _folded(self.declared) else ""
        text = (f"{self.role.lower().replace('_', ' ')} {self.declared} matches {lists}{named}: {', '.join(refs)} "
                f"({', '.join(hows)}; {score})")
        if self.similar and with_similar:
            text += "; also similar to " + self.similar_text()
        return text


def group_findings(findings: list[dict[str, Any]]) -> list[PartyFindings]:
    """List-match findings grouped per (role, party); other findings are left out."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for finding in findings:
        if finding.get("listed") is not None and finding.get("declared") is not None:
            groups[(str(finding.get("role") or "party"), str(finding["declared"]))].append(finding)
    out = []
    for (role, declared), group in groups.items():
        group.sort(key=lambda f: (-float(f.get("score") or 0), str(f.get("list")), str(f.get("source_id"))))
        best = group[0]
        best_score, best_name = float(best.get("score") or 0), _folded(str(best.get("listed") or ""))
        party = PartyFindings(role, declared)
        for finding in group:
            same_name = _folded(str(finding.get("listed") or "")) == best_name
            if same_name or float(finding.get("score") or 0) >= best_score - SIMILAR_MARGIN:
                party.evidence.append(finding)
            else:
                party.similar.append(finding)
        out.append(party)
    return out


def alert_summary(alert: Mapping[str, Any]) -> str:
    """One sentence per party for list-match alerts; the rule's own explanation for the others."""
    groups = group_findings(findings_of(alert))
    if groups:
        return "; ".join(group.sentence() for group in groups)
    return str(alert.get("explanation") or "")


def plain_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {plain_text(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, (list, tuple)):
        return ", ".join(plain_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def evidence_rows(alert: Mapping[str, Any]) -> list[dict[str, str]]:
    """The matched fields side by side: what the declaration says, what the list says, score and how;
    resemblances marked as such. Findings of other rules become field / value rows."""
    findings = findings_of(alert)
    rows: list[dict[str, str]] = []
    for group in group_findings(findings):
        for kind, items in (("evidence", group.evidence), ("also similar", group.similar)):
            for f in items:
                declared = f"{f.get('declared')}" + (f" ({f['party_country']})" if f.get("party_country") else "")
                listed = f"{f.get('listed')}"
                alias = str(_name_pair(f).get("matched") or "")
                if alias and _folded(alias) != _folded(listed):
                    listed = f"{alias} (a name of {listed})"
                rows.append({"kind": kind, "field": str(f.get("role") or "party").lower(), "declaration says": declared,
                             "list says": listed,
                             "list": f"{list_name(str(f.get('list') or ''))} {f.get('source_id') or ''}".strip()
                                     + (f" ({f['sublist']})" if f.get("sublist") else ""),
                             "score": f"{float(f.get('score') or 0):.2f}", "how": _how(f)})
    return rows


def other_findings(alert: Mapping[str, Any]) -> list[dict[str, str]]:
    """Findings that are not list matches (embargoes, label contradictions, statistics) as what / details."""
    rows = []
    for f in findings_of(alert):
        if f.get("listed") is None or f.get("declared") is None:
            what = str(f.get("field") or f.get("role") or f.get("kind") or "finding")
            rows.append({"finding": what, "details": plain_text({k: v for k, v in f.items()
                                                             if k not in ("field", "role", "kind")})})
    return rows


def match_rows(party_name: str, matches: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A party's list matches (`ecgraph party`) as the same side-by-side rows as an alert's evidence: the
    entries under the party's own name first, resemblances to other listed names marked as such."""
    findings = [{"role": "party", "declared": party_name, "listed": m.get("name") or "", "list": m.get("list"),
                 "source_id": str(m.get("entry") or "").split(":", 1)[-1], "score": m.get("score"),
                 "match": m.get("explanation")} for m in matches]
    alert = {"matched": {"findings": findings}}
    return [{k: v for k, v in row.items() if k not in ("field", "declaration says")} for row in evidence_rows(alert)]


_RISK_PART = re.compile(r"(?:^|\| )([A-Z]{2,4}-\d{2}) (CRITICAL|HIGH|MEDIUM|LOW):")


def risk_summary(explanation: str | None) -> str:
    """A declaration's risk explanation ("CT-01 CRITICAL: … | PS-01 CRITICAL: …", every alert's text again)
    as the rules that set it; the alerts themselves are listed beside it."""
    parts = _RISK_PART.findall(explanation or "")
    if not parts:
        return explanation or ""
    return "from alerts " + ", ".join(f"{rule} {severity}" for rule, severity in parts)
