"""Table columns: a header row of keys captions every cell under each key (invoices, pallet manifests)."""

from __future__ import annotations

from tests.ingest.labels.factory import found

# A pallet manifest: C/NO | PART NO. | DESCRIPTION | QTY | HS, one carton per row.
MANIFEST = (
    ("C/NO", 220, 292, 268, 316),
    ("PART NO.", 275, 295, 353, 314),
    ("DESCRIPTION", 429, 295, 540, 314),
    ("QTY", 668, 292, 708, 318),
    ("HS", 715, 294, 744, 316),
    ("1", 224, 324, 233, 339),
    ("DG6770-42", 276, 320, 368, 343),
    ("FPGA DEVICE", 428, 320, 541, 343),
    ("104", 669, 320, 708, 344),
    ("8542.39.37", 716, 319, 824, 345),
    ("2", 220, 352, 236, 373),
    ("840-04512-83", 276, 351, 396, 373),
    ("LASER MODULE", 429, 353, 549, 372),
    ("136", 669, 351, 707, 376),
    ("8517 62", 714, 352, 796, 376),
    ("TOTAL", 219, 518, 277, 540),
    ("G.W. 277.8 KG", 356, 516, 494, 545),
)


def test_every_row_of_a_column_is_read_under_its_header_key() -> None:
    result = found(*MANIFEST)
    assert {("part_number", "DG6770-42", None), ("part_number", "840-04512-83", None)} <= result
    assert {("hs_code", "8542.39", None), ("hs_code", "8517.62", None)} <= result


def test_a_table_of_parts_is_not_read_as_the_goods_model_number() -> None:
    # Alone, a carton's `PART NO.` is the goods' model number; in a table it lists parts.
    assert not any(kind == "model_number" for kind, *_ in found(*MANIFEST))


def test_a_column_ends_at_a_wide_gap() -> None:
    # `TOTAL` and the weight are far below the last row: not cells of the table.
    assert not any(value == "G.W.277.8KG" for _, value, _ in found(*MANIFEST))
    assert ("part_number", "A1234-567", None) not in found(*MANIFEST[:5], ("A1234-567", 276, 600, 368, 623))


def test_a_misread_header_key_still_heads_its_column() -> None:
    # An invoice's goods table: `Mudel` is `Model` read with one letter wrong.
    result = found(
        ("Description", 249, 344, 373, 378),
        ("Mudel", 568, 344, 647, 380),
        ("HS Code", 783, 344, 881, 380),
        ("AC SERVO MOTOR", 245, 383, 435, 417),
        ("SV-328T8-M", 567, 386, 714, 420),
        ("8501528995 27", 782, 387, 978, 423),
        ("PHOTODIODE ARRAY", 188, 427, 451, 470),
        ("BN5146", 566, 434, 659, 471),
        ("8541.49-096 59", 781, 435, 978, 471),
    )
    assert {("model_number", "SV-328T8-M", None), ("model_number", "BN5146", None)} <= result
    assert {("hs_code", "8501.52", None), ("hs_code", "8541.49", None)} <= result


def test_one_caption_alone_is_no_table() -> None:
    # A caption over its value, another value further down: only the first is the caption's.
    result = found(
        ("MODEL", 100, 100, 180, 120), ("AB-1234", 100, 126, 190, 146), ("ZX-9876", 100, 152, 190, 172)
    )
    assert ("model_number", "AB-1234", None) in result
    assert ("model_number", "ZX-9876", None) not in result


def test_a_column_is_as_wide_as_its_header_whatever_its_neighbour_reads() -> None:
    # `製造番号` misread as `裂造番号` leaves the serial caption unknown; its value is still not the model's.
    result = found(
        ("型式 Type No.", 273, 388, 386, 417),
        ("裂造番号 SERIAL NO.", 487, 386, 661, 416),
        ("製造年月DATE", 717, 389, 831, 418),
        ("LKU-306-34", 271, 408, 396, 441),
        ("H1155845", 486, 406, 604, 440),
    )
    assert ("model_number", "LKU-306-34", None) in result
    assert ("model_number", "H1155845", None) not in result


def test_a_column_ends_at_a_box_that_carries_a_data_identifier() -> None:
    # A GS1 label's two columns of captions: `(241) CUST. PART No.` under `ADDITIONAL ID:` captions the part under it.
    result = found(
        ("ADDITIONAL ID:", 97, 500, 225, 525),
        ("BATCH/LOT:", 450, 500, 530, 526),
        ("YSR0M-1R5T96L", 100, 523, 326, 556),
        ("88S5169", 454, 524, 582, 557),
        ("(241) CUST. PART No.", 98, 562, 233, 588),
        ("(21) SERIAL:", 452, 563, 550, 589),
        ("KBJ1-63LD-E7", 102, 585, 295, 621),
        ("ZP8775-525733", 455, 587, 678, 618),
    )
    assert {(kind, norm) for kind, norm, _ in result if kind.endswith("_number")} == {
        ("model_number", "YSR0M-1R5T96L"),
        ("part_number", "KBJ1-63LD-E7"),
        ("serial_number", "ZP8775-525733"),
    }
