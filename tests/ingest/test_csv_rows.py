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


def test_a_headerless_file_names_its_columns_and_skips_the_rows_asked(tmp_path: Path) -> None:
    path = tmp_path / "alt.csv"
    path.write_bytes(b'36,"A.K.A."\r\n\r\n"2","B",extra\r\n7,"C"\r\n\x1a\r\n')
    rejected: list[tuple[int, str]] = []
    rows = list(csv_rows(path, source="ofac", header=("ent_num", "name"), header_row=False,
                         skip=lambda cells: cells in ([], ["\x1a"]),
                         reject=lambda line, _cells, reason: rejected.append((line, reason))))
    assert rows == [(1, {"ent_num": "36", "name": "A.K.A."}), (4, {"ent_num": "7", "name": "C"})]
    assert rejected == [(3, "3 fields, expected 2")]


def test_header_and_encoding_errors_carry_the_publishers_advice_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv"
    path.write_text("id,nom\n1,x\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"unexpected header .*\. Download trade\.gov's file"):
        list(csv_rows(path, source="csl", header=("id", "name"), exact=True, hint="Download trade.gov's file."))
    path.write_bytes(b"id,name\n1,x\n2,\xff\n")
    with pytest.raises(SourceError, match=r"line 3\): not UTF-8 text .*; download the file again"):
        list(csv_rows(path, source="csl", header=("id", "name"), exact=True, encodings=("utf-8",),
                      advice="download the file again"))
