"""Several frames of one label → one set of entities, by vote.

A fact read in two or more frames is kept. A fact read in only one frame is kept too, unless it
looks like a misreading of a fact that other frames agree on (same type, similar text): a blurred
frame misses what a sharper one shows, and a union keeps it, while the vote drops the odd misread.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from ecgraph.ingest.labels.extract.entity import LabelEntity, norm_key

__all__ = ["MISREAD_SIMILARITY", "SINGLE_VALUED", "vote_entities"]

# Two norms of the same type this similar (rapidfuzz ratio, 0–100) are one fact read twice.
MISREAD_SIMILARITY = 70.0
# Types a label prints once: when frames agree on one value, another value read once is a misreading.
SINGLE_VALUED = frozenset(
    {
        "model_number",
        "part_number",
        "serial_number",
        "hs_code",
        "eccn",
        "jp_control_status",
        "invoice_number",
        "po_number",
        "tracking_number",
    }
)


def vote_entities(frames: Sequence[Sequence[LabelEntity]]) -> list[LabelEntity]:
    """Merge the entities of each frame of one label: agreed facts first, then plausible singletons."""
    groups: dict[tuple[str, str | None, str], list[LabelEntity]] = defaultdict(list)
    for frame in frames:
        for entity in {e.key: e for e in frame}.values():  # one vote per frame
            groups[entity.key].append(entity)
    agreed = {key: found for key, found in groups.items() if len(found) >= 2 or len(frames) == 1}
    merged = [_merge(found) for found in agreed.values()]
    agreed_entities = list(merged)
    for key, found in groups.items():
        if key in agreed:
            continue
        misread = any(
            other.type == key[0]
            and (key[0] in SINGLE_VALUED or fuzz.ratio(norm_key(other.norm), key[2]) >= MISREAD_SIMILARITY)
            for other in agreed_entities
        )
        if not misread:
            merged.append(_merge(found))
    return merged


def _merge(found: list[LabelEntity]) -> LabelEntity:
    best = max(found, key=lambda entity: entity.confidence)
    return replace(best, frames=len(found))
