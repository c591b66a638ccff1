"""The `oj_csv` format of `eu_oj_sanctions`: OpenSanctions' extraction of the EU annexes, one CSV per CELEX.

45 columns (`OJ_COLUMNS`), UTF-8, CRLF. `recordId` restarts in every annex and is empty in 881/2002
(and some rows elsewhere); `startDate` and `birthDate` are `D.M.YYYY`, often enumerated `(a) …, (b) …`;
`alias` is `;`-separated, mixing Latin and Cyrillic with the Russian form in parentheses
(`Sergei … AKSENOV (Сергей … АКСЁНОВ)`) or marked `(original script: …)`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecgraph.ingest.csv_rows import csv_rows
from ecgraph.ingest.dates import parse_dates
from ecgraph.ingest.records import (
    Address,
    CountryRef,
    DateFact,
    EntityType,
    Identifier,
    ListEntry,
    Name,
    NameKind,
)
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas.countries import read_countries

__all__ = ["OJ_COLUMNS", "read_oj_csv", "record_key", "split_names"]

SOURCE_ID = "eu_oj_sanctions"
# fmt: off
OJ_COLUMNS = (
    "celex", "recordId", "programKey", "annex", "measure", "startDate", "reason", "schema", "name", "alias",
    "weakAlias", "previousName", "country", "nationality", "jurisdiction", "birthDate", "birthPlace",
    "position", "passportNumber", "gender", "appearance", "ethnicity", "fatherName", "motherName",
    "incorporationDate", "legalForm", "sector", "registrationNumber", "taxNumber", "idNumber", "innCode",
    "ogrnCode", "kppCode", "okpoCode", "leiCode", "swiftBic", "ticker", "imoNumber", "mmsi", "flag",
    "address", "phone", "email", "website", "notes",
)
# fmt: on
# fmt: off
SCHEMAS: dict[str, EntityType] = {
    "Person": "person", "LegalEntity": "organization", "Company": "organization",
    "Organization": "organization", "Vessel": "vessel", "Airplane": "aircraft", "Asset": "unknown",
}
# fmt: on
# fmt: off
IDENTIFIER_COLUMNS = {
    "passportNumber": "passport", "registrationNumber": "registration", "taxNumber": "tax_id",
    "idNumber": "national_id", "innCode": "inn", "ogrnCode": "ogrn", "kppCode": "kpp", "okpoCode": "okpo",
    "leiCode": "lei", "swiftBic": "swift_bic", "ticker": "ticker", "imoNumber": "imo", "mmsi": "mmsi",
}
# fmt: on
COUNTRY_COLUMNS = {
    "country": "unknown",
    "nationality": "nationality",
    "jurisdiction": "jurisdiction",
    "flag": "flag",
}
EXTRA_COLUMNS = (
    "measure",
    "birthPlace",
    "position",
    "gender",
    "appearance",
    "ethnicity",
    "fatherName",
    "motherName",
    "legalForm",
    "sector",
    "phone",
    "email",
    "website",
)
COUNTRY_SPLIT = re.compile(r",\s*|\s+and\s+|/|;\s*")
ENUMERATION = re.compile(r"\(\s*[a-z]{1,2}\s*\)\s*")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ORIGINAL_SCRIPT = re.compile(
    r"^(?P<latin>.*?)\s*\((?:original script:\s*|Russian spelling:\s*)?(?P<script>[^()]*)\)$"
)


def split_names(text: str) -> list[tuple[str, NameKind | None]]:
    """`;`-separated names; `Latin (Кириллица)` gives both, the Cyrillic one as original_script."""
    out: list[tuple[str, NameKind | None]] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = ORIGINAL_SCRIPT.match(part)
        if (
            match
            and CYRILLIC.search(match["script"])
            and match["latin"]
            and not CYRILLIC.search(match["latin"])
        ):
            out.append((match["latin"], None))
            out.append((match["script"].strip(), "original_script"))
        elif CYRILLIC.search(part) and not re.search(r"[A-Za-z]", part):
            out.append((part, "original_script"))
        else:
            out.append((part, None))
    return out


def split_enumeration(text: str) -> list[str]:
    """`(a) 3.3.1965, (b) 1.1.1965` → ['3.3.1965', '1.1.1965']; a single value → [value]."""
    parts = [p.strip().rstrip(",;").strip() for p in ENUMERATION.split(text)]
    return [p for p in parts if p]


def split_countries(text: str) -> list[str]:
    """`Ukrainian, Russian (the Union does not recognise …)` → ['Ukrainian', 'Russian']."""
    out: list[str] = []
    for item in split_enumeration(text.strip().strip('"')):
        if read_countries(item).complete:  # `Democratic People’s Republic of Korea (DPRK)`, `Russian`
            out.append(item)
            continue
        for part in COUNTRY_SPLIT.split(re.sub(r"\s*\((?!DPRK).*\)", "", item)):
            if part := part.strip().strip('".').strip():
                out.append(part)
    return out


def record_key(row: dict[str, str]) -> str:
    """`<CELEX>/<annex>/<recordId>`, or a hash of the raw name and birth date where recordId is empty."""
    celex, annex, record = row["celex"], row["annex"], row["recordId"]
    if record:
        return f"{celex}/{annex}/{record}"
    digest = hashlib.sha256(f"{celex}\x1f{annex}\x1f{row['name']}\x1f{row['birthDate']}".encode()).hexdigest()
    return f"{celex}/{annex}/h{digest[:12]}"


def map_oj_row(row: dict[str, str], path: Path, ctx: ParseContext) -> ListEntry:
    entry = ListEntry(
        source=SOURCE_ID,
        source_id=record_key(row),
        entity_type=SCHEMAS[row.pop("schema")],
        name=row.pop("name").strip(),
        list=f"{row['celex']} Annex {row['annex']}",
    )
    for key in ("celex", "annex", "recordId"):
        entry.extra[key] = row.pop(key)
    entry.programs.append(row.pop("programKey"))
    name_columns: tuple[tuple[str, NameKind], ...] = (
        ("alias", "alias"),
        ("weakAlias", "weak_alias"),
        ("previousName", "previous"),
    )
    for column, kind in name_columns:
        for value, override in split_names(row.pop(column)):
            name = Name(value, override or kind)
            if name.kind == "original_script":
                name.script = "Cyrl"
            if value != entry.name and name not in entry.names:
                entry.names.append(name)
    for column, date_kind in (
        ("startDate", "listed"),
        ("birthDate", "birth"),
        ("incorporationDate", "incorporation"),
    ):
        for text in split_enumeration(row.pop(column).strip('"')):
            found = parse_dates(text.strip('"'))
            if not found:
                entry.extra.setdefault(f"{column}_text", []).append(text)
            entry.dates.extend(DateFact(date_kind, iso, approx) for iso, approx in found)
    for column, role in COUNTRY_COLUMNS.items():
        for text in split_countries(row.pop(column)):
            reading = read_countries(text)
            entry.countries.extend(CountryRef(code, role) for code in reading.codes)
            if reading.unread:
                entry.extra.setdefault(f"{column}_text", []).append(text)
    for column, id_type in IDENTIFIER_COLUMNS.items():
        for value in split_enumeration(row.pop(column)):
            entry.identifiers.append(Identifier(id_type, value))
    for text in split_enumeration(row.pop("address")):
        entry.addresses.append(Address(full=text))
    for column in ("reason", "notes"):
        if text := row.pop(column).strip():
            entry.remarks.append(text)
    for column in EXTRA_COLUMNS:
        if text := row.pop(column).strip():
            entry.extra[column] = text
    ctx.unmapped(path, row)
    return entry


def read_oj_csv(path: Path, ctx: ParseContext) -> Iterator[ListEntry]:
    """One `<CELEX>.csv` of the annex extraction: header checked, bad rows rejected, duplicates rejected."""

    def wrong_width(line: int, cells: list[str], _reason: str) -> None:
        ctx.reject(path, line, [f"has {len(cells)} fields, expected {len(OJ_COLUMNS)}"], as_read(cells))

    seen: dict[str, int] = {}
    for line, row in csv_rows(path, source=SOURCE_ID, header=OJ_COLUMNS, exact=True, encodings=("utf-8",),
                              skip=lambda cells: not cells, reject=wrong_width, advice="",
                              hint="Check that this is an eu_oj_sanctions <CELEX>.csv, or update OJ_COLUMNS."):
        reasons = check_oj_row(row, path)
        if not reasons and (first := seen.get(record_key(row))):
            reasons = [f"duplicate of line {first}: same CELEX, annex, name and birth date, no recordId"]
        if reasons:
            ctx.reject(path, line, reasons, row)
            continue
        seen[record_key(row)] = line
        yield map_oj_row(dict(row), path, ctx)


def as_read(cells: list[str]) -> dict[str | None, Any]:
    """A row of the wrong width as a reject keeps it: missing columns None, surplus cells under None."""
    row: dict[str | None, Any] = dict(zip(OJ_COLUMNS, cells, strict=False))
    row.update({column: None for column in OJ_COLUMNS[len(cells):]})
    if surplus := cells[len(OJ_COLUMNS):]:
        row[None] = surplus
    return row


def check_oj_row(row: dict[str, str], path: Path) -> list[str]:
    """What makes a row of the right width unusable: another CELEX, no name, an unknown schema, no annex."""
    reasons: list[str] = []
    if row["celex"] != path.stem:
        reasons.append(f"celex {row['celex']!r} is not the file's CELEX {path.stem!r}")
    if not row["name"].strip():
        reasons.append("name is empty")
    if row["schema"] not in SCHEMAS:
        reasons.append(f"unknown schema {row['schema']!r} (known: {', '.join(SCHEMAS)})")
    if not row["annex"]:
        reasons.append("annex is empty")
    return reasons
