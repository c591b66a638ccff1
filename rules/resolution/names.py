"""A name prepared once for comparison: every Latin form, its phonetic skeleton, its legal form.

List names are prepared when the index is built and query names when they arrive, through the same
function, so both sides are always compared in the same shape (the normalised form is kept next to
the raw one, never recomputed differently in two places).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from ecgraph.rules.resolution.legal_forms import LegalForm, split_legal_form
from ecgraph.rules.resolution.normalize import normalize_name
from ecgraph.rules.resolution.person_names import person_forms
from ecgraph.rules.resolution.phonetic import skeleton
from ecgraph.rules.resolution.translit import latin_forms, name_scripts

__all__ = ["ABBREVIATIONS", "PreparedName", "expand_abbreviations", "prepare_name"]


# Abbreviations written either way in company names; expanded on both sides so they compare equal.
ABBREVIATIONS = {
    "corp": "corporation", "co": "company", "intl": "international", "int'l": "international",
    "mfg": "manufacturing", "ind": "industries", "inds": "industries", "tech": "technology",
    "univ": "university", "inst": "institute", "assn": "association", "natl": "national",
    "govt": "government", "dept": "department", "bros": "brothers", "ent": "enterprise",
    "svcs": "services", "svc": "services", "sci": "scientific", "res": "research", "grp": "group",
}


def expand_abbreviations(core: str) -> str:
    return " ".join(ABBREVIATIONS.get(t, t) for t in core.split())


class PreparedName(NamedTuple):  # a tuple: the index holds ~100,000 of them and must load fast
    original: str  # as printed
    kind: str  # primary | alias | weak_alias | previous | original_script | query
    forms: tuple[str, ...]  # Latin compare forms: core without legal form (+ person variants)
    skeletons: tuple[str, ...]  # phonetic skeleton per form
    legal_forms: tuple[str, ...]  # generic legal-form classes (llc, jsc, kk …)
    script: str  # Latin, Cyrillic, Arabic, Han, Japanese, Hangul … (the original's)
    # the Latin name with its legal-form words left in, when some were recognised and set aside: compared
    # with the other side's forms when only one side's legal form was recognised (`JOIN TSTOCK COMPNY X`)
    whole: str = ""

    @property
    def transliterated(self) -> bool:
        return self.script != "Latin"


def _script(normalized: str) -> str:
    scripts = name_scripts(normalized) - {"Common", "Inherited"}
    if scripts & {"Hiragana", "Katakana"}:
        return "Japanese"
    if not scripts:
        return "Latin"
    if "Latin" in scripts and len(scripts) > 1:
        scripts.discard("Latin")
    return sorted(scripts)[0]


@lru_cache(maxsize=200_000)
def prepare_name(value: str, entity_type: str = "unknown", kind: str = "primary",
                 lang: str | None = None) -> PreparedName | None:
    """Prepare one name; None when nothing comparable is left (no letters or digits)."""
    normalized = normalize_name(value)
    if not normalized:
        return None
    # persons have no legal form, and their initials must not be read as one (`A. G.` ≠ AG)
    legal = split_legal_form(normalized) if entity_type != "person" else LegalForm(normalized, (), ())
    script = _script(normalized)
    if lang is None and "kk" in legal.forms:  # 株式会社 / 有限会社: the Han that follows is Japanese
        lang = "ja"
    latin = latin_forms(legal.core, lang) if not legal.core.isascii() else ()
    cores = latin or (legal.core,)
    forms_found = list(legal.forms)
    forms: list[str] = []
    for core in cores:
        if not core.isascii():
            continue  # a script no transliterator covers: keep the original below
        if latin:  # transliterated text may reveal a legal form (ООО → ooo)
            if entity_type != "person":
                again = split_legal_form(core)
                core = again.core
                forms_found.extend(again.forms)
        # romanised Japanese and Chinese are whole words already (インド → `ind` is India, not industries)
        expanded = core if latin and script in ("Han", "Japanese") else expand_abbreviations(core)
        forms.extend(person_forms(core) if entity_type == "person" else (expanded,))
    if not forms:
        forms = [legal.core]
    forms = list(dict.fromkeys(f for f in forms if f))
    return PreparedName(
        original=value,
        kind=kind,
        forms=tuple(forms),
        skeletons=tuple(skeleton(f) for f in forms),
        legal_forms=tuple(dict.fromkeys(forms_found)),
        script=script,
        whole=expand_abbreviations(normalized) if legal.forms and normalized.isascii() else "",
    )
