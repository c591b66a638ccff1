"""The legal forms ecgraph adds to rigour's org-type table, as data (`legal_forms.csv`), read by every part.

rigour's table (`rigour.names.org_types`) is the base: entity resolution reads it first. This file holds
what it lacks: Han-script forms (written without spaces), Chinese pinyin forms, romanised Japanese forms,
forms rigour lacks or reads only in part as regular expressions on whole words with their class (`words`:
Turkish `A.Ş.`, `Ltd. Şti.`, `Anonim Şirketi`; `SFTUE`, `FSUE`, `FGUP`); and how labels print Latin forms (`latin`: `CO., LTD.`, `K.K.` …, and `latin_ocr`: what OCR makes
of them, with the printed spelling to put back). Resolution (`rules/resolution/legal_forms.py`) sets them
aside and compares their classes; the label reader (`ingest/labels/extract/companies.py`) finds company
names by them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

from ecgraph.schemas import schema_text

__all__ = ["LegalFormRow", "legal_forms", "printed_forms"]

SCRIPTS = ("han", "pinyin", "romaji", "words", "latin", "latin_ocr")


@dataclass(frozen=True)
class LegalFormRow:
    form: str  # the text (han, pinyin) or a regular expression (romaji, words, latin, latin_ocr)
    generic: str  # the generic class: llc, jsc, soe, kk, corp
    script: str  # han | pinyin | romaji | latin | latin_ocr
    printed: str = ""  # latin, latin_ocr: the spelling labels print


@cache
def _rows() -> tuple[LegalFormRow, ...]:
    text = "".join(line for line in schema_text("legal_forms.csv").splitlines(keepends=True)
                   if not line.startswith("#"))
    rows = []
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        if row["script"] not in SCRIPTS or not row["form"] or not row["class"]:
            raise ValueError(f"legal_forms.csv row {number}: needs a form, a class and a script in {SCRIPTS}: {row}")
        if row["script"].startswith("latin") and not row["printed"]:
            raise ValueError(f"legal_forms.csv row {number}: a {row['script']} form needs its printed spelling: {row}")
        rows.append(LegalFormRow(row["form"], row["class"], row["script"], row["printed"]))
    return tuple(rows)


def legal_forms(script: str) -> tuple[tuple[str, str], ...]:
    """(form, class) of one script, in file order (Han forms longest first)."""
    if script not in SCRIPTS:
        raise ValueError(f"unknown script {script!r}; one of {SCRIPTS}")
    return tuple((row.form, row.generic) for row in _rows() if row.script == script)


def printed_forms(script: str) -> tuple[tuple[str, str], ...]:
    """(form, printed spelling) of a label script (`latin`, `latin_ocr`), in file order."""
    if script not in ("latin", "latin_ocr"):
        raise ValueError(f"no printed spellings for script {script!r}; one of latin, latin_ocr")
    return tuple((row.form, row.printed) for row in _rows() if row.script == script)
