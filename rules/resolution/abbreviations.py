"""Abbreviations, connectors and spelling variants as data: `abbreviations.csv`, versioned like the legal forms.

Shippers write `R&D`, `Mfg`, `Intl`, `Centre` and `CNC` where a list prints `Research and Development`,
`Manufacturing`, `International`, `Center` and `Computer Numerical Control`, and the other way round; Turkish
exporters write `San. ve Tic. Ltd. Şti.` where the list prints `Industry and Trade Limited Company`. Each
short form (whole words, in compare shape) is replaced by its long form on both sides before names are
compared, longest phrase first, so the two spellings meet in one form.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

__all__ = ["ABBREVIATIONS_VERSION", "Abbreviation", "abbreviations", "expand_abbreviations", "expansions"]

ABBREVIATIONS_VERSION = 2  # the `# version:` line of abbreviations.csv
KINDS = frozenset({"abbreviation", "connector", "spelling", "acronym", "translation"})


class Abbreviation(NamedTuple):
    short: tuple[str, ...]  # the words written
    long: str  # what they stand for, in compare shape
    kind: str  # abbreviation | connector | spelling | acronym | translation


@lru_cache(maxsize=1)
def abbreviations() -> dict[tuple[str, ...], Abbreviation]:
    """The table, keyed by the words of the short form. A row with an unknown kind or an empty column is an
    error naming its line: the table is data a reviewer edits by hand."""
    text = (resources.files("ecgraph.rules.resolution") / "abbreviations.csv").read_text(encoding="utf-8")
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if not line.startswith("#")]
    table: dict[tuple[str, ...], Abbreviation] = {}
    for (number, _), row in zip(lines[1:], csv.DictReader(line for _, line in lines), strict=True):
        short, long, kind = ((row.get(column) or "").strip() for column in ("short", "long", "kind"))
        if not short or not long or kind not in KINDS:
            raise ValueError(f"abbreviations.csv line {number}: need short, long and a kind of {sorted(KINDS)}; "
                             f"got {row!r}")
        table[tuple(short.split())] = Abbreviation(tuple(short.split()), long, kind)
    return table


@lru_cache(maxsize=1)
def _longest() -> int:
    return max(map(len, abbreviations()), default=1)


def _read(words: list[str], acronyms: bool) -> list[str | Abbreviation]:
    """`words` with each short form in the table (longest phrase first) replaced by its row."""
    table, longest = abbreviations(), _longest()
    out: list[str | Abbreviation] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            found = table.get(tuple(words[i:i + size]))
            if found is not None and (acronyms or found.kind != "acronym"):
                out.append(found)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def expansions(core: str, acronyms: bool = True) -> list[Abbreviation]:
    """The rows of the table `expand_abbreviations` uses on `core`, in order: for the explanation line."""
    return [part for part in _read(core.split(), acronyms) if isinstance(part, Abbreviation)]


def expand_abbreviations(core: str, acronyms: bool = True) -> str:
    """`core` with every short form in the table replaced by its long form (longest phrase first); technical
    acronyms (`cnc`, `uav`, `ic`) only with `acronyms`: they are also words (Turkish `iç`) and a misspelt one
    (`uaw`) is left as it is, so names keep a form with them as written beside the expanded one."""
    return " ".join(part.long if isinstance(part, Abbreviation) else part for part in _read(core.split(), acronyms))
