"""JSON Lines and flat CSV readers: streaming, exact offsets for resume, every problem kept per record."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from ecgraph.ingest.declarations import (
    COLUMNS,
    SourceRecord,
    content_hash,
    declaration_to_rows,
    read_csv,
    read_jsonl,
)
from ecgraph.schemas.errors import SourceError
from tests.ingest.declarations.factory import declaration


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def write_csv(path: Path, records: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerows(declaration_to_rows(record))
    return path


def record_of(source: SourceRecord) -> dict[str, Any]:
    """The declaration a reader read; fails the test if it could not read one."""
    assert source.record is not None, (source.line, source.reasons)
    return source.record


def test_jsonl_yields_records_with_line_numbers_and_keeps_bad_lines(tmp_path: Path) -> None:
    good = json.dumps(declaration(), ensure_ascii=False)
    path = write_jsonl(tmp_path / "d.jsonl", [good, "", '{"declaration_number": "1",', "[1, 2]", good])
    out = list(read_jsonl(path))
    assert [r.line for r in out] == [1, 3, 4, 5]
    assert out[0].record == declaration() and not out[0].reasons
    assert out[1].record is None and out[1].reasons[0].startswith("line 3: invalid JSON")
    assert out[1].raw == '{"declaration_number": "1",'
    assert out[2].reasons == ["line 4: expected one JSON object per line, got list"]


def test_jsonl_resumes_exactly_at_a_records_end_offset(tmp_path: Path) -> None:
    lines = [json.dumps(declaration(declaration_number=f"5000000000{i}"), ensure_ascii=False) for i in range(5)]
    path = write_jsonl(tmp_path / "d.jsonl", lines)
    first = list(read_jsonl(path))
    rest = list(read_jsonl(path, start_offset=first[1].end_offset, start_line=first[1].next_line))
    assert [record_of(r)["declaration_number"] for r in rest] == [record_of(r)["declaration_number"] for r in first[2:]]
    assert [r.line for r in rest] == [3, 4, 5]


def test_csv_rows_group_into_the_same_declaration_as_jsonl(tmp_path: Path) -> None:
    records = [declaration(), declaration(declaration_number="50000000002", transit_countries=["SG", "HK"])]
    out = list(read_csv(write_csv(tmp_path / "d.csv", records)))
    assert len(out) == 2
    assert [r.line for r in out] == [2, 4]  # header is line 1, two item rows each
    assert [content_hash(record_of(r)) for r in out] == [content_hash(r) for r in records]


def test_csv_quoted_newlines_stay_inside_one_field(tmp_path: Path) -> None:
    record = declaration()
    record["items"][0]["description"] = "Electric motors;\nDC, \"750W\"-75kW"
    path = write_csv(tmp_path / "d.csv", [record, declaration(declaration_number="50000000002")])
    out = list(read_csv(path))
    assert record_of(out[0])["items"][0]["description"] == "Electric motors;\nDC, \"750W\"-75kW"
    assert out[1].line == 5  # the first declaration's rows took lines 2-4
    resumed = list(read_csv(path, start_offset=out[0].end_offset, start_line=out[0].next_line))
    assert [r.line for r in resumed] == [5]


def test_csv_rows_that_disagree_on_declaration_fields_are_one_bad_record(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", [declaration()])
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",USD,", ",EUR,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (record,) = list(read_csv(path))
    assert record.record is None
    assert record.reasons == ["line 3: declaration columns differ from line 2: currency"]
    assert len(record.raw) == 2


def test_csv_numbers_that_do_not_parse_stay_text_for_the_schema_to_reject(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", [declaration()])
    path.write_text(path.read_text(encoding="utf-8").replace(",1327.3,", ",1.327,3,"), encoding="utf-8")
    (record,) = list(read_csv(path))
    assert record.reasons and "fields, the header has" in record.reasons[0]


def test_csv_with_a_foreign_header_fails_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("number,shipper\n1,x\n", encoding="utf-8")
    with pytest.raises(SourceError, match="other.csv.*line 1.*not the flat declaration layout"):
        list(read_csv(path))
