"""The candidate index: every list name and alias, found by blocking keys instead of a full scan.

Each Latin form of each name is indexed under several keys, so a query finds its candidates through
whichever survives its spelling: whole tokens (`w:`), token prefixes and suffixes (`p:`/`s:`) and trigrams of short tokens (`g:`), for typos,
phonetic skeleton tokens (`k:`, for transliteration variants and cross-script names) and the start and
end of the space-free form (`c:`/`e:`, for `al baghdadi` vs `albaghdadi`). Keys shared by thousands of
names (`bank`, `mohammad`) are skipped unless nothing rarer is left; candidates are ranked by the
summed rarity of the keys they share. The top few hundred are then scored in bulk with rapidfuzz `cdist`, and only entries near the threshold get the full,
explained score. Identifiers are an index of their own: an exact id finds its entry whatever the name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import marshal
import math
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ecgraph.rules.resolution.names import PreparedName, prepare_name
from ecgraph.rules.resolution.score import (
    FEATURES, SKELETON_DISCOUNT, TOKEN_SET_DISCOUNT, Match, Query, clean_identifier, score_entry,
)

__all__ = ["MAX_KEY_POSTINGS", "ResolutionIndex", "blocking_keys"]

MAX_KEY_POSTINGS = 4000  # keys in more forms than this are too common to block on
# Forms scored per query at most, ranked by the summed rarity of shared keys; 600 keeps blocking recall
# at ≥ 99.5 % of a brute-force scan on the benchmark set (300 gave 98 %).
MAX_CANDIDATES = 600
# The cheap cdist score can sit below the full one by this much (rarity alignment and phonetic token
# equivalence lift it); positive features the query can earn are added on top (see `_margin`).
PREFILTER_MARGIN = 0.07


def blocking_keys(form: str, skeleton: str) -> set[str]:
    """Index keys of one Latin form (the same function for list names and queries)."""
    keys: set[str] = set()
    for token in form.split():
        keys.add("w:" + token)
        if len(token) >= 5:
            keys.add("p:" + token[:4])
            keys.add("s:" + token[-4:])
        if 4 <= len(token) <= 7:  # short tokens: one typo changes prefix and suffix alike
            keys.update("g:" + token[i:i + 3] for i in range(len(token) - 2))
    for token in skeleton.split():
        if len(token) >= 2:
            keys.add("k:" + token)
    joined = form.replace(" ", "")
    if len(joined) >= 4:
        keys.add("c:" + joined[:4])
        keys.add("e:" + joined[-4:])
    return keys


class ResolutionIndex:
    """Entries (plain dicts) and their prepared names, with postings from blocking keys to forms."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.entry_names: list[list[PreparedName]] = []
        self.forms = np.zeros(0, dtype=object)  # one row per (name, form)
        self.skeletons = np.zeros(0, dtype=object)  # space-free skeleton per form row
        self.form_entry = np.zeros(0, dtype=np.int32)
        self.form_translit = np.zeros(0, dtype=bool)
        # postings in CSR layout (one array, offsets per key): thousands of small arrays pickle slowly
        self.keys: dict[str, int] = {}
        self.key_offsets = np.zeros(1, dtype=np.int64)
        self.key_postings = np.zeros(0, dtype=np.int32)
        self.token_weights: dict[str, float] = {}  # token -> rarity (idf) for scoring
        self.unknown_weight = 1.0
        self.identifiers: dict[str, list[int]] = {}
        self.fingerprint: str = ""
        self._positions: dict[str, int] = {}

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def build(cls, entries: Iterable[Mapping[str, Any]], fingerprint: str = "") -> ResolutionIndex:
        """Index entries shaped {id, list, source_id, entity_type, names, countries, identifiers, dates}.

        `names` holds strings or {value, kind, lang} dicts; the first is the primary name.
        """
        index = cls()
        index.fingerprint = fingerprint
        postings: dict[str, list[int]] = defaultdict(list)
        identifiers: dict[str, list[int]] = defaultdict(list)
        form_entry: list[int] = []
        form_translit: list[bool] = []
        forms: list[str] = []
        skeletons: list[str] = []
        for entry in entries:
            entry_no = len(index.entries)
            entity_type = str(entry.get("entity_type") or "unknown")
            prepared: list[PreparedName] = []
            for raw in entry.get("names", []):
                value, kind, lang = _name_fields(raw)
                name = prepare_name(value, entity_type, kind, lang)
                if name is None:
                    continue
                prepared.append(name)
                for form, skel in zip(name.forms, name.skeletons, strict=True):
                    form_no = len(forms)
                    forms.append(form)
                    skeletons.append(skel.replace(" ", ""))
                    form_entry.append(entry_no)
                    form_translit.append(name.transliterated)
                    for key in blocking_keys(form, skel):
                        postings[key].append(form_no)
            for ident in entry.get("identifiers", []):
                cleaned = clean_identifier(str(ident))
                if len(cleaned) >= 4:
                    identifiers[cleaned].append(entry_no)
            index.entries.append(_slim(entry, entity_type))
            index.entry_names.append(prepared)
        index.forms = np.asarray(forms + [""], dtype=object)[:-1]  # the "" keeps numpy from making 2-D arrays
        index.skeletons = np.asarray(skeletons + [""], dtype=object)[:-1]
        index.form_entry = np.asarray(form_entry, dtype=np.int32)
        index.form_translit = np.asarray(form_translit, dtype=bool)
        index.keys = {}
        offsets = [0]
        chunks = []
        for number, (key, rows) in enumerate(postings.items()):
            index.keys[key] = number
            unique = np.unique(np.asarray(rows, dtype=np.int32))
            chunks.append(unique)
            offsets.append(offsets[-1] + len(unique))
        index.key_offsets = np.asarray(offsets, dtype=np.int64)
        index.key_postings = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
        total = max(1, len(forms))
        index.token_weights = {k[2:]: math.log((total + 1) / (len(v) + 1)) + 1.0
                               for k, v in postings.items() if k.startswith("w:")}
        index.unknown_weight = math.log(total + 1) + 1.0
        index.identifiers = dict(identifiers)
        return index

    # -- persistence ---------------------------------------------------------------------------
    # marshal of builtin types (tuples, strings, bytes) loads several times faster than pickling
    # ~100,000 small objects, which is what keeps a warm `ecgraph search` well under a second.
    _ENTRY_FIELDS = ("id", "list", "source_id", "entity_type", "name", "countries", "identifiers", "dates")
    _ARRAYS = ("form_entry", "form_translit", "key_offsets", "key_postings")

    def save(self, path: Path) -> None:
        """Write the index to `path` (atomically: a reader never sees half a file)."""
        state = {
            "format": 1,
            "fingerprint": self.fingerprint,
            "entries": [tuple(tuple(e[f]) if isinstance(e[f], list) else e[f] for f in self._ENTRY_FIELDS)
                        for e in self.entries],
            "names": [[tuple(n) for n in names] for names in self.entry_names],
            "forms": self.forms.tolist(),
            "skeletons": self.skeletons.tolist(),
            "arrays": {a: (str(getattr(self, a).dtype), getattr(self, a).tobytes()) for a in self._ARRAYS},
            "keys": self.keys,
            "token_weights": self.token_weights,
            "unknown_weight": self.unknown_weight,
            "identifiers": {k: tuple(v) for k, v in self.identifiers.items()},
        }
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(marshal.dumps(state))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> ResolutionIndex:
        state = marshal.loads(path.read_bytes())
        if not isinstance(state, dict) or state.get("format") != 1:
            raise ValueError(f"{path} is not an index file of this version")
        index = cls()
        index.fingerprint = state["fingerprint"]
        index.entries = [dict(zip(cls._ENTRY_FIELDS, e, strict=True)) for e in state["entries"]]
        # plain tuples until an entry is scored: converting ~100,000 names up front costs most of a second
        index.entry_names = state["names"]
        index.forms = np.asarray(state["forms"] + [""], dtype=object)[:-1]
        index.skeletons = np.asarray(state["skeletons"] + [""], dtype=object)[:-1]
        for name, (dtype, raw) in state["arrays"].items():
            setattr(index, name, np.frombuffer(raw, dtype=dtype))
        index.keys = state["keys"]
        index.token_weights = state["token_weights"]
        index.unknown_weight = state["unknown_weight"]
        index.identifiers = {k: list(v) for k, v in state["identifiers"].items()}
        return index

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def name_count(self) -> int:
        return sum(len(n) for n in self.entry_names)

    # -- searching -----------------------------------------------------------------------------
    def _posting(self, number: int) -> np.ndarray:
        return self.key_postings[self.key_offsets[number]:self.key_offsets[number + 1]]

    def candidate_forms(self, names: Sequence[PreparedName]) -> np.ndarray:
        """Form rows sharing blocking keys with the query, ranked by the summed rarity of shared keys."""
        keys: set[str] = set()
        for name in names:
            for form, skel in zip(name.forms, name.skeletons, strict=True):
                keys |= blocking_keys(form, skel)
        found = [self._posting(self.keys[k]) for k in keys if k in self.keys]
        if not found:
            return np.zeros(0, dtype=np.int32)
        usable = [p for p in found if len(p) <= MAX_KEY_POSTINGS]
        if len(usable) < 2:  # only common keys: use the rarest two anyway
            usable = sorted(found, key=len)[:2]
        if len(usable) == 1:
            rows = usable[0]
            return rows if len(rows) <= MAX_CANDIDATES else rows[:MAX_CANDIDATES]
        hits = np.concatenate(usable)
        if len(hits) <= MAX_CANDIDATES:
            return np.unique(hits)
        total = len(self.forms) + 1
        weights = np.repeat([math.log(total / (len(p) + 1)) for p in usable], [len(p) for p in usable])
        score = np.bincount(hits, weights=weights, minlength=len(self.forms))
        present = np.flatnonzero(score)
        if len(present) <= MAX_CANDIDATES:
            return present
        top = np.argpartition(-score[present], MAX_CANDIDATES)[:MAX_CANDIDATES]
        return present[top]

    def candidate_entries(self, names: Sequence[PreparedName]) -> set[int]:
        """Entry numbers the blocking step would consider (for recall measurements)."""
        return set(self.form_entry[self.candidate_forms(names)].tolist())

    def search(self, query: Query, *, threshold: float = 0.85, limit: int = 10,
               lists: Sequence[str] | None = None,
               thresholds: Mapping[str, float] | None = None) -> list[Match]:
        """Ranked matches at or above the threshold (per-list thresholds override it)."""
        if not query.names:
            return []
        floor = min([threshold, *(thresholds or {}).values()])
        rows = self.candidate_forms(query.names)
        best: dict[int, float] = {}
        if len(rows):
            quick = self._quick_scores(query.names, rows)
            keep = quick >= floor - _margin(query)
            for entry_no, value in zip(self.form_entry[rows[keep]].tolist(), quick[keep].tolist(), strict=True):
                if value > best.get(entry_no, -1.0):
                    best[entry_no] = value
        for ident in query.identifiers:
            for entry_no in self.identifiers.get(clean_identifier(ident), []):
                best.setdefault(entry_no, 0.0)
        matches: list[Match] = []
        allowed = set(lists) if lists else None
        for entry_no in best:
            entry = self.entries[entry_no]
            if allowed is not None and entry["list"] not in allowed:
                continue
            names = [n if isinstance(n, PreparedName) else PreparedName(*n) for n in self.entry_names[entry_no]]
            match = score_entry(query, entry, names, self.token_weights, self.unknown_weight)
            cutoff = (thresholds or {}).get(entry["list"], threshold)
            if match.score >= cutoff:
                matches.append(match)
        matches.sort(key=lambda m: (-m.score, m.entry_id))
        return matches[:limit]

    def _quick_scores(self, names: Sequence[PreparedName], rows: np.ndarray) -> np.ndarray:
        """Best cheap similarity of any query form to each candidate form, in [0, 1]."""
        choices = self.forms[rows].tolist()
        q_forms = [f for n in names for f in n.forms]
        sims = np.maximum(cdist(q_forms, choices, scorer=fuzz.token_sort_ratio, dtype=np.uint8).max(axis=0),
                          cdist(q_forms, choices, scorer=fuzz.ratio, dtype=np.uint8).max(axis=0)) / 100
        multi = [f for f in q_forms if " " in f]
        # initials (`a g abramov`) only the full scorer aligns: let the surname alone pass the prefilter
        multi += [" ".join(t for t in f.split() if len(t) > 1) for f in q_forms
                  if any(len(t) == 1 for t in f.split()) and any(len(t) > 2 for t in f.split())]
        if multi:
            tset = cdist(multi, choices, scorer=fuzz.token_set_ratio, dtype=np.uint8).max(axis=0) / 100
            sims = np.maximum(sims, tset * TOKEN_SET_DISCOUNT)
        q_translit = any(n.transliterated for n in names)
        translit = self.form_translit[rows] | q_translit
        if translit.any():
            q_skels = [s.replace(" ", "") for n in names for s in n.skeletons if s]
            if q_skels:
                skel_choices = self.skeletons[rows].tolist()
                skel = cdist(q_skels, skel_choices, scorer=fuzz.ratio, dtype=np.uint8).max(axis=0) / 100
                sims = np.where(translit, np.maximum(sims, skel * SKELETON_DISCOUNT), sims)
        return sims

    def entry(self, entry_id: str) -> dict[str, Any] | None:
        """The indexed entry with this id, or None."""
        if len(self._positions) != len(self.entries):
            self._positions = {e["id"]: i for i, e in enumerate(self.entries)}
        position = self._positions.get(entry_id)
        return None if position is None else self.entries[position]


def _margin(query: Query) -> float:
    """How far below the threshold a cheap score may be and still end above it after features."""
    margin = PREFILTER_MARGIN
    if query.countries:
        margin += FEATURES["country"].agree
    if query.dates:
        margin += FEATURES["date"].agree
    if any(n.legal_forms for n in query.names):
        margin += FEATURES["legal_form"].agree
    return margin


def _name_fields(raw: Any) -> tuple[str, str, str | None]:
    if isinstance(raw, Mapping):
        return str(raw.get("value") or ""), str(raw.get("kind") or "alias"), raw.get("lang")
    return str(raw), "alias", None


def _slim(entry: Mapping[str, Any], entity_type: str) -> dict[str, Any]:
    """What a match needs to report and score; the rest stays in the graph."""
    names = entry.get("names", [])
    primary = _name_fields(names[0])[0] if names else ""
    return {
        "id": str(entry["id"]),
        "list": str(entry.get("list") or entry.get("source") or ""),
        "source_id": str(entry.get("source_id") or ""),
        "entity_type": entity_type,
        "name": str(entry.get("name") or primary),
        "countries": [str(c).upper() for c in entry.get("countries", []) if c],
        "identifiers": [str(i) for i in entry.get("identifiers", []) if i],
        "dates": [str(d) for d in entry.get("dates", []) if d],
    }
