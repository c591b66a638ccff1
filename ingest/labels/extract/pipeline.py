"""The label extraction pipeline: a blank spaCy pipeline with ecgraph's custom components.

Components are registered by `register_components()` (explicitly, not by import side effect) and
run in order: key-anchored values, table columns, standards' identifiers, shapes, codes after the goods'
description, key-less facts, companies, rating-plate header, de-duplication.
A statistical Japanese model (ja-ginza) is not used: the labels' facts sit behind printed keys and
legal forms, which text patterns find; the measurement is in `benchmarks/labels_ocr.py`.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ecgraph.ingest.labels.extract import components, described, shapes, standards, table
from ecgraph.ingest.labels.extract.entity import LabelEntity
from ecgraph.ingest.labels.extract.layout import ghosts
from ecgraph.ingest.labels.ocr.base import OcrPage

__all__ = ["COMPONENTS", "build_pipeline", "extract_candidates", "extract_entities", "register_components"]

COMPONENTS = {
    "ecgraph_label_key_values": components.key_values,
    "ecgraph_label_table": table.table_columns,
    "ecgraph_label_standards": standards.standards,
    "ecgraph_label_shapes": shapes.shape_values,
    "ecgraph_label_described": described.described_codes,
    "ecgraph_label_standalone": components.standalone,
    "ecgraph_label_companies": components.companies,
    "ecgraph_label_nameplate": components.nameplate,
    "ecgraph_label_dedupe": components.dedupe,
}


def register_components() -> None:
    for name, func in COMPONENTS.items():
        if not Language.has_factory(name):
            Language.component(name, func=func)


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """A multi-language blank pipeline (its tokenizer is only used for the spans) plus our components."""
    register_components()
    nlp = spacy.blank("xx")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def extract_entities(page: OcrPage) -> tuple[Doc, list[LabelEntity]]:
    """Run the pipeline over one OCR page: the spaCy Doc (with `spans["label"]`) and the entities."""
    nlp = build_pipeline()
    doc = nlp.make_doc(page.text)
    # A ghost box is read as no text: the indexes of the page's lines stay the entities' evidence.
    blank = ghosts(page.lines)
    doc.user_data["lines"] = [
        replace(line, text="") if i in blank else line for i, line in enumerate(page.lines)
    ]
    doc.user_data["engine"] = page.engine
    doc.user_data["entities"] = []
    doc.user_data["candidates"] = []
    doc = nlp(doc)
    entities: list[LabelEntity] = doc.user_data["entities"]
    doc.spans["label"] = _spans(doc, page, entities)
    return doc, entities


def _spans(doc: Doc, page: OcrPage, entities: list[LabelEntity]) -> list[spacy.tokens.Span]:
    offsets, position = [], 0
    for line in page.lines:
        offsets.append(position)
        position += len(line.text) + 1
    spans = []
    for entity in entities:
        line_index = entity.lines[-1]
        found = page.lines[line_index].text.find(entity.value)
        if found < 0:
            continue
        start = offsets[line_index] + found
        span = doc.char_span(start, start + len(entity.value), label=entity.type, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def extract_candidates(page: OcrPage) -> tuple[list[LabelEntity], list[LabelEntity]]:
    """(facts above their engine's floor, values read below it) of one OCR page."""
    doc, entities = extract_entities(page)
    return entities, list(doc.user_data["candidates"])
