"""The screening lock as a lease that heals (issue 16): short, renewed while the run lives.

A run takes the lock with a TTL of `LEASE_TTL_SECONDS` and a heartbeat thread renews it every third of
that. A run that dies (kill -9, a crashed machine) stops renewing, so its lease lapses within one TTL;
a holder on this host whose process is gone is recognised at once. Whoever takes the lock next marks
the dead run `failed` with its end time. SIGTERM (what systemd sends) stops a run cleanly: the run is
marked, the lock released. `ecgraph jobs unlock` clears the lock by hand.

The holder is `host:pid:nonce`, so a lock and the runs it covers can be traced to a process.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from ecgraph.graph.connection import Graph
from ecgraph.graph.screening import acquire_lock, fail_orphan_runs, read_lock, release_lock, renew_lock
from ecgraph.schemas.errors import EcgraphError

__all__ = [
    "LEASE_TTL_SECONDS",
    "LOCK_NAME",
    "Lease",
    "LeaseLost",
    "LockHeld",
    "ScreeningStopped",
    "holder_is_dead",
    "screening_lease",
    "stop_on_sigterm",
]

_log = logging.getLogger(__name__)
LOCK_NAME = "screening"
LEASE_TTL_SECONDS = 60  # a dead run blocks the next one for at most this long
DEAD_RUN = "the run ended without finishing (killed, or its machine stopped); its lease lapsed"


class LockHeld(EcgraphError):
    def __init__(self, holder: str, since: Any) -> None:
        super().__init__(f"another screening run ({holder}, since {since}) holds the lock; try again when it "
                         "ends (or, if it is gone, `ecgraph jobs unlock`)")
        self.holder = holder


class LeaseLost(EcgraphError):
    def __init__(self, holder: str) -> None:
        super().__init__(f"the screening lock of {holder} was taken away (its lease lapsed or an operator "
                         "cleared it); this run stops without writing more")


class ScreeningStopped(EcgraphError):
    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by {signal.Signals(signum).name}: the run is marked failed and the lock released")
        self.signum = signum


def _new_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def holder_is_dead(holder: str) -> bool:
    """True when `holder` is a process of this host that no longer exists (never guessed for other hosts)."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # a zombie (killed, not yet reaped) holds nothing either
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


@dataclass
class Lease:
    graph: Graph
    holder: str
    ttl: int
    failed_runs: list[str] = field(default_factory=list)  # dead runs this lease marked failed
    _stop: threading.Event = field(default_factory=threading.Event)
    _lost: threading.Event = field(default_factory=threading.Event)

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            try:
                if not renew_lock(self.graph, LOCK_NAME, self.holder, self.ttl):
                    self._lost.set()
                    return
            except Exception as exc:  # noqa: BLE001 - a failed renewal is retried at the next beat
                _log.warning("lease renewal of %s failed (%s); retrying", self.holder, type(exc).__name__)

    def ensure_held(self) -> None:
        if self._lost.is_set():
            raise LeaseLost(self.holder)


@contextmanager
def screening_lease(graph: Graph, *, ttl: int = LEASE_TTL_SECONDS) -> Iterator[Lease]:
    """Hold the screening lock for the block (LockHeld when another live run has it)."""
    holder = _new_holder()
    current = read_lock(graph, LOCK_NAME)
    stale = current["holder"] if current and holder_is_dead(str(current["holder"])) else None
    taken = acquire_lock(graph, LOCK_NAME, holder, ttl, stale=stale)
    if not taken["acquired"]:
        raise LockHeld(str(taken["holder"]), taken["since"])
    lease = Lease(graph, holder, ttl)
    lease.failed_runs = fail_orphan_runs(graph, holder, DEAD_RUN)
    beat = threading.Thread(target=lease._heartbeat, name="screening-lease", daemon=True)
    beat.start()
    try:
        yield lease
    finally:
        lease._stop.set()
        beat.join(timeout=5)
        release_lock(graph, LOCK_NAME, holder)


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Turn the first SIGTERM into ScreeningStopped in the main thread (later ones wait for the cleanup)."""
    received: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        if not received:
            received.append(signum)
            raise ScreeningStopped(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
