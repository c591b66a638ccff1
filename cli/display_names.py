"""Short captions for Neo4j Browser: `display_name` on parties and list entries.

Browser draws a caption inside its circle and cuts the rest ("HOERYO…"), so the style sheet shows a
short form of the name: legal forms dropped (Co Ltd, LLC, JSC, 株式会社 …) and at most a few words; an
address shows its place and country. The
full name stays in `name` (Browser's inspector and every ecgraph command show it).
"""

from __future__ import annotations

import re
import unicodedata

from ecgraph.graph import Graph
from ecgraph.graph.analyst import names_without_display, write_display_names

__all__ = ["MAX_DISPLAY_CHARS", "address_display", "display_name", "update_display_names"]

MAX_DISPLAY_CHARS = 18  # what fits on three lines inside a 75 px node at Browser's 10 px caption font
LEGAL_WORDS = frozenset([
    "co", "co.", "ltd", "ltd.", "llc", "l.l.c.", "inc", "inc.", "corp", "corp.", "corporation", "company",
    "limited", "jsc", "ojsc", "pjsc", "cjsc", "zao", "oao", "ooo", "gmbh", "ag", "sa", "s.a.", "srl", "bv",
    "b.v.", "plc", "pte", "pvt", "private", "public", "joint", "stock", "open", "closed", "the", "of", "and",
    "liability", "llp", "lp", "kk", "k.k.", "fze", "fzco", "fzc", "group", "holding", "holdings",
])
CJK_LEGAL = re.compile(r"株式会社|有限会社|合同会社|（株）|\(株\)|有限公司|股份有限公司|有限责任公司|集团")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def display_name(name: str, max_chars: int = MAX_DISPLAY_CHARS) -> str:
    """A short form of `name` that Browser can show whole (wide characters count double)."""
    text = " ".join(unicodedata.normalize("NFKC", name).split())
    text = CJK_LEGAL.sub("", text).strip(" ,.-")
    words = [w for w in text.split(" ") if w]
    kept = [w for w in words if w.casefold().strip(",.()") not in LEGAL_WORDS] or words
    out = ""
    for word in kept:
        candidate = f"{out} {word}".strip(" ,")
        if sum(2 if _wide(ch) else 1 for ch in candidate) > max_chars:
            break
        out = candidate
    if not out and kept:  # one long word (or a CJK name without spaces): its first characters
        width = 0
        for ch in kept[0]:
            width += 2 if _wide(ch) else 1
            if width > max_chars:
                break
            out += ch
    return out.strip(" ,") or name[:max_chars]


def address_display(address: str, max_chars: int = MAX_DISPLAY_CHARS) -> str:
    """Where an address is, for a caption: its place and country ("Pyongyang, KP"), not its house number."""
    parts = [p.strip() for p in unicodedata.normalize("NFKC", address).split(",") if p.strip()]
    if len(parts) >= 2 and len(parts[-1]) == 2 and parts[-1].isalpha():
        place = f"{parts[-2]}, {parts[-1]}"
        if len(place) <= max_chars:
            return place
        return display_name(parts[-2], max_chars)
    return display_name(parts[-1] if parts else address, max_chars)


def update_display_names(graph: Graph) -> int:
    """Give every party, list entry and address without a current short caption one; returns how many."""
    total = 0
    while rows := names_without_display(graph):
        total += write_display_names(graph, [
            {**row, "display_name": (address_display if row.get("address") else display_name)(str(row["name"]))}
            for row in rows])
    return total
