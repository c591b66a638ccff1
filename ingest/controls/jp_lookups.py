"""Lookups for the Export Trade Control Order: facts that the law's XML does not spell out itself.

Every value an e-Gov file can hold must be here, or parsing stops and names the missing key: a new
item number, region wording or country name is a change to review, never a silent default.
"""

from __future__ import annotations

__all__ = ["ITEM_HEADINGS", "JP_COUNTRY_NAMES", "SCOPES"]

# item code -> (English heading as METI's unofficial translation names the item, regimes)
# Regime tags: WA-ML Wassenaar munitions list, WA-DU Wassenaar dual-use list, NSG Nuclear Suppliers
# Group, AG Australia Group, CWC / BWC the conventions, MTCR Missile Technology Control Regime,
# CATCH_ALL Japan's catch-all control (item 16, not a regime list).
ITEM_HEADINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "1": ("Arms (weapons, munitions and military equipment)", ("WA-ML",)),
    "2": ("Nuclear materials, facilities and equipment", ("NSG",)),
    "3": ("Chemical weapons: precursors and production equipment", ("AG", "CWC")),
    "3の2": ("Biological weapons: agents, toxins and production equipment", ("AG", "BWC")),
    "4": ("Missiles: rockets, unmanned aerial vehicles and their equipment", ("MTCR",)),
    "5": ("Advanced materials", ("WA-DU",)),
    "6": ("Materials processing: machine tools, bearings, measuring equipment, robots", ("WA-DU",)),
    "7": ("Electronics: integrated circuits, microwave devices, test equipment", ("WA-DU",)),
    "8": ("Computers", ("WA-DU",)),
    "9": ("Telecommunications and information security", ("WA-DU",)),
    "10": ("Sensors and lasers: sonar, optical detectors, cameras, lasers, magnetometers", ("WA-DU",)),
    "11": ("Navigation and avionics: accelerometers, gyroscopes, inertial navigation", ("WA-DU",)),
    "12": ("Marine: submersibles, vessels and their equipment", ("WA-DU",)),
    "13": ("Aerospace and propulsion: gas turbine engines, spacecraft", ("WA-DU",)),
    "14": ("Other items: powdered metal fuels, explosives, non-magnetic diving equipment", ("WA-DU",)),
    "15": ("Sensitive items: inorganic fibres, stealth materials, sonar, avionics", ("WA-DU",)),
    "16": ("Catch-all control: goods that need a licence when the end use or end user is of concern",
           ("CATCH_ALL",)),
}

# the region column, as printed -> the scope the graph stores
SCOPES: dict[str, str] = {
    "全地域": "ALL",
    "全地域（別表第三に掲げる地域を除く。）": "ALL_EXCEPT:JP_GROUP_A",
}

# country names as the Order prints them (別表第三 and neighbours) -> ISO 3166-1 alpha-2
JP_COUNTRY_NAMES: dict[str, str] = {
    "アルゼンチン": "AR", "オーストラリア": "AU", "オーストリア": "AT", "ベルギー": "BE", "ブルガリア": "BG",
    "カナダ": "CA", "チェコ": "CZ", "デンマーク": "DK", "フィンランド": "FI", "フランス": "FR", "ドイツ": "DE",
    "ギリシャ": "GR", "ハンガリー": "HU", "アイルランド": "IE", "イタリア": "IT", "大韓民国": "KR",
    "ルクセンブルク": "LU", "オランダ": "NL", "ニュージーランド": "NZ", "ノルウェー": "NO", "ポーランド": "PL",
    "ポルトガル": "PT", "スペイン": "ES", "スウェーデン": "SE", "スイス": "CH", "英国": "GB",
    "アメリカ合衆国": "US",
}
