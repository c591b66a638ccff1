"""Several frames of one label → one set of entities, by vote; which of them are facts.

Facts (`agreed_values`): a value read exactly alike on two or more pages (frames, the fused image)
when those pages are independent enough: three pages, or the fused image and a frame, or two frames
that each read it as surely as a single capture's fact needs. Everything else the frames read is merged below (`vote_entities`) and shown as a candidate.

A fact read in two or more frames is kept. A fact read in only one frame is kept too, unless it
looks like a misreading of a fact that other frames agree on (same type, similar text): a blurred
frame misses what a sharper one shows, and a union keeps it, while the vote drops the odd misread.
Facts read once each but alike (`YN3E-07UX/RT` in one frame, `YN3E-07UXURT` in another) are one
fact read differently: the reading closest to all the others stands for them (the most confident
one between two).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from statistics import median

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ecgraph.ingest.labels.calibration import is_fact
from ecgraph.ingest.labels.extract.components import confidence_floor
from ecgraph.ingest.labels.extract.entity import LabelEntity, norm_key

__all__ = [
    "MIN_AGREEING_PAGES",
    "MISREAD_SIMILARITY",
    "SINGLE_VALUED",
    "SURE_PAGES",
    "agreed_values",
    "vote_entities",
]

# Two norms of the same type this similar (rapidfuzz ratio, 0–100) are one fact read twice.
MISREAD_SIMILARITY = 70.0
# Types a label prints once: when frames agree on one value, another value read once is a misreading.
# Not part numbers: an MH10.8.2 or GS1 label prints the customer's and the supplier's.
SINGLE_VALUED = frozenset(
    {
        "model_number",
        "serial_number",
        "hs_code",
        "eccn",
        "jp_control_status",
        "invoice_number",
        "po_number",
        "tracking_number",
    }
)


# A value is a fact of a burst when this many of its pages (frames, the fused image) read it exactly alike.
MIN_AGREEING_PAGES = 2
# ... and, unless SURE_PAGES pages read it (most of them above the engine's floor, `confidence_floor`: a
# name every page read cut short, `工株式会社`, is below it on each), the fused image and another page
# read it above that floor, or each page read it as surely as a single capture's fact
# (`calibration.is_fact`). Frames of one burst share the font, the light and the blur, so two of them
# misread a word alike (`Technolagies` at 0.98 and 0.97 in two dev frames); the fused image is their
# median, read by the engine once more, and another kind of evidence.
SURE_PAGES = 3


def agreed_values(
    pages: Sequence[Sequence[LabelEntity]], *, fused_first: bool = False, engine: str = ""
) -> set[tuple[str, str]]:
    """(type, norm) of the values read exactly alike on at least MIN_AGREEING_PAGES pages, as above: the
    facts of a burst. `fused_first`: pages[0] is the fused image. Two misreadings of one character rarely
    agree, so agreement is the check a single frame lacks (its confidence alone let wrong codes
    through). A type a label prints once (a model, an HS code) whose pages agree on two values keeps
    only the one more pages read; a tie keeps neither; two values read together on two pages or more are
    both printed (an invoice's lines), not rivals."""
    votes: Counter[tuple[str, str]] = Counter()
    readers: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for number, page in enumerate(pages):
        seen: dict[tuple[str, str], float] = {}
        for entity in page:
            key = (entity.type, norm_key(entity.norm))
            seen[key] = max(seen.get(key, 0.0), entity.confidence)
        for key, confidence in seen.items():
            votes[key] += 1
            readers[key].append((number, confidence))
    agreed = {key for key, count in votes.items() if count >= MIN_AGREEING_PAGES}
    kept = set()
    pages_of = {key: {number for number, _ in readers[key]} for key in agreed}
    for key in agreed:
        kind = key[0]
        # Two values read together on MIN_AGREEING_PAGES pages are both printed (an invoice's or a manifest's
        # lines of goods, each with its model and HS code): a misreading replaces the value on its page.
        rivals = [
            votes[other]
            for other in agreed
            if other[0] == kind and other != key and len(pages_of[key] & pages_of[other]) < MIN_AGREEING_PAGES
        ]
        if kind in SINGLE_VALUED and not all(votes[key] > count for count in rivals):
            continue
        pages_read = readers[key]
        confidences = sorted(confidence for _, confidence in pages_read)
        floor = confidence_floor(engine, kind)
        independent = (
            (len(pages_read) >= SURE_PAGES and median(confidences) >= floor)
            or (fused_first and fused_reading(pages_read) >= floor and confidences[-2] >= floor)
            or all(is_fact(engine, kind, confidence) for _, confidence in pages_read)
        )
        if independent:
            kept.add(key)
    return kept


def fused_reading(pages_read: Sequence[tuple[int, float]]) -> float:
    """The confidence of the fused image's reading (page 0), 0 when it did not read the value."""
    return max((confidence for number, confidence in pages_read if number == 0), default=0.0)


def vote_entities(frames: Sequence[Sequence[LabelEntity]]) -> list[LabelEntity]:
    """Merge the entities of each frame of one label: agreed facts first, then plausible singletons."""
    groups: dict[tuple[str, str | None, str], list[LabelEntity]] = defaultdict(list)
    for frame in frames:
        for entity in {e.key: e for e in frame}.values():  # one vote per frame
            groups[entity.key].append(entity)
    agreed = {key: found for key, found in groups.items() if len(found) >= 2 or len(frames) == 1}
    merged = [_merge(found) for found in agreed.values()]
    agreed_entities = list(merged)
    singletons: list[LabelEntity] = []
    for key, found in groups.items():
        if key in agreed:
            continue
        misread = any(
            other.type == key[0] and (key[0] in SINGLE_VALUED or _alike(other, found[0]))
            for other in agreed_entities
        )
        if not misread:
            singletons.append(_merge(found))
    merged.extend(_representative(readings) for readings in _readings_of_one_fact(singletons))
    return merged


def _alike(a: LabelEntity, b: LabelEntity) -> bool:
    """Same type and similar text. A structured norm (a weight, a quantity) is alike another when its
    words agree (net / gross, kg, PCS): a label prints one net weight, so two net weights are one fact
    with a misread number, while a net and a gross weight are two facts however alike their text."""
    if a.type != b.type:
        return False
    if isinstance(a.norm, dict) and isinstance(b.norm, dict):
        return _words(a.norm) == _words(b.norm)
    return fuzz.ratio(norm_key(a.norm), norm_key(b.norm)) >= MISREAD_SIMILARITY


def _words(norm: dict[str, object]) -> dict[str, object]:
    return {field: value for field, value in norm.items() if isinstance(value, str)}


def _readings_of_one_fact(singletons: list[LabelEntity]) -> list[list[LabelEntity]]:
    """Singletons grouped: each group holds the most confident one left and those alike it (same type)."""
    left = sorted(singletons, key=lambda entity: -entity.confidence)
    clusters = []
    while left:
        seed, *rest = left
        cluster = [seed] + [e for e in rest if _alike(e, seed)]
        clusters.append(cluster)
        left = [e for e in rest if e not in cluster]
    return clusters


def _representative(readings: list[LabelEntity]) -> LabelEntity:
    """The reading with the fewest edits to all the others (ties: the most confident), counting every
    frame of the group as its vote."""
    keys = [norm_key(e.norm) for e in readings]
    best = min(
        range(len(readings)),
        key=lambda i: (sum(Levenshtein.distance(keys[i], other) for other in keys), -readings[i].confidence),
    )
    return replace(readings[best], frames=sum(e.frames for e in readings))


def _merge(found: list[LabelEntity]) -> LabelEntity:
    best = max(found, key=lambda entity: entity.confidence)
    return replace(best, frames=len(found))
