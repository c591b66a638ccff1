"""Legal forms (LLC, OOO, JSC, GmbH, Co. Ltd, 有限公司, 株式会社 …): recognised, set aside, compared.

A legal form says little about *which* company a name means (thousands of listed names end in
"LLC") but a clash says something (a GmbH is not a university). So the name core is compared without
it and the forms are compared as a feature of their own. The table is rigour's maintained org-type
list (the one OpenSanctions' matchers use); it maps every spelling to a generic class (`ООО`,
`obshchestvo s ogranichennoi otvetstvennostyu`, `GmbH`, `Co., Ltd.` → `llc`; `ZAO`, `AO`, `PJSC` →
`jsc`). rigour does not know romanised Japanese forms, so they are added here, and the Japanese
株式会社 / KK / Kabushiki Kaisha / Co., Ltd. renderings of one company are declared compatible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA
from rigour.names.org_types import extract_org_types

from ecgraph.rules.resolution.phonetic import spelling_key
from ecgraph.schemas.legal_forms import legal_forms

__all__ = ["LegalForm", "compare_legal_forms", "spell_form_words", "split_legal_form"]

# Our additions to rigour's table are data, shared with the label reader: schemas/legal_forms.csv.
# Romanised Japanese forms (rigour covers the kanji 株式会社 but not these).
_JAPANESE_FORMS = re.compile(r"\b(" + "|".join(form for form, _ in legal_forms("romaji")) + r")\b")
_JAPANESE_CLASS = "kk"
# Han-script forms are written without spaces, so word boundaries cannot find them.
# Longest first. Japanese lists write Russian forms in kanji: 公開株式会社 (OAO, open joint-stock),
# 公共株式会社 (PAO, public joint-stock), 非公開株式会社 (ZAO), 有限責任会社 (OOO), 連邦国家単一企業 (FGUP).
_HAN_FORMS = legal_forms("han")
# Chinese forms in pinyin, as some lists print whole names (`Beijing Haili Lianhe Keji Youxian Gongsi`).
_PINYIN_FORMS = legal_forms("pinyin")
_PINYIN_FORMS_RE = re.compile(r"\b(" + "|".join(text for text, _ in _PINYIN_FORMS) + r")\b")
# Forms rigour lacks or reads only in part, with their own classes: Turkish `A.Ş.` / `Anonim Şirketi` (jsc) and
# `Ltd. Şti.` (llc; rigour reads `şirketi` alone as llc and leaves `anonim` in the name), and the initials of
# state unitary enterprises (`SFTUE`, `FSUE`, `FGUP`: soe). Whole words; read before rigour's table.
_WORD_FORMS = legal_forms("words")
_WORD_FORMS_RE = [(re.compile(rf"(?<!\S)(?:{form})(?!\S)"), generic) for form, generic in _WORD_FORMS]
# `Company Limited` is one form (rigour finds `limited` and leaves `company` in the name, while
# `Co., Ltd.` goes whole): `CARGO LINK COMPANY LIMITED` must have the core of `CARGO LINK CO LTD`.
# A bare `Co.` / `Company` ending a name says it is a company and nothing about which: set aside, with
# no class of its own (rigour has none for it), so `X Trade Co.` compares with `X Trade Co., Ltd.` as `X Trade`.
_BARE_COMPANY = re.compile(r"(?<=\S) (?:co|company)$")
# Japanese names a company `X社` (ラハート社 Rahat Ltd., IBEX 海運社 IBEX Shipping Inc.): the same bare company
# word, but written onto the name. Not in words that end in it: 会社 (a form of its own), 公社 (public
# corporation), 支社 (branch), 商社 (trading house), 神社 (shrine).
_BARE_HAN_COMPANY = re.compile(r"(?<=[^\s会公支商神])社$")
# `Ko., Ltd.` is Co., Ltd. spelt by ear (Korean and Japanese names); `ko` alone may be a surname, so only here.
_COMPANY_LIMITED = re.compile(r"\b(?:company|co|ko) (?:limited|ltd)\b(?! liability)")
# Pairs of classes that name the same kind of company in different traditions: a Japanese
# kabushiki kaisha is printed in English as "Co., Ltd." (rigour: llc) and is a joint-stock company (jsc).
_COMPATIBLE = {frozenset({"kk", "llc"}), frozenset({"kk", "jsc"}), frozenset({"kk", "corp"}),
               frozenset({"corp", "llc"}), frozenset({"corp", "jsc"})}
# "Corporation" is how Japanese and Korean companies render 株式会社 in English (Toshiba Corporation);
# rigour leaves it in the name, so it is recognised here as a class of its own.
_CORPORATION = re.compile(r"\b(corporation|corp)\b")


@dataclass(frozen=True)
class LegalForm:
    core: str  # the name without its legal forms (the whole name if it is nothing but a form)
    forms: tuple[str, ...]  # generic classes found, in order: ("llc",), ("kk",) …
    spans: tuple[str, ...]  # the text that was recognised, for explanations


# Words of legal forms that typists (and perturbation tests) misspell: "LIMIETD", "OCMPANY", or spell as they
# sound ("KOMPANI"). A long token one edit or transposition away from one of them, or with its spelling key
# (phonetic.py), is read as that word before the table lookup, so the
# form is still recognised and compared as a feature instead of counting as a mismatched name word.
_FORM_WORDS = ("company", "limited", "liability", "corporation", "incorporated", "aktiengesellschaft",
               "gesellschaft", "obshchestvo", "ogranichennoy", "otvetstvennostyu", "aktsionernoe", "joint", "stock",
               "public", "beschränkter", "haftung")
# German forms typed without umlauts (`beschrankter`, `beschraenkter`): rigour's table has them with the umlaut.
_UMLAUT_FOLDS = {word.replace("ä", fold): word for word in _FORM_WORDS if "ä" in word for fold in ("a", "ae")}


# Abbreviated forms spelt by ear (`llk`, `djw`, `s.a. de c.w.`) are read by their spelling key; not the
# two-letter ones that are also words and names (`ko` is a Korean surname, `ka` a syllable).
_FORM_ABBREVIATIONS = {spelling_key(a): a for a in ("llc", "ooo", "oao", "zao", "pao", "jsc", "ojsc", "pjsc", "cjsc",
                                                      "jv", "cv", "gmbh")}


# Transliteration round trips (Latin → katakana/Cyrillic → Latin) respell the long form words beyond one edit:
# `corporation` → `korporeishn`, `incorporated` → `inkorporeited`. Their consonant outline (spelling key, `tion`
# read as `shn`, vowels dropped) survives; only for form words of nine letters or more, whose outlines no
# distinctive word shares (a shorter outline such as `kmpn` would also be `Campania`'s).
_LONG_FORM_WORD = 9
_TION = re.compile(r"(?:t|s|sh|ch)(?:i|y)?o?n$")
_VOWELS = re.compile(r"[aeiouy]")


def _consonant_outline(token: str) -> str:
    return _VOWELS.sub("", _TION.sub("shn", spelling_key(token)))


_FORM_OUTLINES = {_consonant_outline(w): w for w in _FORM_WORDS if len(w) >= _LONG_FORM_WORD}

# rigour's table has two-letter forms that are English words (`in` llc, `at` and `as` jsc, `is` soe): at the
# end of a name they are forms (`Equinor AS`), inside it words (`Al-Qaida in Iraq`, `Islamic State in Iraq`).
_ENGLISH_WORDS = frozenset({"in", "at", "as", "is"})


# Short forms that spelling variants turn into words or names (`Ko.` for Co., `Ink` for Inc., `Korp` for Corp.):
# read as the form only where a form stands: before another form (`GmbH & Ko. KG`, `Ko., Ltd.`), and for `ink`
# and `korp` also at the end of a name of several words. `ko` ending a name stays a word (`Kim Ko`, a surname).
_SHORT_VARIANTS = {spelling_key(a): a for a in ("co", "inc", "corp")}
_SHORT_AT_END = frozenset({"inc", "corp"})


def _repair_form_word(token: str) -> str:
    if len(token) < 6:
        return _FORM_ABBREVIATIONS.get(spelling_key(token), token) if len(token) > 1 else token
    if token in _FORM_WORDS:
        return token
    if token in _UMLAUT_FOLDS:
        return _UMLAUT_FOLDS[token]
    for word in _FORM_WORDS:
        if abs(len(word) - len(token)) <= 1 and OSA.distance(token, word) <= 1:
            return word
        if spelling_key(token) == spelling_key(word):  # romanised: `kompani`, `limitid`
            return word
    if len(token) >= _LONG_FORM_WORD - 1:  # `korporeishn`, `inkorporeited`
        return _FORM_OUTLINES.get(_consonant_outline(token), token)
    return token


@lru_cache(maxsize=4096)
def _is_form(token: str) -> bool:
    # not the English words rigour also lists (`Ko In Sung` is a name, not `Co. In`)
    return token in _FORM_WORDS or token not in _ENGLISH_WORDS and bool(extract_org_types(token, generic=True))


def _short_variant(tokens: list[str], i: int) -> str:
    token = tokens[i]
    form = _SHORT_VARIANTS.get(spelling_key(token)) if len(token) < 5 else None
    if form is None or form == token:
        return token
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is not None and after != form and _is_form(after):
        return form
    return form if after is None and i >= 1 and form in _SHORT_AT_END else token


def spell_form_words(normalized: str) -> str:
    """A normalised Latin name with its legal-form words spelt the table's way (`kompani limitid` → `company
    limited`, `gmbh ko kg` → `gmbh co kg`); other words as they are. Non-Latin names are returned unchanged."""
    if not normalized.isascii():
        return normalized
    tokens = [_repair_form_word(t) for t in normalized.split(" ")]
    return " ".join(_short_variant(tokens, i) for i in range(len(tokens)))


def _english_word_mid_name(text: str, core: str) -> bool:
    return text in _ENGLISH_WORDS and not core.endswith(" " + text) and core != text


def _remove_spans(core: str, spans: list[str]) -> str:
    for span in spans:
        core = re.sub(rf"(?<!\S){re.escape(span)}(?!\S)", " ", core, count=1)
    return core


@lru_cache(maxsize=262144)
def split_legal_form(normalized: str) -> LegalForm:
    """Split a normalised name into its core and its legal-form classes."""
    spans: list[str] = []
    forms: list[str] = []
    core = spell_form_words(normalized)
    for text, generic in _HAN_FORMS:
        if text in core:
            spans.append(text)
            forms.append(generic)
            core = core.replace(text, " ")
    for match in _PINYIN_FORMS_RE.finditer(core):
        spans.append(match.group(0))
        forms.append(dict(_PINYIN_FORMS)[match.group(0)])
    core = _PINYIN_FORMS_RE.sub(" ", core)
    for pattern, generic in _WORD_FORMS_RE:
        for match in pattern.finditer(core):
            spans.append(match.group(0))
            forms.append(generic)
        core = pattern.sub(" ", core)
    core = _COMPANY_LIMITED.sub("co ltd", core)
    for match in _JAPANESE_FORMS.finditer(core):
        spans.append(match.group(0))
        forms.append(_JAPANESE_CLASS)
    core = _JAPANESE_FORMS.sub(" ", core)
    for match in _CORPORATION.finditer(core):
        spans.append(match.group(0))
        forms.append("corp")
    core = _CORPORATION.sub(" ", core)
    found = [(text, generic) for text, generic in extract_org_types(core, generic=True)
             if not all(len(t) == 1 for t in text.split())  # `a g` is a person's initials, not an AG
             and not _english_word_mid_name(text, core)]
    for text, generic in found:
        spans.append(text)
        forms.append(generic)
    if found:
        core = _remove_spans(core, [text for text, _ in found])
    core = " ".join(core.split())
    bare = _BARE_COMPANY.search(core) or _BARE_HAN_COMPANY.search(core)
    if bare:  # `Shanghai Gang Quan Trade Co.` is the company 上海港泉商貿有限公司 names, without a class
        spans.append(bare.group(0).strip())
        core = core[:bare.start()]
    if not core:  # the name is only a legal form ("Co., Ltd."): keep it as the core
        return LegalForm(normalized, (), ())
    return LegalForm(core, tuple(dict.fromkeys(forms)), tuple(spans))


def compare_legal_forms(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """`same`, `compatible`, `different`, or `absent` (one side or both have none)."""
    if not a or not b:
        return "absent"
    if set(a) & set(b):
        return "same"
    if any(frozenset({x, y}) in _COMPATIBLE for x in a for y in b):
        return "compatible"
    return "different"
