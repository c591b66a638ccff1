"""Real OCR, read once per test session: OCR takes ~1 s per image, so each image is read once."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from ecgraph.ingest.labels import LabelReading, read_label

DATA = Path(__file__).resolve().parents[3] / "data"


@cache
def _read(engine: str, names: tuple[str, ...], burst: bool) -> LabelReading:
    paths = [DATA / name for name in names]
    return read_label(paths, engine=engine, burst=burst)[0]


@pytest.fixture(scope="session")
def reading() -> Callable[..., LabelReading]:
    """reading(engine, name, …, burst=False): the LabelReading of bundled images (data/…)."""

    def read(engine: str, *names: str, burst: bool = False) -> LabelReading:
        return _read(engine, names, burst)

    return read
