"""The legal forms ecgraph adds to rigour's org-type table, as data (`legal_forms.csv`), read by every part.

rigour's table (`rigour.names.org_types`) is the base: entity resolution reads it first. This file holds
what it lacks: Han-script forms (written without spaces), Chinese pinyin forms and romanised Japanese
forms. Resolution (`rules/resolution/legal_forms.py`) sets them aside and compares their classes; the
label reader (`ingest/labels/extract/companies.py`) finds Japanese company names by them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

from ecgraph.schemas import schema_text

__all__ = ["LegalFormRow", "legal_forms"]

SCRIPTS = ("han", "pinyin", "romaji")


@dataclass(frozen=True)
class LegalFormRow:
    form: str  # the text (han, pinyin) or a regular expression on whole words (romaji)
    generic: str  # the generic class: llc, jsc, soe, kk
    script: str  # han | pinyin | romaji


@cache
def _rows() -> tuple[LegalFormRow, ...]:
    text = "".join(line for line in schema_text("legal_forms.csv").splitlines(keepends=True)
                   if not line.startswith("#"))
    rows = []
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        if row["script"] not in SCRIPTS or not row["form"] or not row["class"]:
            raise ValueError(f"legal_forms.csv row {number}: needs a form, a class and a script in {SCRIPTS}: {row}")
        rows.append(LegalFormRow(row["form"], row["class"], row["script"]))
    return tuple(rows)


def legal_forms(script: str) -> tuple[tuple[str, str], ...]:
    """(form, class) of one script, in file order (Han forms longest first)."""
    if script not in SCRIPTS:
        raise ValueError(f"unknown script {script!r}; one of {SCRIPTS}")
    return tuple((row.form, row.generic) for row in _rows() if row.script == script)
