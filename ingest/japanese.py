"""Japanese publishers' conventions: dates like `1962年12月26日` / `1963年頃`, scripts, country names.

METI and MOF print dates in the Japanese order with 年/月/日, often with full-width digits, sometimes
approximate (`頃`, `又は`, ranges `1955年-1958年`), and Excel sometimes stores them as serial numbers
or datetimes. `parse_jp_dates` returns one `(iso, approximate)` per date stated, like
`ecgraph.ingest.dates.parse_dates`, and `[]` when the text states none, so the caller keeps the text.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from ecgraph.ingest.dates import parse_dates
from ecgraph.ingest.scripts import script_of as generic_script_of
from ecgraph.ingest.workbook import halfwidth

__all__ = ["JP_COUNTRIES", "has_japanese", "has_kana", "parse_jp_dates", "script_of"]

_YMD = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?")
_DOTTED = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})")
_APPROX = re.compile(r"頃|ごろ|又は|から|まで|[-－~～]")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]")
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_EXCEL_EPOCH = date(1899, 12, 30)

# 国籍 / 所在国 as MOF and METI print them. Unknown names give None; callers keep the text.
# fmt: off
JP_COUNTRIES: dict[str, str] = {
    "アフガニスタン": "AF", "イラク": "IQ", "イラン": "IR", "北朝鮮": "KP", "朝鮮民主主義人民共和国": "KP",
    "シリア": "SY", "ロシア": "RU", "ロシア連邦": "RU", "ベラルーシ": "BY", "ウクライナ": "UA",
    "パキスタン": "PK", "中国": "CN", "香港": "HK", "台湾": "TW", "アラブ首長国連邦": "AE",
    "サウジアラビア": "SA", "イエメン": "YE", "ソマリア": "SO", "スーダン": "SD", "南スーダン": "SS",
    "リビア": "LY", "エジプト": "EG", "レバノン": "LB", "ヨルダン": "JO", "クウェート": "KW",
    "カタール": "QA", "バーレーン": "BH", "オマーン": "OM", "トルコ": "TR", "イスラエル": "IL",
    "インド": "IN", "インドネシア": "ID", "マレーシア": "MY", "フィリピン": "PH", "シンガポール": "SG",
    "タイ": "TH", "ミャンマー": "MM", "バングラデシュ": "BD", "アルジェリア": "DZ", "チュニジア": "TN",
    "モロッコ": "MA", "モーリタニア": "MR", "マリ": "ML", "ニジェール": "NE", "ナイジェリア": "NG",
    "ケニア": "KE", "タンザニア": "TZ", "ウガンダ": "UG", "ルワンダ": "RW", "ブルンジ": "BI",
    "コンゴ民主共和国": "CD", "中央アフリカ共和国": "CF", "チャド": "TD", "エリトリア": "ER",
    "エチオピア": "ET", "ハイチ": "HT", "ハイチ共和国": "HT", "ドイツ": "DE", "フランス": "FR",
    "英国": "GB", "イギリス": "GB", "米国": "US", "アメリカ": "US", "カナダ": "CA", "ベルギー": "BE",
    "オランダ": "NL", "スイス": "CH", "イタリア": "IT", "スペイン": "ES", "ボスニア・ヘルツェゴビナ": "BA",
    "アルメニア": "AM", "ジョージア": "GE", "カザフスタン": "KZ", "ウズベキスタン": "UZ", "キルギス": "KG",
    "タジキスタン": "TJ", "トルクメニスタン": "TM", "アゼルバイジャン": "AZ", "ガーナ": "GH",
    "コートジボワール": "CI", "リベリア": "LR", "シエラレオネ": "SL", "ギニア": "GN", "セルビア": "RS",
    "モルドバ": "MD", "キプロス": "CY", "ラトビア": "LV", "エストニア": "EE", "リトアニア": "LT",
    "ポーランド": "PL", "ブルガリア": "BG", "ギリシャ": "GR", "大韓民国": "KR", "韓国": "KR", "日本": "JP",
    "ベネズエラ": "VE", "ニカラグア": "NI", "キューバ": "CU", "パレスチナ": "PS", "シリア・アラブ": "SY",
    "サウディ・アラビア": "SA", "中華人民": "CN", "アメリカ合衆国": "US", "エリトリア国": "ER",
    "ノルウェー": "NO", "セネガル": "SN", "グルジア": "GE", "トリニダード・トバゴ": "TT",
    "クウェイト": "KW", "スロバキア": "SK",
}
# fmt: on


def has_japanese(text: str) -> bool:
    return bool(_JAPANESE.search(text))


def has_kana(text: str) -> bool:
    return bool(_KANA.search(text))


def script_of(text: str) -> str:
    """ISO 15924 with Japanese told apart: Kana (katakana renderings), Jpan (kana + kanji), Hani (kanji only).

    Other scripts come from `ecgraph.ingest.scripts.script_of`; text with no letters counts as Latn.
    """
    if _KANA.search(text):
        return "Jpan" if _HAN.search(text) else "Kana"
    if _HAN.search(text):
        return "Hani"
    return generic_script_of(text) or "Latn"


def _iso(year: str, month: str | None, day: str | None) -> str | None:
    """Partial ISO date; None when a part is out of range (a typo in the list, not a date)."""
    if (
        not 1000 <= int(year) <= 2999
        or (month and not 1 <= int(month) <= 12)
        or (day and not 1 <= int(day) <= 31)
    ):
        return None
    out = year
    if month:
        out += f"-{int(month):02d}"
        if day:
            out += f"-{int(day):02d}"
    return out


def parse_jp_dates(value: Any) -> list[tuple[str, bool]]:
    """Dates in a cell: `1962年12月26日`, `1963年頃` (approximate), `2002.3.1`, Excel serials/datetimes."""
    if value is None:
        return []
    if isinstance(value, datetime):
        return [(value.date().isoformat(), False)]
    if isinstance(value, date):
        return [(value.isoformat(), False)]
    if isinstance(value, int | float) or (
        isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 5
    ):
        serial = int(float(value))
        return [((_EXCEL_EPOCH + timedelta(days=serial)).isoformat(), False)] if 1 < serial < 80000 else []
    text = halfwidth(str(value))
    found = [iso for m in _YMD.finditer(text) if (iso := _iso(*m.groups()))]
    if found:
        approximate = bool(_APPROX.search(text))
        return [(iso, approximate) for iso in found]
    if (match := _DOTTED.match(text.strip())) and (iso := _iso(*match.groups())):
        return [(iso, False)]
    return parse_dates(text)
