"""Latin forms of names written in other scripts, so one index and one scorer serve every list.

The original script is never thrown away: callers keep it as a name of its own and add the Latin
forms beside it. Which library for which script, chosen by what they get right on listed names:

- Cyrillic, Greek, Hangul, Georgian, Armenian: rigour's `ascii_text` (ICU-backed, `Шевченко` → `shevchenko`).
- Japanese kana/kanji: pykakasi (Hepburn), with long vowels folded (`toushiba` → `toshiba`) as
  romanised company and person names are written.
- Chinese: a glossary of the words company names are made of (`有限公司`, `科技`, `研究所` …) turns
  them into the English the lists print, the rest becomes pinyin. Han-only text can be Japanese too
  (`株式会社東芝`), so it gets both readings unless the caller knows the language.
- Arabic / Persian: a letter table, because general transliterators spell `محمد` as `mhmd` anyway and
  the vowels are not written; the phonetic skeleton (`phonetic.py`) does the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.text.scripts import text_scripts
from rigour.text.translit import ascii_text

__all__ = ["latin_forms", "name_scripts"]

_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "و": "w", "ي": "y", "ى": "a", "ة": "a", "ء": "", "ؤ": "", "ئ": "", "پ": "p", "چ": "ch",
    "ژ": "zh", "گ": "g", "ک": "k", "ی": "y", "ە": "a", "ـ": "",
}
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")

# Words Chinese and Japanese organisation names are built from, and the English the lists print for
# them. Longest first at lookup time. Legal forms are not here: legal_forms.py owns them.
_HAN_GLOSSARY = {
    "中国": "china", "中华": "china", "香港": "hong kong", "北京": "beijing", "上海": "shanghai",
    "深圳": "shenzhen", "广州": "guangzhou", "天津": "tianjin", "南京": "nanjing", "武汉": "wuhan",
    "西安": "xian", "成都": "chengdu", "哈尔滨": "harbin", "日本": "japan", "东京": "tokyo", "東京": "tokyo",
    "集团": "group", "科技": "technology", "技术": "technology", "電子": "electronics",
    "电子": "electronics", "微电子": "microelectronics", "半导体": "semiconductor", "光电": "optoelectronics",
    "研究所": "research institute", "研究院": "research institute", "研究": "research", "大学": "university",
    "航天": "aerospace", "航空": "aviation", "工业": "industry", "工業": "industries", "重工業": "heavy industries",
    "重工": "heavy industry", "贸易": "trading", "商事": "trading", "国际": "international", "國際": "international",
    "船舶": "shipbuilding", "机器人": "robotics", "通信": "communications", "网络": "network", "软件": "software",
    "智能": "intelligent", "系统": "systems", "工程": "engineering", "材料": "materials", "精密": "precision",
    "仪器": "instruments", "设备": "equipment", "器材": "equipment", "机械": "machinery", "物流": "logistics",
    "能源": "energy", "石油": "petroleum", "化工": "chemical", "化学": "chemical", "进出口": "import export",
    "实业": "industrial", "发展": "development", "投资": "investment", "控股": "holdings", "银行": "bank",
    "銀行": "bank", "电机": "electric", "電機": "electric", "電気": "electric", "製作所": "works",
    "核": "nuclear", "兵器": "ordnance", "电子科技": "electronic technology", "公司": "company",
}
_HAN_WORDS = sorted(_HAN_GLOSSARY, key=len, reverse=True)
_JA_ONLY = re.compile("[\u3040-\u30ff\u31f0-\u31ff々〆ヶ]|株式会社|有限会社|合同会社")
_JA_LONG_VOWELS = ((re.compile("ou"), "o"), (re.compile("uu"), "u"), (re.compile("oo"), "o"),
                   (re.compile("ii(?=[^aeiou]|$)"), "i"), (re.compile("aa"), "a"), (re.compile("ee"), "e"))


@lru_cache(maxsize=1)
def _kakasi():  # type: ignore[no-untyped-def]
    import pykakasi  # imported on first use: it loads dictionaries (~0.3 s)

    return pykakasi.kakasi()


def name_scripts(text: str) -> set[str]:
    """ISO 15924-ish script names in a text (`Latin`, `Cyrillic`, `Han`, `Katakana` …)."""
    return set(text_scripts(text))


def _ascii(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", ascii_text(text).lower()).split())


# Persian reads these Arabic letters differently (ض ذ ظ as z, ث as s); Persian text is told
# apart by its own letters (پ چ ژ گ ی ک).
_PERSIAN = {"ض": "z", "ذ": "z", "ظ": "z", "ث": "s"}
_PERSIAN_LETTERS = re.compile("[پچژگیک]")
# The article ال is written joined to its word; Latin lists write it apart (al-, el-, ad-, ash- …).
_ARTICLE = re.compile(r"(?<!\S)ال(?=\S{2,})")


def _arabic(text: str) -> str:
    text = _ARTICLE.sub("ال ", _ARABIC_MARKS.sub("", text))
    table = {**_ARABIC, **_PERSIAN} if _PERSIAN_LETTERS.search(text) else _ARABIC
    return _ascii("".join(table.get(ch, ch) for ch in text))


def _japanese(text: str) -> str:
    words = [item["hepburn"] for item in _kakasi().convert(text)]
    out = " ".join(_ascii(word) for word in words if word.strip())
    for pattern, repl in _JA_LONG_VOWELS:
        out = pattern.sub(repl, out)
    return " ".join(out.split())


def _han_glossary(text: str, reading) -> str:  # type: ignore[no-untyped-def]
    """Glossary words to English, the runs between them through `reading`."""
    out: list[str] = []
    run: list[str] = []
    i = 0
    while i < len(text):
        word = next((w for w in _HAN_WORDS if text.startswith(w, i)), None)
        if word is None:
            run.append(text[i])
            i += 1
            continue
        if run:
            out.append(reading("".join(run)).replace(" ", ""))
            run = []
        out.append(_HAN_GLOSSARY[word])
        i += len(word)
    if run:
        out.append(reading("".join(run)).replace(" ", ""))
    return " ".join(" ".join(out).split())


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
        forms.append(_arabic(text))
    elif scripts & {"Han", "Hiragana", "Katakana"}:
        japanese = lang == "ja" or bool(_JA_ONLY.search(text))
        chinese = lang == "zh" or (not japanese and lang is None)
        if japanese or lang is None:
            forms.append(_han_glossary(text, _japanese) if "Han" in scripts else _japanese(text))
        if chinese and "Han" in scripts:
            forms.append(_han_glossary(text, _ascii))
    else:
        forms.append(_ascii(text))
    unique = [f for f in dict.fromkeys(forms) if f and f != text]
    return tuple(unique)
