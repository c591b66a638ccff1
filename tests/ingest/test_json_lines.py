"""JSON Lines list files: one reader, and a damaged file stops the load naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecgraph.ingest.json_lines import json_objects
from ecgraph.schemas.errors import SourceError


def test_objects_come_with_their_line_numbers_blank_lines_and_a_bom_allowed(tmp_path: Path) -> None:
    path = tmp_path / "watch.jsonl"
    path.write_text('\ufeff{"id": "a"}\n\n{"id": "b"}\n', encoding="utf-8")
    assert list(json_objects(path, "custom:watch", "one object per line")) == [(1, {"id": "a"}), (3, {"id": "b"})]


def test_a_truncated_line_names_the_source_file_line_and_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text('{"id": "a"}\n{"id": "b", "sch\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"os_ftm \(.*entities\.ftm\.json, line 2\): not a JSON object .*"
                                          r"expected one FtM entity"):
        list(json_objects(path, "os_ftm", "one FtM entity object per line"))


def test_a_line_holding_something_other_than_an_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "statements.jsonl"
    path.write_text('{"statementID": "1"}\n["not", "a", "statement"]\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"line 2\): not a JSON object; expected one BODS statement"):
        list(json_objects(path, "bods", "one BODS statement per line"))


def test_a_file_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"name": "Müller"}\n'.encode("latin-1"))
    with pytest.raises(SourceError, match="not UTF-8 text .* save the file as UTF-8"):
        list(json_objects(path, "custom:watch", "one object per line"))


def test_a_file_part_reads_its_own_records_and_the_parts_cover_the_file_once(tmp_path: Path) -> None:
    from ecgraph.ingest.declarations.jsonl import read_jsonl
    from ecgraph.ingest.json_lines import FilePart, split_feed

    path = tmp_path / "feed.jsonl"
    path.write_text("".join(f'{{"n": {n}, "pad": "{"x" * 200}"}}\n' for n in range(40)), encoding="utf-8")
    cuts = split_feed(path, "jsonl", batch_size=5, parts=3)
    parts = [FilePart(i, 0, path, "jsonl", start, line, end, tmp_path) for i, (start, line, end) in enumerate(cuts)]
    read = [[(r.line, r.record["n"] if r.record else None) for r in part.records(read_jsonl)] for part in parts]
    assert len(parts) == 3 and all(len(records) % 5 == 0 for records in read[:-1])
    assert [record for records in read for record in records] == [(n + 1, n) for n in range(40)]
    # one record read again from its start offset, as a rejected conflict is quoted
    second = parts[1]
    again = next(parts[0].read_from(second.start_offset, second.start_line).records(read_jsonl))
    assert (again.line, again.record) == (read[1][0][0], {"n": read[1][0][1], "pad": "x" * 200})
