"""A name prepared once for comparison: every Latin form, its phonetic skeleton, its legal form.

List names are prepared when the index is built and query names when they arrive, through the same
function, so both sides are always compared in the same shape (the normalised form is kept next to
the raw one, never recomputed differently in two places). A field that holds several names (`X a.k.a. Y`,
`Igorj (Igor) OSIPOV`) gets the forms of each; the explanation still shows the field as printed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from ecgraph.rules.resolution.abbreviations import expand_abbreviations
from ecgraph.rules.resolution.legal_forms import LegalForm, spell_form_words, split_legal_form
from ecgraph.rules.resolution.name_parts import comma_qualifier
from ecgraph.rules.resolution.normalize import normalize_name
from ecgraph.rules.resolution.person_names import person_forms
from ecgraph.rules.resolution.phonetic import skeleton
from ecgraph.rules.resolution.translit import glossary_vocabulary, latin_forms, name_scripts
from ecgraph.rules.resolution.word_glossary import translated_form

__all__ = ["PreparedName", "name_variants", "prepare_name", "without_listing_clause"]


# `Second Economic Committee`, `2nd Economic Committee` and 第2経済委員会 name one committee: ordinals are
# compared as their numbers (`54th` → `54`, `third` → `3`).
_ORDINAL_WORDS = {word: str(number) for number, word in enumerate(
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"), start=1)}
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


# `University of Electronic Science and Technology of China` and 电子科技大学 (`electronic science and
# technology university`): English puts the words of an organisation's name in another order with `of`,
# `the`, `for`, `in` between them (`Al-Qaida in Iraq`); the words carry nothing, and on a translated name
# they are most of what differs. Transliterated Arabic has its own: `fi` (in) and `wa` (and; Persian
# `va`), as in `al-Qaida fi al-Iraq` and `Jamaat al-Tawhid wa al-Jihad`.
FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "in", "fi", "wa", "va"})


def drop_function_words(core: str) -> str:
    """An organisation name without its function words (`FUNCTION_WORDS`; kept when nothing else is left)."""
    kept = [t for t in core.split() if t not in FUNCTION_WORDS]
    return " ".join(kept) if kept else core


def ordinals_as_numbers(core: str) -> str:
    return " ".join(_ORDINAL_WORDS.get(t) or _ORDINAL_SUFFIX.sub(r"\1", t) for t in core.split())


# Lists print several names in one field: `X a.k.a. Y`, `X f.k.a. Y`, `X; Y`, `X / Y`, `X（別称 Y）`, and
# parsers leave pieces of them behind (`(a.k.a. NPO Novator`, `株式会社TSKBA）`). Each piece is a name of its own.
_SEPARATOR = re.compile(r"(?i)(?:(?<=^)|(?<=[\s,(（]))"
                        r"(?:[af]\.\s?k\.\s?a\.?|also known as|formerly known as|別称|別名|旧称)(?:[\s.,:：]+|$)"
                        r"|\s*;\s*|\s/\s")
_OPEN, _CLOSE = "(（", ")）"
_TRIM = " ,.:：、､「」『』“”‘’\"'«»"
_GROUP = re.compile(r"\s*[(（]([^()（）]*)[)）]")
_LAST_WORD = re.compile(r"([^\W\d_][\w'’-]*)\s*$")
_ALTERNATIVE = re.compile(r"\s*[,，/]\s*")
# A bracketed word this close to the word before it is another spelling of it: `Igorj (Igor) OSIPOV`,
# `GUBAREVA (HUBARIEVA/HUBAREVA)`, `Fawzi (Faouzi)`; anything else is an acronym (`(CASC)`), a place
# (`(SHENZHEN)`) or, with several words, a name of its own (`Luhansk Economic Union (Luganskiy Ekonomicheskiy Soyuz)`).
SPELLING_ALTERNATIVE = 50
MAX_VARIANTS = 6


def _balanced(text: str) -> str:
    """`text` without the brackets and quotes a parser left unmatched at its ends (`(a.k.a. X`, `X）`)."""
    text = text.strip(_TRIM)
    while text and sum(text.count(c) for c in _OPEN) != sum(text.count(c) for c in _CLOSE):
        if text[0] in _OPEN:
            text = text[1:].strip(_TRIM)
        elif text[-1] in _CLOSE:
            text = text[:-1].strip(_TRIM)
        else:
            text = " ".join(re.sub("[()（）]", " ", text).split())
    return text


def _split(text: str) -> list[str]:
    """`text` split at the separators outside brackets."""
    pieces, start = [], 0
    for match in _SEPARATOR.finditer(text):
        before = text[:match.start()]
        if sum(before.count(c) for c in _OPEN) == sum(before.count(c) for c in _CLOSE):
            pieces.append(text[start:match.start()])
            start = match.end()
    pieces.append(text[start:])
    return [p for p in map(_balanced, pieces) if p]


def _generic(name: str) -> bool:
    """Only organisation vocabulary and legal forms (`(Holding Company)`, `(Group)`): a qualifier, not a name."""
    core = split_legal_form(normalize_name(name)).core
    return set(core.split()) <= glossary_vocabulary()


def _bracket_variants(piece: str) -> list[str]:
    """The name without its bracketed parts, with each bracketed spelling in place of the word before it,
    and each bracketed name (`(a.k.a. Y)`, several words) on its own."""
    groups = list(_GROUP.finditer(piece))
    if not groups:
        return [piece]
    variants = [piece, " ".join(_GROUP.sub(" ", piece).split())]
    spellings: list[tuple[int, int, list[str]]] = []  # (start, end of the word replaced, alternatives)
    for group in groups:
        names = _split(group.group(1))
        alternatives = [a for a in _ALTERNATIVE.split(group.group(1).strip()) if a]
        word = _LAST_WORD.search(piece, 0, group.start())
        if len(names) == 1 and word and alternatives and all(
                fuzz.ratio(word.group(1).casefold(), a.casefold()) >= SPELLING_ALTERNATIVE for a in alternatives):
            spellings.append((word.start(1), group.end(), alternatives))
        elif len(names) > 1 or len(group.group(1).split()) > 1:
            variants.extend(n for n in names if not _generic(n))
    for number in range(max((len(a) for _, _, a in spellings), default=0)):
        text, end = [], 0
        for start, stop, alternatives in spellings:
            text.append(piece[end:start] + alternatives[min(number, len(alternatives) - 1)])
            end = stop
        text.append(piece[end:])
        variants.append(" ".join(_GROUP.sub(" ", "".join(text)).split()))
    return variants


# The Consolidated Screening List names some entities `X LLC and any successor, sub-unit, or subsidiary thereof`:
# the clause says how far the listing reaches, it is no part of the name (v17; it had left `LLC` inside the name,
# where no legal form is looked for, and `X limited liability company` scored 0.84).
# A clause cut short or written with `&` (`X & any successor, sub-unit`) is the same clause.
_SUCCESSORS = re.compile(r"(?i)\s+(?:and|&)\s+any\s+successors?\b.*$")


def without_listing_clause(value: str) -> str:
    """`value` without a trailing `and any successor, sub-unit, or subsidiary thereof` (kept when nothing else is left)."""
    return _SUCCESSORS.sub("", value) or value


@lru_cache(maxsize=200_000)
def name_variants(value: str) -> tuple[str, ...]:
    """The names one printed name field holds: the pieces between a.k.a.-style separators, and for
    each piece its bracket variants (see `_bracket_variants`). The value itself comes first unless it
    is several names run together or parser residue; a listing's `and any successor … thereof` clause is left out."""
    value = without_listing_clause(value)
    pieces = _split(_balanced(value))
    variants = [value] if pieces == [value.strip()] else []
    for piece in pieces:
        variants.extend(_bracket_variants(piece))
    return tuple(dict.fromkeys(v for v in variants if v))[:MAX_VARIANTS]


_CHINESE_FORMS = frozenset({"有限公司", "有限责任公司", "有限責任公司", "股份有限公司"})
LETTER_FOR_LETTER = frozenset({"Cyrillic", "Greek", "Georgian", "Armenian"})


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

    @property
    def sounded_out(self) -> bool:
        """Latin forms that only approximate the sounds (Arabic writes no short vowels, kana and Han are read
        by syllables): compared by their consonant outlines too. Alphabets transliterated letter for letter
        (Cyrillic, Greek …) are not: `Алег` is `aleg`, and its outline RK says no more than `rick` does."""
        return self.transliterated and self.script not in LETTER_FOR_LETTER


def _script(normalized: str) -> str:
    scripts = name_scripts(normalized) - {"Common", "Inherited"}
    if scripts & {"Hiragana", "Katakana"}:
        return "Japanese"
    if not scripts:
        return "Latin"
    if "Latin" in scripts and len(scripts) > 1:
        scripts.discard("Latin")
    return min(scripts)


_NO_LEGAL_FORM = frozenset({"person", "aircraft", "vessel"})


def _forms(normalized: str, entity_type: str, lang: str | None, script: str) -> tuple[list[str], list[str], str]:
    """Latin compare forms, legal-form classes and the whole Latin name of one normalised name."""
    # persons have no legal form, and their initials must not be read as one (`A. G.` ≠ AG); nor do
    # aircraft and vessels (`EP-SIG` is a registration, not an EP, Empresa Pública)
    formless = entity_type in _NO_LEGAL_FORM
    legal = LegalForm(normalized, (), ()) if formless else split_legal_form(normalized)
    if lang is None and "kk" in legal.forms:  # 株式会社 / 有限会社: the Han that follows is Japanese
        lang = "ja"
    elif lang is None and set(legal.spans) & _CHINESE_FORMS:  # 有限公司: Chinese, never read as Japanese
        lang = "zh"
    latin = latin_forms(legal.core, lang) if not legal.core.isascii() else ()
    translated = translated_form(legal.core, script) if entity_type != "person" and latin else None
    if translated:  # a Russian or Arabic organisation name also in the English its words translate to
        latin = (*latin, translated)
    cores = latin or (legal.core,)
    forms_found = list(legal.forms)
    forms: list[str] = []
    for core in cores:
        if not core.isascii():
            continue  # a script no transliterator covers: keep the original below
        if latin and not formless:  # transliterated text may reveal a legal form (ООО → ooo)
            again = split_legal_form(core)
            core = again.core
            forms_found.extend(again.forms)
        if entity_type == "person":
            forms.extend(person_forms(core))
            continue
        # romanised Japanese and Chinese are whole words already (インド → `ind` is India, not industries)
        spelt = (core,) if latin and script in ("Han", "Japanese") else \
            (expand_abbreviations(core, acronyms=False), expand_abbreviations(core))
        forms.extend(drop_function_words(ordinals_as_numbers(expanded)) for expanded in dict.fromkeys(spelt))
    if not forms:
        forms = [legal.core]
    whole = expand_abbreviations(spell_form_words(normalized), acronyms=False) if legal.forms and normalized.isascii() \
        else ""
    return forms, forms_found, whole


# An organisation name with a qualifier after a comma (`Harbin Institute of Technology, Shenzhen`) is also compared
# by its head: a shipper names the institute, the list its campus. Only organisations (`PUTIN, Vladimir` is a
# surname and a given name) or heads of several words when the type is unknown.
HEAD_MIN_WORDS = 3


def _with_head(variants: tuple[str, ...], entity_type: str) -> tuple[str, ...]:
    if entity_type == "person" or not variants:
        return variants
    split = comma_qualifier(variants[0])
    if split is None or entity_type != "organization" and len(split[0].split()) < HEAD_MIN_WORDS:
        return variants
    return tuple(dict.fromkeys((*variants, split[0])))


@lru_cache(maxsize=200_000)
def prepare_name(value: str, entity_type: str = "unknown", kind: str = "primary",
                 lang: str | None = None) -> PreparedName | None:
    """Prepare one name; None when nothing comparable is left (no letters or digits).

    A field holding several names (`X a.k.a. Y`, `Igorj (Igor) OSIPOV`) gets the forms of each
    (`name_variants`); the explanation still shows the name as printed.
    """
    forms: list[str] = []
    forms_found: list[str] = []
    script, whole = "", ""
    for variant in _with_head(name_variants(value), entity_type):
        normalized = normalize_name(variant)
        if not normalized:
            continue
        script = script or _script(normalized)
        found, legal, variant_whole = _forms(normalized, entity_type, lang, script)
        forms.extend(found)
        forms_found.extend(legal)
        whole = whole or variant_whole
    forms = list(dict.fromkeys(f for f in forms if f))
    if not forms:
        return None
    return PreparedName(
        original=value,
        kind=kind,
        forms=tuple(forms),
        skeletons=tuple(skeleton(f) for f in forms),
        legal_forms=tuple(dict.fromkeys(forms_found)),
        script=script,
        whole=whole,
    )
