"""Which regions of a page deserve a second, upscaled OCR read (`ocr/reread.py`): keys of the
identifiers that matter most (model/part/serial numbers, HS codes) whose value was not read, or was
read in a form extraction rejects (an HS code that is no HS 2022 subheading, a model number without a
digit), or was read too unsurely to be kept (`components.confidence_floor`).

Only the page's own keys decide; file names, templates and truth play no part.
"""

from __future__ import annotations

from ecgraph.ingest.labels.extract.components import _value_in, confidence_floor, key_matches
from ecgraph.ingest.labels.extract.entity import norm_key
from ecgraph.ingest.labels.extract.layout import box_below, boxes_right
from ecgraph.ingest.labels.ocr.base import OcrLine
from ecgraph.ingest.labels.ocr.reread import Region, line_region, region_below, region_right

__all__ = ["REREAD_TYPES", "reread_regions", "surer_reading", "watched_values"]

# Entity types whose missing or rejected value is looked for again.
REREAD_TYPES = frozenset({"model_number", "part_number", "serial_number", "hs_code"})


def watched_values(text: str) -> list[tuple[str, str]]:
    """(type, norm) of each watched key's value in one box that extraction accepts."""
    matches = key_matches(text)
    found = []
    for position, (_, end, pattern) in enumerate(matches):
        following = matches[position + 1][0] if position + 1 < len(matches) else len(text)
        if pattern.type in REREAD_TYPES and (value := _value_in(text[end:following], pattern)):
            found.append((pattern.type, norm_key(value[1])))
    return found


def surer_reading(new: OcrLine, old: OcrLine) -> bool:
    """Whether a re-read line should replace the first reading of the same line: it carries more
    accepted key values, or as many and is read more confidently.

    A re-read that accepts another value than the first reading accepted does not replace it: two
    readings of one value disagree, so neither is sure, and the first reading's low confidence stands
    (lbl_0024: `BH6S-V67LP-K` at 0.92 re-read as `BHGS-V57LP.K` at 0.94; it prints `BH6S-V57LP-K`).
    """
    before, after = watched_values(old.text), watched_values(new.text)
    if any(kind == other and norm != other_norm for kind, norm in before for other, other_norm in after):
        return False
    gained = len(after) - len(before)
    return gained > 0 or (gained == 0 and new.confidence > old.confidence)


def reread_regions(lines: list[OcrLine], engine: str = "rapidocr") -> list[Region]:
    """Regions to read again: the key's own box when its value is there but rejected or unsure, else
    the strip right of the key and the line below it when no box there holds an accepted value."""
    regions: list[Region] = []
    for index, line in enumerate(lines):
        matches = key_matches(line.text)
        for position, (_, end, pattern) in enumerate(matches):
            if pattern.type not in REREAD_TYPES:
                continue
            floor = confidence_floor(engine, pattern.type)
            following = matches[position + 1][0] if position + 1 < len(matches) else len(line.text)
            rest = line.text[end:following]
            if rest.strip():
                if _value_in(rest, pattern) is None or line.confidence < floor:
                    region = line_region(line, index)
                    if region:
                        regions.append(region)
                break  # one re-read of the box covers every key in it
            partners = [*boxes_right(lines, index)[:2], box_below(lines, index)]
            if any(
                p is not None and _value_in(lines[p].text, pattern) and lines[p].confidence >= floor
                for p in partners
            ):
                continue
            fraction = end / max(len(line.text), 1)
            for region in (region_right(line, index, fraction), region_below(line, index)):
                if region:
                    regions.append(region)
    return regions
