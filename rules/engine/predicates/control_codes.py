"""Control-list codes written in free text, checked against the control lists loaded in the graph.

A product model number such as "3A001X" or "AB-5A002" is shaped like an ECCN; it is a control marking only
when (a) the code exists in a loaded control list (ETCO items, EU Annex I, Wassenaar …) and (b) the words
around it say it is one ("ECCN", "Annex I", "dual-use", "輸出令別表第1", "item"). Anything else is reported
as "looks like a code" with a low weight, so an analyst sees it without it counting as a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CodeMention", "KnownCodes", "find_codes"]

# EU Annex I / ECCN (same shape: category digit, group letter, three digits, sub-items), EAR99, and
# Japanese ETCO Appended Table 1 item numbers ("別表第1の7の項(1)", "item 7(1)", "7項(1)").
_DUAL_USE = re.compile(r"(?<![A-Za-z0-9])([0-9][A-E][0-9]{3})((?:\.[a-z0-9]{1,3})*)(?![A-Za-z0-9])")
_EAR99 = re.compile(r"(?<![A-Za-z0-9])EAR99(?![A-Za-z0-9])", re.IGNORECASE)
_ETCO = re.compile(
    r"(?:別表第?[1一]の?|(?:ETCO|Export Trade Control Order)[^0-9]{0,30}?(?:item|項)?\s*|(?<![A-Za-z])item\s+)"
    r"([0-9]{1,2}(?:の[0-9])?)(?![A-Za-z0-9])(?:の?項)?\s*(\([0-9]{1,2}\)|（[0-9]{1,2}）)?",
    re.IGNORECASE,
)
_CONTEXT = re.compile(
    r"ECCN|Annex\s*I\b|dual[- ]use|export control|control(?:led)? (?:list|item|code)|classification|"
    r"Wassenaar|EAR\b|CCL\b|輸出令|別表|該当|貨物等省令|規制|リスト規制|ETCO|Reg(?:ulation)?\.? ?\(?EU\)? ?2021/821",
    re.IGNORECASE,
)
_CONTEXT_CHARS = 40


@dataclass(frozen=True)
class CodeMention:
    code: str  # as normalised for the lists: 3A001.a.1, EAR99, 7(1)
    text: str  # as written
    kind: str  # dual_use | ear99 | etco
    known: bool  # exists in a loaded control list
    context: bool  # the words around it say it is a control code
    lists: tuple[str, ...]

    @property
    def validated(self) -> bool:
        return self.kind == "ear99" or (self.known and self.context)

    def describe(self) -> str:
        if self.kind == "ear99":
            return f"EAR99 (not on the Commerce Control List) in {self.text!r}"
        if self.validated:
            return f"control code {self.code} ({', '.join(self.lists)}) stated as a control classification"
        why = "in no loaded control list" if not self.known else "with no control-list wording around it"
        return f"{self.text!r} looks like a control code but is {why}"


class KnownCodes:
    """The codes of the loaded control lists: exact codes and every ancestor (3A001.a.1 → 3A001)."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.lists: dict[str, set[str]] = {}
        for row in rows:
            self.lists.setdefault(_norm(str(row["code"])), set()).add(str(row["list"]))

    def lists_of(self, code: str) -> tuple[str, ...]:
        """Lists holding the code or, for a sub-item not loaded as such, its entry (3A001.a.9 → 3A001)."""
        code = _norm(code)
        while code:
            if code in self.lists:
                return tuple(sorted(self.lists[code]))
            code = code.rpartition(".")[0]
        return ()

    def has_family(self, kind: str) -> bool:
        """Whether any list of this shape is loaded (EU/ECCN codes vs ETCO item numbers)."""
        if kind == "dual_use":
            return any(_DUAL_USE.fullmatch(c.split(".")[0] or "") for c in self.lists)
        return any(re.fullmatch(r"[0-9]{1,2}(?:の[0-9])?(?:\([0-9]{1,2}\))?", c) for c in self.lists)


def _norm(code: str) -> str:
    return code.replace("（", "(").replace("）", ")").replace(" ", "").strip(".")


def find_codes(text: str | None, known: KnownCodes) -> list[CodeMention]:
    if not text:
        return []
    mentions: list[CodeMention] = []
    for match in _DUAL_USE.finditer(text):
        code = match.group(1) + match.group(2)
        lists = known.lists_of(code)
        window = text[max(0, match.start() - _CONTEXT_CHARS): match.end() + _CONTEXT_CHARS]
        mentions.append(CodeMention(code, match.group(), "dual_use", bool(lists), bool(_CONTEXT.search(window)), lists))
    for match in _EAR99.finditer(text):
        mentions.append(CodeMention("EAR99", match.group(), "ear99", False, True, ()))
    for match in _ETCO.finditer(text):
        code = match.group(1) + _norm(match.group(2) or "")
        lists = known.lists_of(code)
        mentions.append(CodeMention(code, match.group().strip(), "etco", bool(lists), True, lists))
    return mentions
