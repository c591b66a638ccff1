"""Assemble ListEntry records from one OFAC legacy CSV set (main + alt + add + comments).

Used by `us_ofac_sdn` (sdn.csv …) and `us_ofac_cons` (cons_prim.csv …). The main file is read
first (its rows and a name index for "Linked To"), aliases and addresses are grouped by ent_num,
and a row whose ent_num has no main row is rejected with the reason (mixed-date snapshots have
them); the rest loads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from ecgraph.ingest.records import Address, CountryRef, EntityType, Link, ListEntry, Name, NameKind
from ecgraph.ingest.source import ParseContext
from ecgraph.ingest.sources._names import NameIndex
from ecgraph.ingest.sources._ofac_legacy_csv import read_legacy_csv
from ecgraph.ingest.sources._ofac_remarks import apply_remarks
from ecgraph.schemas.countries import read_country

__all__ = ["parse_legacy_set"]

SDN_TYPES: dict[str | None, EntityType] = {
    "individual": "person", "vessel": "vessel", "aircraft": "aircraft",
    None: "organization",  # `-0-`: OFAC leaves the type null for entities
}
ALT_TYPES: dict[str | None, NameKind] = {"aka": "alias", "fka": "previous", "nka": "alias"}
_EXTRA_FIELDS = ("title", "call_sign", "vess_type", "tonnage", "grt", "vess_owner")

Row = dict[str, str | None]


def parse_legacy_set(source: str, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
    """Entries of one legacy set; `files` maps main/alt/add/comments to paths (comments optional)."""
    main_rows: dict[str, tuple[int, Row]] = {}
    index = NameIndex()
    for line, row in read_legacy_csv(files["main"], "main", ctx):
        ent_num = str(row["ent_num"])
        if ent_num in main_rows:
            ctx.reject(files["main"], line, [f"ent_num {ent_num} repeats line {main_rows[ent_num][0]}"], row)
            continue
        main_rows[ent_num] = (line, row)
        if row["name"]:
            index.add(row["name"], ent_num)
    overflow: dict[str, str] = {}
    if "comments" in files:
        for line, row in read_legacy_csv(files["comments"], "comments", ctx):
            ent_num = str(row["ent_num"])
            if ent_num not in main_rows:
                reason = (f"orphan comments row: ent_num {ent_num} has no entry in the main file "
                          "(a newer comments file than the main file?)")
                ctx.reject(files["comments"], line, [reason], row)
                continue
            overflow[ent_num] = overflow.get(ent_num, "") + (row["remarks_extended"] or "")
    aliases = _group(files["alt"], "alt", main_rows, ctx)
    addresses = _group(files["add"], "add", main_rows, ctx)
    for ent_num, (line, row) in main_rows.items():
        entry = _map_main(source, row, files["main"], line, ctx)
        if entry is None:
            continue
        for _alt_line, alt in aliases.get(ent_num, []):
            _add_alias(entry, alt, files["alt"], _alt_line, ctx)
        for _add_line, add in addresses.get(ent_num, []):
            if any(add.get(key) for key in ("address", "city_state_postal", "country")):
                entry.addresses.append(_address(entry, add))
        remarks = (row.pop("remarks") or "") + overflow.get(ent_num, "")
        if remarks:
            entry.remarks.append(remarks)
            for name in apply_remarks(entry, remarks):
                target = index.resolve(name)
                if target is not None and target != ent_num:
                    entry.links.append(Link("linked_to", target, note=name))
                else:
                    entry.extra.setdefault("linked_to_unresolved", []).append(name)
        ctx.unmapped(files["main"], row)
        yield entry


def _group(path: Path, kind: str, main_rows: dict[str, tuple[int, Row]], ctx: ParseContext) -> dict[str, list[tuple[int, Row]]]:
    grouped: dict[str, list[tuple[int, Row]]] = defaultdict(list)
    for line, row in read_legacy_csv(path, kind, ctx):
        ent_num = str(row["ent_num"])
        if ent_num not in main_rows:
            reason = (f"orphan {kind} row: ent_num {ent_num} has no entry in the main file "
                      "(a newer alt/add file than the main file?)")
            ctx.reject(path, line, [reason], row)
            continue
        grouped[ent_num].append((line, row))
    return grouped


def _map_main(source: str, row: Row, path: Path, line: int, ctx: ParseContext) -> ListEntry | None:
    ent_num = str(row.pop("ent_num"))
    name, sdn_type = row.pop("name"), row.pop("type")
    if not name:
        ctx.reject(path, line, ["the name is null"], row)
        return None
    if sdn_type not in SDN_TYPES:
        ctx.reject(path, line, [f"unknown SDN_Type {sdn_type!r}: add it to SDN_TYPES"], row)
        return None
    programs = [p.strip() for p in (row.pop("program") or "").strip("[] ").split("] [") if p.strip()]
    entry = ListEntry(source=source, source_id=ent_num, entity_type=SDN_TYPES[sdn_type], name=name,
                      programs=programs)
    if flag := row.pop("vess_flag"):
        if code := read_country(flag):
            entry.countries.append(CountryRef(code, "flag"))
        else:
            entry.extra["vessel_flag"] = flag
    for column in _EXTRA_FIELDS:
        if (value := row.pop(column)) is not None:
            entry.extra[column] = value
    return entry


def _add_alias(entry: ListEntry, alt: Row, path: Path, line: int, ctx: ParseContext) -> None:
    alt_type, alt_name = alt.get("alt_type"), alt.get("alt_name")
    if alt_type not in ALT_TYPES or not alt_name:
        ctx.reject(path, line, [f"alias type {alt_type!r} unknown or name empty"], alt)
        return
    entry.names.append(Name(alt_name, ALT_TYPES[alt_type]))
    if alt.get("alt_remarks"):
        entry.extra.setdefault("alias_remarks", {})[alt_name] = alt["alt_remarks"]


def _address(entry: ListEntry, add: Row) -> Address:
    parts = [add.get("address"), add.get("city_state_postal"), add.get("country")]
    country = read_country(add.get("country"))
    if add.get("country") and country is None:
        entry.extra.setdefault("address_regions", []).append(add["country"])
    if add.get("add_remarks"):
        entry.extra.setdefault("address_remarks", []).append(add["add_remarks"])
    return Address(full=", ".join(p for p in parts if p), street=add.get("address"),
                   city=add.get("city_state_postal"), country=country)
