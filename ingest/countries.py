"""Country names as publishers write them → ISO 3166-1 alpha-2.

pycountry knows the ISO names; the lists also use their own spellings ("Korea, North", "Burma",
"Region: Crimea", "Cote d Ivoire"), which a small lookup table maps. A name neither knows gives
`None`, so the caller can warn instead of guessing.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

__all__ = ["country_code"]

# Publisher spellings that pycountry does not resolve (OFAC, UN, CSL, BIS). Regions map to the
# country they belong to in the list's own sense; regions without one (CIS, Kafia Kingi) map to None.
_ODD_NAMES: dict[str, str | None] = {
    "russia": "RU",
    "region: russia": "RU",
    "korea, north": "KP",
    "north korea": "KP",
    "democratic people's republic of korea": "KP",
    "korea, south": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "turkey": "TR",
    "türkiye": "TR",
    "turkiye": "TR",
    "burma": "MM",
    "west bank": "PS",
    "region: west bank": "PS",
    "region: gaza": "PS",
    "gaza": "PS",
    "palestinian": "PS",
    "palestine": "PS",
    "state of palestine": "PS",
    "bahamas, the": "BS",
    "the bahamas": "BS",
    "gambia, the": "GM",
    "the gambia": "GM",
    "netherlands antilles": "AN",
    "congo, democratic republic of the": "CD",
    "democratic republic of the congo": "CD",
    "congo, republic of the": "CG",
    "republic of the congo": "CG",
    "kosovo": "XK",
    "cote d ivoire": "CI",
    "cote d'ivoire": "CI",
    "côte d'ivoire": "CI",
    "ivory coast": "CI",
    "brunei": "BN",
    "macau": "MO",
    "macao": "MO",
    "north macedonia, the republic of": "MK",
    "man, isle of": "IM",
    "region: crimea": "UA",
    "crimea": "UA",
    "region: northern mali": "ML",
    "iran": "IR",
    "iran (islamic republic of)": "IR",
    "syria": "SY",
    "laos": "LA",
    "vietnam": "VN",
    "viet nam": "VN",
    "taiwan": "TW",
    "china, taiwan": "TW",
    "hong kong": "HK",
    "uk": "GB",
    "united kingdom of great britain and northern ireland": "GB",
    "great britain": "GB",
    "usa": "US",
    "united states of america": "US",
    "venezuela": "VE",
    "bolivia": "BO",
    "moldova": "MD",
    "tanzania": "TZ",
    "czech republic": "CZ",
    "swaziland": "SZ",
    "micronesia, federated states of": "FM",
    "st. kitts and nevis": "KN",
    "saint kitts and nevis": "KN",
    "st. vincent and the grenadines": "VC",
    "st. lucia": "LC",
    "sudan, south": "SS",
    "region: kafia kingi": None,
    "region: commonwealth of independent states": None,
    "undetermined": None,
    "na": None,  # UN: "not available"
    "n/a": None,
    "unknown": None,
}
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """ISO-2 code for a country name or code as a publisher wrote it; None when unknown."""
    if text is None:
        return None
    name = _SPACE.sub(" ", text).strip().strip(".").strip()
    if not name or name == "-0-":
        return None
    key = name.casefold()
    if key in _ODD_NAMES:
        return _ODD_NAMES[key]
    if len(name) == 2 and name.isalpha() and name.isupper():
        code = name.upper()
        return code if code == "XK" or pycountry.countries.get(alpha_2=code) else None
    if len(name) == 3 and name.isalpha() and name.isupper():
        found = pycountry.countries.get(alpha_3=name)
        if found is not None:
            return str(found.alpha_2)
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        pass
    historic = pycountry.historic_countries.get(name=name)
    return str(historic.alpha_2) if historic is not None else None
