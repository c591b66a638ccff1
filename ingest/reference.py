"""Reference data every source links to: countries (ISO 3166-1, from pycountry's maintained table)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pycountry

__all__ = ["country_rows"]


def country_rows() -> Iterator[dict[str, Any]]:
    """One row per ISO 3166-1 country: alpha-2 key, alpha-3, English name."""
    for country in pycountry.countries:
        yield {
            "iso2": country.alpha_2,
            "iso3": country.alpha_3,
            "name": getattr(country, "common_name", None) or country.name,
            "official_name": getattr(country, "official_name", None),
        }
