"""The candidate index: every list name and alias, found by blocking keys instead of a full scan.

Each Latin form of each name is indexed under several keys, so a query finds its candidates through
whichever survives its spelling: whole tokens (`w:`), token prefixes and suffixes (`p:`/`s:`) and trigrams of short tokens (`g:`), for typos,
phonetic skeleton tokens (`k:`, for transliteration variants and cross-script names) and the start and
end of the space-free form (`c:`/`e:`, for `al baghdadi` vs `albaghdadi`), and five- and six-letter tokens
without each of their letters (`t:`, `typos.deletion_keys`: `breez` / `brjez` share no other key). Keys
shared by thousands of names (`bank`, `mohammad`) are skipped unless nothing rarer is left; candidates are ranked by a Dice
coefficient over the rarity of the keys they share. The top few hundred are then checked in bulk with
rapidfuzz `cdist` (ratio, then token_sort as a ratio of token-sorted forms kept in the index, then
token_set and the phonetic skeleton for the rows still below the bar), and only the names of entries
that pass get the full, explained score. Identifiers are an index of their own: an exact id finds its
entry whatever the name.
"""

from __future__ import annotations

import marshal
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ecgraph.rules.resolution.bounds import SPACE, char_bag, char_bags, ratio_may_reach
from ecgraph.rules.resolution.index_file import BlobTable, IndexFile, IndexWriter, SortedMapping, StringTable
from ecgraph.rules.resolution.names import PreparedName, prepare_name
from ecgraph.rules.resolution.phonetic import spelling_key
from ecgraph.rules.resolution.score import (
    ABJADS,
    FEATURES,
    SKELETON_DISCOUNT,
    SKELETON_LENGTH_RATIO,
    TOKEN_SET_DISCOUNT,
    Match,
    Query,
    clean_identifier,
    consonant_count,
    letter_count,
    score_entry,
)
from ecgraph.rules.resolution.typos import DELETION_KEY_PREFIX, deletion_keys, deletion_lookups

__all__ = ["MAX_KEY_POSTINGS", "ResolutionIndex", "blocking_keys", "consonant_keys", "spelling_keys"]

MAX_KEY_POSTINGS = 4000  # keys in more forms than this are too common to block on
# Forms checked per query at most, ranked by shared key rarity (Dice); on the benchmark's full set
# 800 keeps blocking recall at 99.7 % of a brute-force scan (600: 99.4 %, 400: 99.1 %).
MAX_CANDIDATES = 800
# The cheap cdist score can sit below the full one by this much (rarity alignment and phonetic token
# equivalence lift it); positive features the query can earn are added on top (see `_margin`).
PREFILTER_MARGIN = 0.07
# token_set_ratio (extra or missing words) is the dearest prefilter scorer: it only sees the candidates
# sharing the most key rarity with the query, since a name with extra words still has all of the other's.
TOKEN_SET_CANDIDATES = 150
# ... and only those whose Dice over key rarity reaches this: on the benchmark a candidate below it that
# passed token_set scored under the threshold in all but 1 of ~23,000 cases (it cut entries scored per
# query by a tenth).
TOKEN_SET_MIN_DICE = 0.15
KEY_WEIGHT_FLOOR = 1e-3
# Per-form counts the skeleton prefilter compares lengths by, as `_comparable_lengths` does: letters, and
# consonants against a name in an abjad.
_FORM_COUNTS = {"letters": letter_count, "consonants": consonant_count}


def _sort_tokens(form: str) -> str:
    return " ".join(sorted(form.split()))


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


# Arabic script leaves short vowels unwritten and writes و / ي for o, u, w, v, i, y alike: `خسروی` reads
# `khsrwi`, `سعيد` `sid`, while the lists print `khosravi`, `said`. The phonetic skeleton keeps w and v
# apart and the rare tokens never meet, so such a query found its target only through keys like `k:MT`
# (Mohammad) that thousands of names share. Consonant keys (`v:`) drop vowels and semivowels and fold
# doubled letters (`khsr`, `sd`) so the two spellings meet. Every form is indexed under them, but only a
# query written in an abjad asks for them, and they are left out of `form_key_weight`: other queries'
# candidates and their ranking are exactly as before.
_CONSONANT_DROP = re.compile("[aeiouwvy]+")
_DOUBLED = re.compile(r"(.)\1+")
CONSONANT_KEY_PREFIX = "v:"


SPELLING_KEY_MIN_LETTERS = 4


def spelling_keys(form: str) -> set[str]:
    """`w:` keys a query also looks up: each token of four letters or more in its spelling key (`spelling_key`:
    `dowe` -> `dove`, `tzunaewa` -> `tsunaeva`) when that differs from the token. A list name spelt the key's way
    shares no other key with a short variant spelling (`dowe` / DOVE share no trigram). Queries only: the index and
    the query's own key weight (the Dice ranking of every other candidate) are as before."""
    keys: set[str] = set()
    for token in form.split():
        if len(token) >= SPELLING_KEY_MIN_LETTERS and token.isalpha():
            key = spelling_key(token)
            if key != token:
                keys.add("w:" + key)
    return keys


def consonant_keys(form: str) -> set[str]:
    """`v:` keys of a Latin form: each token without vowels and semivowels, doubled letters once."""
    keys: set[str] = set()
    for token in form.split():
        if not token.isalpha():
            continue
        bare = _DOUBLED.sub(r"\1", _CONSONANT_DROP.sub("", token))
        if len(bare) >= 2:
            keys.add(CONSONANT_KEY_PREFIX + bare)
    return keys


def typo_keys(form: str) -> set[str]:
    """`t:` keys of a list form (`typos.deletion_keys` of each token). Like the `v:` keys they are left out of
    `form_key_weight`, and a query looks them up as variants (`typos.deletion_lookups`), outside its own key weight:
    a candidate one typo away shares a key, and the Dice of every form shares only what it shares with the query."""
    keys: set[str] = set()
    for token in form.split():
        keys |= deletion_keys(token)
    return keys


# keys every form is indexed under that only some queries look up: no part of a form's key weight
_UNCOUNTED_PREFIXES = (CONSONANT_KEY_PREFIX, DELETION_KEY_PREFIX)


FORMAT = 4  # the saved layout; 4: memory-mapped sections (index_file), 3: one marshal dict


class ResolutionIndex:
    """Entries (plain dicts) and their prepared names, with postings from blocking keys to forms."""

    def __init__(self) -> None:
        # lists when built; BlobTables (records decoded on first use) when loaded from a file
        self.entries: Sequence[dict[str, Any]] = []
        self.entry_names: Sequence[Sequence[Any]] = []  # PreparedName, or its tuple when loaded
        # object arrays when built; StringTables (decoded row by row) when loaded, until prepare_bulk_search
        self.forms: np.ndarray | StringTable = np.zeros(0, dtype=object)  # one row per (name, form)
        self.skeletons: np.ndarray | StringTable = np.zeros(0, dtype=object)  # space-free skeleton per form row
        # tokens in sorted order: token_sort_ratio as a plain ratio
        self.sorted_forms: np.ndarray | StringTable = np.zeros(0, dtype=object)
        self.form_entry = np.zeros(0, dtype=np.int32)
        self.form_name = np.zeros(0, dtype=np.int32)  # which of its entry's names a form row belongs to
        self.form_translit = np.zeros(0, dtype=bool)
        # postings in CSR layout (one array, offsets per key): thousands of small arrays pickle slowly;
        # the mappings are dicts when built and SortedMappings (bisection over the file) when loaded
        self.keys: Mapping[str, int] = {}
        self.key_offsets = np.zeros(1, dtype=np.int64)
        self.key_postings = np.zeros(0, dtype=np.int32)
        self.token_weights: Mapping[str, float] = {}  # token -> rarity (idf) for scoring
        self.unknown_weight = 1.0
        self.identifiers: Mapping[str, list[int]] = {}
        self.fingerprint: str = ""
        self._positions: Mapping[str, int] = {}  # entry id -> entry number (from the file when loaded)
        self._name_count: int | None = None
        # derived on build and load
        self.key_weights = np.zeros(0, dtype=np.float32)  # rarity of each key
        self.key_lengths = np.zeros(0, dtype=np.int64)
        self.form_key_weight = np.zeros(0, dtype=np.float32)  # summed rarity of every key of a form
        # character counts and lengths of each form (valid for its token-sorted form too) and of each
        # skeleton, for the prefilter's bound; None until `prepare_bulk_search`
        self._form_bags: tuple[np.ndarray, np.ndarray] | None = None
        self._skeleton_bags: tuple[np.ndarray, np.ndarray] | None = None
        self._form_counts: dict[str, np.ndarray] = {}  # `_FORM_COUNTS` of every form, from `prepare_bulk_search`

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def build(cls, entries: Iterable[Mapping[str, Any]], fingerprint: str = "") -> ResolutionIndex:
        """Index entries shaped {id, list, source_id, entity_type, names, countries, identifiers, dates}.

        `names` holds strings or {value, kind, lang} dicts; the first is the primary name.
        """
        index = cls()
        index.fingerprint = fingerprint
        built_entries: list[dict[str, Any]] = []
        built_names: list[list[PreparedName]] = []
        index.entries, index.entry_names = built_entries, built_names
        postings: dict[str, list[int]] = defaultdict(list)
        identifiers: dict[str, list[int]] = defaultdict(list)
        form_entry: list[int] = []
        form_translit: list[bool] = []
        forms: list[str] = []
        skeletons: list[str] = []
        form_name: list[int] = []
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
                    form_name.append(len(prepared) - 1)
                    form_translit.append(name.transliterated)
                    for key in blocking_keys(form, skel) | consonant_keys(form) | typo_keys(form):
                        postings[key].append(form_no)
            for ident in entry.get("identifiers", []):
                cleaned = clean_identifier(str(ident))
                if len(cleaned) >= 4:
                    identifiers[cleaned].append(entry_no)
            built_entries.append(_slim(entry, entity_type))
            built_names.append(prepared)
        index.forms = np.asarray(forms + [""], dtype=object)[:-1]  # the "" keeps numpy from making 2-D arrays
        index.skeletons = np.asarray(skeletons + [""], dtype=object)[:-1]
        index.sorted_forms = np.asarray([_sort_tokens(f) for f in forms] + [""], dtype=object)[:-1]
        index.form_entry = np.asarray(form_entry, dtype=np.int32)
        index.form_name = np.asarray(form_name, dtype=np.int32)
        index.form_translit = np.asarray(form_translit, dtype=bool)
        keys: dict[str, int] = {}
        index.keys = keys
        offsets = [0]
        chunks = []
        for number, (key, rows) in enumerate(postings.items()):
            keys[key] = number
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
        index._derive_key_weights()
        counted = np.asarray([not k.startswith(_UNCOUNTED_PREFIXES) for k in keys], dtype=bool)
        index.form_key_weight = np.bincount(index.key_postings,
                                            weights=np.repeat(index.key_weights * counted, index.key_lengths),
                                            minlength=len(forms)).astype(np.float32)
        return index

    def _derive_key_weights(self) -> None:
        """Key rarities from the postings' lengths (cheap, so not persisted; `form_key_weight` is)."""
        total = len(self.forms)
        lengths = np.diff(self.key_offsets)
        # + a little: a key in every form (tiny indexes) weighs ~0 but still makes its forms candidates
        self.key_weights = (np.log((total + 1) / (lengths + 1)) + KEY_WEIGHT_FLOOR).astype(np.float32)
        self.key_lengths = lengths

    # -- persistence ---------------------------------------------------------------------------
    # One memory-mapped file (index_file): a search reads the header, the postings of its keys, and the forms,
    # entries and names it looks at; loading decodes nothing else. Records are marshal blobs of builtin types.
    _ENTRY_FIELDS = ("id", "list", "source_id", "entity_type", "name", "countries", "identifiers", "dates")
    _ARRAYS = ("form_entry", "form_name", "form_translit", "key_offsets", "key_postings", "form_key_weight")

    def save(self, path: Path) -> None:
        """Write the index to `path` (atomically: a reader never sees half a file)."""
        writer = IndexWriter({"format": FORMAT, "fingerprint": self.fingerprint, "name_count": self.name_count,
                              "unknown_weight": self.unknown_weight})
        entries, names = self.entries, self.entry_names
        writer.blobs("entries", (entries.blob(n) for n in range(len(entries))) if isinstance(entries, BlobTable) else
                     (marshal.dumps(tuple(tuple(e[f]) if isinstance(e[f], list) else e[f] for f in self._ENTRY_FIELDS))
                      for e in entries))
        writer.blobs("names", (names.blob(n) for n in range(len(names))) if isinstance(names, BlobTable) else
                     (marshal.dumps([tuple(n) for n in entry_names]) for entry_names in names))
        writer.mapping("ids", _items(self._entry_positions()), np.int32)
        for name in ("forms", "skeletons", "sorted_forms"):
            table = getattr(self, name)
            writer.strings(name, table if isinstance(table, StringTable) else table.tolist())
        for name in self._ARRAYS:
            writer.array(name, getattr(self, name))
        writer.mapping("keys", _items(self.keys), np.int32)
        writer.mapping("token_weights", _items(self.token_weights), np.float64)  # Python floats, exactly
        writer.lists("identifiers", _items(self.identifiers))
        writer.write(path)

    @classmethod
    def load(cls, path: Path) -> ResolutionIndex:
        """The index saved at `path`, memory-mapped (see index_file); ValueError for another layout."""
        file = IndexFile(path)
        if file.meta.get("format") != FORMAT:
            raise ValueError(f"{path} is not an index file of this version")
        index = cls()
        index.fingerprint = file.meta["fingerprint"]
        index._name_count = file.meta["name_count"]
        index.unknown_weight = file.meta["unknown_weight"]
        fields = cls._ENTRY_FIELDS
        index.entries = file.blobs("entries", lambda e: dict(zip(fields, e, strict=True)))
        # plain tuples until an entry is scored: converting ~100,000 names up front costs most of a second
        index.entry_names = file.blobs("names", list)
        index._positions = file.mapping("ids", int)
        index.forms, index.skeletons = file.strings("forms"), file.strings("skeletons")
        index.sorted_forms = file.strings("sorted_forms")
        for name in cls._ARRAYS:
            setattr(index, name, file.array(name))
        index.keys = file.mapping("keys", int)
        index.token_weights = file.mapping("token_weights", float)
        index.identifiers = file.lists("identifiers")
        index._derive_key_weights()
        return index

    def __len__(self) -> int:
        return len(self.entries)

    def _counts(self, what: str, rows: np.ndarray) -> np.ndarray:
        """`what` (`_FORM_COUNTS`: letters, consonants) of each form in `rows`: from the array
        `prepare_bulk_search` counted for every form, else for these rows only (all ~125,000 forms take
        ~20 / ~80 ms, far more than one `ecgraph search` spends on the few rows it checks)."""
        counted = self._form_counts.get(what)
        if counted is not None:
            return np.asarray(counted[rows])
        return np.fromiter(map(_FORM_COUNTS[what], self.forms[rows].tolist()), dtype=np.int32, count=len(rows))

    def prepare_bulk_search(self) -> None:
        """Compute what many searches share: the character counts of every form and skeleton, which let the
        prefilter skip rapidfuzz for rows that cannot reach its cutoff (`bounds`; on the benchmark it calls
        rapidfuzz for ~40 of ~750 candidates), and each form's letters and consonants (`_counts`). They take ~0.15 s for ~125,000 forms, so a single `ecgraph
        search` goes without them (same results, ~0.4 ms slower); `search_many` calls this before forking
        its workers so they share one copy."""
        if self._form_bags is None:
            self._decode_tables()
            forms = self.forms.tolist()
            self._form_bags = _sorted_too(forms, self.sorted_forms.tolist())
            self._skeleton_bags = char_bags(self.skeletons.tolist())
            self._form_counts = {what: np.fromiter(map(count, forms), dtype=np.int32, count=len(forms))
                                 for what, count in _FORM_COUNTS.items()}

    def _decode_tables(self) -> None:
        """Turn the file's string tables and mappings into arrays and dicts: many searches look up far more than
        one does (same values, only faster to reach)."""
        for name in ("forms", "skeletons", "sorted_forms"):
            table = getattr(self, name)
            if isinstance(table, StringTable):
                setattr(self, name, np.asarray(table.tolist() + [""], dtype=object)[:-1])
        if isinstance(self.keys, SortedMapping):
            self.keys = self.keys.to_dict()
        if isinstance(self.token_weights, SortedMapping):
            self.token_weights = self.token_weights.to_dict()

    @property
    def name_count(self) -> int:
        if self._name_count is None:
            self._name_count = sum(len(n) for n in self.entry_names)
        return self._name_count

    # -- searching -----------------------------------------------------------------------------
    def _posting(self, number: int) -> np.ndarray:
        return self.key_postings[self.key_offsets[number]:self.key_offsets[number + 1]]

    def _candidates(self, names: Sequence[PreparedName]) -> tuple[np.ndarray, np.ndarray]:
        """Form rows sharing blocking keys with the query and their Dice coefficient over key rarity
        (the rarity of the keys both share over the rarity of all keys of either; a long name sharing a
        few keys ranks below a short one sharing as many), the best `MAX_CANDIDATES` by it."""
        keys: set[str] = set()
        variants: set[str] = set()
        for name in names:
            for form, skel in zip(name.forms, name.skeletons, strict=True):
                keys |= blocking_keys(form, skel)
                variants |= spelling_keys(form)
                if not name.transliterated:  # typing errors are made in Latin as typed, not in a reading
                    for token in form.split():
                        variants |= deletion_lookups(token)
                if name.script in ABJADS:
                    keys |= consonant_keys(form)
        variant_numbers = [n for n in map(self.keys.get, variants - keys) if n is not None]
        numbers = [n for n in map(self.keys.get, keys) if n is not None]
        empty = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        if not numbers and not variant_numbers:
            return empty
        found = np.asarray(numbers, dtype=np.int64)
        lengths = self.key_lengths[found]
        usable = found[lengths <= MAX_KEY_POSTINGS]
        if len(usable) < 2:  # only common keys: use the rarest two anyway
            usable = found[np.argsort(lengths, kind="stable")[:2]]
        if variant_numbers:  # looked up, but no part of the query's own weight (see `spelling_keys`)
            extra = np.asarray(variant_numbers, dtype=np.int64)
            usable = np.concatenate([usable, extra[self.key_lengths[extra] <= MAX_KEY_POSTINGS]])
        offsets, ends = self.key_offsets[usable], self.key_offsets[usable + 1]
        hits = np.concatenate([self.key_postings[a:b] for a, b in zip(offsets.tolist(), ends.tolist(), strict=True)])
        weights = np.repeat(self.key_weights[usable], ends - offsets)
        summed = np.bincount(hits, weights=weights, minlength=len(self.forms))
        rows = np.flatnonzero(summed > 0)  # (a bool scan is several times faster than one over floats)
        shared = summed[rows].astype(np.float32)
        # keys the index lacks (typos) are the rarest of all: they count in the query's weight
        query_weight = float(self.key_weights[found].sum()) + (len(keys) - len(numbers)) * self.unknown_weight
        dice = shared / (query_weight + self.form_key_weight[rows])
        if len(rows) <= MAX_CANDIDATES:
            return rows.astype(np.int32), dice
        top = np.argpartition(-dice, MAX_CANDIDATES)[:MAX_CANDIDATES]
        return rows[top].astype(np.int32), dice[top]

    def candidate_forms(self, names: Sequence[PreparedName]) -> np.ndarray:
        """Form rows the blocking step proposes for the query (see `_candidates`)."""
        return self._candidates(names)[0]

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
        rows, dice = self._candidates(query.names)
        # entry number -> numbers of its names with a form that passed the prefilter (None: all names)
        passed: dict[int, set[int] | None] = {}
        if len(rows):
            keep = rows[self._quick_scores(query.names, rows, dice, floor - _margin(query))]
            for entry_no, name_no in zip(self.form_entry[keep].tolist(), self.form_name[keep].tolist(),
                                         strict=True):
                names_passed = passed.setdefault(entry_no, set())
                if names_passed is not None:
                    names_passed.add(name_no)
        for ident in query.identifiers:
            for entry_no in self.identifiers.get(clean_identifier(ident), []):
                passed[entry_no] = None
        matches: list[Match] = []
        allowed = set(lists) if lists else None
        for entry_no, name_numbers in passed.items():
            entry = self.entries[entry_no]
            if allowed is not None and entry["list"] not in allowed:
                continue
            stored = self.entry_names[entry_no]
            chosen = stored if name_numbers is None else [stored[i] for i in sorted(name_numbers)]
            names = [n if isinstance(n, PreparedName) else PreparedName(*n) for n in chosen]
            match = score_entry(query, entry, names, self.token_weights, self.unknown_weight)
            cutoff = (thresholds or {}).get(entry["list"], threshold)
            if match.score >= cutoff:
                matches.append(match)
        matches.sort(key=lambda m: (-m.score, m.entry_id))
        return matches[:limit]

    def _quick_scores(self, names: Sequence[PreparedName], rows: np.ndarray, dice: np.ndarray,
                      cutoff: float) -> np.ndarray:
        """Which candidate rows a cheap similarity puts at or above `cutoff` (a mask over `rows`).

        The cheap similarity is the best of ratio and token_sort (a ratio of token-sorted forms,
        sorted once at build time), a discounted token_set for extra or missing words, and the
        discounted skeleton ratio when a side was transliterated; each scorer only looks at the rows
        the ones before left below the cutoff.
        """
        # a form in its spelling key too (`dowe` -> `dove`): the scorer compares spelling variants by it
        q_forms = list(dict.fromkeys(k for n in names for f in n.forms for k in (f, spelling_key(f))))
        level = max(0, int(cutoff * 100))
        passed = np.zeros(len(rows), dtype=bool)
        if self._form_bags is None:
            todo = np.arange(len(rows))
        else:
            # ratio and token_sort only for rows whose character counts let them reach the level (a true bound)
            bags, lengths = self._form_bags
            row_bags, row_lengths = np.take(bags, rows, axis=0), lengths[rows]
            reach = np.zeros(len(rows), dtype=bool)
            for form in q_forms:
                # the bound of the form holds for its token-sorted form when its spaces are counted as the
                # more of the two and its length as the less (see `_sorted_too`)
                sorted_length = len(_sort_tokens(form))
                bag = char_bag(form)
                bag[SPACE] += max(0, sorted_length - len(form))
                reach |= ratio_may_reach(row_bags, row_lengths, bag, min(len(form), sorted_length), level)
            todo = np.flatnonzero(reach)
        if len(todo):
            sims = cdist(q_forms, self.forms[rows[todo]].tolist(), scorer=fuzz.ratio, dtype=np.uint8,
                         score_cutoff=level).max(axis=0)
            passed[todo[sims >= level]] = True
            todo = todo[sims < level]
        if len(todo):
            q_sorted = list(dict.fromkeys(_sort_tokens(f) for f in q_forms))
            sort = cdist(q_sorted, self.sorted_forms[rows[todo]].tolist(), scorer=fuzz.ratio, dtype=np.uint8,
                         score_cutoff=level).max(axis=0)
            passed[todo[sort >= level]] = True
        todo = np.flatnonzero(~passed)
        multi = [f for f in q_forms if " " in f]
        # initials (`a g abramov`) only the full scorer aligns: let the surname alone pass the prefilter
        multi += [" ".join(t for t in f.split() if len(t) > 1) for f in q_forms
                  if any(len(t) == 1 for t in f.split()) and any(len(t) > 2 for t in f.split())]
        if multi and len(todo):
            # extra or missing words keep every shared key: the rows sharing the most key rarity (Dice)
            todo_set = todo[dice[todo] >= TOKEN_SET_MIN_DICE]
            todo_set = todo_set[np.argsort(-dice[todo_set], kind="stable")[:TOKEN_SET_CANDIDATES]]
            level_set = min(100, math.ceil(cutoff * 100 / TOKEN_SET_DISCOUNT))
            tset = cdist(multi, self.forms[rows[todo_set]].tolist(), scorer=fuzz.token_set_ratio,
                         dtype=np.uint8, score_cutoff=level_set).max(axis=0)
            passed[todo_set[tset >= level_set]] = True
            todo = np.flatnonzero(~passed)
        q_translit = any(n.transliterated for n in names)
        if len(todo) and not q_translit:
            todo = todo[self.form_translit[rows[todo]]]
        if len(todo):
            # the skeleton method only compares forms of comparable length (`_comparable_lengths`), counted in
            # consonants against an abjad (any transliterated row may be one: a superset is safe)
            lengths = self._counts("letters", rows[todo])
            comparable = np.zeros(len(todo), dtype=bool)
            for q_len in {len(f.replace(" ", "")) for f in q_forms}:
                comparable |= (np.minimum(lengths, q_len) >= SKELETON_LENGTH_RATIO * np.maximum(lengths, q_len))
            abjad_rows = np.ones(len(todo), dtype=bool) if any(n.script in ABJADS for n in names) \
                else self.form_translit[rows[todo]]
            if abjad_rows.any():
                consonants = self._counts("consonants", rows[todo])
                for q_len in {consonant_count(f) for f in q_forms}:
                    comparable |= abjad_rows & (np.minimum(consonants, q_len)
                                                >= SKELETON_LENGTH_RATIO * np.maximum(consonants, q_len))
            todo = todo[comparable]
        if len(todo):
            q_skels = [s.replace(" ", "") for n in names for s in n.skeletons if s]
            if q_skels:
                level_skel = min(100, math.ceil(cutoff * 100 / SKELETON_DISCOUNT))
                if self._skeleton_bags is not None:
                    skel_bags, skel_lengths = self._skeleton_bags
                    row_bags, row_lengths = np.take(skel_bags, rows[todo], axis=0), skel_lengths[rows[todo]]
                    reach = np.zeros(len(todo), dtype=bool)
                    for q_skel in set(q_skels):
                        reach |= ratio_may_reach(row_bags, row_lengths, char_bag(q_skel), len(q_skel), level_skel)
                    todo = todo[reach]
            if q_skels and len(todo):
                skel = cdist(q_skels, self.skeletons[rows[todo]].tolist(), scorer=fuzz.ratio, dtype=np.uint8,
                             score_cutoff=level_skel).max(axis=0)
                passed[todo[skel >= level_skel]] = True
        return passed

    def _entry_positions(self) -> Mapping[str, int]:
        if len(self._positions) != len(self.entries):
            self._positions = {entry["id"]: i for i, entry in enumerate(self.entries)}
        return self._positions

    def entry(self, entry_id: str) -> dict[str, Any] | None:
        """The indexed entry with this id, or None."""
        position = self._entry_positions().get(entry_id)
        return None if position is None else self.entries[position]


def _items(mapping: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    """A mapping's items; a SortedMapping's read in one pass, not key by key."""
    return (mapping.to_dict() if isinstance(mapping, SortedMapping) else mapping).items()


def _sorted_too(forms: Sequence[str], sorted_forms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Character bags of forms that bound `ratio` for their token-sorted forms as well: the letters are the
    same, so only the spaces (and so the length) can differ; the larger space count and the shorter length
    bound both."""
    bags, lengths = char_bags(forms)
    sorted_lengths = np.fromiter(map(len, sorted_forms), dtype=np.int64, count=len(sorted_forms))
    if np.array_equal(lengths, sorted_lengths):  # normalised forms: single spaces, as on every list so far
        return bags, lengths
    sorted_spaces = sorted_lengths - (lengths - bags[:, SPACE])
    bags = bags.copy()
    bags[:, SPACE] = np.maximum(bags[:, SPACE], np.minimum(sorted_spaces, np.iinfo(bags.dtype).max))
    return bags, np.minimum(lengths, sorted_lengths)


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
