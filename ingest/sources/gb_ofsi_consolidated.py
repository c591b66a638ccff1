"""UK OFSI Consolidated List (ConList workbook): one row per name variant, grouped by `Group ID`.

Sheet `Data`: row 1 is `Last Updated | DD/MM/YYYY` (the version), row 2 the header, then one row per
name variant; every row of a group repeats the group's facts, and rows of one group may differ in DOB,
address or passport (one row per combination). A group becomes one `ListEntry`: the first
`Primary name` row gives the name, the other rows give aliases by `Alias Type` / `Alias Quality`, and
distinct values of the repeated fields are collected. Dates are DD/MM/YYYY with `00` for unknown
parts; country cells may be numbered lists `(1) Russia (2) Israel`; `Other Information` embeds
labelled facts `(UK Sanctions List Ref):RUS0001. (UN Ref):QDi.001. …`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from ecgraph.ingest.dates import parse_dates
from ecgraph.ingest.japanese import script_of
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
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.workbook import cell_text, open_workbook, require_sheet
from ecgraph.schemas.countries import read_countries, read_country
from ecgraph.schemas.errors import SourceError

__all__ = ["GbOfsiConsolidated"]

SHEET = "Data"
# fmt: off
HEADER = (
    "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "Name Non-Latin Script",
    "Non-Latin Script Type", "Non-Latin Script Language", "DOB", "Town of Birth", "Country of Birth",
    "Nationality", "Passport Number", "Passport Details", "National Identification Number",
    "National Identification Details", "Position", "Address 1", "Address 2", "Address 3", "Address 4",
    "Address 5", "Address 6", "Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type",
    "Alias Quality", "Regime", "Listed On", "UK Sanctions List Date Designated", "Last Updated", "Group ID",
)
# fmt: on
GROUP_TYPES: dict[str, EntityType] = {"Individual": "person", "Entity": "organization", "Ship": "vessel"}
# (Alias Type, Alias Quality) -> name kind; an unknown pair rejects the group instead of guessing.
ALIAS_KINDS: dict[tuple[str, str | None], NameKind] = {
    ("Primary name", None): "primary",
    ("Primary name", "Good quality"): "primary",
    ("Primary name variation", None): "alias",
    ("Primary name variation", "Good quality"): "alias",
    ("Primary name variation", "Low quality"): "weak_alias",
    ("AKA", None): "alias",
    ("AKA", "Good quality"): "alias",
    ("AKA", "Low quality"): "weak_alias",
    ("FKA", None): "previous",
    ("FKA", "Good quality"): "previous",
    ("FKA", "Low quality"): "previous",
}
# `Non-Latin Script Type` as OFSI spells it (typos included) -> ISO 15924.
# fmt: off
SCRIPTS = {
    "Cyrillic": "Cyrl", "Cryillic": "Cyrl", "Cyrilic": "Cyrl", "Russian": "Cyrl", "Arabic": "Arab",
    "Persian": "Arab", "Chinese": "Hani", "Georgian": "Geor", "Hebrew": "Hebr", "Hangul": "Hang",
    "Thai": "Thai", "Greek": "Grek", "Burmese": "Mymr", "Japanese": "Jpan",
}
# fmt: on
# fmt: off
LANGUAGES = {
    "Russian": "ru", "Persian": "fa", "Persian/Farsi": "fa", "Arabic": "ar", "Belarusian": "be",
    "Ukrainian": "uk", "Ukraine": "uk", "Chinese": "zh", "Georgian": "ka", "Hebrew": "he", "Korean": "ko",
    "Bulgarian": "bg", "Turkish": "tr", "Kazakh": "kk", "Serbian": "sr", "Spanish": "es", "Thai": "th",
    "Greek": "el", "Bosnian": "bs", "Japanese": "ja", "Burmese": "my", "Romanian": "ro", "Russia": "ru",
}
# fmt: on
# `Other Information` labels: identifiers get a type, the others are kept as extra facts.
INFO_IDENTIFIERS = {
    "UK Sanctions List Ref": "uk_sanctions_ref",
    "UN Ref": "un_ref",
    "IMO number": "imo",
    "Business Reg No": "registration",
}
INFO_LABELS = re.compile(
    r"\((UK Sanctions List Ref|UN Ref|UK Statement of Reasons|Gender|Phone number|Email address|"
    r"Type of entity|"
    r"Website|Parent company|Business Reg No|Subsidiaries|IMO number|Flag of ship|Type of ship|"
    r"Tonnage of ship|Length of ship|Year built|Current owners|Fax|Previous flags|Tel|"
    r"List of persons named in relation to financial and investment restrictions Group ID)\):"
)
NOW_COUNTRY = re.compile(r"\bnow\s+(?:Republic of\s+)?([^()]+?)\)?$", re.IGNORECASE)
NUMBERED = re.compile(r"\(\d+\)\s*")


def split_numbered(text: str | None) -> list[str]:
    """`(1) Russia (2) Israel` → ['Russia', 'Israel']; a plain value → [value]."""
    if not text:
        return []
    parts = [p.strip().rstrip(".").strip() for p in NUMBERED.split(text)]
    return [p for p in parts if p]


def parse_other_information(text: str | None) -> dict[str, str]:
    """`(Label):value. (Label):value` → {label: value}; text before the first label goes under ''."""
    if not text:
        return {}
    pieces = INFO_LABELS.split(text)
    facts: dict[str, str] = {}
    if pieces[0].strip():
        facts[""] = pieces[0].strip()
    for label, value in zip(pieces[1::2], pieces[2::2], strict=True):
        value = value.strip().rstrip(".").strip()
        if value:
            facts[label] = f"{facts[label]}; {value}" if label in facts else value
    return facts


def ofsi_date(text: str | None) -> str | None:
    """DD/MM/YYYY with 00 for unknown parts, MM/YYYY or YYYY → partial ISO."""
    if not text:
        return None
    text = text.strip()
    if re.fullmatch(r"\d{1,2}/\d{4}", text):
        text = "00/" + text
    found = parse_dates(text)
    return found[0][0] if found else None


def full_name(row: dict[str, Any], group_type: str) -> str:
    if group_type != "Individual":
        return str(row["Name 6"] or "").strip()
    parts = [row[f"Name {i}"] for i in (1, 2, 3, 4, 5, 6)]
    return " ".join(str(p).strip() for p in parts if p and str(p).strip())


def _add(items: list[Any], item: Any) -> None:
    if item not in items:
        items.append(item)


class GbOfsiConsolidated(ListSource):
    id: ClassVar[str] = "gb_ofsi_consolidated"

    def version(self, files: dict[str, Path]) -> str:
        path = files["workbook"]
        book = open_workbook(path, self.id)
        try:
            first = next(require_sheet(book, SHEET, path, self.id).iter_rows(max_row=1, values_only=True))
        finally:
            book.close()
        if first[0] == "Last Updated" and (iso := ofsi_date(str(first[1]))):
            return iso
        return super().version(files)

    def read_groups(
        self, path: Path
    ) -> tuple[dict[str, list[tuple[int, dict[str, Any]]]], list[tuple[int, dict[str, Any]]]]:
        """Rows grouped by Group ID in file order, plus rows without a Group ID."""
        book = open_workbook(path, self.id)
        try:
            rows = require_sheet(book, SHEET, path, self.id).iter_rows(values_only=True)
            next(rows, None)
            header = tuple(next(rows, ()) or ())[: len(HEADER)]
            if header != HEADER:
                missing = [h for h in HEADER if h not in header]
                raise SourceError(
                    f"sheet {SHEET!r} row 2 is not the ConList header "
                    f"(missing or moved: {', '.join(missing) or 'column order'}). The publisher "
                    "changed the layout; update HEADER in gb_ofsi_consolidated.py.",
                    source=self.id,
                    file=f"{path} [sheet {SHEET}]",
                    line=2,
                )
            groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
            orphans: list[tuple[int, dict[str, Any]]] = []
            for line, values in enumerate(rows, start=3):
                if not any(v not in (None, "") for v in values):
                    continue
                row = dict(zip(HEADER, values, strict=False))
                gid = cell_text(row.get("Group ID"))
                if gid:
                    groups.setdefault(gid, []).append((line, row))
                else:
                    orphans.append((line, row))
            return groups, orphans
        finally:
            book.close()

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        path = files["workbook"]
        groups, orphans = self.read_groups(path)
        for line, row in orphans:
            ctx.reject(path, line, ["Group ID is empty: the row cannot be attached to an entity"], row)
        for gid, rows in groups.items():
            reasons = self.check_group(rows)
            if reasons:
                ctx.reject(path, rows[0][0], reasons, [r for _, r in rows])
                continue
            yield self.make_entry(gid, rows, path, ctx)

    def check_group(self, rows: list[tuple[int, dict[str, Any]]]) -> list[str]:
        reasons: list[str] = []
        for line, row in rows:
            if row["Group Type"] not in GROUP_TYPES:
                reasons.append(
                    f"line {line}: unknown Group Type {row['Group Type']!r} (known: {', '.join(GROUP_TYPES)})"
                )
            if (row["Alias Type"], row["Alias Quality"]) not in ALIAS_KINDS:
                reasons.append(
                    f"line {line}: unknown Alias Type/Quality {(row['Alias Type'], row['Alias Quality'])!r}"
                )
            if not cell_text(row["Name 6"]):
                reasons.append(f"line {line}: Name 6 (surname / entity name) is empty")
        return reasons

    def make_entry(
        self, gid: str, rows: list[tuple[int, dict[str, Any]]], path: Path, ctx: ParseContext
    ) -> ListEntry:
        group_type = rows[0][1]["Group Type"]
        primary_row = next((r for _, r in rows if r["Alias Type"] == "Primary name"), rows[0][1])
        entry = ListEntry(
            source=self.id,
            source_id=gid,
            entity_type=GROUP_TYPES[group_type],
            name=full_name(primary_row, group_type),
        )
        for _, row in rows:
            self.map_row(entry, dict(row), group_type, path, ctx)
        return entry

    def map_row(
        self, entry: ListEntry, row: dict[str, Any], group_type: str, path: Path, ctx: ParseContext
    ) -> None:
        """Add one name-variant row's facts to its group's entry (destructively: leftovers are reported)."""
        kind = ALIAS_KINDS[(row.pop("Alias Type"), row.pop("Alias Quality"))]
        name = full_name(row, group_type)
        for i in (1, 2, 3, 4, 5, 6):
            row.pop(f"Name {i}")
        if name != entry.name:
            _add(entry.names, Name(name, "alias" if kind == "primary" else kind))
        if title := cell_text(row.pop("Title")):
            _add(entry.remarks, f"Title: {title}")
        script_name = cell_text(row.pop("Name Non-Latin Script"))
        script_type, script_lang = (
            cell_text(row.pop("Non-Latin Script Type")),
            cell_text(row.pop("Non-Latin Script Language")),
        )
        if script_name:
            script = SCRIPTS.get(script_type or "") or script_of(script_name)
            _add(entry.names, Name(script_name, "original_script", script, LANGUAGES.get(script_lang or "")))
        if dob := cell_text(row.pop("DOB")):
            if iso := ofsi_date(dob):
                _add(entry.dates, DateFact("birth", iso))
            else:
                ctx.warn(f"{path}: group {entry.source_id}: DOB {dob!r} is not DD/MM/YYYY")
        if town := cell_text(row.pop("Town of Birth")):
            _add(entry.extra.setdefault("birth_places", []), town)
        for field, role in (("Country of Birth", "birth"), ("Nationality", "nationality")):
            for country in split_numbered(cell_text(row.pop(field))):
                self.add_country(entry, country, role, ctx, path)
        self.map_ids(entry, row)
        if position := cell_text(row.pop("Position")):
            _add(entry.extra.setdefault("positions", []), position)
        self.map_address(entry, row, ctx, path)
        for label, value in parse_other_information(cell_text(row.pop("Other Information"))).items():
            self.map_info(entry, label, value)
        _add(entry.programs, row.pop("Regime"))
        for field, date_kind in (("Listed On", "listed"), ("Last Updated", "modified")):
            if iso := ofsi_date(row.pop(field)):
                _add(entry.dates, DateFact(date_kind, iso))
        if designated := ofsi_date(row.pop("UK Sanctions List Date Designated")):
            entry.extra["uk_date_designated"] = designated
        row.pop("Group Type"), row.pop("Group ID")
        ctx.unmapped(path, row)

    def add_country(self, entry: ListEntry, text: str, role: str, ctx: ParseContext, path: Path) -> None:
        now = NOW_COUNTRY.search(text)  # "Ukrainian SSR (now Ukraine)", "Former USSR Currently Belarus"
        plain = now.group(1) if now else re.sub(r"^Former USSR,? Currently\s+|\s*\(.*\)$", "", text)
        reading = read_countries(plain)
        for code in reading.codes:
            _add(entry.countries, CountryRef(code, role))
        if reading.unread or not reading.codes:
            _add(entry.extra.setdefault(f"unresolved_{role}", []), text)

    def map_ids(self, entry: ListEntry, row: dict[str, Any]) -> None:
        for number_field, details_field, id_type in (
            ("Passport Number", "Passport Details", "passport"),
            ("National Identification Number", "National Identification Details", "national_id"),
        ):
            numbers = split_numbered(cell_text(row.pop(number_field)))
            details = split_numbered(cell_text(row.pop(details_field)))
            for i, number in enumerate(numbers):
                note = details[i] if len(details) == len(numbers) else ("; ".join(details) or None)
                _add(entry.identifiers, Identifier(id_type, number, note=note))
            if details and not numbers:
                _add(entry.remarks, f"{details_field}: {'; '.join(details)}")

    def map_address(self, entry: ListEntry, row: dict[str, Any], ctx: ParseContext, path: Path) -> None:
        lines = [cell_text(row.pop(f"Address {i}")) for i in range(1, 7)]
        postal = cell_text(row.pop("Post/Zip Code"))
        countries = split_numbered(cell_text(row.pop("Country")))
        parts = [p for p in lines if p]
        if postal:
            parts.append(postal)
        if len(countries) == 1:
            parts.append(countries[0])
        if parts:
            code = read_country(re.sub(r"\s*\(.*\)$", "", countries[0])) if len(countries) == 1 else None
            _add(
                entry.addresses,
                Address(full=", ".join(parts), city=lines[5], postal_code=postal, country=code),
            )
        if not parts or len(countries) > 1:
            for country in countries:
                self.add_country(entry, country, "address", ctx, path)
        elif entry.addresses[-1].country:
            _add(entry.countries, CountryRef(str(entry.addresses[-1].country), "address"))

    def map_info(self, entry: ListEntry, label: str, value: str) -> None:
        """One `(Label):value` fact. An identifier is the first token; text after it is a remark."""
        if label in INFO_IDENTIFIERS:
            match = re.match(r"^(\S+?)\.?(?:\s+|$)(.*)$", value, re.DOTALL)
            if match:
                value = match[1]
                if match[2].strip():
                    _add(entry.remarks, match[2].strip())
            _add(entry.identifiers, Identifier(INFO_IDENTIFIERS[label], value))
        elif label == "Flag of ship" and (code := read_country(value)):
            _add(entry.countries, CountryRef(code, "flag"))
        elif label in ("UK Statement of Reasons", ""):
            _add(entry.remarks, value)
        else:
            key = label.lower().replace(" ", "_")
            if entry.extra.get(key) not in (None, value):
                value = f"{entry.extra[key]}; {value}"
            entry.extra[key] = value
