"""Download a publisher's file safely: timeouts, retries with backoff, conditional GET, a size limit.

The body streams to a temporary file beside its destination while its SHA-256 is computed, so a
download that is cut short, too large or refused never replaces anything: it raises `SourceError`
naming the URL and what to do. A `304 Not Modified` answer to a conditional GET (ETag /
Last-Modified of the previous fetch) returns a result whose `path` is None.

Every HTTP setting lives in `build_client`, so fetchers take a configured `httpx.Client` argument.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from ecgraph.schemas.errors import SourceError

__all__ = ["DEFAULT_MAX_BYTES", "FetchResult", "build_client", "fetch"]

USER_AGENT = "ecgraph/0.1 (export-control list loader; +https://github.com/ecgraph)"
# The largest official list (OFAC SDN advanced XML) is about 100 MB; anything past 512 MB is an error.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0  # seconds before the first retry; doubles each time
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchResult:
    url: str
    path: Path | None  # None: the server answered 304, the previous download is still current
    sha256: str | None
    size: int
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    status: int

    @property
    def not_modified(self) -> bool:
        return self.path is None


def build_client(*, timeout: float = 60.0, connect_timeout: float = 10.0) -> httpx.Client:
    """The one place that configures HTTP for fetchers: timeouts, connection limits, user agent."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        limits=httpx.Limits(max_connections=4, max_keepalive_connections=2),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
    )


class _Retryable(Exception):
    """A failure worth another try (5xx, timeout, cut connection); carries the message for the last one."""


def fetch(
    client: httpx.Client,
    url: str,
    dest_dir: Path,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    source: str = "fetch",
    file_name: str | None = None,
) -> FetchResult:
    """GET `url` into `dest_dir`, retrying transient failures with exponential backoff."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    last_error = "no attempt was made"
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            return _attempt(client, url, dest_dir, headers, max_bytes, source, file_name)
        except _Retryable as exc:
            last_error = str(exc)
    raise SourceError(
        f"download failed after {retries + 1} attempts: {last_error}. Check the network or the "
        f"publisher's site, or load a local copy with --file.",
        source=source, file=url,
    )


def _attempt(
    client: httpx.Client, url: str, dest_dir: Path, headers: dict[str, str], max_bytes: int,
    source: str, file_name: str | None,
) -> FetchResult:
    fetched_at = datetime.now(UTC)
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return FetchResult(url, None, None, 0, response.headers.get("ETag") or headers.get("If-None-Match"),
                                   response.headers.get("Last-Modified") or headers.get("If-Modified-Since"),
                                   fetched_at, 304)
            if response.status_code in RETRY_STATUSES:
                raise _Retryable(f"HTTP {response.status_code} from {url}")
            if response.status_code >= 400:
                raise SourceError(
                    f"HTTP {response.status_code} {response.reason_phrase}: the publisher refused the "
                    "download. Check the URL in the source's YAML, or load a local copy with --file.",
                    source=source, file=url,
                )
            expected = _content_length(response)
            if expected is not None and expected > max_bytes:
                raise SourceError(
                    f"the file is {expected:,} bytes, over the {max_bytes:,}-byte limit. Raise the limit "
                    "if this size is expected.", source=source, file=url,
                )
            name = file_name or _file_name(url, response)
            return _stream_to_disk(response, url, dest_dir / name, expected, max_bytes, source, fetched_at)
    except httpx.TimeoutException as exc:
        raise _Retryable(f"timed out ({type(exc).__name__}) on {url}") from exc
    except httpx.TransportError as exc:  # refused, reset, or the body ended before Content-Length
        raise _Retryable(f"connection failed ({type(exc).__name__}: {exc}) on {url}") from exc


def _stream_to_disk(
    response: httpx.Response, url: str, dest: Path, expected: int | None, max_bytes: int, source: str,
    fetched_at: datetime,
) -> FetchResult:
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=dest.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            # decoded bytes count against the limit (a gzip bomb stops early too)
            for chunk in response.iter_bytes(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise SourceError(
                        f"the download passed the {max_bytes:,}-byte limit and was stopped. Raise the "
                        "limit if this size is expected.", source=source, file=url,
                    )
                digest.update(chunk)
                out.write(chunk)
        on_wire = response.num_bytes_downloaded  # Content-Length counts encoded bytes
        if expected is not None and on_wire != expected:
            raise _Retryable(f"truncated body: got {on_wire:,} of {expected:,} bytes from {url}")
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)
    return FetchResult(
        url, dest, digest.hexdigest(), size, response.headers.get("ETag"),
        response.headers.get("Last-Modified"), fetched_at, response.status_code,
    )


def _content_length(response: httpx.Response) -> int | None:
    raw = response.headers.get("Content-Length")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw)


def _file_name(url: str, response: httpx.Response) -> str:
    disposition = response.headers.get("Content-Disposition", "")
    match = re.search(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', disposition)
    name = unquote(match.group(1)) if match else unquote(urlsplit(str(response.url)).path.rsplit("/", 1)[-1])
    name = re.sub(r"[^\w.\-]+", "_", Path(name).name).strip("._")
    return name or "download"
