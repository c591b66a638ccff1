"""OFAC's feature labels ("Passport", "Tax ID No.", "Gender", …) → where a ListEntry keeps them.

The same labels appear in the legacy CSV remarks, the CSL `ids` column and the enhanced XML
features, so one table serves all three. A label is an identifier type, a date kind, or an `extra`
key; a label in none of them is kept as identifier type `other` with the label as note, and the
parser warns once so the table can grow (strict interpretation: no silent default).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["FeatureKind", "classify_feature", "known_labels"]

FeatureKind = Literal["identifier", "date", "extra", "country", "other"]


@dataclass(frozen=True)
class FeatureKindOf:
    kind: FeatureKind
    target: str  # identifier type, date kind, extra key or country role


_IDENTIFIERS = {
    "passport": "passport",
    "diplomatic passport": "passport",
    "national id no.": "national_id",
    "national id": "national_id",
    "identification number": "national_id",
    "cedula no.": "national_id",
    "c.u.r.p.": "national_id",
    "d.n.i.": "national_id",
    "personal id card": "national_id",
    "national foreign id number": "national_id",
    "driver's license no.": "drivers_license",
    "birth certificate number": "birth_certificate",
    "ssn": "social_security",
    "tax id no.": "tax_id",
    "r.f.c.": "tax_id",
    "nit #": "tax_id",
    "ruc #": "tax_id",
    "v.a.t. number": "vat",
    "registration id": "registration",
    "registration number": "registration",
    "company number": "registration",
    "commercial registry number": "registration",
    "business registration document #": "registration",
    "business registration number": "registration",
    "government gazette number": "registration",
    "unified social credit code (uscc)": "registration",
    "folio mercantil no.": "registration",
    "matricula mercantil no": "registration",
    "trade license no.": "registration",
    "c.r. no.": "registration",
    "chamber of commerce number": "registration",
    "economic register number (cbls)": "registration",
    "central registration system number": "registration",
    "istanbul chamber of comm. no.": "registration",
    "public security and immigration no.": "national_id",
    "certificate of incorporation number": "registration",
    "legal entity number": "lei",
    "swift/bic": "swift_bic",
    "vessel registration identification": "imo",
    "mmsi": "mmsi",
    "d-u-n-s number": "duns",
    "isin": "isin",
    "equity ticker": "ticker",
    "bik (ru)": "bik",
    "aircraft manufacturer's serial number (msn)": "aircraft_msn",
    "aircraft construction number (also called l/n or s/n or f/n)": "aircraft_construction_number",
    "aircraft tail number": "aircraft_tail_number",
    "email address": "email",
    "website": "website",
    "phone number": "phone",
    "telephone no.": "phone",
    "fax": "fax",
    "kpp": "kpp",
    "inn": "inn",
    "ogrn": "ogrn",
}
_DATES = {
    "organization established date": "incorporation",
    "aircraft manufacture date": "manufacture",
    "listing date (cmic)": "cmic_listing",
    "effective date (cmic)": "cmic_effective",
    "purchase/sales for divestment date (cmic)": "cmic_divestment",
}
_EXTRA = {
    "gender": "gender",
    "target type": "target_type",
    "organization type:": "organization_type",
    "organization type": "organization_type",
    "aircraft model": "aircraft_model",
    "aircraft operator": "aircraft_operator",
    "issuer name": "issuer_name",
    "secondary sanctions risk:": "secondary_sanctions_risk",
    "additional sanctions information -": "additional_sanctions_information",
    "transactions prohibited for persons owned or controlled by u.s. financial institutions:":
        "transactions_prohibited",
    "executive order 13662 directive determination -": "eo13662_directive",
    "executive order 13846 information:": "eo13846_information",
    "executive order 14024 directive information -": "eo14024_directive",
    "executive order 14024 directive information": "eo14024_directive",
    "caatsa section 235 information:": "caatsa_235",
    "title": "title",
}
_COUNTRIES = {"former vessel flag": "former_flag", "vessel flag": "flag"}


def classify_feature(label: str) -> FeatureKindOf:
    """Where a feature with this OFAC label goes; kind `other` when the table does not know it."""
    key = " ".join(label.split()).casefold()
    if key.startswith("digital currency address"):
        return FeatureKindOf("identifier", "crypto_wallet")
    if key.startswith(("listing date (eo 14024", "effective date (eo 14024")):
        return FeatureKindOf("extra", key.split(" (")[0].replace(" ", "_") + "_eo14024")
    if key in _IDENTIFIERS:
        return FeatureKindOf("identifier", _IDENTIFIERS[key])
    if key in _DATES:
        return FeatureKindOf("date", _DATES[key])
    if key in _EXTRA:
        return FeatureKindOf("extra", _EXTRA[key])
    if key in _COUNTRIES:
        return FeatureKindOf("country", _COUNTRIES[key])
    return FeatureKindOf("other", label)


def known_labels() -> list[str]:
    """Every label in the tables, casefolded, longest first (so `Tax ID No.` wins over `Tax`)."""
    return _KNOWN_LABELS


_KNOWN_LABELS = sorted([*_IDENTIFIERS, *_DATES, *_EXTRA, *_COUNTRIES], key=len, reverse=True)
