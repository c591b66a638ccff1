"""Evaluation sets for entity resolution, built from the real lists and reference names in data/.

Two modes (issue 9), deterministic for a seed:

- *perturbed*: a published name with one realistic edit (typo, legal-form variant, token order,
  transliteration variant, punctuation/case) is the query; the index holds every list name.
- *withheld*: a published alias or original-script name is the query and that name is removed from
  the index, so only the entity's other names can find it (kinds: alias, cyrillic, arabic, chinese,
  japanese).

Negatives for both: real names that are not listed (data/reference_names: exchange-listed companies,
S&P 500, US Congress members), minus any whose normalised form is itself a listed name.
The lists are parsed through ingest's source classes; the registry may not have every one yet, so
the table below names the classes directly.
"""

from __future__ import annotations

import csv
import importlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.ingest.source import ParseContext
from ecgraph.rules.resolution import entry_from_record, normalize_name

__all__ = ["EvalQuery", "EvalSet", "build_eval_set", "load_list_entries"]

# source id -> "module:Class" (the lists that make up the ~120,000-name evaluation index)
LIST_SOURCES = {
    "us_ofac_sdn": "ecgraph.ingest.sources.us_ofac_sdn:UsOfacSdn",
    "us_trade_csl": "ecgraph.ingest.sources.us_trade_csl:UsTradeCsl",
    "gb_ofsi_consolidated": "ecgraph.ingest.sources.gb_ofsi_consolidated:GbOfsiConsolidated",
    "eu_oj_sanctions": "ecgraph.ingest.sources.eu_oj_sanctions:EuOjSanctions",
    "jp_meti_end_user_list": "ecgraph.ingest.sources.jp_meti_end_user_list:JpMetiEndUserList",
    "jp_mof_asset_freeze": "ecgraph.ingest.sources.jp_mof_asset_freeze:JpMofAssetFreeze",
}
_JUNK = re.compile(r"別称|別名|旧称|a\.k\.a|also known|^[（(]|[）)]$")
SCRIPT_KINDS = {
    "Cyrl": "cyrillic",
    "Arab": "arabic",
    "Hani": "chinese",
    "Kana": "japanese",
    "Jpan": "japanese",
    "Hira": "japanese",
}


@dataclass
class EvalQuery:
    name: str
    kind: str  # typo | legal_form | token_order | translit_variant | punctuation | alias | cyrillic | … | negative
    target: str | None  # entry id, None for negatives
    entity_type: str = "unknown"
    source_name: str | None = None  # the published name it was made from


@dataclass
class EvalSet:
    entries: list[dict[str, Any]]
    perturbed: list[EvalQuery] = field(default_factory=list)
    withheld: list[EvalQuery] = field(default_factory=list)
    negatives: list[EvalQuery] = field(default_factory=list)

    def withheld_entries(self) -> list[dict[str, Any]]:
        """The entries with every withheld query name removed (the index for the withheld mode).

        Removed from every entry that prints it, not only the query's target: one company is often on
        several lists (保利科技有限公司 on METI's list and as an alias on the CSL), and a copy left on
        another entry would find the query by its own name, which this mode exists to rule out."""
        removed = {normalize_name(q.source_name or q.name) for q in self.withheld}
        out = []
        for entry in self.entries:
            kept = [n for n in entry["names"] if normalize_name(n["value"]) not in removed]
            out.append(entry if len(kept) == len(entry["names"]) else {**entry, "names": kept})
        return out

    def dump(self, path: Path) -> None:
        path.write_text(
            json.dumps(
                {
                    "entries": self.entries,
                    "perturbed": [asdict(q) for q in self.perturbed],
                    "withheld": [asdict(q) for q in self.withheld],
                    "withheld_entries": self.withheld_entries(),
                    "negatives": [asdict(q) for q in self.negatives],
                },
                ensure_ascii=False,
            )
        )


def load_list_entries() -> list[dict[str, Any]]:
    """Index entries of every list in LIST_SOURCES; CSL rows copied from the SDN are left out (duplicates)."""
    entries: list[dict[str, Any]] = []
    for source_id, target in LIST_SOURCES.items():
        module_name, class_name = target.split(":")
        source = getattr(importlib.import_module(module_name), class_name)()
        files = source.snapshot_files(snapshot_dir())
        for entry in source.parse(files, ParseContext(source_id)):
            if source_id == "us_trade_csl" and entry.list == "SDN":
                continue
            record = entry.to_dict()
            converted = entry_from_record(record, source_id)
            for name, raw in zip(converted["names"][1:], record["names"], strict=True):
                name["script"] = raw.get("script")
            entries.append(converted)
    return entries


# -- perturbations -----------------------------------------------------------------------------
_LEGAL_VARIANTS = [
    ["llc", "limited liability company", "l.l.c."],
    ["jsc", "joint stock company", "ao"],
    ["ojsc", "open joint stock company", "oao"],
    ["cjsc", "closed joint stock company", "zao"],
    ["pjsc", "public joint stock company", "pao"],
    ["co., ltd.", "company limited", "co ltd"],
    ["ltd", "limited", "ltd."],
    ["inc", "incorporated", "inc."],
    ["corp", "corporation", "corp."],
    ["gmbh", "gesellschaft mit beschrankter haftung"],
    ["ooo", "llc", "obshchestvo s ogranichennoy otvetstvennostyu"],
]
_LEGAL_RE = re.compile(
    r"(?i)(?<![\w])("
    + "|".join(re.escape(v) for group in _LEGAL_VARIANTS for v in sorted(group, key=len, reverse=True))
    + r")(?![\w])"
)
_TRANSLIT = [
    ("kh", "h"),
    ("y", "i"),
    ("ks", "x"),
    ("ou", "u"),
    ("ya", "ia"),
    ("yu", "iu"),
    ("iy", "y"),
    ("j", "dj"),
    ("v", "w"),
    ("ph", "f"),
    ("c", "k"),
    ("q", "k"),
    ("ee", "i"),
    ("oo", "u"),
    ("ei", "ey"),
    ("ts", "tz"),
    ("ii", "i"),
    ("sh", "ch"),
    ("mohammed", "muhammad"),
    ("muhammad", "mohamed"),
    ("abdul", "abd al"),
    ("al-", "el-"),
    ("ow", "au"),
    ("dzh", "j"),
]
_KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def _typo(name: str, rng: random.Random) -> str:
    chars = list(name)
    letters = [i for i, c in enumerate(chars) if c.isalpha()]
    for _ in range(1 if len(name) < 16 else 2):
        if len(letters) < 3:
            break
        i = rng.choice(letters[1:-1])
        op = rng.choice(["swap", "delete", "insert", "substitute"])
        if op == "swap" and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif op == "delete":
            chars[i] = ""
        elif op == "insert":
            chars[i] = chars[i] + rng.choice(_KEYBOARD)
        else:
            chars[i] = rng.choice(_KEYBOARD)
    return "".join(chars)


def _legal(name: str, rng: random.Random) -> str | None:
    found = _LEGAL_RE.search(name)
    if not found:
        return None
    text = found.group(0).lower()
    group = next(g for g in _LEGAL_VARIANTS if text in g)
    choice = rng.choice([v for v in group if v != text] + [""])
    return " ".join((name[: found.start()] + choice + name[found.end() :]).replace(" ,", ",").split())


def _order(name: str, rng: random.Random) -> str | None:
    if "," in name:
        surname, _, given = name.partition(",")
        return f"{given.strip()} {surname.strip()}"
    parts = name.split()
    if len(parts) < 2:
        return None
    return " ".join(parts[1:] + parts[:1])


def _translit(name: str, rng: random.Random) -> str | None:
    lower = name.lower()
    options = [(a, b) for a, b in _TRANSLIT if a in lower] + [
        (b, a) for a, b in _TRANSLIT if b in lower and len(b) > 1
    ]
    if not options:
        return None
    out = lower
    for a, b in rng.sample(options, min(2, len(options))):
        out = out.replace(a, b, 1)
    return out if out != lower else None


def _punct(name: str, rng: random.Random) -> str:
    choice = rng.randrange(4)
    if choice == 0:
        return re.sub(r"[^\w\s]", "", name).upper()
    if choice == 1:
        return name.lower().replace(" ", "-", 1)
    if choice == 2:
        return ". ".join(name.title().split(" ", 1))
    return re.sub(r"[\s]+", "  ", name.replace(",", " , "))


PERTURBATIONS = {
    "typo": _typo,
    "legal_form": _legal,
    "token_order": _order,
    "translit_variant": _translit,
    "punctuation": _punct,
}


def _latin_names(entry: dict[str, Any]) -> Iterator[str]:
    for name in entry["names"]:
        value = name["value"]
        if value and value.isascii() and len(normalize_name(value)) >= 4:
            yield value


def _reference_names(folder: Path) -> Iterator[tuple[str, str]]:
    strip = re.compile(
        r"(?i)\s*(-|–)?\s*(common stock|ordinary shares|class [a-c].*|american depositary.*|"
        r"units?,? each.*|warrants?.*|rights?|depositary shares.*|\(the\).*)$"
    )
    for file, column in (
        ("nasdaq-listed-symbols.csv", "Company Name"),
        ("nyse-listed.csv", "Company Name"),
        ("other-listed.csv", "Company Name"),
        ("sp500_constituents.csv", "Security"),
    ):
        with (folder / file).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                name = strip.sub("", row.get(column) or "").strip(" ,")
                if name:
                    yield name, "organization"
    with (folder / "opensanctions_us_congress_senzing.json").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            for name in record.get("NAMES", []):
                if name.get("NAME_FULL"):
                    yield name["NAME_FULL"], "person"


def build_eval_set(
    seed: int = 9, per_kind: int = 300, negatives: int = 2000, entries: list[dict[str, Any]] | None = None
) -> EvalSet:
    """Sample queries for both modes (same seed → same set)."""
    rng = random.Random(seed)
    entries = entries if entries is not None else load_list_entries()
    data = EvalSet(entries=entries)
    order = list(range(len(entries)))
    rng.shuffle(order)
    for kind, perturb in PERTURBATIONS.items():
        made = 0
        for i in order[rng.randrange(len(order)) :] + order:
            if made >= per_kind:
                break
            entry = entries[i]
            latin = list(_latin_names(entry))
            if not latin:
                continue
            source = (
                latin[0] if kind != "legal_form" else next((n for n in latin if _LEGAL_RE.search(n)), None)
            )
            if source is None or kind == "token_order" and entry["entity_type"] != "person":
                continue  # nobody reorders the words of a company name; person names come in any order
            query = perturb(source, rng)
            if (
                not query
                or normalize_name(query) == normalize_name(source)
                and kind in ("typo", "translit_variant")
            ):
                continue
            data.perturbed.append(EvalQuery(query, kind, entry["id"], entry["entity_type"], source))
            made += 1
    counts: dict[str, int] = {}
    for i in order:
        entry = entries[i]
        if len(entry["names"]) < 2:
            continue
        withheld_candidates: list[tuple[str, str]] = []
        for name in entry["names"][1:]:
            script_kind = "alias" if name["value"].isascii() else SCRIPT_KINDS.get(name.get("script") or "")
            if script_kind and (script_kind != "alias" or name["kind"] in ("alias", "previous")):
                withheld_candidates.append((script_kind, name["value"]))
        rng.shuffle(withheld_candidates)
        for kind, value in withheld_candidates:
            if _JUNK.search(value):
                continue  # parser residue ("（別称", "a.k.a …"), not a name anyone would screen
            if counts.get(kind, 0) < per_kind and len(normalize_name(value)) >= 2:
                others = [n for n in entry["names"] if n["value"] != value]
                if others:
                    data.withheld.append(EvalQuery(value, kind, entry["id"], entry["entity_type"], value))
                    counts[kind] = counts.get(kind, 0) + 1
                break
    listed = {normalize_name(n["value"]) for e in entries for n in e["names"]}
    pool = [
        (n, t)
        for n, t in dict.fromkeys(_reference_names(snapshot_dir() / "reference_names"))
        if normalize_name(n) not in listed
    ]
    rng.shuffle(pool)
    data.negatives = [EvalQuery(n, "negative", None, t) for n, t in pool[:negatives]]
    return data
