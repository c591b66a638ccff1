"""A screening run pauses Python's cycle collector and collects after each batch, every generation.

A young collection moves each cyclic object alive at that moment to an older generation, which the paused
collector never looks at again: the driver's hydrated paths held by one thread's query while another thread
collected were kept for the rest of the run (the Cypher worker grew ~70 MB a minute over a 1M list update).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from ecgraph.rules.engine.engine import collect_batch_garbage, collector_paused


class Cyclic:
    """Refers to itself, as a hydrated path's nodes and their graph refer to each other."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def paused() -> Iterator[None]:
    with collector_paused():
        yield


def test_a_cycle_alive_during_a_young_collection_outlives_later_young_collections(paused: None) -> None:
    held = Cyclic()
    ref = weakref.ref(held)
    gc.collect(0)  # in use now, as another thread's fetched records are: moved on to an older generation
    del held
    gc.collect(0)
    assert ref() is not None
    collect_batch_garbage()


def test_collecting_after_a_batch_frees_it(paused: None) -> None:
    held = Cyclic()
    ref = weakref.ref(held)
    gc.collect(0)
    del held
    collect_batch_garbage()
    assert ref() is None
