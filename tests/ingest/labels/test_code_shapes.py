"""A value beside a model key is a model number only when it has a code's shape (issue 18): on a layout the
reader has never seen, the box next to a key may hold another field's value."""

from __future__ import annotations

import pytest

from ecgraph.ingest.labels.extract.code_shapes import other_shape, plausible_code
from tests.ingest.labels.factory import found


@pytest.mark.parametrize(
    ("value", "shape"),
    [
        ("8504.40", "hs_code"),
        ("8504.40-000", "hs_code"),
        ("3A001.a.7", "eccn"),
        ("2023-11-27", "date"),
        ("28NOV2021", "date"),
        ("20 PCS", "measure"),
        ("12.5 KG", "measure"),
        ("40x30x20 CM", "dimensions"),
        ("〒100-0001", "postcode"),
        ("03-1234-5678", "phone"),
        ("+81 3 1234 5678", "phone"),
        ("AC200V", "rating"),
        ("50/60Hz", "rating"),
        ("INV-2023-0012", "reference"),
    ],
)
def test_values_of_other_fields_are_told_by_their_shape(value: str, shape: str) -> None:
    assert other_shape(value) == shape
    assert not plausible_code("model_number", value)


@pytest.mark.parametrize(
    "value", ["SGDV-2R8A01B", "FX5U-32MR/ES", "(240)SGDV-2R8A01B", "MX6R-77GD/ZF", "1234-5678"]
)
def test_makers_codes_keep_their_shape(value: str) -> None:
    assert other_shape(value) is None
    assert plausible_code("model_number", value)


def test_a_model_carries_a_letter_or_digit_groups_a_serial_need_not() -> None:
    assert not plausible_code("model_number", "20231127")
    assert plausible_code("serial_number", "21004567")
    # a GTIN is a barcode's number: no model and no part number
    assert not plausible_code("part_number", "4912345678901")


def test_a_model_key_beside_another_fields_value_makes_no_model_fact() -> None:
    for text in ("MODEL: 8504.40", "TYPE: 2023-11-27", "MODEL NO. 4912345678901", "型式 20 PCS"):
        assert not [f for f in found((text, 10, 10, 400, 30)) if f[0] == "model_number"], text
    assert ("model_number", "FX5U-32MR", None) in found(("形番 FX5U-32MR", 10, 10, 400, 30))
    assert ("model_number", "AB-1234", None) in found(("型 式: AB-1234", 10, 10, 400, 30))
