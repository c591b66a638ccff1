"""Values marked by a label standard's own identifiers, wherever they sit on the label.

- ANSI MH10.8.2 data identifiers: `(P)` and `(1P)` are item identification codes, assigned by the
  customer and by the supplier: part numbers both, as the standard names them, unless the label prints a
  model key as the identifier's caption (`型式 (1P)`, `MODEL (240) MM9522`): the caption says what the item
  code is; `(S)` the serial number, `(4L)` the country of
  origin (ISO-2). The identifier stands before a caption (`(1P) SUPPLIER PART NO`); the value follows
  the caption in the same box or sits in the box below or to the right.
- GS1 application identifiers in a barcode's human-readable line: `(240)` additional product
  identification assigned by the manufacturer, the maker's own code for the goods, which is their model
  number (both generators written without reading this reader print it as the model: fieldlabels as
  `MODEL (240)`, blindlabels as `(240) ADDITIONAL ID`); `(241)` the customer's part number; `(21)` the
  serial number; `(422)` the country of origin (ISO 3166 numeric). The value runs up to the next
  identifier. `(01)`/`(02)` carry a GTIN, which is no model or part number.

OCR reads a bracket as `|`, `[`, `]`, `{`, `}` or `l`, and the `1` of `1P` as `I` or `l`; both are
accepted. A value must still pass its type's check (a code with a digit, a real country).
"""

from __future__ import annotations

import re
from typing import Any

import pycountry
from spacy.tokens import Doc

from ecgraph.ingest.labels.extract.entity import LabelEntity
from ecgraph.ingest.labels.extract.key_words import TWO_WAYS, key_alternation
from ecgraph.ingest.labels.extract.layout import box_above, box_below, boxes_left, boxes_right, claimed_by
from ecgraph.ingest.labels.extract.patterns import country_iso2, norm_code, opens_with_key
from ecgraph.ingest.labels.ocr.base import OcrLine

__all__ = [
    "DATA_IDENTIFIERS",
    "GS1_IDENTIFIERS",
    "gs1_titled_values",
    "gs1_values",
    "has_identifiers",
    "mh10_values",
    "names_part",
    "standards",
]

_OPEN = r"[\(\[\{|]"
_CLOSE = r"[\)\]\}|]"
# MH10.8.2 data identifier → entity type.
DATA_IDENTIFIERS = {"1P": "part_number", "P": "part_number", "S": "serial_number", "4L": "country_of_origin"}
_DI = re.compile(rf"{_OPEN}\s*([1Il]P|P|S|5|4L)\s*{_CLOSE}")
# GS1 application identifier → entity type.
GS1_IDENTIFIERS = {
    "240": "model_number",
    "241": "part_number",
    "21": "serial_number",
    "422": "country_of_origin",
}
# Any identifier opening a box, MH10.8.2 (`(Q)`, `(9D)`) or GS1 (`(37)`): the box's value is its own.
_OWN_IDENTIFIER = re.compile(rf"^\s*{_OPEN}\s*(?:\d{{0,2}}[A-Z]|\d{{2,4}})\s*{_CLOSE}", re.IGNORECASE)
_AI = re.compile(rf"(?:{_OPEN}|(?<!\d))\s*(\d{{2,4}})\s*{_CLOSE}")
_CODE = re.compile(r"[A-Z0-9][A-Z0-9\-/.]*[A-Z0-9]", re.IGNORECASE)
# A caption word after a data identifier: letters only (SUPPLIER, PART, NO, SERIAL, COUNTRY …).
_CAPTION = re.compile(r"^(?:[A-Za-z'.#/]+\s*)+?(?=[:\s]|$)")


def has_identifiers(text: str) -> bool:
    """Whether a box carries an MH10.8.2 data identifier or a GS1 application identifier we read."""
    if any(_di_type(m.group(1)) for m in _di_matches(text)):
        return True
    return any(m.group(1) in GS1_IDENTIFIERS for m in _AI.finditer(text))


# A model key printed with a part number's identifier (`型式 (1P)`, `MODEL(1P)`): the caption says the value is
# the goods' model number, whatever the identifier's default (a part number).
_MODEL_CAPTION = re.compile(rf"(?<![A-Za-z])(?:{key_alternation('model')})(?![A-Za-z])", re.IGNORECASE)


def _captioned(kind: str, text: str) -> tuple[str, float]:
    """(`kind`, 1.0), or (model_number, TWO_WAYS) when an item code's box prints a model key as its caption.

    Caption and identifier then disagree (`MODEL (1P)`): labels print that for the goods' model number and for
    a part number alike (fieldlabels dev, seed 7: 4 of 6 were models), so the value is a model-number
    candidate (`key_words.TWO_WAYS`), never a fact by itself (calibration: model 0.98)."""
    return (
        ("model_number", TWO_WAYS) if kind == "part_number" and _MODEL_CAPTION.search(text) else (kind, 1.0)
    )


def _di_matches(text: str) -> list[re.Match[str]]:
    """The data identifiers of a box. `(5)` is `(S)` misread only where it opens the box: inside a line of
    prose it is a footnote's number (a CN22's `country of origin of goods (5)`)."""
    return [m for m in _DI.finditer(text) if m.group(1) != "5" or not text[: m.start()].strip()]


def names_part(text: str) -> bool:
    """Whether a box carries a part number's identifier: MH10.8.2 `(P)`/`(1P)`, GS1 `(241)`."""
    if any(_di_type(m.group(1)) == "part_number" for m in _di_matches(text)):
        return True
    return any(GS1_IDENTIFIERS.get(m.group(1)) == "part_number" for m in _AI.finditer(text))


def _di_type(raw: str) -> str:
    raw = raw.upper().replace("I", "1").replace("L", "1") if raw.upper() != "4L" else "4L"
    return DATA_IDENTIFIERS.get("S" if raw == "5" else raw, "")


def _norm(kind: str, value: str) -> Any:
    value = value.strip(" :.-")
    if kind == "country_of_origin":
        if value.isdigit():
            try:
                country = pycountry.countries.get(numeric=value.zfill(3))
            except (KeyError, LookupError):
                return None
            return str(country.alpha_2) if country else None
        return country_iso2(value)
    return norm_code(value) if _CODE.fullmatch(value) else None


def _value_after_caption(rest: str, kind: str) -> str | None:
    """The value in the text after an identifier: after its caption words, else the first code."""
    rest = rest.strip(" :")
    if not rest:
        return None
    words = re.split(r"[\s:：]+", rest)  # `NO:JFN-67727-33`: a colon glued to the caption's last word
    # Skip caption words (no digit) from the left; the value is the first word that normalises.
    for start in range(len(words)):
        candidate = words[start]
        if kind == "country_of_origin":
            # a country may be a name of several words (UNITED KINGDOM) or two letters
            for end in range(len(words), start, -1):
                if _norm(kind, " ".join(words[start:end])):
                    return " ".join(words[start:end])
            continue
        if any(c.isdigit() for c in candidate) and _norm(kind, candidate):
            return candidate
    return None


def _bare_caption(text: str) -> bool:
    """A box holding a data identifier and its caption but not its value (`(1P) SUPPLIER PART NO`), or any
    other identifier and caption words without a digit (`(1T) LOT`, `(9D) DATE`): a caption whose value is
    in another box, which it claims (`claimed_by`) even when we do not read that identifier's value."""
    matches = _di_matches(text)
    kind = _di_type(matches[-1].group(1)) if matches else ""
    if kind:
        return _value_after_caption(text[matches[-1].end() :], kind) is None
    own = _OWN_IDENTIFIER.match(text)
    return own is not None and not re.search(r"\d", text[own.end() :])


def mh10_values(
    lines: list[OcrLine], index: int, captions: list[int] | None = None
) -> list[tuple[str, str, Any, tuple[int, ...]]]:
    """(type, value, norm, source lines) of every data identifier in box `index`. A value in another box
    (under, right of, over or left of the caption) is the caption's only when no other bare caption
    (`captions`) is nearer to it: labels print the value under its caption or over it."""
    text = lines[index].text
    if captions is None:
        captions = [i for i, line in enumerate(lines) if _bare_caption(line.text)]
    found = []
    matches = _di_matches(text)
    for position, match in enumerate(matches):
        kind = _di_type(match.group(1))
        if not kind:
            continue
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        value = _value_after_caption(text[match.end() : end], kind)
        sources: tuple[int, ...] = (index,)
        if value is None and position == len(matches) - 1:
            value, sources = _value_beside(lines, index, kind, captions)
        if value and (norm := _norm(kind, value)):
            found.append((kind, value, norm, sources))
    return found


def _value_beside(
    lines: list[OcrLine], index: int, kind: str, captions: list[int]
) -> tuple[str | None, tuple[int, ...]]:
    """The value of caption box `index` in another box: under, right of, over or left of it, when no other
    bare caption is nearer to that box; else (None, (index,))."""
    around = [box_below(lines, index), *boxes_right(lines, index)[:1], box_above(lines, index)]
    for partner in [*around, *boxes_left(lines, index)[:1]]:
        # A box opening with an identifier of its own (`(Q) QUANTI45`) holds that identifier's value, never
        # the value of the caption above it (gen_dev_single_0006).
        partner_text = lines[partner].text if partner is not None else ""
        if partner is None or _DI.search(partner_text) or _OWN_IDENTIFIER.match(partner_text):
            continue
        if opens_with_key(partner_text):
            continue  # `H.S. CODE - 903180` under `(21) SERIAL`: a box with its own key holds that key's value
        if not claimed_by(lines, partner, index, captions):
            continue
        value = _value_after_caption(partner_text, kind)
        if value:
            return value, (index, partner)
    return None, (index,)


def gs1_titled_values(
    lines: list[OcrLine], index: int, captions: list[int]
) -> list[tuple[str, str, Any, tuple[int, ...]]]:
    """(type, value, norm, source lines) of a GS1 identifier printed with a data title (`(240) ADDITIONAL ID`,
    `(21) SERIAL :`, `ORIGIN (422)`): the value follows the title's words in its box, or sits in the box beside
    or under it, as on an MH10.8.2 label. Element strings (`(240)SGDV-2R8A01B`) are `gs1_values`'."""
    text = lines[index].text
    matches = list(_AI.finditer(text))
    found = []
    for position, match in enumerate(matches):
        kind = GS1_IDENTIFIERS.get(match.group(1))
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        title = text[match.end() : end]
        # the title printed before the identifier: `ORIGIN (422)`
        titled_before = not title.strip() and re.search(r"[A-Za-z]{2}", text[: match.start()])
        if kind is None or not (re.match(r"\s*[A-Za-z]{2}", title) or titled_before):
            continue  # not ours, or an element string (its data follows the identifier directly)
        value = _value_after_caption(title, kind)
        sources: tuple[int, ...] = (index,)
        if value is None and position == len(matches) - 1:
            value, sources = _value_beside(lines, index, kind, captions)
        if value and (norm := _norm(kind, value)):
            found.append((kind, value, norm, sources))
    return found


def gs1_values(text: str) -> list[tuple[str, str, Any]]:
    """(type, value as printed with its identifier, norm) of the GS1 element strings in one box."""
    found = []
    matches = list(_AI.finditer(text))
    for position, match in enumerate(matches):
        kind = GS1_IDENTIFIERS.get(match.group(1))
        if kind is None:
            continue
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        data = text[match.end() : end].strip()
        if not data or " " in data.strip() and kind != "country_of_origin":
            continue  # a caption (`(21) SERIAL`), not an element string
        if kind == "country_of_origin" and not re.fullmatch(r"\d{3}", data):
            continue
        if (norm := _norm(kind, data)) is not None:
            found.append((kind, text[match.start() : end].strip(), norm))
    return found


def standards(doc: Doc) -> Doc:
    """MH10.8.2 data identifiers and GS1 application identifiers on every box."""
    lines: list[OcrLine] = doc.user_data["lines"]
    captions = [i for i, line in enumerate(lines) if _bare_caption(line.text)]
    for index, line in enumerate(lines):
        for kind, value, norm, sources in mh10_values(lines, index, captions):
            kind, factor = _captioned(kind, line.text)
            # As sure as the box the value was read from: the caption only says which fact it is.
            confidence = lines[sources[-1]].confidence * factor
            doc.user_data["entities"].append(LabelEntity(kind, value, norm, None, confidence, sources))
        for kind, value, norm in gs1_values(line.text):
            kind, factor = _captioned(kind, line.text[: max(line.text.find(value), 0)])
            confidence = line.confidence * factor
            doc.user_data["entities"].append(LabelEntity(kind, value, norm, None, confidence, (index,)))
        for kind, value, norm, sources in gs1_titled_values(lines, index, captions):
            confidence = lines[sources[-1]].confidence
            doc.user_data["entities"].append(LabelEntity(kind, value, norm, None, confidence, sources))
    return doc
