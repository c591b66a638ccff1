"""Goods descriptions and control texts → comparable features, in English and Japanese.

English: spaCy's tokenizer with the lookup lemmatizer (`spacy.blank("en")` + spacy-lookups-data; no
model download), lower-cased lemmas of content words and their bigrams (`en:machine tool`).
Japanese: no dictionary-based tokenizer ships on PyPI without a separate dictionary download
(SudachiPy needs sudachidict_*), so kanji / katakana runs are cut at kana particles, punctuation and
legal boilerplate and read as character bigrams (`ja:集積`, `ja:積回`), which works well on the short
noun phrases of goods descriptions and the law's item texts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise

import spacy
from spacy.language import Language

__all__ = ["en_features", "en_lemmas", "is_japanese", "ja_features", "matched_terms", "nlp_en", "normalise"]

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# kanji / katakana runs (with the prolonged sound mark and Latin letters inside, e.g. ＦＰＧＡデバイス)
_JA_RUN = re.compile(r"[\u30a0-\u30ff\u3400-\u9fffー々]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9\- ]*")
# what the law repeats in every entry and what says nothing about the goods themselves
_JA_BOILERPLATE = re.compile(
    r"[（(][^（）()]*(?:除く|限る|含む)[^（）()]*[）)]|経済産業省令で定める仕様のもの|経済産業省令で定めるもの|次に掲げる貨物|"
    r"次に掲げるもの|中欄に掲げる|部分品|附属品|附属装置|若しくは|又は|並びに|及び|これら|その他|もの|ため|用いられる"
)
_EN_STOP_EXTRA = frozenset({"other", "part", "thereof", "therefor", "specially", "design", "follow", "whether",
                            "combine", "use", "n.e.c", "nec", "item", "good", "type", "new", "pcs", "unit", "set"})


@cache
def nlp_en() -> Language:
    """A blank English pipeline with the lookup lemmatizer: tokenisation and lemmas only, fast."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def normalise(text: str) -> str:
    """NFKC (full-width → half-width Latin, half-width katakana → full-width) and trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def is_japanese(text: str) -> bool:
    return bool(_CJK.search(text))


def en_features(text: str) -> list[str]:
    """`en:<lemma>` for each content word and `en:<lemma> <lemma>` for adjacent pairs."""
    lemmas = en_lemmas(text)
    features = [f"en:{lemma}" for lemma in lemmas if lemma]
    features += [f"en:{a} {b}" for a, b in pairwise(lemmas) if a and b]
    return features


def en_lemmas(text: str) -> list[str | None]:
    """Lower-cased lemmas of content words; None where a stop word, number or punctuation breaks a phrase."""
    doc = nlp_en()(normalise(text).lower())
    lemmas: list[str | None] = []
    for token in doc:
        if not token.is_alpha and not any(ch.isalpha() for ch in token.text):
            lemmas.append(None)  # numbers and punctuation break phrases
            continue
        lemma = token.lemma_ or token.text
        if token.is_stop or lemma in _EN_STOP_EXTRA or len(lemma) < 2:
            lemmas.append(None)
            continue
        lemmas.append(lemma)
    return lemmas


def ja_features(text: str) -> list[str]:
    """`ja:<bigram>` over kanji / katakana runs, after removing the law's boilerplate; Latin words inside
    (FPGA, RF, IC) become English features."""
    cleaned = _JA_BOILERPLATE.sub("、", normalise(text))
    features = [f for word in _LATIN.findall(cleaned) for f in en_features(word)]
    for run in _JA_RUN.findall(cleaned):
        if len(run) == 1:
            features.append(f"ja:{run}")
        features += [f"ja:{run[i:i + 2]}" for i in range(len(run) - 1)]
    return features


def matched_terms(features: list[str], texts: list[str]) -> list[str]:
    """What an analyst reads for matched features: Japanese bigrams joined back into the longest words of
    `texts` they cover (集積回路, not 集積 積回 回路), English phrases rather than their single words.
    Ordered as `features` is (most informative first)."""
    rank = {feature: position for position, feature in enumerate(features)}
    found: dict[str, int] = {}
    for text in texts:
        cleaned = _JA_BOILERPLATE.sub("、", normalise(text))
        for run in _JA_RUN.findall(cleaned):
            if len(run) == 1 and f"ja:{run}" in rank:
                found.setdefault(run, rank[f"ja:{run}"])
            start = None
            for i in range(len(run)):
                hit = i < len(run) - 1 and f"ja:{run[i:i + 2]}" in rank
                if hit and start is None:
                    start = i
                if not hit and start is not None:
                    term = run[start:i + 1]
                    found.setdefault(term, min(rank[f"ja:{term[j:j + 2]}"] for j in range(len(term) - 1)))
                    start = None
    phrases = [f.removeprefix("en:") for f in features if f.startswith("en:")]
    words_in_phrases = {word for phrase in phrases if " " in phrase for word in phrase.split()}
    originals = _original_words(texts)
    for phrase in phrases:
        if " " in phrase or phrase not in words_in_phrases:
            found.setdefault(originals.get(phrase, phrase), rank[f"en:{phrase}"])
    return sorted(found, key=lambda term: (found[term], term))


def _original_words(texts: list[str]) -> dict[str, str]:
    """lemma phrase -> the words as written (`integrate circuit` -> `integrated circuits`)."""
    out: dict[str, str] = {}
    for text in texts:
        if is_japanese(text):
            continue
        doc = nlp_en()(normalise(text))
        lemmas = en_lemmas(text)
        if len(doc) != len(lemmas):
            continue
        words = [token.text for token in doc]
        for i, lemma in enumerate(lemmas):
            if lemma:
                out.setdefault(lemma, words[i])
                if i + 1 < len(lemmas) and lemmas[i + 1]:
                    out.setdefault(f"{lemma} {lemmas[i + 1]}", f"{words[i]} {words[i + 1]}")
    return out
