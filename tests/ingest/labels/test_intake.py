"""Intake into the real Neo4j (issue 8): store, read, write; same image again changes nothing; bad files
are kept aside in quarantine with a reason; the watched inbox processes singles and burst folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ecgraph.graph import Graph
from ecgraph.graph import labels as graph_labels
from ecgraph.ingest.labels import CaptureContext, ingest_captures, watch_inbox

pytestmark = [pytest.mark.neo4j, pytest.mark.ocr]
DATA = Path(__file__).resolve().parents[3] / "data"


def test_ingest_writes_a_capture_beside_its_declaration_once(graph: Graph, tmp_path: Path) -> None:
    image = DATA / "labels" / "lbl_0002.jpg"
    graph_labels.write_declaration_fixture(graph, "10000000001")
    context = CaptureContext(declaration="10000000001", officer="K123", location="Tokyo Port T2")
    first = ingest_captures(graph, [image], root=tmp_path, context=context)
    assert [c["new"] for c in first.captures] == [True] and first.rejected == []
    counts = graph_labels.count_label_nodes(graph)
    assert counts["captures"] == 1 and counts["images"] == 1 and counts["shows"] >= 5
    row = graph.read(
        "MATCH (c:LabelCapture)-[:OF]->(d:Declaration) "
        "RETURN d.number AS number, c.officer AS officer, c.location AS location, c.engine AS engine"
    )
    assert row == [
        {"number": "10000000001", "officer": "K123", "location": "Tokyo Port T2", "engine": "rapidocr"}
    ]
    shows = {
        r["norm"]
        for r in graph.read("MATCH (:LabelCapture)-[:SHOWS]->(m:LabelMention) RETURN m.norm AS norm")
    }
    assert {"WA-G8-83E", "8504.40"} <= shows

    again = ingest_captures(graph, [image], root=tmp_path, context=context)
    assert [c["new"] for c in again.captures] == [False]
    assert graph_labels.count_label_nodes(graph) == counts
    assert len(list((tmp_path / "images").rglob("*.jpg"))) == 1


def test_bad_files_are_quarantined_with_a_reason_and_good_ones_still_load(
    graph: Graph, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "notes.jpg"
    text.write_text("not an image")
    result = ingest_captures(graph, [empty, text], root=tmp_path / "store")
    assert [r["file"] for r in result.rejected] == [str(empty), str(text)]
    assert empty.exists() and text.exists()  # the officer's files are never removed by `ingest`
    kept = sorted((tmp_path / "store" / "quarantine").iterdir())
    assert len(kept) == 2  # not images: only a .reason.txt each, no copy (issue 16)
    reasons = " ".join(p.read_text() for p in kept if p.name.endswith(".reason.txt"))
    assert "empty file" in reasons and "not an image" in reasons
    assert graph_labels.count_label_nodes(graph)["captures"] == 0


def test_the_inbox_takes_singles_and_burst_folders(graph: Graph, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    burst = inbox / "burst-0001"
    burst.mkdir(parents=True)
    for name in ("lbu_0001.jpg", "lbu_0001_f1.jpg"):
        shutil.copyfile(DATA / "label_bursts" / name, burst / name)
    (burst / "capture.json").write_text(json.dumps({"declaration": "10000000002", "officer": "K9"}))
    graph_labels.write_declaration_fixture(graph, "10000000002")
    (inbox / "broken.jpg").write_bytes(b"\xff\xd8\xff")
    (inbox / "upload.jpg.part").write_bytes(b"still arriving")
    result = watch_inbox(graph, inbox, root=tmp_path / "store", once=True, settle_seconds=0)
    assert [len(c["images"]) for c in result.captures] == [2]
    assert [Path(r["file"]).name for r in result.rejected] == ["broken.jpg"]
    assert not (inbox / "broken.jpg").exists() and not burst.exists()  # moved aside, not lost
    assert (inbox / "upload.jpg.part").exists()  # a partial upload waits
    assert len(list((inbox / "processed").iterdir())) == 1
    # Issue 18: the glasses' app finds what is missing and how to capture it better beside the upload.
    advice = json.loads((inbox / "burst-0001.advice.json").read_text())
    assert advice["capture"] == result.captures[0]["id"] and {"kind", "missing", "hint"} <= set(advice)
    assert bool(advice["missing"]) == bool(advice["hint"])
    rows = graph.read(
        "MATCH (c:LabelCapture)-[:OF]->(d:Declaration) RETURN c.frames AS frames, d.number AS n, "
        "c.officer AS officer"
    )
    assert rows == [{"frames": 2, "n": "10000000002", "officer": "K9"}]


def test_a_declaration_given_later_is_attached_without_reading_again(graph: Graph, tmp_path: Path) -> None:
    image = DATA / "labels" / "lbl_0002.jpg"
    ingest_captures(graph, [image], root=tmp_path)
    graph_labels.write_declaration_fixture(graph, "10000000009")
    later = ingest_captures(graph, [image], root=tmp_path, context=CaptureContext(declaration="10000000009"))
    assert later.captures[0]["new"] is False and later.captures[0]["declaration_added"] is True
    rows = graph.read("MATCH (c:LabelCapture)-[:OF]->(d:Declaration) RETURN d.number AS n")
    assert rows == [{"n": "10000000009"}]
