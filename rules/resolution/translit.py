"""Latin forms of names written in other scripts, so one index and one scorer serve every list.

The original script is never thrown away: callers keep it as a name of its own and add the Latin
forms beside it. Which library for which script, chosen by what they get right on listed names:

- Cyrillic, Greek, Hangul, Georgian, Armenian: rigour's `ascii_text` (ICU-backed, `Шевченко` → `shevchenko`).
- Japanese kana/kanji: pykakasi (Hepburn), with long vowels folded (`toushiba` → `toshiba`) as
  romanised company and person names are written. Katakana also gets a foreign-word reading, which
  undoes the vowels katakana adds and its r for l (`ミハイル` mihairu → `mihail`, beside `mihairu`).
- Chinese and Japanese organisation words: `han_glossary.csv` (general vocabulary: `集团公司`, `科技`,
  `研究所`, `設計局` …, simplified, traditional and Japanese spellings), matched greedily longest first,
  turns them into the English the lists print, in two forms (`公司` company / corporation); `第五十四`
  becomes `54th`, and the rest pinyin two characters at a time (or Hepburn). Chinese also gets the whole
  name in pinyin (`keji` for 科技), as some lists print it. English loanwords in katakana (カンパニー)
  are glossary words too. Han-only text can be Japanese too (`株式会社東芝`), so it gets both readings
  unless the caller knows the language or the text has characters Japanese does not write (simplified `电`).
- Arabic / Persian: a letter table, because general transliterators spell `محمد` as `mhmd` anyway and
  the vowels are not written; the phonetic skeleton (`phonetic.py`) does the rest. A few readings:
  article apart (`abd al rhmn`), assimilated and fused (`abdurrhmn`, `shmsuddin`), French-school
  (`chouman`, `eddin`) and, for Arabic letters without Persian ones, the Persian reading (`rza`).
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

from rigour.text.scripts import text_scripts
from rigour.text.translit import ascii_text

__all__ = ["arabic_forms", "ascii_form", "glossary_renderings", "glossary_vocabulary", "katakana_readings", "latin_forms",
           "name_scripts", "simplified_chinese"]

_JA_ONLY = re.compile("[\u3040-\u30ff\u31f0-\u31ff々〆ヶ]|株式会社|有限会社|合同会社")
_JA_LONG_VOWELS = ((re.compile("ou"), "o"), (re.compile("uu"), "u"), (re.compile("oo"), "o"),
                   (re.compile("ii(?=[^aeiou]|$)"), "i"), (re.compile("aa"), "a"), (re.compile("ee"), "e"))


@lru_cache(maxsize=1)
def _kakasi() -> Any:
    import pykakasi  # imported on first use: it loads dictionaries (~0.3 s)

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]  # pykakasi ships no types


def name_scripts(text: str) -> set[str]:
    """ISO 15924-ish script names in a text (`Latin`, `Cyrillic`, `Han`, `Katakana` …)."""
    return set(text_scripts(text))


def ascii_form(text: str) -> str:
    """Lower-case ASCII words only: the form every Latin reading is compared in."""
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", ascii_text(text).lower()).split())


_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "و": "w", "ي": "y", "ى": "a", "ة": "a", "ء": "", "ؤ": "", "ئ": "", "پ": "p", "چ": "ch",
    "ژ": "zh", "گ": "g", "ک": "k", "ی": "y", "ە": "a", "ـ": "",
    # Urdu letters (Pakistani and Afghan names on the lists)
    "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ھ": "h", "ہ": "h", "ۃ": "a", "ے": "e",
}
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
# Persian reads these Arabic letters differently (ض ذ ظ as z, ث as s); Persian text is told
# apart by its own letters (پ چ ژ گ ی ک). Without them (محمد رضا) both readings are made.
_PERSIAN = {"ض": "z", "ذ": "z", "ظ": "z", "ث": "s"}
_PERSIAN_LETTERS = re.compile("[پچژگیک]")
# French-school romanisation (Lebanon, Syria, the Maghreb): `chouman`, `djamal`, `el-`.
_FRENCH = {"ش": "ch", "ج": "dj"}
_LONG_VOWELS = "اأإآٱويىیۓے"
_SUN_LETTERS = "تثدذرزسشصضطظلن"
# The article ال is written joined to its word (and عبدالرحمن to the word before it); Latin lists
# write it apart (`al-`, `el-`), assimilated (`ar-rahman`, `as-sahni`) or fused into a compound
# (`abdurrahman`, `abdul rahman`, `shamsuddin`, `hamdullah`).
_ARTICLE = re.compile(r"(?<!\S)(عبد|ابو|أبو)?ال(?!له(?!\S))(?=\S{2,})")
_ALLAH = re.compile(r"(?<!\S)(\S*?)(?:ال|ل)له(?!\S)")  # الله, عبدالله, لله after a joined ال
# compound heads that fuse with the article: `abd al-rahman` is written `abdurrahman` / `abdul rahman`.
_COMPOUND_NEXT = ("الله", "الدين", "الرحمن", "الرحمان", "الرحيم")


def _arabic_word(word: str, table: dict[str, str], french: bool) -> str:
    """One word, letter by letter, with و/ي read as vowels between consonants (`shwman` → `shuman`)
    and an initial ع as the vowel it carries (`علي` → `ali`)."""
    out = []
    for i, ch in enumerate(word):
        prev, nxt = word[i - 1:i], word[i + 1:i + 2]
        # و and ي begin a word as consonants (یوسف yusuf, ولید walid)
        consonant_before = bool(prev) and (prev not in _LONG_VOWELS or i == 1 and prev in "ويی")
        consonant_after = not nxt or nxt not in _LONG_VOWELS
        if ch == "و" and consonant_before and consonant_after:
            out.append("ou" if french else "u")
        elif ch in "يی" and (consonant_before and consonant_after or i == len(word) - 1 and i > 0):
            out.append("i")  # between consonants, and ending a word (the -i of موسوی musavi, حقانی haqqani)
        elif ch == "ع" and consonant_after and (i == 0 or consonant_before):
            out.append("a")
        else:
            out.append(table.get(ch, ch))
    return "".join(out)


def arabic_forms(text: str) -> list[str]:
    """Latin forms of Arabic / Persian / Urdu text: a few readings, not every combination."""
    text = _ARABIC_MARKS.sub("", text).replace("ـ", "")
    text = _ALLAH.sub(lambda m: f"{m.group(1)} الله" if m.group(1) else "الله", text)
    text = _ARTICLE.sub(lambda m: f"{m.group(1)} ال " if m.group(1) else "ال ", text)
    words = [w for w in text.split() if w]
    persian = bool(_PERSIAN_LETTERS.search(text))
    tables = [({**_ARABIC, **_PERSIAN} if persian else _ARABIC, False)]
    if not persian and any(ch in _PERSIAN for ch in text):
        tables.append(({**_ARABIC, **_PERSIAN}, False))  # an Iranian name without Persian letters
    if not persian and any(ch in _FRENCH or ch in "وي" for ch in text):
        tables.append(({**_ARABIC, **_FRENCH}, True))
    forms = []
    for number, (table, french) in enumerate(tables):
        # و standing alone is the conjunction, read wa (Persian va), not the letter w
        conjunction = "va" if persian else "wa"
        latin = ["allah" if w == "الله" else "al" if w == "ال" else conjunction if w == "و"
                 else _arabic_word(w, table, french) for w in words]
        if french:  # el-, and before a sun letter joined to its word: ed-din → eddin, et-tadamon → ettadamon
            tokens: list[str] = []
            for i, w in enumerate(latin):
                if i and words[i - 1] == "ال" and words[i][0] in _SUN_LETTERS:
                    tokens[-1] = "e" + table.get(words[i][0], "") + w
                else:
                    tokens.append("el" if words[i] == "ال" else w)
            forms.append(" ".join(tokens))
            continue
        forms.append(" ".join(latin))
        if number:
            continue
        # assimilated and fused: ar-rahman, as-sahni; abdurrahman, shamsuddin, hamdullah
        fused: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            if w == "ال" and i + 1 < len(words):
                nxt = latin[i + 1]
                article = "a" + nxt[0] if words[i + 1][0] in _SUN_LETTERS else "al"
                if fused and "ال" + words[i + 1].replace("ی", "ي") in _COMPOUND_NEXT or fused and fused[-1] == "abd":
                    fused[-1] += "u" + article[1:] + nxt
                else:
                    fused.append(article + " " + nxt)
                i += 2
                continue
            if w == "الله" and fused:
                fused[-1] += "ullah"
            else:
                fused.append(latin[i])
            i += 1
        forms.append(" ".join(fused))
    return [ascii_form(f) for f in forms]


def _japanese(text: str) -> str:
    words = [item["hepburn"] for item in _kakasi().convert(text)]
    out = " ".join(ascii_form(word) for word in words if word.strip())
    for pattern, repl in _JA_LONG_VOWELS:
        out = pattern.sub(repl, out)
    return " ".join(out.split())


@lru_cache(maxsize=1)
def _glossary() -> tuple[dict[str, tuple[str, str]], int]:
    """`han_glossary.csv`: word → (English, alternative English), and the longest word's length."""
    text = (resources.files("ecgraph.rules.resolution") / "han_glossary.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    table = {row["word"]: (row["english"], row["alternative"] or row["english"]) for row in rows}
    # Chinese is read from simplified characters (`simplified_chinese`): a row written in traditional or
    # Japanese characters (工場, 連邦) serves its simplified spelling too, unless that has a row of its own
    for word, english in list(table.items()):
        if not _KATAKANA_WORD.search(word):
            table.setdefault(simplified_chinese(word), english)
    return table, max(map(len, table))


def glossary_renderings() -> dict[str, tuple[str, str]]:
    """Every glossary word (kanji, kana) with its two English renderings."""
    return dict(_glossary()[0])


@lru_cache(maxsize=1)
def glossary_vocabulary() -> frozenset[str]:
    """Every English word the glossary translates into (company, trading, holding, technology …): the
    vocabulary of organisation names, compared as words, never by their phonetic outline."""
    table, _ = _glossary()
    return frozenset(word for pair in table.values() for english in pair for word in english.lower().split())


_HAN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
# 第五十四研究所 / 第771研究所: ordinals, as the lists print them (`54th Research Institute`, `771 Institute`)
_ORDINAL = re.compile("第([0-9〇零一二两三四五六七八九十百千]+)")
# 三十五研究所 / 七〇二所 without 第: a numeral of several characters with a unit or a zero is a number
# (`35 Research Institute`); a lone 三 or 九 is part of a name (三明 Sanming, 九江 Jiujiang).
_NUMBER = re.compile("[〇零一二两三四五六七八九十百千]*[〇零十百千][〇零一二两三四五六七八九十百千]*")
# Look-alikes typed or OCR'd into numerals: katakana ニ for 二, a white circle for 〇 (第七○ニ研究所).
_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千"
_NUMERAL_LOOKALIKES = re.compile(f"(?<=[{_NUMERAL_CHARS}○◯])[ニ○◯]|[ニ○◯](?=[{_NUMERAL_CHARS}○◯])")
_LOOKALIKE_NUMERAL = {"ニ": "二", "○": "〇", "◯": "〇"}


def _han_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    total = digit = 0
    for char in text:
        if char in _HAN_UNITS:
            total += (digit or 1) * _HAN_UNITS[char]
            digit = 0
        else:
            digit = digit * 10 + (int(char) if char.isdigit() else _HAN_DIGITS[char])  # 第1十 is odd but possible
    return total + digit


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# Katakana spells foreign names by Japanese syllables: a vowel after every consonant (ミハイル
# mi-ha-i-ru for Mikhail), r for l, f for a final v (-オフ for -ov). A second reading undoes that.
# Foreign-sound digraphs are read first (in capitals: their vowels are real, never dropped).
_KANA_FOREIGN = {
    "ティ": "TI", "ディ": "DI", "トゥ": "TU", "ドゥ": "DU", "テュ": "TYU", "デュ": "DYU", "ファ": "FA",
    "フィ": "FI", "フェ": "FE", "フォ": "FO", "ヴァ": "VA", "ヴィ": "VI", "ヴェ": "VE", "ヴォ": "VO",
    "ヴ": "Vu", "ウィ": "WI", "ウェ": "WE", "ウォ": "WO", "シェ": "SHE", "ジェ": "JE", "チェ": "CHE",
    "スィ": "SI", "ズィ": "ZI", "ツァ": "TSA", "イェ": "YE", "クァ": "KWA", "グァ": "GWA",
}
_KANA_FOREIGN_RE = re.compile("|".join(sorted(_KANA_FOREIGN, key=len, reverse=True)))
_KATAKANA_WORD = re.compile("([\u30a1-\u30fa\u30fc\u31f0-\u31ff]+)")  # without ・ (U+30FB)
_EPENTHETIC = re.compile("(?<=[bfghjkmprszvV])u(?=[^aeiouyhAEIOUY]|$)|(?<=[td])o(?=[^aeiouyhAEIOUY]|$)|(?<=ch)i$")
_BARE_R = re.compile("r(?=[^aeiouyAEIOUY]|$)")


def _drop_epenthetic(word: str) -> str:
    """Drop the vowels katakana adds after consonants, from the end: not two syllables in a row
    (ヤクブ yakubu → yakub, not yakb), except next to an s (ベレゾフスキー → berezofski)."""
    vowels = [m.start() for m in re.finditer("[aeiouAEIOU]", word)]
    dropped: set[int] = set()
    for match in reversed(list(_EPENTHETIC.finditer(word))):
        at = match.start()
        following = next((v for v in vowels if v > at), None)
        if vowels and at == vowels[0] and word[at + 1:at + 2] not in ("r", "l") and word[at - 1] != "s":
            continue  # a word starts with a cluster English writes (st-, gr-, pl-), not gb- (グバレヴァ)
        if following not in dropped or "s" in (word[at - 1], word[at + 1:at + 2]):
            dropped.add(at)
    return "".join(char for i, char in enumerate(word) if i not in dropped)


def _katakana_word(word: str) -> tuple[str, str]:
    """Foreign-word readings of one katakana word: (r kept, syllable-final r as l)."""
    parts = _KANA_FOREIGN_RE.split(word)
    digraphs = [_KANA_FOREIGN[m] for m in _KANA_FOREIGN_RE.findall(word)] + [""]
    latin = ""
    for part, digraph in zip(parts, digraphs, strict=True):
        for i, piece in enumerate(part.split("ー")):  # a long vowel is a real one: プーチン is not pchin
            latin = (latin[:-1] + latin[-1:].upper() if i else latin) + _japanese(piece).replace(" ", "")
        latin += digraph
    latin = _drop_epenthetic(latin)
    latin = re.sub("n(?=[mbp])", "m", latin)  # ンマ: mohanmado → mohammad
    latin = re.sub(r"([bdgkptsz])\1$", r"\1", latin)  # ッグ: koniggu → konig
    latin = re.sub("(?<=[oe])f(?=$|sk)", "v", latin)  # -オフ / -エフ: -ov, -ev
    return latin.lower(), _BARE_R.sub("l", latin).lower()


def katakana_readings(word: str) -> tuple[str, ...]:
    """Every Latin reading of one katakana word: the Hepburn syllables and the foreign-word readings
    (`エレクトロニクス` → erekutoronikusu, erekutroniks, elektroniks), whatever the glossary says it means."""
    if not _KATAKANA_WORD.fullmatch(word):
        return ()
    return tuple(dict.fromkeys((_japanese(word).replace(" ", ""), *_katakana_word(word))))


def _katakana_forms(text: str) -> tuple[str, ...]:
    """Latin forms of a name with katakana words read as foreign words; the rest as `_japanese` reads it."""
    table, _ = _glossary()
    pieces = [table.get(piece) or _katakana_word(piece) if _KATAKANA_WORD.fullmatch(piece) else (piece, piece)
              for piece in _KATAKANA_WORD.split(text) if piece]
    forms = []
    for which in (0, 1):
        joined = "".join(piece[which] if piece[which].isascii() else f" {_han_glossary(piece[which], _japanese)[which]} "
                         for piece in pieces)
        forms.append(ascii_form(joined))
    return tuple(forms)


# Glossary words whose Japanese sense is not the Chinese one the table gives: 機器 is equipment or instruments in
# Japanese (測量機器 measuring equipment, 半導体機器 semiconductor devices, on METI's and MOF's lists), a machine
# in Chinese (上海新力機器廠 Shanghai Xinli Machine Factory).
_JAPANESE_SENSES = {"機器": ("equipment", "instruments")}


def _han_glossary(text: str, reading, pairs: bool = False,  # type: ignore[no-untyped-def]
                  translate: bool = True) -> tuple[str, str]:
    """Glossary words to English by greedy longest match (see `_han_pieces`), in two forms: each
    word's first English, and each word's alternative (`公司` company / corporation)."""
    return _joined(_han_pieces(text, reading, pairs, translate))


def _joined(pieces: list[tuple[str, str]]) -> tuple[str, str]:
    """The two forms of `_han_pieces`' words: each word's first English, and each word's alternative."""
    return (" ".join(" ".join(p[0] for p in pieces).split()),
            " ".join(" ".join(p[1] for p in pieces).split()))


def _han_pieces(text: str, reading, pairs: bool = False,  # type: ignore[no-untyped-def]
                translate: bool = True) -> list[tuple[str, str]]:
    """Glossary words to English by greedy longest match, the runs between them through `reading`:
    (first English, alternative) per word (`公司` company / corporation; a run is its reading twice).
    With `pairs`, a run is read two characters at a time (`淄博申博` → `zibo shenbo`: Chinese place and
    trade names are mostly two-character words), after a first single one when the run is odd
    (`赵光宗` → `zhao guangzong`, surname and given name), and a name of two characters alone one at a
    time (`赵伟` → `zhao wei`: a surname and a given name); otherwise as one word. Without `translate`,
    glossary words are read too, each as one word (`科技` → `keji`): the whole name in pinyin.
    """
    table, longest = _glossary()
    text = unicodedata.normalize("NFKC", text)  # Kangxi radicals (`⼝` U+2F1D) as the characters they look like
    pieces: list[tuple[str, str]] = []  # (first English, alternative) of each word or run
    run: list[str] = []

    def flush() -> None:
        if run:
            odd = len(run) % 2
            chunks = (run[:odd] + ["".join(run[i:i + 2]) for i in range(odd, len(run), 2)]) \
                if pairs and len(run) > 2 and _char_class(run[0]) == "han" \
                else list(run) if pairs and len(run) == len(text) == 2 and _char_class(run[0]) == "han" \
                else ["".join(run)]
            word = " ".join(reading(chunk).replace(" ", "") for chunk in chunks)
            pieces.append((word, word))
            run.clear()

    text = _NUMERAL_LOOKALIKES.sub(lambda m: _LOOKALIKE_NUMERAL[m.group(0)], text)
    i = 0
    while i < len(text):
        ordinal = _ORDINAL.match(text, i)
        if ordinal:
            flush()
            number = _han_number(ordinal.group(1))  # 第771 is printed `771`, 第五十四 `54th`
            printed = str(number) if ordinal.group(1).isdigit() else _ordinal(number)
            pieces.append((printed, printed))
            i = ordinal.end()
            continue
        number_match = _NUMBER.match(text, i) if not run or _char_class(run[-1]) != "han" else None
        if number_match and len(number_match.group(0)) >= 2:
            flush()
            printed = str(_han_number(number_match.group(0)))
            pieces.append((printed, printed))
            i = number_match.end()
            continue
        if text[i].isspace():
            flush()
            i += 1
            continue
        word = next((text[i:i + n] for n in range(min(longest, len(text) - i), 0, -1)
                     if text[i:i + n] in table and _whole_kana_word(text, i, i + n)), None)
        if word is None:
            if run and _char_class(run[-1]) != _char_class(text[i]):
                flush()  # `39号室`, `mniirip`, `貨物コンテナ`: each script's run is read on its own
            run.append(text[i])
            i += 1
            continue
        flush()
        if translate:
            pieces.append(_JAPANESE_SENSES.get(word, table[word]) if reading is _japanese else table[word])
        else:
            pinyin = reading(word).replace(" ", "")
            pieces.append((pinyin, pinyin))
        i += len(word)
    flush()
    return pieces


def _whole_kana_word(text: str, start: int, end: int) -> bool:
    """A katakana glossary word must not be part of a longer katakana word (バンク in バンクーバー)."""
    if not _KATAKANA_WORD.fullmatch(text[start:end]):
        return True
    before, after = text[start - 1:start] or "・", text[end:end + 1] or "・"
    return not _KATAKANA_WORD.fullmatch(before) and not _KATAKANA_WORD.fullmatch(after)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _char_class(char: str) -> str:
    return "han" if _is_han(char) else "kana" if "\u3040" <= char <= "\u30ff" else "other"


def _simplified(text: str) -> bool:
    """Han that Japanese does not write (simplified Chinese `电`, `团`, `赵`: outside JIS X 0208)."""
    for char in text:
        if _is_han(char):
            try:
                char.encode("cp932")
            except UnicodeEncodeError:
                return True
    return False


# Chinese is read from simplified characters: lists print one company in traditional (Hong Kong, Taiwan),
# simplified and Japanese kanji (中國電子 / 中国电子 / 中国電子), and the glossary need not hold every
# spelling. ICU folds traditional to simplified; Japanese simplified some characters its own way
# (広 guang, 団 tuan, 発 fa), which ICU leaves alone, so they are a table.
_JA_TO_SIMPLIFIED = str.maketrans(dict(zip(
    "広団発繊済労経営鉄図総転弾実斉剤帯気楽薬読売変対応単沢駅恵県検険験権観歓亜圧囲隠栄円塩価拡覚帰挙暁駆"
    "継軽撃剣圏顕厳鉱黒砕斎雑糸歯児釈収従渋獣縦粛処奨焼乗浄剰畳縄壌譲醸粋酔穂髄瀬摂専戦銭荘捜挿巣騒増蔵"
    "臓続滝択庁聴逓伝稲徳悩脳廃拝浜仏辺歩豊毎満黙訳揺様頼覧竜両猟塁霊齢暦歴殻勲効隣郷渉絵陥鶏倹",
    "广团发纤济劳经营铁图总转弹实齐剂带气乐药读卖变对应单泽驿惠县检险验权观欢亚压围隐荣圆盐价扩觉归举晓驱"
    "继轻击剑圈显严矿黑碎斋杂丝齿儿释收从涩兽纵肃处奖烧乘净剩叠绳壤让酿粹醉穗髓濑摄专战钱庄搜插巢骚增藏"
    "脏续泷择厅听递传稻德恼脑废拜滨佛边步丰每满默译摇样赖览龙两猎垒灵龄历历壳勋效邻乡涉绘陷鸡俭",
    strict=True)))
# ICU's one-to-many foldings that change a name's reading (乾 qian → 干 gan, 著 zhu → 着 zhe): kept as written.
_KEEP_TRADITIONAL = frozenset("乾著瞭藉")


@lru_cache(maxsize=1)
def _traditional_to_simplified():  # type: ignore[no-untyped-def]
    from icu import Transliterator  # PyICU: rigour's transliteration already depends on it (via normality)

    return Transliterator.createInstance("Traditional-Simplified")


def simplified_chinese(text: str) -> str:
    """Han text in simplified characters (traditional and Japanese forms folded), for reading it as Chinese."""
    text = text.translate(_JA_TO_SIMPLIFIED)
    folded = str(_traditional_to_simplified().transliterate(text))
    if len(folded) != len(text):
        return folded
    return "".join(a if a in _KEEP_TRADITIONAL else b for a, b in zip(text, folded, strict=True))


# Characters with two readings, where ICU gives the one names do not use: 都 is du in names (成都 Chengdu,
# 都灵 Turin), never the adverb dou; 长 is chang (长安 Chang'an, 长城 Great Wall), 拓 tuo. Whole words
# where a character reads differently from its reading alone (银行 yinhang, 重庆 Chongqing, 厦门 Xiamen).
_PINYIN_WORDS = {"银行": "yinhang", "重庆": "chongqing", "厦门": "xiamen", "行业": "hangye", "音乐": "yinyue"}
_PINYIN_CHARS = {"都": "du", "长": "chang", "拓": "tuo", "薄": "bo"}
_PINYIN_OVERRIDE = re.compile("|".join([*_PINYIN_WORDS, *_PINYIN_CHARS]))


def _pinyin(text: str) -> str:
    """Pinyin of simplified Chinese (ICU's readings, with the name readings above)."""
    return ascii_form(_PINYIN_OVERRIDE.sub(lambda m: f" {_PINYIN_WORDS.get(m.group(0)) or _PINYIN_CHARS[m.group(0)]} ",
                                       text))


# A name's words are rendered independently (研究院 is an academy on one list and a research institute on
# another, whatever 运载 became), but every combination would be too many forms: the last two words with two
# renderings (mostly what kind of organisation it is) get both, the others their first.
MIXED_FORMS = 4


def _mixed_forms(pieces: list[tuple[str, str]]) -> list[str]:
    """Forms mixing first and alternative renderings of the last two words that have both."""
    options = [tuple(dict.fromkeys(piece)) for piece in pieces]
    return [" ".join(" ".join(combo).split()) for combo in itertools.islice(itertools.product(*options), MIXED_FORMS)]


# China's state-owned defence, aerospace and nuclear groups. Hundreds of listed subsidiaries are named after
# their group (中国航空工业集团公司雷华电子技术研究所), which English lists print in full or as its acronym
# (`AVIC Leihua Electronic Technology Research Institute`; ~230 names on the bundled lists use these
# acronyms). A name that starts with a group gets a form with the acronym in its place, besides its others.
_GROUP_ACRONYMS = {
    "中国航空工业集团": "avic", "中国电子科技集团": "cetc", "中电科": "cetc", "中国航天科技集团": "casc",
    "中国航天科工集团": "casic", "中国兵器工业集团": "norinco", "中国船舶重工集团": "csic",
    "中国船舶工业集团": "cssc", "中国船舶集团": "cssc", "中国核工业集团": "cnnc", "中国航空发动机集团": "aecc",
    "中国航发": "aecc", "中国广核集团": "cgn", "中国工程物理研究院": "caep",
    # and the academy and the army whose institutes and units are listed the same way (`CAS Institute of …`)
    "中国科学院": "cas", "中国人民解放军": "pla",
}
_GROUP = re.compile(f"^({'|'.join(sorted(_GROUP_ACRONYMS, key=len, reverse=True))})(?:有限)?(?:公司)?")


def _group_acronym_forms(simplified: str) -> list[str]:
    """Forms of a name that starts with a state group's name, with the group's acronym in its place."""
    match = _GROUP.match(simplified)
    if not match:
        return []
    acronym = _GROUP_ACRONYMS[match[1]]
    rest = simplified[match.end():].strip()
    if not rest:
        return [acronym]
    return [f"{acronym} {form}" for form in dict.fromkeys(_han_glossary(rest, _pinyin, pairs=True))]


@lru_cache(maxsize=65536)
def latin_forms(text: str, lang: str | None = None) -> tuple[str, ...]:
    """Latin renderings of a normalised name (empty when it is Latin already).

    `lang` ("ja", "zh") settles Han-only text; without it both readings are returned.
    """
    if not text or text.isascii():
        return ()
    scripts = name_scripts(text)
    forms: list[str] = []
    if scripts & {"Arabic"}:
        forms.extend(arabic_forms(text))
    elif scripts & {"Han", "Hiragana", "Katakana"}:
        japanese = lang == "ja" or bool(_JA_ONLY.search(text))
        chinese = lang == "zh" or (not japanese and lang is None)
        simplified = simplified_chinese(text) if "Han" in scripts else text
        if japanese or (lang is None and not _simplified(text)):
            if "Han" in scripts:
                pieces = _han_pieces(text, _japanese)
                forms.extend(_joined(pieces))
                forms.extend(_mixed_forms(pieces))
            else:
                forms.append(_japanese(text))
            if scripts & {"Katakana"}:
                forms.extend(_katakana_forms(text))
        if chinese and "Han" in scripts:
            pieces = _han_pieces(simplified, _pinyin, pairs=True)
            forms.extend(_joined(pieces))
            forms.extend(_mixed_forms(pieces))
            forms.append(_han_glossary(simplified, _pinyin, pairs=True, translate=False)[0])
        if "Han" in scripts:
            forms.extend(_group_acronym_forms(simplified))
    else:
        forms.append(ascii_form(text))
    unique = [f for f in dict.fromkeys(forms) if f and f != text]
    return tuple(unique)
