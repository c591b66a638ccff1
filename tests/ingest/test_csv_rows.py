"""One CSV reader: the header policy, the bad-row policy and the encodings are parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecgraph.ingest.csv_rows import csv_rows, decode_text
from ecgraph.schemas.errors import SourceError


def test_by_name_the_documented_columns_are_required_and_values_stripped(tmp_path: Path) -> None:
    path = tmp_path / "groups.csv"
    path.write_text("\ufeffcode,name,note\nA, Group A ,\nB,Group B\n", encoding="utf-8")
    rows = list(csv_rows(path, source="groups", header=("code", "name"), optional=("note",)))
    assert rows == [(2, {"code": "A", "name": "Group A", "note": ""}), (3, {"code": "B", "name": "Group B", "note": ""})]
    with pytest.raises(SourceError, match=r"groups \(.*groups\.csv, line 1\): .*missing \['kind'\]"):
        list(csv_rows(path, source="groups", header=("code", "name", "kind"), optional=("note",)))


def test_exact_rows_of_the_wrong_width_are_rejected_and_the_rest_still_read(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text('name,country\nACME,CN\n"BROKEN, "quoted",CN,extra\nNOVA,RU\n', encoding="utf-8")
    rejected: list[tuple[int, list[str], str]] = []
    rows = list(csv_rows(path, source="mieu", header=("name", "country"), exact=True,
                         reject=lambda line, cells, reason: rejected.append((line, cells, reason))))
    assert [(line, row["name"]) for line, row in rows] == [(2, "ACME"), (4, "NOVA")]
    assert [(line, reason) for line, _, reason in rejected] == [(3, "3 fields, expected 2")]


def test_shift_jis_is_read_where_asked_and_named_when_unreadable(tmp_path: Path) -> None:
    raw = "名称,国\n北辰商事,日本\n".encode("cp932")
    assert decode_text(raw, ("utf-8-sig", "cp932"), source="custom:watch", path=tmp_path / "w.csv").startswith("名称")
    with pytest.raises(SourceError, match="not UTF-8 text"):
        decode_text(raw, ("utf-8-sig",), source="custom:watch", path=tmp_path / "w.csv")
    with pytest.raises(SourceError, match="neither UTF-8 nor Shift_JIS text"):
        decode_text(b"\x81\xff\xfe", ("utf-8-sig", "cp932"), source="custom:watch", path=tmp_path / "w.csv")
