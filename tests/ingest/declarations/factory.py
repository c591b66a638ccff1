"""Tiny factory for export declarations in tests: a valid record, with overrides."""

from __future__ import annotations

import copy
from typing import Any

# 7000012050002 is the National Tax Agency's own 法人番号 (published on houjin-bangou.nta.go.jp).
NTA_CORPORATE_NUMBER = "7000012050002"

BASE: dict[str, Any] = {
    "declaration_number": "50000000001",
    "version": 1,
    "declaration_date": "2025-03-14",
    "declaration_type": "EX",
    "declarant": {"name": "旭通運株式会社", "name_latin": "Asahi Customs Brokerage Co., Ltd.", "country": "JP",
                  "corporate_number": NTA_CORPORATE_NUMBER},
    "exporter": {"name": "株式会社東洋精機", "name_latin": "Toyo Seiki Co., Ltd.", "address": "東京都大田区蒲田3-12-5",
                 "country": "JP", "corporate_number": "2541601377431"},
    "consignee": {"name": "Apex Instruments LLC", "address": "530 Free Zone, Phoenix, US", "country": "US"},
    "end_user": {"name": "Apex Instruments LLC", "address": "530 Free Zone, Phoenix, US", "country": "US"},
    "destination_country": "US",
    "transit_countries": ["SG"],
    "port_of_loading": "JPNRT",
    "transport_mode": "air",
    "vessel_flight": "NH273",
    "invoice_number": "INV-2025-44127",
    "invoice_value": 1905.23,
    "currency": "USD",
    "ecommerce": False,
    "items": [
        {"seq": 1, "hs_code": "850132900", "description": "Electric motors; DC, 750W-75kW", "quantity": 255,
         "unit": "PCE", "net_weight_kg": 12.8, "value": 1327.3, "origin_country": "JP"},
        {"seq": 2, "hs_code": "903180", "description": "Measuring instruments", "quantity": 3, "unit": "PCE",
         "net_weight_kg": 4.5, "value": 577.93, "origin_country": "JP"},
    ],
}


def declaration(**overrides: Any) -> dict[str, Any]:
    record = copy.deepcopy(BASE)
    record.update(copy.deepcopy(overrides))
    return record
