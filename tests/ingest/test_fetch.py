"""Downloads over real HTTP from a local server that misbehaves on purpose, and the raw-file archive.

The server serves the real OFAC `sdn_comments.csv` from data/; no mocked transport anywhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ecgraph.ingest.archive import archive_file, archived_files
from ecgraph.ingest.fetch import build_client, fetch
from ecgraph.schemas.errors import SourceError
from tests.ingest.http_fixture import FixtureServer, serve

FILE = "sanctions/ofac_sdn/sdn_comments.csv"


@pytest.fixture
def server(shared_data: Path) -> Iterator[FixtureServer]:
    with serve(shared_data, slow_seconds=1.5) as running:
        yield running


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with build_client(timeout=5.0) as http:
        yield http


def test_a_download_streams_to_disk_with_checksum_and_validators(
    server: FixtureServer, client: httpx.Client, shared_data: Path, tmp_path: Path
) -> None:
    result = fetch(client, server.url(f"normal/{FILE}"), tmp_path)
    original = (shared_data / FILE).read_bytes()
    assert result.path == tmp_path / "sdn_comments.csv"
    assert result.path.read_bytes() == original
    assert result.sha256 == hashlib.sha256(original).hexdigest()
    assert result.size == len(original) == 30151
    assert result.etag and result.last_modified and result.status == 200
    assert [p.name for p in tmp_path.iterdir()] == ["sdn_comments.csv"], "no temp file is left behind"


def test_a_conditional_get_answered_304_returns_no_file(
    server: FixtureServer, client: httpx.Client, tmp_path: Path
) -> None:
    first = fetch(client, server.url(f"normal/{FILE}"), tmp_path / "a")
    again = fetch(client, server.url(f"normal/{FILE}"), tmp_path / "b",
                  etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.path is None and again.status == 304
    assert server.requests[-1][2]["If-None-Match"] == first.etag
    assert server.requests[-1][2]["If-Modified-Since"] == first.last_modified
    assert not any((tmp_path / "b").iterdir())


def test_server_errors_are_retried_with_backoff_until_the_file_comes(
    server: FixtureServer, client: httpx.Client, tmp_path: Path
) -> None:
    result = fetch(client, server.url(f"flaky/2/k1/{FILE}"), tmp_path, retries=3, backoff=0.01)
    assert result.size == 30151
    assert sum(1 for _, path, _ in server.requests if "/k1/" in path) == 3


def test_persistent_server_errors_fail_naming_the_url_and_attempts(
    server: FixtureServer, client: httpx.Client, tmp_path: Path
) -> None:
    url = server.url(f"flaky/9/k2/{FILE}")
    with pytest.raises(SourceError, match=r"after 3 attempts: HTTP 500") as info:
        fetch(client, url, tmp_path, retries=2, backoff=0.01, source="us_ofac_sdn")
    assert info.value.source == "us_ofac_sdn" and info.value.file == url
    assert "--file" in str(info.value)


def test_a_client_error_is_not_retried(server: FixtureServer, client: httpx.Client, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="HTTP 404"):
        fetch(client, server.url(f"status/404/{FILE}"), tmp_path, retries=3, backoff=0.01)
    assert len(server.requests) == 1


def test_a_truncated_body_is_an_error_and_leaves_no_file(
    server: FixtureServer, client: httpx.Client, tmp_path: Path
) -> None:
    with pytest.raises(SourceError, match="download failed after 2 attempts") as info:
        fetch(client, server.url(f"truncated/{FILE}"), tmp_path, retries=1, backoff=0.01)
    assert "RemoteProtocolError" in str(info.value) or "truncated" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_a_slow_server_times_out_and_is_retried(server: FixtureServer, tmp_path: Path) -> None:
    with build_client(timeout=0.3) as impatient, pytest.raises(SourceError, match="timed out"):
        fetch(impatient, server.url(f"slow/{FILE}"), tmp_path, retries=1, backoff=0.01)
    assert sum(1 for _, path, _ in server.requests if path.startswith("/slow/")) == 2


def test_a_file_over_the_size_limit_is_refused(server: FixtureServer, client: httpx.Client, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="over the 10,000-byte limit"):
        fetch(client, server.url(f"normal/{FILE}"), tmp_path, max_bytes=10_000)
    # without a Content-Length the client counts while streaming and stops
    with pytest.raises(SourceError, match="passed the 10,000-byte limit"):
        fetch(client, server.url(f"oversized/{FILE}"), tmp_path, max_bytes=10_000)
    assert list(tmp_path.iterdir()) == []


def test_the_archive_keeps_each_content_once_and_finds_it_again(shared_data: Path, tmp_path: Path) -> None:
    original = shared_data / FILE
    first = archive_file(tmp_path, original, source="us_ofac_sdn", role="comments", url="https://x/sdn_comments.csv")
    again = archive_file(tmp_path, original, source="us_ofac_sdn", role="comments")
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    assert first == again
    assert first.path == tmp_path / "archive" / digest[:2] / digest / "sdn_comments.csv"
    assert first.path.read_bytes() == original.read_bytes()
    meta = json.loads((first.path.parent / "meta.json").read_text())
    assert meta["source"] == "us_ofac_sdn" and meta["url"] == "https://x/sdn_comments.csv"
    assert archived_files(tmp_path, [first.ref], source="us_ofac_sdn") == {"comments": first.path}
    with pytest.raises(SourceError, match="is not in"):
        archived_files(tmp_path, ["comments=" + "0" * 64 + "/x.csv"], source="us_ofac_sdn")
