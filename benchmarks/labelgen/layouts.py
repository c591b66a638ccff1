"""Label layouts per standard, and which split each belongs to.

A layout is a standard (what the label is) plus an arrangement (how key and value sit: inline
`KEY: VALUE`, stacked key over value, grid cells, two columns, value first) plus a vocabulary of
printed keys. The `dev2` split's layouts use arrangements (`columns`, `value_first`) and key words
(`TYPE`, `TARIFF NO.`, `MFD. BY`, `形名` …) that the `dev` layouts do not print; the standards'
own identifiers (ANSI MH10.8.2 data identifiers, GS1 application identifiers, CN22/CN23 captions)
are the same in both, as on real cargo. `dev2` was this generator's sealed split until its layouts
were read while tuning (session 9); it is now a second development split, and the sealed test set is
made by a separate generator written by someone who never read the reader.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.labelgen.content import COUNTRY_NAMES, Facts
from benchmarks.labelgen.render import Cell, Row, Truth

__all__ = ["LAYOUTS", "STANDARDS", "Layout", "build_rows", "expected_fields"]

STANDARDS = ("mh10", "gs1", "iata", "nameplate", "jp_carton", "cn22")


@dataclass(frozen=True)
class Layout:
    standard: str
    number: int
    arrangement: str  # inline | stacked | grid | columns | value_first | caption_under
    split: str

    @property
    def name(self) -> str:
        return f"{self.standard}/{self.number}-{self.arrangement}"


_DEV_ARRANGEMENTS = ("inline", "stacked", "grid")
_DEV2_ARRANGEMENTS = ("columns", "value_first")
# Added later to the development split, after the dev2 layouts so that the dev2 split draws as
# before (its captures are byte-identical): the caption printed small under its value.
_LATER_DEV_ARRANGEMENTS = ("caption_under",)
LAYOUTS: tuple[Layout, ...] = tuple(
    Layout(standard, number, arrangement, split)
    for standard in STANDARDS
    for number, (arrangement, split) in enumerate(
        [(a, "dev") for a in _DEV_ARRANGEMENTS]
        + [(a, "dev2") for a in _DEV2_ARRANGEMENTS]
        + [(a, "dev") for a in _LATER_DEV_ARRANGEMENTS]
    )
)

KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    "dev": {
        # The first spellings of each key are the original development vocabulary; the later ones
        # (from label practice, as in ingest/labels/extract/key_words.csv) widen it so that the
        # development split measures keys beyond the first few.
        "model": (
            "MODEL", "MODEL NO.", "型式", "型式 MODEL", "CAT. NO.", "ITEM NO.", "MPN", "型番", "ART.-NR.",
            "PRODUCT CODE",
        ),
        "serial": ("SER. NO.", "SERIAL NO.", "製造番号", "S/N", "SERIAL NUMBER", "シリアル番号"),
        "hs": ("HS CODE", "H.S. CODE", "統計品目番号", "HS", "HTS CODE", "COMMODITY CODE", "関税番号"),
        "eccn": ("ECCN",),
        "coo": ("COUNTRY OF ORIGIN", "原産国", "COO"),
        "shipper": ("SHIPPER", "FROM", "SHIP FROM", "EXPORTER", "SUPPLIER"),
        "consignee": ("CONSIGNEE", "SHIP TO", "IMPORTER"),
        "mfr": ("MANUFACTURER", "製造元", "MADE BY", "MAKER", "製造者"),
        "part": ("PART NO.", "品番", "P/N"),
        "qty": ("QTY", "数量"),
        "desc": ("DESCRIPTION", "品名"),
    },
    "dev2": {
        "model": ("TYPE", "Model No", "形名", "CAT. NO.", "形式 TYPE"),
        "serial": ("SERIAL", "No.", "製番", "SER No", "MFG. NO."),
        "hs": ("HTS", "TARIFF NO.", "HS Tariff No.", "税番", "Commodity Code"),
        "eccn": ("ECCN No.", "Export Classification"),
        "coo": ("ORIGIN", "C/O", "Country of Mfr.", "生産国"),
        "shipper": ("EXPORTER", "SENDER", "Shipped by"),
        "consignee": ("DELIVER TO", "RECEIVER", "Importer"),
        "mfr": ("MFD. BY", "Maker", "製造者"),
        "part": ("ITEM NO.", "Part#", "部品番号"),
        "qty": ("Q'TY", "入数"),
        "desc": ("CONTENTS", "Goods"),
    },
}


@dataclass
class Field:
    key: str
    value: str
    truths: tuple[Truth, ...] = ()
    big: bool = False
    bars: bool = False


def expected_fields(standard: str) -> tuple[str, ...]:
    """The scored facts a label of this standard carries when fully printed."""
    return {
        "mh10": ("company", "part_number", "serial_number", "country_of_origin"),
        "gs1": ("company", "part_number", "serial_number", "country_of_origin"),
        "iata": ("company", "hs_code"),
        "nameplate": ("company", "model_number", "serial_number"),
        "jp_carton": ("company", "model_number", "hs_code", "country_of_origin"),
        "cn22": ("company", "hs_code", "country_of_origin"),
    }[standard]


def _t(kind: str, value: str, norm: str | None = None, role: str | None = None) -> Truth:
    return Truth(kind, value, value if norm is None else norm, role)


def _hs(facts: Facts) -> Truth:
    return _t("hs_code", facts.hs_printed, f"{facts.hs_digits[:4]}.{facts.hs_digits[4:]}")


def _country(facts: Facts, rng: random.Random, japanese: bool) -> str:
    english, native, _ = COUNTRY_NAMES[facts.origin]
    return native if japanese else rng.choice((english, english, facts.origin))


def _fields(layout: Layout, facts: Facts, rng: random.Random) -> tuple[list[Row], list[Field], list[Row]]:
    """(header rows, key/value fields, footer rows) of one label."""
    keys = KEYS[layout.split]

    def key(name: str) -> str:
        return rng.choice(keys[name])

    def company(kind: str, name: str, role: str) -> Field:
        return Field(key(kind), name, (_t("company", name, role=role),), big=True)

    hs = Field(key("hs"), facts.hs_printed, (_hs(facts),))
    model = Field(key("model"), facts.model, (_t("model_number", facts.model),), big=True)
    serial = Field(key("serial"), facts.serial, (_t("serial_number", facts.serial),))
    eccn = Field(key("eccn"), facts.eccn, (_t("eccn", facts.eccn),))
    standard = layout.standard
    header: list[Row] = []
    footer: list[Row] = []
    fields: list[Field] = []
    if standard == "mh10":
        origin = facts.origin
        fields = [
            company("shipper", facts.shipper, "shipper"),
            # (P) and (1P) are item identification codes, part numbers both (ANSI MH10.8.2).
            Field(
                f"(P) {'CUST PART NO' if layout.split == 'dev' else 'CUSTOMER P/N'}",
                facts.part,
                (_t("part_number", facts.part),),
                bars=True,
            ),
            Field(
                f"(1P) {'SUPPLIER PART NO' if layout.split == 'dev' else 'MFR P/N'}",
                facts.model,
                (_t("part_number", facts.model),),
                big=True,
                bars=True,
            ),
            Field("(Q) QUANTITY", str(facts.quantity), bars=True),
            Field(
                f"(S) {'SERIAL NO' if layout.split == 'dev' else 'SERIAL'}",
                facts.serial,
                (_t("serial_number", facts.serial),),
                bars=True,
            ),
            Field("(1T) LOT", facts.lot),
            Field(
                "(4L) COUNTRY OF ORIGIN" if layout.split == "dev" else "(4L) ORIGIN",
                origin,
                (_t("country_of_origin", origin, origin),),
            ),
            Field("(9D) DATE", facts.date[2:4] + facts.date[5:7]),
        ]
        if rng.random() < 0.5:
            fields.append(hs)
    elif standard == "gs1":
        numeric = COUNTRY_NAMES[facts.origin][2]
        header = [
            Row([Cell("SSCC", scale=0.7)]),
            Row([Cell(f"(00) 3 4912345 {rng.randrange(10**9):09d} {rng.randrange(10)}", scale=1.1)]),
            Row(kind="bars"),
        ]
        fields = [
            company("shipper", facts.shipper, "shipper"),
            company("consignee", facts.consignee, "consignee"),
            Field("CONTENT", f"(02) 0{rng.randrange(10**12):012d}{rng.randrange(10)}"),
            Field(
                "(240) ADDITIONAL ID" if layout.split == "dev" else "PRODUCT (240)",
                f"(240){facts.model}",
                # GS1 AI 240: additional product identification assigned by the manufacturer, the goods' model
                # (a part number here until session 20; fieldlabels and blindlabels both print it as the model)
                (_t("model_number", facts.model),),
                big=True,
            ),
            Field(
                "(21) SERIAL" if layout.split == "dev" else "SERIAL (21)",
                f"(21){facts.serial}",
                (_t("serial_number", facts.serial),),
            ),
            Field("COUNT (37)", f"(37){facts.quantity}"),
            Field(
                "ORIGIN (422)", f"(422){numeric}", (_t("country_of_origin", f"(422){numeric}", facts.origin),)
            ),
        ]
        footer = [
            Row([Cell(f"(02)0{rng.randrange(10**13):013d}(37){facts.quantity}(10){facts.lot}", scale=0.8)]),
            Row(kind="bars"),
        ]
        if rng.random() < 0.4:
            fields.append(hs)
    elif standard == "iata":
        awb = f"{rng.choice(('131', '205', '618', '176', '020'))}-{rng.randrange(10**8):08d}"
        header = [
            Row(
                [
                    Cell(
                        rng.choice(
                            ("JAPAN AIRLINES", "ALL NIPPON CARGO", "NIPPON CARGO AIRLINES", "SKY FREIGHT")
                        ),
                        scale=1.2,
                        bold=True,
                    )
                ]
            ),
            Row([Cell("AIR WAYBILL No.", scale=0.7)]),
            Row([Cell(awb, scale=1.6, bold=True)]),
            Row(kind="bars"),
        ]
        fields = [
            Field("DESTINATION", rng.choice(("FRA", "LAX", "SIN", "HKG", "ICN", "DXB")), big=True),
            Field("TOTAL No. OF PIECES", str(rng.randrange(1, 20))),
            company("shipper", facts.shipper, "shipper"),
            company("consignee", facts.consignee, "consignee"),
            Field("NATURE OF GOODS", facts.description),
            hs,
        ]
        if rng.random() < 0.6:
            fields.append(eccn)
    elif standard == "nameplate":
        ja = rng.random() < 0.5
        header = [
            Row(
                [
                    Cell(
                        facts.shipper,
                        scale=1.5,
                        bold=True,
                        truths=(_t("company", facts.shipper, role="manufacturer"),),
                    )
                ]
            ),
            Row([Cell(facts.description_ja if ja else facts.description, scale=1.0)]),
            Row(kind="rule"),
        ]
        fields = [
            model,
            serial,
            Field("INPUT", f"AC{rng.choice((100, 200, 400))}V {rng.choice(('50/60Hz', '50Hz', '60Hz'))}"),
            Field("OUTPUT", f"{rng.choice((0.4, 0.75, 1.5, 2.2, 5.5))}kW"),
            Field("MFG. DATE" if layout.split == "dev" else "DATE", facts.date[:7]),
        ]
        if rng.random() < 0.5:
            fields.append(eccn)
        footer = [
            Row(
                [
                    Cell(
                        f"MADE IN {COUNTRY_NAMES[facts.origin][0]}"
                        if layout.split == "dev"
                        else f"Made in {COUNTRY_NAMES[facts.origin][0].title()}",
                        truths=(_t("country_of_origin", COUNTRY_NAMES[facts.origin][0], facts.origin),),
                    )
                ]
            ),
            Row(
                [
                    Cell(
                        f"IP{rng.choice((44, 54, 55, 65))}   {rng.choice(('IEC 60034-1', 'JIS C 4034', 'IEC 61800-5-1'))}",
                        scale=0.8,
                    )
                ]
            ),
        ]
    elif standard == "jp_carton":
        country = _country(facts, rng, japanese=rng.random() < 0.6)
        fields = [
            company("mfr", facts.shipper, "manufacturer"),
            Field(key("desc"), facts.description_ja),
            model,
            Field(key("qty"), f"{facts.quantity}{rng.choice(('台', '個', ' PCS'))}"),
            Field(key("coo"), country, (_t("country_of_origin", country, facts.origin),)),
            hs,
            Field("N.W.", f"{facts.net_kg} KG"),
            Field("G.W.", f"{facts.gross_kg} KG"),
            Field("C/NO.", f"{rng.randrange(1, 9)}/{rng.randrange(9, 20)}"),
        ]
    elif standard == "cn22":
        form = rng.choice(("CN 22", "CN 23"))
        header = [
            Row([Cell("CUSTOMS DECLARATION", bold=True), Cell(form, x=0.75, bold=True, scale=1.3)]),
            Row([Cell("May be opened officially", scale=0.7)]),
            Row([Cell("[ ] Gift  [ ] Documents  [X] Commercial sample  [ ] Other", scale=0.75)]),
            Row(kind="rule"),
        ]
        fields = [
            Field(
                "Sender" if form == "CN 23" else "From",
                facts.shipper,
                (_t("company", facts.shipper, role="shipper"),),
                big=True,
            ),
            Field("Detailed description of contents", f"{facts.quantity} x {facts.description}"),
            Field("Weight (kg)", f"{facts.net_kg}"),
            Field("HS tariff number", facts.hs_printed, (_hs(facts),)),
            Field(
                "Country of origin of goods",
                COUNTRY_NAMES[facts.origin][0],
                (_t("country_of_origin", COUNTRY_NAMES[facts.origin][0], facts.origin),),
            ),
        ]
        if rng.random() < 0.5:
            fields.insert(2, model)
        footer = [Row(kind="rule"), Row([Cell(f"Date and sender's signature  {facts.date}", scale=0.75)])]
    return header, fields, footer


def _arrange(fields: list[Field], arrangement: str, rng: random.Random, barcodes: bool) -> list[Row]:
    rows: list[Row] = []
    sep = rng.choice((": ", " ", ":", "  "))
    if arrangement == "columns":
        for left, right in zip(fields[0::2], [*fields[1::2], None], strict=False):
            cells = [Cell(f"{left.key}{sep}{left.value}", truths=left.truths)]
            if right is not None:
                cells.append(Cell(f"{right.key}{sep}{right.value}", x=0.52, truths=right.truths))
            rows.append(Row(cells))
        return rows
    for item in fields:
        if arrangement == "inline":
            rows.append(
                Row(
                    [Cell(f"{item.key}{sep}{item.value}", scale=1.1 if item.big else 1.0, truths=item.truths)]
                )
            )
        elif arrangement == "stacked":
            rows.append(Row([Cell(item.key, scale=0.7)], gap=0.1))
            rows.append(
                Row([Cell(item.value, scale=1.35 if item.big else 1.1, bold=item.big, truths=item.truths)])
            )
        elif arrangement == "caption_under":
            rows.append(
                Row(
                    [Cell(item.value, scale=1.3 if item.big else 1.05, bold=item.big, truths=item.truths)],
                    gap=0.08,
                )
            )
            rows.append(Row([Cell(item.key, scale=0.7)], gap=0.5))
        elif arrangement == "grid":
            rows.append(
                Row(
                    [Cell(item.key, scale=0.85), Cell(item.value, x=0.4, bold=item.big, truths=item.truths)],
                    boxed=True,
                    gap=0.3,
                )
            )
        else:  # value_first
            rows.append(
                Row(
                    [
                        Cell(item.value, scale=1.3 if item.big else 1.05, bold=item.big, truths=item.truths),
                        Cell(f"({item.key})", x=0.66, scale=0.7),
                    ]
                )
            )
        if barcodes and item.bars:
            rows.append(Row(kind="bars", gap=0.5))
    return rows


def build_rows(layout: Layout, facts: Facts, rng: random.Random) -> list[Row]:
    """Every row of one label, top to bottom."""
    header, fields, footer = _fields(layout, facts, rng)
    return [*header, *_arrange(fields, layout.arrangement, rng, barcodes=rng.random() < 0.7), *footer]
