"""The custom spaCy components of the label pipeline. Each reads the OCR boxes of the page
(`doc.user_data["lines"]`) and appends LabelEntity objects to `doc.user_data["entities"]`.

They match on the text of the boxes, not on tokens; `pipeline.py` turns the entities into
`doc.spans["label"]` at the end so that spaCy tooling (displacy, Span attributes) sees them too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from ecgraph.ingest.labels.extract.code_shapes import plausible_code, shape_factor
from ecgraph.ingest.labels.extract.companies import (
    carrier_name,
    company_parts,
    cut_short,
    ends_with_legal_form,
    find_company,
    heading_role,
    intermediary,
    reads_as_words,
    role_above,
    role_beside,
)
from ecgraph.ingest.labels.extract.entity import LabelEntity
from ecgraph.ingest.labels.extract.fuzzy import fuzzy_key
from ecgraph.ingest.labels.extract.key_words import TWO_WAYS, strength_of
from ecgraph.ingest.labels.extract.layout import box_above, box_below, boxes_left, boxes_right, claimed_by
from ecgraph.ingest.labels.extract.patterns import (
    GENSANKOKU,
    JA_SEI,
    KEYS,
    LOOSE_DATE,
    MADE_IN,
    OTHER_TYPE,
    KeyPattern,
    country_iso2,
    norm_code,
)
from ecgraph.ingest.labels.extract.standards import has_identifiers, names_part
from ecgraph.ingest.labels.ocr.base import OcrLine

__all__ = [
    "MIN_CODE_CONFIDENCE",
    "MIN_CONFIDENCE",
    "UNCHECKED_CODES",
    "caption_rest",
    "claimed_by_caption",
    "companies",
    "confidence_floor",
    "dedupe",
    "key_matches",
    "key_values",
    "nameplate",
    "standalone",
]

# Keys of the label's facts: a box holding one is no company, address or destination (the `other` keys are
# left out: `LOT 19, Neari Industrial Park` is an address line).
_ALL_KEYS = re.compile("|".join(f"(?:{k.key.pattern})" for k in KEYS if k.type != OTHER_TYPE), re.IGNORECASE)
_FRAGMENT_AFTER = re.compile(r"\s[A-Z0-9]{1,5}\s*", re.IGNORECASE)
_GLUED_AFTER = re.compile(r"[^\s,;)\]}|:：]")
# Confidence factor of a code that a short fragment follows in its box (`key_values`).
CUT_SHORT = 0.8
# Kana, kanji and the iteration and long-vowel marks: the letters of a Japanese name.
_JA_CHARS = "[\u3040-\u30ff\u4e00-\u9fff々ー]"
_JA_ONLY = re.compile(rf"^{_JA_CHARS}+$")
_LATIN_WORDS = re.compile(r"^[A-Z][A-Z\-]*(?: [A-Z][A-Z\-]*){0,4}$")


def _lines(doc: Doc) -> list[OcrLine]:
    return doc.user_data["lines"]  # type: ignore[no-any-return]


def _add(doc: Doc, entity: LabelEntity) -> None:
    doc.user_data["entities"].append(entity)


# Keys whose start is often cut off (occlusion, the frame edge): `DEL:` is what is left of `MODEL:`.
_KEY_TAILS = {
    "MODEL": "model",
    "MODELNO.": "model",
    "TARIFFNO.": "hs",
    "HSCODE": "hs",
    "H.S.CODE": "hs",
    "COUNTRYOFORIGIN": "coo",
    "PARTNO.": "part",
    "CONTENTS": "desc",
    "INVOICENO.": "invoice",
    "QUANTITY": "qty",
    "SERIALNO.": "serial",
    "DESCRIPTION": "desc",
}
_BY_NAME = {pattern.name: pattern for pattern in KEYS}
_FRAGMENT = re.compile(r"^([A-Za-z][A-Za-z. ]{2,20}?)\s*[:：]\s*|^([A-Za-z][A-Za-z ]{1,20}NO\.)\s*")


def _cut_key(text: str) -> tuple[int, int, KeyPattern] | None:
    """A key missing its first letters at the start of the box: its pattern, when only one key ends so."""
    match = _FRAGMENT.match(text)
    if not match:
        return None
    fragment = "".join((match.group(1) or match.group(2)).upper().split())
    if len(fragment) < 3:
        return None
    names = {name for tail, name in _KEY_TAILS.items() if tail.endswith(fragment) and tail != fragment}
    if len(names) != 1:
        return None
    return 0, match.end(), _BY_NAME[names.pop()]


def key_matches(text: str) -> list[tuple[int, int, KeyPattern]]:
    """Non-overlapping key matches in one box, longest first at each position, left to right."""
    found: list[tuple[int, int, KeyPattern]] = []
    for pattern in KEYS:
        for match in pattern.key.finditer(text):
            if re.match(r"[A-Za-z0-9]", text[match.end() - 1 : match.end()] or " ") and re.match(
                r"[A-Za-z]", text[match.end() : match.end() + 1] or " "
            ):
                continue  # the key runs into a word: `HSK…`, `MODELS`, `H5H-70ZM` (a code, not `HS`)
            if re.match(r"[A-Za-z]", text[match.start() : match.start() + 1]) and re.match(
                r"[A-Za-z0-9]", text[match.start() - 1 : match.start()] if match.start() else " "
            ):
                continue  # a word runs into the key: `VZ01-37NS`, `XR-2000HS` end a code, they are no `HS`
            found.append((match.start(), match.end(), pattern))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    kept: list[tuple[int, int, KeyPattern]] = []
    for start, end, pattern in found:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, pattern))
    if not kept or kept[0][0] > 0:
        cut = _cut_key(text) or _fuzzy(text)
        if cut and (not kept or cut[1] <= kept[0][0]):
            kept.insert(0, cut)
    return kept


def _fuzzy(text: str) -> tuple[int, int, KeyPattern] | None:
    found = fuzzy_key(text)
    return None if found is None else (found[0], found[1], _BY_NAME[found[2]])


# A model number printed in two groups (`KX 2000`, `S 7-300X`): a group of one to three letters, then a group
# with a digit, the whole box's rest.
_SPACED_CODE = re.compile(
    r"[A-Z]{1,3} (?=[A-Z0-9\-/]*\d)[A-Z0-9][A-Z0-9\-/.]*[A-Z0-9](?=\s*$)", re.IGNORECASE
)
# An order number printed in two groups, the first too short to be a code alone (Siemens' `6ES7 214-1AG40-0XB0`,
# `3RT2 015-1BB41`): four or five letters and digits with a digit, then a hyphenated group of six or more with
# a digit, the whole box's rest.
_TWO_GROUPS = re.compile(
    r"(?=[A-Z]*\d)[A-Z0-9]{4,5} (?=[A-Z0-9/]*\d)(?=[A-Z0-9/]*-)[A-Z0-9][A-Z0-9\-/.]{4,}[A-Z0-9](?=\s*$)",
    re.IGNORECASE,
)


def _value_in(text: str, pattern: KeyPattern) -> tuple[str, Any] | None:
    """The value at the start of `text` and its norm; words are trimmed from the right until it normalises."""
    match = pattern.value.match(text.strip())
    if not match:
        return None
    value = match.group(0).strip()
    if (
        pattern.type == "model_number"
        and not norm_code(value)
        and (spaced := _SPACED_CODE.match(text.strip()))
    ):
        # `Typ AB 1234`: a maker's code printed in two groups, the first too short alone
        value = spaced.group(0)
    elif pattern.type in UNCHECKED_CODES and (two := _TWO_GROUPS.match(text.strip())):
        value = two.group(0)
    while value:
        norm = pattern.norm(value)
        if norm is not None and (pattern.type != "country_of_origin" or country_iso2(value)):
            return value, norm
        if " " not in value:
            return None
        value = value.rsplit(" ", 1)[0]
    return None


def key_values(doc: Doc) -> Doc:
    """Key-anchored values: after the key in its box, else in the box to the right, else below."""
    lines = _lines(doc)
    model_key_on_page = any(p.type == "model_number" for line in lines for *_, p in key_matches(line.text))
    # A P/N on a label of data identifiers is the customer's or the supplier's part number (MH10.8.2, GS1),
    # whose own identifier was misread (`LPI SUPPLER PART NO` for `(1P) SUPPLIER PART NO`).
    standard_label = sum(has_identifiers(line.text) for line in lines) >= 2
    captions = [index for index, line in enumerate(lines) if _is_caption(line.text)]
    found_here: list[tuple[LabelEntity, str, str]] = []  # (entity, its printed key, caption words left of it)
    for index, line in enumerate(lines):
        if has_identifiers(line.text):
            continue  # `(1P) SUPPLIER PART NO`: the data identifier says what the value is (`standards.py`)
        matches = key_matches(line.text)
        for position, (start, end, pattern) in enumerate(matches):
            if position and _joined(line.text, matches[position - 1], matches[position]):
                continue  # `Typ / Art.-Nr.`, `型式/MODEL`: one caption in two words; the first says the field
            # The caption runs over every key joined to it by a slash (`MODEL/REF: X`, `Type/Typ: X`, `Model No./
            # 型式: X`); its value follows the last of them, and the strongest of its words says how sure it is.
            last = position
            while last + 1 < len(matches) and _joined(line.text, matches[last], matches[last + 1]):
                last += 1
            following = matches[last + 1][0] if last + 1 < len(matches) else len(line.text)
            rest = line.text[matches[last][1] : following]
            found = _value_in(rest.lstrip(" )]:："), pattern)
            sources: tuple[int, ...] = (index,)
            strength = max(
                strength_of(line.text[s:e])
                for s, e, p in matches[position : last + 1]
                if p.type == pattern.type
            )
            before_key = False
            if found is None and caption_rest(rest):
                for partner in _partners(lines, index):
                    if partner is None or not claimed_by(lines, partner, index, captions):
                        continue
                    text = lines[partner].text
                    if has_identifiers(text) or _ends_with_key(text):
                        continue  # `B159688-86L 部品番号`: a value with its own key after it
                    lead = key_matches(text)
                    if lead and lead[0][0] == 0:
                        if lead[0][2].type != pattern.type:
                            continue
                        text = text[lead[0][1] :]  # `型式` then `MODEL` then the value
                    found = _value_in(text, pattern)
                    if found:
                        sources = (index, partner)
                        break
            # `WDT2656-R2 形式`, `PKGX-53J-X 形式 MODELNO.`: keys (one or several) right of their value
            if found is None and position == 0 and start > 0 and _is_caption(line.text[start:]):
                found = _value_before(line.text[:start], pattern)
                before_key = True
            if found is None:
                continue
            value, norm = found
            # `MODEL NO.:AZH1 874`: a code followed by a short fragment was likely cut by a misread
            # separator; the value read is then only part of the code.
            after = lines[sources[-1]].text
            tail = after[after.find(value) + len(value) :] if value in after else ""
            # `ITEM NO. JRFU-9D0!`: a code glued to a sign no code carries was cut there by a misread.
            # A value printed before its key (`MRR-989-31 Type`) is followed by the key, not by a fragment.
            cut_short = (
                pattern.type in UNCHECKED_CODES
                and not before_key
                and bool(_FRAGMENT_AFTER.fullmatch(tail) or _GLUED_AFTER.match(tail))
            )
            # As sure as the box the value was read from: the key only says which fact the value is.
            confidence = lines[sources[-1]].confidence * (CUT_SHORT if cut_short else 1.0) * strength
            entity = LabelEntity(pattern.type, value, norm, None, confidence, sources)
            before = _caption_words_before(lines, index) if start == 0 else ""
            found_here.append((entity, line.text[start:end], before))
    # A carton's only P/N names the goods (data/labels' truth, the reference convention): the model number.
    # Only its only one: a label that prints two part numbers (the maker's and the customer's) or a model key
    # names the goods otherwise, and a customer's or supplier's part number (`CUST. P/N`, `CPN`, `客先品番`)
    # is theirs, never the goods' model. MH10/GS1 labels (`standard_label`) keep (P)/(1P)/(241) as parts.
    parts = {str(e.norm) for e, _, _ in found_here if e.type == "part_number"}
    other_part = any(names_part(line.text) for line in lines)  # `(P) CUST PART: 411-6086`
    for entity, key, before in found_here:
        if (
            entity.type == "part_number"
            and not model_key_on_page
            and not standard_label
            and not other_part
            and len(parts) == 1
            and not THEIR_PART.search(before + key)
        ):
            # The convention is the P/N's (`P/N`, `PART NO.`, the maker's `MPN`); a lone number under another
            # part key (`品番`, `部品番号`, `Art.-Nr.`, `Sachnr.`) is the goods' model on some labels and a part
            # number on others (labelgen and fieldlabels disagree), so it is only a model candidate.
            sure = 1.0 if GOODS_PART.fullmatch(key.strip(" :：.#")) else TWO_WAYS
            entity = replace(entity, type="model_number", confidence=entity.confidence * sure)
        _add(doc, entity)
    return doc


# The printed keys of the P/N data/labels' convention reads as the goods' model number when it is the only one.
# A manufacturer's part number (`MPN`, `MFR P/N`) is a P/N too: the maker's number for the goods.
GOODS_PART = re.compile(
    r"(?:(?:MFR|MFG|MANUFACTURER)\.?\s*)?(?:P\s*/\s*N|P\.?\s*N\.?|PARTS?\s*(?:NO|NUMBER|#|N0)\.?)|MPN",
    re.IGNORECASE,
)


# The printed key of a part number that is the customer's or the supplier's, not the goods' own.
THEIR_PART = re.compile(r"CUST|CPN|客先|SUPPLIER|VENDOR", re.IGNORECASE)


def _caption_words_before(lines: list[OcrLine], index: int) -> str:
    """The words of a caption the engine read as a box of their own, just left of the box holding its key:
    `CUST` | `PART NO.` is the customer's part number's caption, not the goods' P/N. Else ''."""
    left = boxes_left(lines, index)[:1]
    if not left:
        return ""
    word, line = lines[left[0]], lines[index]
    near = line.box[0] - word.box[2] <= max(line.height, word.height)
    return f"{word.text} " if near and re.fullmatch(r"[A-Za-z.]{2,12}", word.text.strip()) else ""


def _joined(text: str, first: tuple[int, int, KeyPattern], second: tuple[int, int, KeyPattern]) -> bool:
    """Whether two key matches of a box are one caption in two words, a slash between them (`MODEL/REF`)."""
    return text[first[1] : second[0]].strip() == "/" or (
        text[first[1] - 1 : first[1]] == "/" and not text[first[1] : second[0]].strip()
    )


def caption_rest(rest: str) -> bool:
    """Whether what follows a key in its box leaves the key a caption, its value elsewhere: nothing (`MODEL`,
    `(TYPE)`), or the key's translation after a slash, words without a digit (`形式/Mode l No`: a bilingual
    caption whose second key the engine split)."""
    rest = rest.strip(" )]:：")
    return not rest or (rest.startswith("/") and not re.search(r"\d", rest) and len(rest.split()) <= 3)


def _value_before(text: str, pattern: KeyPattern) -> tuple[str, Any] | None:
    """The value a box prints before its only key (`WDT2656-R2 形式`), when it is all the box holds there."""
    found = _value_in(text, pattern)
    return found if found and found[0] == text.strip(" :：") else None


def _ends_with_key(text: str) -> bool:
    """Whether a box prints something, then a key at its end (a value captioned on its right)."""
    matches = key_matches(text)
    return bool(matches) and matches[-1][0] > 0 and not text[matches[-1][1] :].strip(" )]:：")


def _is_caption(text: str) -> bool:
    """A box that is only keys, its value printed elsewhere (`MODEL`, `(TYPE)`, `型式 MODEL`)."""
    matches = key_matches(text)
    return bool(matches) and caption_rest(text[matches[-1][1] :])


def _partners(lines: list[OcrLine], index: int) -> list[int | None]:
    """Where a caption's value may sit, in order: right of it, under it, left of it, over it."""
    return [
        *boxes_right(lines, index)[:2],
        box_below(lines, index),
        *boxes_left(lines, index)[:1],
        box_above(lines, index),
    ]


def claimed_by_caption(lines: list[OcrLine], index: int) -> bool:
    """Whether the box at `index` sits as some caption's value (right of it or under it): a box of digits
    beside `LOT` is the lot, whatever else its digits could be."""
    return any(
        other != index and _is_caption(line.text) and index in _partners(lines, other)[:3]
        for other, line in enumerate(lines)
    )


def standalone(doc: Doc) -> Doc:
    """Facts without a key: MADE IN JAPAN, 原産国：日本, 日本製, a destination country, a postcode address."""
    lines = _lines(doc)
    has_consignee = any(heading_role(line.text) == "consignee" for line in lines)
    for index, line in enumerate(lines):
        origin = False
        for regex in (MADE_IN, GENSANKOKU, JA_SEI):
            match = regex.search(line.text)
            origin = origin or match is not None
            if match and (iso := country_iso2(match.group(1))):
                _add(
                    doc,
                    LabelEntity("country_of_origin", match.group(0), iso, None, line.confidence, (index,)),
                )
        text = line.text.strip()
        for match in LOOSE_DATE.finditer(text):
            _add(doc, LabelEntity("date", match.group(0), match.group(0), None, line.confidence, (index,)))
        if (
            not has_consignee
            and not origin  # `MADE IN TAIWAN` names where the goods come from
            and not _ALL_KEYS.search(text)
            and (iso := country_iso2(text))
            and iso != "JP"
            and len(text) > 2
        ):
            _add(doc, LabelEntity("destination", text, iso, None, line.confidence, (index,)))
        if text.startswith("〒"):
            role = role_above(lines, index) or ("manufacturer" if _is_nameplate(lines) else None)
            _add(doc, LabelEntity("address", text, text, role, line.confidence, (index,)))
    return doc


def companies(doc: Doc) -> Doc:
    """Companies by legal form, with the role of the heading above them."""
    lines = _lines(doc)
    nameplate = _is_nameplate(lines)
    page_has_shipper = any(heading_role(line.text) == "shipper" for line in lines)
    for index, line in enumerate(lines):
        parts = company_parts(line.text)
        for part, _ in parts:
            found = find_company(part)
            if found is None:
                continue
            name, _ = found
            if not reads_as_words(name):
                continue  # a kanji swapped for a look-alike: a misspelt name would link to the wrong party
            own = heading_role(part) if len(parts) > 1 else None
            role = (
                "manufacturer" if nameplate else own or role_beside(lines, index) or role_above(lines, index)
            )
            # a carrier's or forwarder's name: after a go-between's caption, or named so with no party heading
            go_between = (
                intermediary(part)
                or _caption_above_is_intermediary(lines, index)
                or (role is None and carrier_name(name))
            )
            if role is None and page_has_shipper and not go_between:
                role = "shipper"
            cut = _name_cut(lines, index) or cut_short(name)
            confidence = line.confidence * (CUT_NAME if cut else 1.0) * (NOT_A_PARTY if go_between else 1.0)
            _add(doc, LabelEntity("company", name, name, role, confidence, (index,)))
            if role in ("shipper", "consignee") and len(parts) == 1:
                _address_below(doc, lines, index, role)
    return doc


# Confidence factor of a company name whose box has a box of words close beside it on its row: the
# engine cut one printed name in two and lost letters in between (`PINNACLE MAT` | `ALS AG`), so the
# legal form found in one part does not make that part the name (dev: such parts were read at 0.98+;
# the factor puts them under the engine's floor, so that a burst whose frames all read them cut keeps
# them as candidates too).
CUT_NAME = 0.8
# Confidence factor of a company named after a go-between's caption (`c/o`, `CARRIER:`): the label names
# it, but it is no party to the goods; under the engine's floor, a candidate (`companies.intermediary`).
NOT_A_PARTY = 0.8
# Beside means within this many line heights.
_CUT_GAP = 2.0


def _caption_above_is_intermediary(lines: list[OcrLine], index: int) -> bool:
    """Whether the box right above a name is a go-between's caption alone (`FORWARDER` over its name)."""
    above = box_above(lines, index)
    return above is not None and intermediary(lines[above].text) and len(lines[above].text) <= 24


def _name_cut(lines: list[OcrLine], index: int) -> bool:
    """Whether box `index` has a box of words right beside it on its row that is not a key or heading, in the
    script the name has where the two meet."""
    line = lines[index]
    sides = [(other, False) for other in boxes_left(lines, index)[:1]]
    sides += [(other, True) for other in boxes_right(lines, index)[:1]]
    for other, right in sides:
        neighbour = lines[other]
        text = neighbour.text.strip()
        apart = max(neighbour.box[0] - line.box[2], line.box[0] - neighbour.box[2])
        if apart > _CUT_GAP * max(line.height, neighbour.height, 1.0):
            continue
        if not re.search(r"[A-Za-z\u3040-\u30ff\u4e00-\u9fff]{2}", text) or re.search(r"[:：\d]", text):
            continue  # no words, a caption, or a value with figures (`32.5 KG`, `TEL 03-…`): no part of a name
        if _ALL_KEYS.search(text) or heading_role(text) or has_identifiers(text) or find_company(text):
            continue  # a key, a heading, or a name of its own (FROM and TO side by side)
        joint = (line.text, text) if right else (text, line.text)
        if _script(joint[0], last=True) != _script(joint[1], last=False):
            continue  # `株式会社三協商事` | `BY)`: a name does not change script where the engine cut it
        return True
    return False


def _script(text: str, *, last: bool) -> str:
    """`japanese` or `latin`: the script of a text's last (or first) letter."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return ""
    return "japanese" if re.match(_JA_CHARS, letters[-1] if last else letters[0]) else "latin"


def _address_below(doc: Doc, lines: list[OcrLine], index: int, role: str) -> None:
    """The address block under a shipper's or consignee's name: the boxes below it in its column, up to
    the phone line or the next key. A consignee's address is normalised to its country (ISO-2)."""
    block: list[int] = []
    current = index
    while len(block) < 5:
        below = box_below(lines, current)
        if below is None:
            break
        text = lines[below].text
        current = below
        if re.match(r"ATTN\b", text, re.IGNORECASE):
            continue
        if _ALL_KEYS.search(text) or heading_role(text) or find_company(text):
            break
        block.append(below)
    if not block:
        return
    value = "\n".join(lines[i].text for i in block)
    norm: str | None = value
    if role == "consignee":
        last = lines[block[-1]].text
        norm = country_iso2(last) or country_iso2(last.rsplit(",", 1)[-1])
    if norm:
        confidence = min(lines[i].confidence for i in block)
        _add(doc, LabelEntity("address", value, norm, role, confidence, tuple(block)))


def nameplate(doc: Doc) -> Doc:
    """A rating plate's top row: the maker's brand, then what the equipment is (English, then Japanese)."""
    lines = _lines(doc)
    if not lines or not _is_nameplate(lines):
        return doc
    top = [
        i for i, line in enumerate(lines) if abs(line.centre_y - lines[0].centre_y) <= 0.5 * lines[0].height
    ]
    top.sort(key=lambda i: lines[i].box[0])
    latin = [i for i in top if _LATIN_WORDS.match(lines[i].text) and not _ALL_KEYS.search(lines[i].text)]
    if len(latin) >= 2:
        brand, *described = latin
        # `PINNACLE MAT` | `ALS AG`, `ARGON OPTICS` | `BHD`: the brand is a name printed with its legal form,
        # cut in two by the engine, which lost letters between the parts; the first is no name of its own
        cut = ends_with_legal_form(lines[described[0]].text)
        if cut:
            described = described[1:]
        _add(
            doc,
            LabelEntity(
                "company",
                lines[brand].text,
                lines[brand].text,
                "manufacturer",
                lines[brand].confidence * (CUT_NAME if cut else 1.0),
                (brand,),
            ),
        )
        for i in described:
            _add(
                doc, LabelEntity("description", lines[i].text, lines[i].text, None, lines[i].confidence, (i,))
            )
        below = box_below(lines, described[0]) if described else None
        if below is not None and _JA_ONLY.match(lines[below].text):
            _add(
                doc,
                LabelEntity(
                    "description",
                    lines[below].text,
                    lines[below].text,
                    None,
                    lines[below].confidence,
                    (below,),
                ),
            )
    return doc


# Per engine: below this line confidence a fact is more often misread than right (measured on data/labels
# with benchmarks/labels_ocr.py). Tesseract's word confidences are not calibrated that way: no floor.
MIN_CONFIDENCE = {"rapidocr": 0.85}
# Model, part and serial numbers have nothing to check them against (an HS code must be an HS 2022
# subheading, a company name a legal form and words) and no context: one misread character is another
# code. Their floor is higher (measured with benchmarks/labels_ocr.py on data/labels: the right model
# numbers were read at 0.94 or surer, two misread ones at 0.92 and 0.96); one read below it is read
# again from an upscaled crop (`anchors.py`) before it is dropped.
MIN_CODE_CONFIDENCE = {"rapidocr": 0.93}
UNCHECKED_CODES = frozenset({"model_number", "part_number", "serial_number"})


def confidence_floor(engine: str, entity_type: str) -> float:
    """Below this line confidence a fact of `entity_type` read by `engine` is dropped."""
    if entity_type in UNCHECKED_CODES:
        return MIN_CODE_CONFIDENCE.get(engine, 0.0)
    return MIN_CONFIDENCE.get(engine, 0.0)


def dedupe(doc: Doc) -> Doc:
    """One entity per fact: the same (type, role, norm) read twice keeps its most confident reading;
    facts from lines read with less than their `confidence_floor` become candidates. A model, part or
    serial number with the shape of another field is dropped (`code_shapes.plausible_code`), a model number
    as short as a fragment is less sure (`code_shapes.shape_factor`)."""
    best: dict[tuple[str, str | None, str], LabelEntity] = {}
    unsure: dict[tuple[str, str | None, str], LabelEntity] = {}
    engine = doc.user_data.get("engine", "")
    for entity in doc.user_data["entities"]:
        if entity.type in UNCHECKED_CODES and not plausible_code(entity.type, entity.value):
            continue  # the HS code, date or quantity in the box next to a model key (`code_shapes.py`)
        if (factor := shape_factor(entity.type, entity.value)) < 1.0:
            entity = replace(entity, confidence=entity.confidence * factor)  # a short model: a fragment?
        kept = best if entity.confidence >= confidence_floor(engine, entity.type) else unsure
        current = kept.get(entity.key)
        if current is None or entity.confidence > current.confidence:
            kept[entity.key] = entity
    doc.user_data["entities"] = list(best.values())
    # Below the floor: not a fact, but worth showing the officer as a candidate (`read.py`).
    doc.user_data["candidates"] = [entity for key, entity in unsure.items() if key not in best]
    return doc


def _is_nameplate(lines: list[OcrLine]) -> bool:
    return any(re.search(r"型式|製造番号|INPUT|定格", line.text) for line in lines)
