"""Loads leave log lines a scheduled job can be read from: start, counts, duration and failure, with a run id."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog

from ecgraph.graph import Graph
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.labels.intake import ingest_captures
from ecgraph.ingest.lists import load_custom_list
from ecgraph.schemas.errors import SourceError
from ecgraph.schemas.logs import configure_logging
from tests.ingest.declarations.test_number_bounds import numbered


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    out = io.StringIO()
    configure_logging(json_lines=True, stream=out)
    yield out
    structlog.reset_defaults()


def events(out: io.StringIO, prefix: str) -> list[dict[str, object]]:
    found = [json.loads(line) for line in out.getvalue().splitlines()]
    return [e for e in found if str(e["event"]).startswith(prefix)]


def test_a_watch_list_load_logs_its_counts_and_a_failing_one_its_error(
    graph: Graph, tmp_path: Path, log_lines: io.StringIO
) -> None:
    watch = tmp_path / "watch.csv"
    watch.write_text("name\nACME PRECISION MACHINING\nNOVIKOV Anton\n", encoding="utf-8")
    load_custom_list(graph, "watch", watch, data_dir=tmp_path / "data")
    start, done = events(log_lines, "list_load")
    assert start["event"] == "list_load.start" and start["source"] == "custom:watch"
    assert done["event"] == "list_load.done" and done["run_id"] == start["run_id"]
    assert done["entries"] == 2 and done["added"] == 2 and isinstance(done["duration_s"], float)
    (version,) = graph.read("MATCH (v:ListVersion {list: 'custom:watch'}) RETURN v.run_id AS run_id")
    assert version["run_id"] == start["run_id"]  # the log line finds the version it wrote
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SourceError):
        load_custom_list(graph, "watch", empty, data_dir=tmp_path / "data")
    failed = events(log_lines, "list_load")[-1]
    assert failed["event"] == "list_load.failed" and failed["level"] == "error" and "SourceError" in str(failed["error"])


def test_a_declaration_load_logs_its_load_id_and_counts(graph: Graph, tmp_path: Path, log_lines: io.StringIO) -> None:
    source = tmp_path / "decl.jsonl"
    source.write_text("\n".join(json.dumps(numbered(n)) for n in range(1, 4)) + "\n{broken\n", encoding="utf-8")
    result = load_file(graph, source, state_dir=tmp_path / "state")
    start, done = events(log_lines, "declaration_load")
    assert start["run_id"] == done["run_id"] == result.load_id and start["file"] == str(source)
    assert done["event"] == "declaration_load.done" and (done["loaded"], done["rejected"]) == (3, 1)


def test_label_intake_logs_what_it_took_and_rejected(graph: Graph, tmp_path: Path, log_lines: io.StringIO) -> None:
    text = tmp_path / "notes.jpg"
    text.write_text("not an image")
    ingest_captures(graph, [text], root=tmp_path / "store")
    start, done = events(log_lines, "label_intake")
    assert start["images"] == 1 and done["run_id"] == start["run_id"]
    assert (done["captures"], done["rejected"]) == (0, 1)


def test_a_capture_carries_the_run_id_of_the_intake_that_wrote_it(
    graph: Graph, tmp_path: Path, log_lines: io.StringIO
) -> None:
    image = Path(__file__).resolve().parents[2] / "data" / "labels" / "lbl_0002.jpg"
    result = ingest_captures(graph, [image], root=tmp_path / "store")
    start, done = events(log_lines, "label_intake")
    assert done["run_id"] == start["run_id"] and done["captures"] == 1
    (capture,) = graph.read("MATCH (c:LabelCapture {id: $id}) RETURN c.run_id AS run_id", id=result.captures[0]["id"])
    assert capture["run_id"] == start["run_id"]
