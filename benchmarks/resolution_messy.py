"""A messy evaluation set: listed names written the way shippers write party names (issue 21).

Each query is a real listed name (primary or alias, Latin script) of an organisation on the bundled lists,
written one of the ways a consignee field reads:

- `address`: the entry's own printed address after the name (`ACME LTD, 12 NATHAN RD, KOWLOON, HONG KONG`),
  or after the legal form without a comma;
- `care_of` / `attention`: a forwarder (a real, unlisted company from data/reference_names) after `C/O`, or
  an `ATTN:` line with a person or a department;
- `abbreviation`: words shortened as shippers do (`Mfg.`, `Intl`, `Tech.`, `R&D`, `Eng.`, `Centre`): the
  table here is this generator's own, written apart from rules/resolution/abbreviations.csv;
- `acronym`: the name followed by its initials in brackets (`Harbin Institute of Technology (HIT)`);
- `connector`: `&` for `and` and back;
- `qualifier`: the head of a listed name that adds a qualifier after a comma, as a shipper writes it.

Negatives: unlisted real company names (data/reference_names) made messy the same ways.

The split between `dev` and `sealed` is fixed here, before any tuning: a query is sealed when a SHA-256 of
`SPLIT_SEED` and its target entry (or, for a negative, its name) is odd, so one entry's queries all fall on
one side. Tune on dev only; the sealed numbers are printed beside them and never looked at query by query.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.resolution_eval import EvalQuery

__all__ = ["MESSY_KINDS", "SPLIT_SEED", "MessyQuery", "build_messy_set", "split_of"]

MESSY_SEED = 21
SPLIT_SEED = "issue-21-messy-v1"

# Shippers' shortenings, written for this generator (some are on purpose not in the matcher's table).
_SHORTER = [("International", "Intl"), ("International", "Int'l"), ("Manufacturing", "Mfg."),
            ("Technology", "Tech."), ("Technologies", "Techs"), ("Research and Development", "R&D"),
            ("Research & Development", "R&D"), ("Engineering", "Eng."), ("Engineering", "Engg."),
            ("Industrial", "Ind."), ("Industries", "Inds."), ("Corporation", "Corp."), ("Company", "Co."),
            ("Center", "Centre"), ("Centre", "Center"), ("Institute", "Inst."), ("University", "Univ."),
            ("Electronics", "Elec."), ("Equipment", "Equip."), ("Development", "Dev."), ("Science and Technology", "S&T"),
            ("Import and Export", "Imp. & Exp."), ("Import & Export", "I/E"), ("Limited", "Ltd"), ("Laboratory", "Lab"),
            ("Association", "Assn."), ("Department", "Dept."), ("Organization", "Organisation"), ("Defense", "Defence"),
            ("Aluminum", "Aluminium"), ("National", "Nat'l"), ("Group", "Grp"), ("Holdings", "Hldgs")]
_DEPARTMENTS = ["PURCHASING DEPT", "IMPORT MANAGER", "LOGISTICS", "ACCOUNTS PAYABLE", "PROCUREMENT OFFICE"]
_ADDRESS_FORMS = ["{name}, {address}", "{name} {address}", "{name}\n{address}", "{name}; {address}"]


@dataclass
class MessyQuery(EvalQuery):
    split: str = "dev"  # dev | sealed


def split_of(key: str) -> str:
    """`dev` or `sealed` for a target entry id (or a negative's name), fixed by `SPLIT_SEED`."""
    digest = hashlib.sha256(f"{SPLIT_SEED}:{key}".encode()).digest()
    return "sealed" if digest[0] % 2 else "dev"


def _address(entry: dict[str, Any], name: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    addresses = [a for a in entry.get("addresses") or [] if len(a) > 8] or list(pool)
    if not addresses:
        return None
    return rng.choice(_ADDRESS_FORMS).format(name=name, address=rng.choice(addresses))


def _care_of(name: str, rng: random.Random, forwarders: Sequence[str]) -> str:
    return f"{name} {rng.choice(['C/O', 'c/o', 'C/O:', 'care of'])} {rng.choice(forwarders)}"


def _attention(name: str, rng: random.Random, people: Sequence[str]) -> str:
    who = rng.choice([*_DEPARTMENTS, *rng.sample(list(people), min(5, len(people)))])
    return f"{name} {rng.choice(['ATTN:', 'Attn.', 'ATTENTION', 'attn'])} {who}"


def _abbreviate(name: str, rng: random.Random) -> str | None:
    options = [(long, short) for long, short in _SHORTER if re.search(rf"(?i)\b{re.escape(long)}\b", name)]
    if not options:
        return None
    out = name
    for long, short in rng.sample(options, min(2, len(options))):
        out = re.sub(rf"(?i)\b{re.escape(long)}\b", short, out, count=1)
    return out if out != name else None


def _acronym(name: str, rng: random.Random) -> str | None:
    words = [w for w in re.split(r"[\s\-,]+", name) if w and w[0].isalpha()]
    content = [w for w in words if w.lower() not in ("of", "the", "and", "for", "&")]
    if len(content) < 3 or "(" in name:
        return None
    return f"{name} ({''.join(w[0] for w in content).upper()})"


def _connector(name: str, rng: random.Random) -> str | None:
    if " and " in name.lower():
        return re.sub(r"(?i)\band\b", "&", name, count=1)
    if "&" in name:
        return name.replace("&", rng.choice([" and ", "and"]), 1).replace("  ", " ")
    return None


def _qualifier_head(name: str) -> str | None:
    head, comma, tail = name.rpartition(",")
    if not comma or not head.strip() or not re.search(r"[A-Za-z]{3}", tail):
        return None
    if re.fullmatch(r"(?i)\s*(ltd|limited|llc|inc|corp|co|plc|gmbh|jsc|s\.?a|a\.?g|b\.?v|l\.?l\.?c)\.?\s*", tail):
        return None
    return head.strip()


MESSY_KINDS = ("address", "care_of", "attention", "abbreviation", "acronym", "connector", "qualifier")


def build_messy_set(entries: Sequence[dict[str, Any]], negatives: Sequence[EvalQuery], per_kind: int = 120,
                    seed: int = MESSY_SEED) -> tuple[list[MessyQuery], list[MessyQuery]]:
    """(positives, negatives) for every kind in `MESSY_KINDS` (same seed and inputs → same set)."""
    rng = random.Random(seed)
    organisations = [e for e in entries if e.get("entity_type") in ("organization", "unknown")
                     and any(n["value"].isascii() and len(n["value"]) >= 6 for n in e["names"])]
    rng.shuffle(organisations)
    forwarders = [q.name for q in negatives if q.entity_type == "organization"][:200]
    people = [q.name for q in negatives if q.entity_type == "person"][:200] or ["MR WANG"]
    address_pool = [a for e in organisations[:2000] for a in e.get("addresses") or [] if len(a) > 8][:500]
    makers: dict[str, Callable[[dict[str, Any], str], str | None]] = {
        "address": lambda e, n: _address(e, n, rng, address_pool),
        "care_of": lambda e, n: _care_of(n, rng, forwarders),
        "attention": lambda e, n: _attention(n, rng, people),
        "abbreviation": lambda e, n: _abbreviate(n, rng),
        "acronym": lambda e, n: _acronym(n, rng),
        "connector": lambda e, n: _connector(n, rng),
        "qualifier": lambda e, n: _qualifier_head(n),
    }
    positives: list[MessyQuery] = []
    for kind, make in makers.items():
        made = 0
        for entry in organisations[rng.randrange(len(organisations)):] + organisations:
            if made >= per_kind:
                break
            latin = [n["value"] for n in entry["names"] if n["value"].isascii() and len(n["value"]) >= 6]
            name = rng.choice(latin)
            if kind == "qualifier":
                name = next((n for n in latin if _qualifier_head(n)), name)
            messy = make(entry, name)
            if messy is None or messy == name:
                continue
            positives.append(MessyQuery(messy, kind, entry["id"], entry["entity_type"], name,
                                        split=split_of(entry["id"])))
            made += 1
    negative_queries: list[MessyQuery] = []
    plain = [q for q in negatives if q.entity_type == "organization"]
    rng.shuffle(plain)
    for number, q in enumerate(plain[:per_kind * 4]):
        kind = MESSY_KINDS[number % 6]  # every kind but the qualifier (a negative has no listed head)
        messy = makers[kind]({}, q.name) or q.name
        negative_queries.append(MessyQuery(messy, kind, None, q.entity_type, q.name, split=split_of(q.name)))
    return positives, negative_queries
