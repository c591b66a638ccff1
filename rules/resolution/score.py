"""The match score: name similarity plus features, each with its evidence, as data.

`name_similarity` picks the best pair of forms by the rapidfuzz scorers the benchmark chose
(token_sort_ratio for order, a mildly discounted token_set_ratio for extra/missing tokens, initials
alignment for persons, the spelling key for romanisation variants, and the phonetic skeleton when a
side's Latin only approximates its sounds). `score_entry` adds
the features in `FEATURES` (weights are data, not code) and returns a `Match` whose `explanation`
says which name pair decided, which features agreed or disagreed, and by how much.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from ecgraph.rules.resolution.abbreviations import expansions
from ecgraph.rules.resolution.distinctive import (
    cjk_agreement,
    distinctive_part,
    distinctive_similarity,
    reading_key,
)
from ecgraph.rules.resolution.legal_forms import compare_legal_forms, split_legal_form
from ecgraph.rules.resolution.name_parts import acronym_fits, bracketed_acronyms, comma_qualifier
from ecgraph.rules.resolution.names import PreparedName
from ecgraph.rules.resolution.normalize import normalize_name
from ecgraph.rules.resolution.person_names import initials_similarity
from ecgraph.rules.resolution.phonetic import skeleton_token, spelling_key
from ecgraph.rules.resolution.translit import glossary_vocabulary, latin_forms, name_scripts
from ecgraph.rules.resolution.typos import typo_similarity
from ecgraph.rules.resolution.word_glossary import glossary_words

__all__ = ["FEATURES", "MATCHER_VERSION", "Feature", "Match", "NamePair", "Query", "name_similarity", "score_entry", "skeleton_alignment", "token_alignment"]

MATCHER_VERSION = "ecgraph.resolution.v17"  # v3: unexplained words count against initials; whole-name
# comparison when one side's legal form went unrecognised; only names that passed the prefilter are scored;
# v4: a one-consonant skeleton match needs alike spellings (li ≠ yuri); v5: Han glossary translation and
# katakana-to-English variants (translit); v6: glossary vocabulary is never compared by its outline;
# v7: Arabic script gets article, vowel-letter, French-school and Persian readings (translit);
# v8: a name field's a.k.a./bracketed names are forms of their own (names); Chinese gets a whole-pinyin
# form, a larger glossary (places, trade words, katakana loanwords) and no Japanese reading after 有限公司;
# more legal-form spellings (公開株式会社, youxian gongsi, Company Limited, a bare Co.); ordinals compare
# as numbers; romanisation variants compare by spelling key; outlines count only for spellings partly
# alike, not between Latin and Cyrillic, and not for two-consonant Latin words; whole names with legal
# forms are aligned when both sides have forms; v9: Chinese is read from simplified characters with name
# readings (都 du), Han numerals without 第 as numbers, mixed glossary renderings, 76 more glossary words;
# organisation names drop English function words (of, the, for, and); misspelt `joint`, `stock`, `public`
# are still legal-form words, `Ko., Ltd.` is Co., Ltd. and `tekh` is tech; `in`, `at`, `as`, `is` inside a
# name are no legal forms (rigour reads them as llc/jsc/soe), aircraft and vessels have none; Arabic fi/wa
# are function words; names that start with a Chinese state group (中国航空工业集团 …), 中国科学院 or
# 中国人民解放军 get a form with its acronym (AVIC, CAS, PLA …); v10: against a name in an abjad (Arabic,
# Persian) the outline method compares lengths in consonants (`mhmd krmi` / `mohammad karami`); glossary
# renderings in compare shape (`peoples`, `r d`), 部 department, 厂 factory; a Japanese `X社` sets 社 aside as a
# bare company; a Japanese name reads 機器 in its Japanese sense (equipment, not machine); v11 (issue 21): a match
# through a name's sound (a reading of another script, an outline, a spelling key, a joined spelling) stands only
# when the distinctive tokens agree as spelt (generic_words.csv v1 sets テクノロジー, 工業, seiki, trading … aside);
# abbreviations, connectors and spelling variants are data (abbreviations.csv v1: R&D, Mfg, Intl, Centre, CNC);
# an organisation named with a comma qualifier is compared by its head too; bracketed acronyms, comma qualifiers and
# what party_names split off a name field (address, c/o, attention) are features with explanation lines; between
# company names a reading of kana or kanji must agree as spelt even without generic words, and two kanji / kana
# names must share their distinctive characters (神鋼 ≠ 新興, both `shinko`); a party of unknown type named with a
# legal form is a company (no person, vessel or aircraft); v12 (issue 21, recall back): a company name read from kana
# or kanji agrees with a romanisation of its distinctive tokens by their reading key (l/r, final ng/n, final h:
# チョンボン / Chongbong), and generic_words.csv v2 sets the shipyard words (工場 造船 船舶 修理) aside; v13 (issue 21):
# Turkish company words (abbreviations.csv v2: Tic., San., Dış Tic., İth. İhr., ve) and legal forms (legal_forms.csv
# `words`: A.Ş., Ltd. Şti., Anonim Şirketi; SFTUE, FSUE, FGUP) are read, with an `abbreviation` explanation line;
# a place is no distinctive word a listed name of that place contains (日本テクノロジー ≠ Huawei Technologies Japan);
# a person named in katakana is also compared with a Latin name by the kana key (`kana_reading`: l/r, th, final vowels)
# v14 (issue 21): a Russian or Arabic / Persian organisation name is also read in the English its general words translate
# to (word_glossary.csv v1: завод plant, وزارة ministry …); one reading key for kana readings of companies and persons
# (a person's key now also writes a syllable-final ng inside a word as n); between two vessel names a spelling variant
# counts from four letters (`dowe` / DOVE), and a query's tokens are also looked up by their spelling key (index)
# v15 (issue 21): between two Latin names as typed, two swapped letters cost what a missing one does (typos.py: one
# typo per six letters, words starting with the same letters; plain ratio charged a swap twice, so `SHIAHB, Mohmamed`
# scored below its whole-string ratio), in the whole names and token by token; six-letter list tokens are also indexed
# by their deletions (`t:` keys), so a name whose only token carries a typo in its middle is a candidate
# v16 (issue 21): legal forms spelt as a transliteration round trip spells them are still forms (legal_forms.py):
# `Ko.` before another form (`GmbH & Ko. KG`), `Ink`/`Korp` ending a name, `Korporeishn`, `Inkorporeited`, `beschrankter`
# (ä typed a or ae), `ogranishennoy`; the whole name compares them spelt the table's way
# v17 (issue 21): spelling keys also write `ow` as `au` (Mowlawi / Maulawi), every spelling of Muhammad one way and
# `Abdul` as `Abd al`; a generic word in another romanisation (`grup`, `tesh`) is generic (distinctive.py); two
# organisation names with different qualifiers after a comma are two units of one group, not compared by their shared
# head (`qualifier` explanation line); a listing's `and any successor, sub-unit, or subsidiary thereof` is no part of
# the name (names.py)


@dataclass(frozen=True)
class Feature:
    name: str
    agree: float  # added when both sides have the value and it agrees
    disagree: float  # added (negative) when both have it and it clashes
    description: str


FEATURES: dict[str, Feature] = {f.name: f for f in (
    Feature("identifier", 1.0, -0.10, "an identical identifier (passport, registration, IMO …) wins outright; "
            "a different value of the same identifier type counts against"),
    Feature("country", 0.03, -0.08, "any shared country (nationality, jurisdiction, address)"),
    Feature("date", 0.04, -0.12, "birth / incorporation dates: same year agrees, years more than 1 apart clash"),
    Feature("entity_type", 0.0, -0.15, "a person is not a company; a party named with a legal form is not a vessel "
            "or an aircraft"),
    Feature("legal_form", 0.02, -0.05, "legal forms (LLC vs JSC vs KK) of organisations"),
    Feature("acronym", 0.02, -0.05, "an acronym in brackets (`Harbin Institute of Technology (HIT)`): the same acronym "
            "or the initials of the other name agree, two different bracketed acronyms clash"),
    Feature("qualifier", 0.0, -0.02, "one name adds a qualifier after a comma that the other lacks "
            "(`Harbin Institute of Technology, Shenzhen`): the head names are compared, the qualifier may be a sub-unit"),
    Feature("abbreviation", 0.0, 0.0, "a short form one name writes and the other does not (abbreviations.csv: "
            "`Mfg`, `R&D`, `Centre`, Turkish `San. ve Tic.` = `Industry and Trade`) was read in its long form before "
            "the names were compared"),
    Feature("translation", 0.0, 0.0, "a Russian or Arabic / Persian organisation name was also read in English word "
            "for word (word_glossary.csv: `завод` = `plant`, `وزارة` = `ministry`) before the names were compared"),
    Feature("name_field", 0.0, 0.0, "an address, c/o or attention line written in the party's name field was split "
            "off before matching and kept as address evidence"),
)}
# Discounts on the similarity methods that carry less evidence than an exact token comparison.
TOKEN_SET_DISCOUNT = 0.92
SKELETON_DISCOUNT = 0.95  # a full phonetic-skeleton alignment across scripts (the best cross-script evidence)
JOINED_DISCOUNT = 0.95  # `abdulnabi` vs `abdul nabi`: same letters, different token split
WHOLE_DISCOUNT = 0.95  # names compared with their legal-form words: shared form words are weak evidence
# Legal-form words are never indexed (forms leave them out), so the index would call them the rarest of all;
# in a whole name they weigh what the commonest word weighs (an idf of ~1).
FORM_WORD_WEIGHT = 1.0


@dataclass(frozen=True)
class NamePair:
    query: str
    matched: str
    method: str
    similarity: float


@dataclass
class Query:
    """What is screened: names plus whatever else is known (all optional)."""

    names: list[PreparedName]
    entity_type: str = "unknown"
    countries: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    # what was split off the name fields before matching (party_names: address, c/o, attention), as evidence
    split_off: list[str] = field(default_factory=list)


@dataclass
class Match:
    entry_id: str
    score: float
    name_pair: NamePair
    features: list[dict[str, Any]]

    @property
    def explanation(self) -> dict[str, Any]:
        return {
            "matcher": MATCHER_VERSION,
            "name": {"query": self.name_pair.query, "matched": self.name_pair.matched,
                     "method": self.name_pair.method, "similarity": round(self.name_pair.similarity, 4)},
            "features": self.features,
        }


Weights = Mapping[str, float]
# A pair of tokens this similar counts as the same token; below it they contribute nothing.
TOKEN_MIN_SIMILARITY = 0.6
# Two tokens with the same phonetic skeleton (`jamous` / `djamus`, `kongocom` / `congocom`) are
# transliteration variants of each other far more often than not.
SKELETON_TOKEN_SIMILARITY = 0.88


@lru_cache(maxsize=1 << 18)  # list tokens recur across queries (`company`, `aleksandr`)
def _token_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    sim = fuzz.ratio(a, b) / 100
    if sim < SKELETON_TOKEN_SIMILARITY and len(a) > 2 and len(b) > 2:
        sa = skeleton_token(a)
        if len(sa) >= 3 and sa == skeleton_token(b):
            sim = SKELETON_TOKEN_SIMILARITY
    return sim if sim >= TOKEN_MIN_SIMILARITY else 0.0


@lru_cache(maxsize=1 << 18)
def _typed_token_similarity(a: str, b: str) -> float:
    """`_token_similarity` of two tokens typed in Latin, two swapped letters costing what a missing one does
    (`typos.typo_similarity`)."""
    sim = _token_similarity(a, b)
    if sim < 1.0:
        typo = typo_similarity(a, b)
        if typo > sim and typo >= TOKEN_MIN_SIMILARITY:
            return typo
    return sim


def token_alignment(a: str, b: str, weights: Weights | None = None, default_weight: float = 1.0,
                    typed: bool = False) -> float:
    """Rarity-weighted share of each side's tokens found on the other side, averaged over both sides (`typed`:
    both names are Latin as typed, so typing errors are allowed for, `typos.py`).

    A rare token (`palantir`) weighs more than a common one (`technologies`), so two names that
    share only their generic words score low even when their strings look alike.
    """
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return 0.0
    similarity = _typed_token_similarity if typed else _token_similarity
    sims = [[similarity(x, y) for y in tb] for x in ta]
    # written out rather than through a helper per side: it runs for every form pair an entry is scored on
    if weights:
        get = weights.get
        wa = [get(t, default_weight) for t in ta]
        wb = [get(t, default_weight) for t in tb]
    else:
        wa, wb = [1.0] * len(ta), [1.0] * len(tb)
    side_a: float = sum(map(operator.mul, wa, map(max, sims))) / sum(wa)
    side_b: float = sum(map(operator.mul, wb, map(max, zip(*sims)))) / sum(wb)
    return (side_a + side_b) / 2


# Skeletons are coarse: two different skeleton tokens count only when nearly identical.
SKELETON_TOKEN_MIN = 0.85


# A one-consonant outline of a long word (`wetouch` and `chaoda` are both T) says little on its own;
# of a short one (`ali` / علي, both R) it is all there is.
SHORT_SKELETON_SIMILARITY = 0.7
SHORT_WORD = 4


# Two words with one outline must still be spelt somewhat alike: `aleg` and `rick` are both RK, `oleg` and
# `eric` both RK, `progres` and `barclays` both BRKRS. Across scripts true pairs keep at least 40-60 % of
# their letters in common (`mhmd` / `muhammad`, `ravrov` / `lavrov`), so below half the outline counts
# for less, down to half at nothing in common. Regression: `Rick Berg` matched Алег БЕЛЯКОЎ at 0.95.
SKELETON_SPELLING_BASE = 0.5


def _skeleton_token_similarity(a: str, b: str, latin_a: str = "", latin_b: str = "") -> float:
    sim = _outline_similarity(a, b, latin_a, latin_b)
    if sim and latin_a and latin_b:
        sim *= min(1.0, SKELETON_SPELLING_BASE + fuzz.ratio(latin_a, latin_b) / 100)
    return sim


def _outline_similarity(a: str, b: str, latin_a: str, latin_b: str) -> float:
    vocabulary = glossary_vocabulary()
    if latin_a in vocabulary or latin_b in vocabulary:
        # words like `trading` and `holding` are translated, not transliterated: their outlines (TRTN,
        # HLTN) say nothing. Seen on the benchmark: Duke Energy Corporation (Holding Company) vs
        # 対外技術貿易会社 (`... trading company`) at 0.92.
        return 1.0 if latin_a == latin_b else 0.0
    if a == b:
        if len(a) >= 2:
            return 1.0
        # One consonant is all a short word's outline has (ali / علي, li / lee), but it is also all
        # `li` and `yuri` have in common: the spellings must agree on their first letter or mostly.
        # Regression: demo screening matched the consignee Li Petrov to Юрий Александрович ПЕТРОВ at 0.95.
        alike = latin_a[:1] == latin_b[:1] or fuzz.ratio(latin_a, latin_b) >= 50
        if not alike:
            return 0.0
        short = len(latin_a) <= SHORT_WORD and len(latin_b) <= SHORT_WORD
        return 1.0 if short else SHORT_SKELETON_SIMILARITY
    sim = fuzz.ratio(a, b) / 100
    return sim if sim >= SKELETON_TOKEN_MIN else 0.0


def skeleton_alignment(fa: str, fb: str, weights: Weights | None = None, default_weight: float = 1.0) -> float:
    """`token_alignment` over phonetic skeletons, weighted by the rarity of the Latin tokens."""
    pa = [(skeleton_token(t), weights.get(t, default_weight) if weights else 1.0, t) for t in fa.split()]
    pb = [(skeleton_token(t), weights.get(t, default_weight) if weights else 1.0, t) for t in fb.split()]
    pa, pb = [p for p in pa if p[0]], [p for p in pb if p[0]]
    if not pa or not pb:
        return 0.0
    sims = [[_skeleton_token_similarity(x, y, tx, ty) for y, _, ty in pb] for x, _, tx in pa]
    side_a = sum(w * max(row) for (_, w, _), row in zip(pa, sims, strict=True)) / sum(w for _, w, _ in pa)
    side_b = sum(w * max(sims[i][j] for i in range(len(pa))) for j, (_, w, _) in enumerate(pb)) / sum(w for _, w, _ in pb)
    return (side_a + side_b) / 2


# Two names that differ only by romanisation variants (`pouia kontrol` / `pouya control`, `el-akhras` /
# `al-akhras`) are the same name spelt another way: a little less evidence than the same spelling.
SPELLING_VARIANT_SIMILARITY = 0.96
SPELLING_VARIANT_FLOOR = 0.6  # keys less alike than this differ by more than their spelling
# In a short name one variant is a large share of it, and short names are often different words or
# acronyms spelt alike (`Arq` / ARK, `Sysco` / SISCO): they must be spelt the same.
SPELLING_VARIANT_MIN_LETTERS = 6
# A vessel is named by one short word (DOVE, TAMBEY): between two vessel names a spelling variant counts from four
# letters (`dowe` / DOVE), as there is no longer name to wait for; acronyms and companies keep the six.
VESSEL_VARIANT_MIN_LETTERS = 4


def _variant_similarity(fa: str, fb: str, weights: Weights | None, default_weight: float, best: float = 0.0,
                        spelt_as_is: float = 0.0, latin: bool = True,
                        min_letters: int = SPELLING_VARIANT_MIN_LETTERS) -> float:
    """The token_sort+rarity similarity of the spelling keys (`spelling_key`), scaled to the variant similarity;
    0 when the keys bring the names no closer than their spellings (`spelt_as_is`) or cannot beat `best`."""
    ka, kb = spelling_key(fa), spelling_key(fb)
    if min(len(ka), len(kb)) - min(ka.count(" "), kb.count(" ")) < min_letters:
        return 0.0
    if ka == kb:
        return SPELLING_VARIANT_SIMILARITY
    if (ka, kb) == (fa, fb) or fuzz.ratio(ka, kb) < SPELLING_VARIANT_FLOOR * 100:
        return 0.0
    if latin and len(set(ka.split()) & set(kb.split())) <= len(set(fa.split()) & set(fb.split())):
        # between two Latin names a variant spelling makes some word the same (`tzunaewa` / `tsunaeva`);
        # a transliterated side's words are only approximations, so closer keys count there too
        return 0.0
    spelt = max(fuzz.token_sort_ratio(ka, kb), fuzz.ratio(ka, kb)) / 100
    if spelt <= spelt_as_is or (spelt + 1) / 2 * SPELLING_VARIANT_SIMILARITY <= best:
        return 0.0  # even a perfect alignment would not beat it
    key_weights = {spelling_key(t): weights.get(t, default_weight) for t in (*fa.split(), *fb.split())} \
        if weights else None
    aligned = token_alignment(ka, kb, key_weights, default_weight)
    return (spelt + aligned) / 2 * SPELLING_VARIANT_SIMILARITY


# A phonetic skeleton only confirms spellings that already look alike: romanised kanji collapse to a
# few consonants (光陽テクノロジー and 機械工学テクノロジー share KTKNRT), so on its own it would match
# unrelated companies. Regression: demo screening matched 株式会社光陽テクノロジー to NPK Tekhmash at 0.97.
SKELETON_SPELLING_FLOOR = 0.5
SKELETON_LENGTH_RATIO = 0.6


# Abjads write no short vowels: محمد کرمی is `mhmd krmi`, 8 letters against the 14 of `mohammad karami`, though
# both have the same 7 consonants. Against a name in one, lengths are compared over consonants.
ABJADS = frozenset({"Arabic", "Hebrew", "Syriac"})
_DROP_VOWELS = str.maketrans("", "", "aeiou ")


def letter_count(form: str) -> int:
    """Characters of a form, spaces aside."""
    return len(form) - form.count(" ")


def consonant_count(form: str) -> int:
    """Letters of a Latin form that are not vowels (spaces aside): what an abjad writes of it."""
    return len(form.translate(_DROP_VOWELS))


def _comparable_lengths(fa: str, fb: str, abjad: bool = False) -> bool:
    la, lb = letter_count(fa), letter_count(fb)
    if min(la, lb) >= SKELETON_LENGTH_RATIO * max(la, lb):
        return True
    if not abjad:
        return False
    ca, cb = consonant_count(fa), consonant_count(fb)
    return min(ca, cb) >= SKELETON_LENGTH_RATIO * max(ca, cb)


def _outlines_compare(a: PreparedName, b: PreparedName) -> bool:
    """Whether consonant outlines are evidence: a side's Latin only approximates its sounds, or both sides
    are one non-Latin script in two languages (Russian Виктор, Belarusian Вiктар)."""
    return a.sounded_out or b.sounded_out or a.script == b.script != "Latin"


def _form_words(name: PreparedName) -> frozenset[str]:
    """The words of a name's legal form (`inc`, `limited liability company`): in its whole name, in no form."""
    return frozenset(name.whole.split()) - {t for form in name.forms for t in form.split()}


def _whole_weights(a: str, b: str, form_words: frozenset[str], weights: Weights | None,
                   default_weight: float) -> dict[str, float]:
    """Rarity of the words of two names compared whole: the index's, with legal-form words as common ones."""
    local = {t: weights.get(t, default_weight) if weights else 1.0 for t in (*a.split(), *b.split())}
    local.update(dict.fromkeys(form_words, FORM_WORD_WEIGHT))
    return local


def _extra_words(fa: str, fb: str) -> bool:
    """One name is the other plus whole words (`1 horizon` / `horizon`): not the same letters split
    differently, so no case for comparing them without spaces."""
    ta, tb = set(fa.split()), set(fb.split())
    return ta < tb or tb < ta


# A match found through a name's sound stands only when the names' distinctive tokens (`distinctive.py`: without
# generic words such as technology, 工業, seiki) agree this much as spelt, or when there are none on either side.
# Regression (issue 21): 北辰テクノロジー株式会社 (hokushin technology) matched Yuxin Technology at 0.92 through the
# outline KSN of `hokushin` and `yuxin`.
DISTINCTIVE_AGREEMENT = 0.85


# Between two Latin names spelt as written, a shared generic word lifts a string ratio (`sapporo electronics` /
# `safir electronics` 0.88) though the words that name the companies have little in common: below this agreement
# of the distinctive tokens the pair scores no more than they agree. Low, so that typos in them still match.
SPELT_DISTINCTIVE_AGREEMENT = 0.7
CJK_SCRIPTS = frozenset({"Han", "Japanese"})


@lru_cache(maxsize=1 << 16)
def distinctive_agreement(fa: str, fb: str, stem: bool = True, whole: bool = False) -> float:
    """1.0 when neither form has generic words (the whole name is distinctive: the methods judge it, unless
    `whole`) or both are nothing but generic words; else how alike the distinctive parts are spelt (with `whole`,
    a company name read from kana or kanji, as its reading is spelt: `distinctive.reading_key`)."""
    da, db = distinctive_part(fa, stem), distinctive_part(fb, stem)
    if (da, db) == (fa, fb) and not whole or not da and not db:
        return 1.0
    return distinctive_similarity(da, db, reading=whole)


def _sound_evidence(sim: float, fa: str, fb: str, company: bool = False) -> float:
    """`sim` found through the sound of a name (a reading, a spelling key, an outline, a joined spelling): no
    more than the distinctive tokens agree, when they agree less than `DISTINCTIVE_AGREEMENT`. Between company
    names (`company`: neither side a person) a reading of kana or kanji is weak evidence even without generic
    words: マツダ (matsuda) is not MATSA, ヨロズ (yorozu) not Yoro, 久留米倉庫 (kurume soko) not Krymsk."""
    agreement = distinctive_agreement(fa, fb, True, company)
    return sim if agreement >= DISTINCTIVE_AGREEMENT else min(sim, agreement)


def _spelt_evidence(sim: float, fa: str, fb: str) -> float:
    """`sim` of two Latin names as written: no more than the distinctive tokens agree, below `SPELT_DISTINCTIVE_AGREEMENT`."""
    agreement = distinctive_agreement(fa, fb, False)
    return sim if agreement >= SPELT_DISTINCTIVE_AGREEMENT else min(sim, agreement)


@lru_cache(maxsize=1 << 16)
def _cjk_cap(a: str, b: str) -> float:
    """For two names in kanji / kana: 1.0, or the agreement of their distinctive characters when it is below
    `DISTINCTIVE_AGREEMENT` (their readings may agree by chance: 神鋼 and 新興 are both `shinko`)."""
    agreement = cjk_agreement(normalize_name(a), normalize_name(b))
    return 1.0 if agreement >= DISTINCTIVE_AGREEMENT else agreement


# A person's name in katakana and its romanisation differ in regular ways no Latin spelling does (`reading_key`):
# katakana has one consonant for l and r, none for th, dh or a final h, and ends a consonant on a vowel (マムルーク
# mamuruku / Mamlouk, サーミル samiru / Thamir, ホーシー hoshi / Houthi). Compared by that key, a name is weaker evidence than spelt:
# the discount keeps a perfect key match a little above the default threshold and a key 5 % apart at it. Short keys
# say too little (グルグ / Gurg and Gorg are all `grg`), so both keys need `KANA_KEY_MIN_LETTERS` letters.
KANA_READING_DISCOUNT = 0.91
KANA_KEY_MIN_LETTERS = 8


def kana_reading_similarity(fa: str, fb: str) -> float:
    """The similarity of two person names by their kana keys (one side read from katakana), discounted; 0 when a
    key is too short to say anything."""
    ka, kb = reading_key(fa, person=True), reading_key(fb, person=True)
    if min(letter_count(ka), letter_count(kb)) < KANA_KEY_MIN_LETTERS:
        return 0.0
    return max(fuzz.token_sort_ratio(ka, kb), fuzz.ratio(ka, kb)) / 100 * KANA_READING_DISCOUNT


def spelt_similarity(fa: str, fb: str, typed: bool = False) -> float:
    """Two forms compared as spelt: as written and with their tokens sorted (a typo in a first letter reorders
    token_sort's tokens, so both); `typed`: both are Latin as typed, and two swapped letters cost what a missing
    one does (`typos.py`)."""
    if not typed:
        return max(fuzz.token_sort_ratio(fa, fb), fuzz.ratio(fa, fb)) / 100
    return max(typo_similarity(fa, fb), typo_similarity(_sorted_tokens(fa), _sorted_tokens(fb)))


def _sorted_tokens(form: str) -> str:
    return " ".join(sorted(form.split()))


# Two organisation names that each add a qualifier after a comma name two units of one group when the qualifiers
# differ (`Tactical Missile Corporation, Zvezda-Strela LLC` / `Tactical Missile Corporation, TRV Engineering`): their
# heads (`names._with_head`) are then not compared, only the names with their qualifiers. Regression (v17): a query for
# one of the 30 listed units of Tactical Missile Corporation matched every other unit at 1.00 by the shared head, and
# its own unit fell out of the 20 best.
QUALIFIERS_AGREE = 0.85
_BRACKETED = re.compile(r"\s*[(（][^()（）]*[)）]")


@lru_cache(maxsize=1 << 16)
def _qualifier(name: str) -> str:
    """The normalised qualifier a Latin organisation name adds after its last comma (`` when it adds none)."""
    if "," not in name or not normalize_name(name).isascii():
        return ""
    split = comma_qualifier(_BRACKETED.sub("", name))  # `Co., Ltd (HiSilicon)`: an acronym, not a qualifier
    return normalize_name(split[1]) if split else ""


def _without_heads(name: PreparedName, qualifier: str) -> PreparedName:
    """`name` without its head forms (the forms that hold no word of its qualifier), if any other form is left."""
    words = set(qualifier.split())
    kept = [i for i, form in enumerate(name.forms) if words & set(form.split())]
    if not kept or len(kept) == len(name.forms):
        return name
    return name._replace(forms=tuple(name.forms[i] for i in kept), skeletons=tuple(name.skeletons[i] for i in kept))


def sibling_units(a: str, b: str) -> bool:
    """Two organisation names (as printed) that each add a qualifier after a comma, and not the same one."""
    qa, qb = _qualifier(a), _qualifier(b)
    return bool(qa and qb) and fuzz.token_sort_ratio(qa, qb) < QUALIFIERS_AGREE * 100


def _pair_similarity(a: PreparedName, b: PreparedName, person: bool, weights: Weights | None,
                     default_weight: float, vessel: bool = False) -> tuple[float, str]:
    if not person and sibling_units(a.original, b.original):
        a, b = _without_heads(a, _qualifier(a.original)), _without_heads(b, _qualifier(b.original))
    abjad = a.script in ABJADS or b.script in ABJADS
    read = a.transliterated or b.transliterated  # a side's Latin is a reading of another script
    cap = _cjk_cap(a.original, b.original) if a.script in CJK_SCRIPTS and b.script in CJK_SCRIPTS else 1.0
    best, method = _pair_forms(a, b, person, weights, default_weight, read, abjad, vessel)
    return min(best, cap), method


def _pair_forms(a: PreparedName, b: PreparedName, person: bool, weights: Weights | None, default_weight: float,
                read: bool, abjad: bool, vessel: bool = False) -> tuple[float, str]:
    best, method = 0.0, "token_sort+rarity"
    # company names read from kana or kanji: their readings are weak evidence even without generic words
    kana = not person and bool({a.script, b.script} & CJK_SCRIPTS)
    # a person's name in katakana against one in Latin letters: also compared by the kana reading key
    kana_person = person and {a.script, b.script} == {"Japanese", "Latin"}
    for fa, sa in zip(a.forms, a.skeletons, strict=True):
        for fb, sb in zip(b.forms, b.skeletons, strict=True):
            if fa == fb:
                return 1.0, "exact"
            aligned = token_alignment(fa, fb, weights, default_weight, not read)
            spelt = spelt_similarity(fa, fb, not read)
            sim = (spelt + aligned) / 2
            if sim > best:
                sim = _sound_evidence(sim, fa, fb, kana) if read else _spelt_evidence(sim, fa, fb)
            if sim > best:
                best, method = sim, "token_sort+rarity"
            if best < SPELLING_VARIANT_SIMILARITY:
                sim = _variant_similarity(fa, fb, weights, default_weight, best, spelt, not read,
                                          VESSEL_VARIANT_MIN_LETTERS if vessel else SPELLING_VARIANT_MIN_LETTERS)
                sim = _sound_evidence(sim, fa, fb, kana) if sim > best else sim
                if sim > best:
                    best, method = sim, "spelling_variant"
            if fa.count(" ") != fb.count(" ") and not _extra_words(fa, fb):
                joined = fuzz.ratio(fa.replace(" ", ""), fb.replace(" ", "")) / 100
                if joined >= 0.9 and joined * JOINED_DISCOUNT > best:
                    sim = _sound_evidence(joined * JOINED_DISCOUNT, fa, fb, kana)
                    if sim > best:
                        best, method = sim, "joined"
            if person:
                sim = initials_similarity(fa, fb)
                if sim > best:
                    best, method = sim, "initials"
                if kana_person and best < KANA_READING_DISCOUNT:
                    sim = kana_reading_similarity(fa, fb)
                    if sim > best:
                        best, method = sim, "kana_reading"
            if _outlines_compare(a, b) and sa and sb and _comparable_lengths(fa, fb, abjad) \
                    and best >= SKELETON_SPELLING_FLOOR:
                sim = skeleton_alignment(fa, fb, weights, default_weight)
                ja, jb = sa.replace(" ", ""), sb.replace(" ", "")
                if sa.count(" ") != sb.count(" ") and sim >= 0.4:  # al-baghdadi vs البغدادي
                    sim = max(sim, fuzz.ratio(ja, jb) / 100 * JOINED_DISCOUNT)
                sim *= SKELETON_DISCOUNT * min(1.0, (min(len(ja), len(jb)) + 4) / 9)  # short outlines say little
                sim = _sound_evidence(sim, fa, fb, kana) if sim > best else sim
                if sim > best:
                    best, method = sim, "phonetic_skeleton"
    if bool(a.legal_forms) != bool(b.legal_forms):
        # one side's legal form went unrecognised (misspelt, transliterated): its words are still in
        # that side's forms, so compare them with the other side's whole name
        whole, other = (a, b) if a.whole else (b, a)
        if whole.whole:
            for fo in other.forms:
                local = _whole_weights(whole.whole, fo, _form_words(whole), weights, default_weight)
                aligned = token_alignment(whole.whole, fo, local, default_weight, not read)
                sim = (spelt_similarity(whole.whole, fo, not read) + aligned) / 2
                if sim > best:
                    best, method = sim, "with_legal_form"
    elif a.whole and b.whole and _form_words(a) != _form_words(b):
        # both have legal forms, but a misspelt word of one (`LIMITED LkeABILITY COMPANY`, `OPnN JOINT
        # STOCK`) stayed in its core: the whole names still line up word for word. Only the rarity-weighted
        # alignment counts (a string ratio of `kt corporation` and `koti corporation` is mostly the form),
        # with the form words as common as words get.
        local = _whole_weights(a.whole, b.whole, _form_words(a) | _form_words(b), weights, default_weight)
        sim = token_alignment(a.whole, b.whole, local, default_weight, not read)
        if sim * WHOLE_DISCOUNT > best:
            best, method = sim * WHOLE_DISCOUNT, "with_legal_form"
    return best, method


def name_similarity(query: Sequence[PreparedName], names: Iterable[PreparedName], person: bool = False,
                    weights: Weights | None = None, default_weight: float = 1.0, vessel: bool = False) -> NamePair:
    """The best-matching pair of names between a query and an entry, with the method that found it (`vessel`: both
    name a vessel)."""
    best = NamePair("", "", "none", 0.0)
    for q in query:
        for n in names:
            sim, method = _pair_similarity(q, n, person, weights, default_weight, vessel)
            if sim > best.similarity:
                best = NamePair(q.original, n.original, method, sim)
    return best


_ID_CLEAN = re.compile(r"[^0-9a-z]")
# Type words people write in front of the number ("IMO 9187629", "INN 7706107510").
_ID_PREFIX = re.compile(r"^(imo|mmsi|inn|ogrn|kpp|okpo|no|nr|id|reg|regno|swift|bic|lei)(?=\d{5,})")


def clean_identifier(value: str) -> str:
    """Compare form of an identifier: alphanumerics only, a leading type word dropped."""
    return _ID_PREFIX.sub("", _ID_CLEAN.sub("", value.casefold()))


def _years(dates: Iterable[str]) -> set[int]:
    return {int(d[:4]) for d in dates if len(d) >= 4 and d[:4].isdigit()}


def compare_acronyms(query: str, matched: str) -> tuple[str, str] | None:
    """(result, detail) of the bracketed acronyms of a name pair, or None when neither prints one that says anything."""
    q_acronyms, e_acronyms = bracketed_acronyms(query), bracketed_acronyms(matched)
    if q_acronyms and e_acronyms:
        shared = sorted(set(q_acronyms) & set(e_acronyms))
        if shared:
            return "agree", f"both print ({shared[0].upper()})"
        return "disagree", f"({q_acronyms[0].upper()}) in the query, ({e_acronyms[0].upper()}) on the list"
    for acronyms, side, other, other_side in ((q_acronyms, "query", matched, "listed name"),
                                              (e_acronyms, "listed name", query, "query")):
        fitting = [a for a in acronyms if acronym_fits(a, other)]
        if fitting:
            return "agree", f"({fitting[0].upper()}) in the {side} = initials of the {other_side} {other!r}"
    return None


def added_qualifier(query: str, matched: str) -> str | None:
    """What one name of a pair adds after a comma that the other lacks (`…, Shenzhen`), or the two different
    qualifiers of two units of one group, as an explanation."""
    if sibling_units(query, matched):
        return (f"both names add a qualifier after a comma, {_qualifier(query)!r} and {_qualifier(matched)!r}: two "
                "units of one group, compared with their qualifiers, not by the name they share")
    for name, side, other in ((matched, "listed name", query), (query, "query", matched)):
        split = comma_qualifier(name)
        if split is None:
            continue
        head, qualifier = split
        other_words = set(normalize_name(other).split())
        if not set(normalize_name(qualifier).split()) <= other_words:
            return f"the {side} adds {qualifier!r} after a comma; {head!r} was compared without it"
    return None


# romanised Japanese, Chinese and Korean are whole words already and never expanded (names.py)
_WHOLE_WORD_READINGS = frozenset({"Han", "Hiragana", "Katakana", "Hangul"})


@lru_cache(maxsize=65536)
def _short_forms(name: str) -> tuple[tuple[str, str], ...]:
    """(short form as written, long form) of each abbreviation-table row a Latin organisation name uses."""
    core = split_legal_form(normalize_name(name)).core
    if not core.isascii():  # Turkish `Dış Tic.`: read as the compare forms read it (`dis tic`)
        latin = latin_forms(core, None)
        if not latin or name_scripts(core) & _WHOLE_WORD_READINGS:
            return ()
        core = latin[0]
    return tuple((" ".join(row.short), row.long) for row in expansions(core))


def read_abbreviations(query: str, matched: str) -> str | None:
    """The short forms one name of a pair writes and the other does not, as the explanation line says them."""
    sides = []
    q_forms, e_forms = _short_forms(query), _short_forms(matched)
    for side, own, other in (("query", q_forms, e_forms), ("listed name", e_forms, q_forms)):
        written = {short for short, _ in other}
        read = [f"{short!r} as {long!r}" for short, long in own if short not in written]
        if read:
            sides.append(f"the {side} reads " + ", ".join(dict.fromkeys(read)))
    return "; ".join(sides) or None


@lru_cache(maxsize=65536)
def read_translations(query: str, matched: str) -> str | None:
    """The glossary words a Russian or Arabic / Persian name of a pair was read with, as the explanation says them."""
    sides = []
    for side, name in (("query", query), ("listed name", matched)):
        normalized = normalize_name(name)
        if normalized.isascii():
            continue
        script = "Arabic" if "Arabic" in name_scripts(normalized) else "Cyrillic"
        words = glossary_words(split_legal_form(normalized).core, script)
        if words:
            sides.append(f"the {side} reads " + ", ".join(dict.fromkeys(f"{w!r} as {e!r}" for w, e in words)))
    return "; ".join(sides) or None


_CRAFT = frozenset({"vessel", "aircraft"})  # a party named with a legal form is a company, not a ship or a plane


def score_entry(query: Query, entry: Mapping[str, Any], names: Sequence[PreparedName],
                weights: Weights | None = None, default_weight: float = 1.0) -> Match:
    """Score one list entry against a query: name similarity adjusted by each feature's evidence.

    `weights` maps tokens to their rarity (the index's inverse document frequency); unknown tokens
    get `default_weight` (the rarest).
    """
    # a party of unknown type named with a legal form (株式会社, LLC, Co., Ltd.) is a company, not a person
    query_type = query.entity_type
    if query_type == "unknown" and any(n.legal_forms for n in query.names):
        query_type = "organization"
    person = "person" in (query_type, entry.get("entity_type"))
    vessel = query_type == entry.get("entity_type") == "vessel"
    pair = name_similarity(query.names, names, person, weights, default_weight, vessel)
    score = pair.similarity
    features: list[dict[str, Any]] = []

    def record(name: str, result: str, detail: str) -> None:
        nonlocal score
        feature = FEATURES[name]
        weight = feature.agree if result == "agree" else feature.disagree if result == "disagree" else 0.0
        if name == "identifier" and result == "agree":
            score = max(score, 0.99)
            weight = round(score - pair.similarity, 4)
        else:
            score += weight
        features.append({"feature": name, "result": result, "weight": weight, "detail": detail})

    q_ids = {clean_identifier(i) for i in query.identifiers} - {""}
    e_ids = {clean_identifier(str(i)) for i in entry.get("identifiers", [])} - {""}
    if q_ids and e_ids:
        shared = q_ids & e_ids
        record("identifier", "agree" if shared else "disagree",
               f"shared {sorted(shared)}" if shared else f"{sorted(q_ids)} vs {sorted(e_ids)}")
    q_cc, e_cc = set(query.countries), set(entry.get("countries", []))
    if q_cc and e_cc:
        shared_cc = q_cc & e_cc
        record("country", "agree" if shared_cc else "disagree",
               f"{','.join(sorted(q_cc))} ~ {','.join(sorted(e_cc))}")
    q_years, e_years = _years(query.dates), _years(entry.get("dates", []))
    if q_years and e_years:
        close = any(abs(a - b) <= 1 for a in q_years for b in e_years)
        record("date", "agree" if close else "disagree", f"{sorted(q_years)} ~ {sorted(e_years)}")
    e_type = entry.get("entity_type", "unknown")
    if {query_type, e_type} == {"person", "organization"} or query_type != query.entity_type and e_type in _CRAFT:
        record("entity_type", "disagree", f"{query_type} vs {e_type}")
    q_legal = next((n.legal_forms for n in query.names if n.original == pair.query), ())
    e_legal = next((n.legal_forms for n in names if n.original == pair.matched), ())
    legal = compare_legal_forms(q_legal, e_legal)
    if legal in ("same", "different"):
        record("legal_form", "agree" if legal == "same" else "disagree",
               f"{'/'.join(q_legal)} vs {'/'.join(e_legal)}")
    elif legal == "compatible":
        features.append({"feature": "legal_form", "result": "compatible", "weight": 0.0,
                         "detail": f"{'/'.join(q_legal)} ~ {'/'.join(e_legal)}"})
    acronym = compare_acronyms(pair.query, pair.matched)
    if acronym is not None:
        record("acronym", *acronym)
    qualifier = None if person else added_qualifier(pair.query, pair.matched)
    if qualifier is not None:
        record("qualifier", "disagree", qualifier)
    abbreviated = None if person else read_abbreviations(pair.query, pair.matched)
    if abbreviated is not None:
        record("abbreviation", "read", abbreviated)
    translated = None if person else read_translations(pair.query, pair.matched)
    if translated is not None:
        record("translation", "read", translated)
    for split_off in query.split_off:
        record("name_field", "split", split_off)
    return Match(str(entry["id"]), max(0.0, min(1.0, round(score, 4))), pair, features)
