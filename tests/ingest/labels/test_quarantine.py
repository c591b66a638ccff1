"""Rejected uploads handled as files that may hold anything (issue 16): only plausible images are kept,
privately (0600 in a 0700 folder); the inbox watch never follows a link out of the inbox; a capture
naming an unknown declaration is a clear error that writes nothing."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ecgraph.graph import Graph
from ecgraph.graph import labels as graph_labels
from ecgraph.ingest.labels import CaptureContext, ingest_captures, watch_inbox
from ecgraph.ingest.labels.intake import UnknownDeclaration
from ecgraph.ingest.labels.quarantine import is_plausible_image

pytestmark = [pytest.mark.neo4j, pytest.mark.ocr]
DATA = Path(__file__).resolve().parents[3] / "data"
SECRET = "password=hunter2-do-not-copy"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def all_bytes_under(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_a_secret_file_given_to_ingest_is_never_copied(graph: Graph, tmp_path: Path) -> None:
    secret = tmp_path / "local-server.json"
    secret.write_text(SECRET)
    os.chmod(secret, 0o600)
    result = ingest_captures(graph, [secret, Path("/etc/passwd")], root=tmp_path / "store")
    assert len(result.rejected) == 2
    quarantine = tmp_path / "store" / "quarantine"
    assert SECRET.encode() not in all_bytes_under(quarantine)
    assert b"root:" not in all_bytes_under(quarantine)
    assert all(p.name.endswith(".reason.txt") for p in quarantine.iterdir())
    assert mode(quarantine) == 0o700 and {mode(p) for p in quarantine.iterdir()} == {0o600}


def test_a_damaged_image_is_kept_privately(graph: Graph, tmp_path: Path) -> None:
    damaged = tmp_path / "cut.jpg"
    damaged.write_bytes((DATA / "labels" / "lbl_0002.jpg").read_bytes()[:2000])
    os.chmod(damaged, 0o644)
    result = ingest_captures(graph, [damaged], root=tmp_path / "store")
    kept = Path(result.rejected[0]["kept_at"])
    assert kept.read_bytes() == damaged.read_bytes()
    assert mode(kept) == 0o600 and mode(kept.parent) == 0o700


def test_an_oversized_file_with_an_image_signature_is_not_copied(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ECGRAPH_LABEL_MAX_BYTES", "1000")
    big = tmp_path / "big.jpg"
    big.write_bytes(b"\xff\xd8\xff" + b"x" * 5000)
    assert not is_plausible_image(big)
    result = ingest_captures(graph, [big], root=tmp_path / "store")
    assert Path(result.rejected[0]["kept_at"]).name.endswith(".reason.txt")
    assert b"x" * 100 not in all_bytes_under(tmp_path / "store" / "quarantine")


def test_the_watch_never_follows_a_link_out_of_the_inbox(graph: Graph, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_text(SECRET)
    shutil.copyfile(DATA / "labels" / "lbl_0002.jpg", outside / "real.jpg")
    inbox = tmp_path / "inbox"
    (inbox / "burst-1").mkdir(parents=True)
    (inbox / "passwd.jpg").symlink_to("/etc/passwd")
    (inbox / "secret.jpg").symlink_to(outside / "secret.jpg")
    (inbox / "elsewhere").symlink_to(outside, target_is_directory=True)
    (inbox / "burst-1" / "frame.jpg").symlink_to(outside / "real.jpg")
    (inbox / "notes.txt").write_text("an officer's note, not an image")
    store = tmp_path / "store"
    result = watch_inbox(graph, inbox, root=store, once=True, settle_seconds=0)
    assert result.captures == []
    assert {Path(r["file"]).name for r in result.rejected} >= {
        "passwd.jpg",
        "secret.jpg",
        "elsewhere",
        "frame.jpg",
    }
    assert graph_labels.count_label_nodes(graph)["captures"] == 0
    assert SECRET.encode() not in all_bytes_under(store) and b"root:" not in all_bytes_under(store)
    assert not (store / "images").exists()
    # targets untouched, links gone, the non-image set aside inside the inbox, not copied out of it
    assert (outside / "secret.jpg").read_text() == SECRET and (outside / "real.jpg").exists()
    assert not any(p.is_symlink() for p in inbox.rglob("*"))
    assert any(p.name.endswith("-notes.txt") for p in (inbox / "rejected").iterdir())
    assert b"an officer's note" not in all_bytes_under(store)


def test_an_unknown_declaration_is_a_clear_error_and_writes_nothing(graph: Graph, tmp_path: Path) -> None:
    image = DATA / "labels" / "lbl_0002.jpg"
    with pytest.raises(UnknownDeclaration, match="99999999999.*not in the graph"):
        ingest_captures(graph, [image], root=tmp_path, context=CaptureContext(declaration="99999999999"))
    assert graph.read("MATCH (n) WHERE n:Declaration OR n:LabelCapture RETURN count(n) AS n") == [{"n": 0}]
    assert not (tmp_path / "images").exists()


def test_the_cli_refuses_an_unknown_declaration_with_one_line(
    neo4j_env: dict[str, str], tmp_path: Path
) -> None:
    image = str(DATA / "labels" / "lbl_0002.jpg")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecgraph.cli",
            "labels",
            "ingest",
            image,
            "--declaration",
            "UNKNOWN",
            "--no-link",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "300"},
    )
    assert result.returncode == 1
    assert (
        "UNKNOWN" in result.stderr
        and "not in the graph" in result.stderr
        and "Traceback" not in result.stderr
    )
    from ecgraph.graph import load_settings, open_graph

    with open_graph(load_settings()) as graph:
        assert graph.read("MATCH (d:Declaration {number: 'UNKNOWN'}) RETURN count(d) AS n") == [{"n": 0}]
