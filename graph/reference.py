"""Writes and reads of the reference nodes (countries) that every other part links to."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ecgraph.graph.connection import Graph, WriteCounts

__all__ = ["count_countries", "write_countries"]

WRITE_COUNTRIES = """
UNWIND $rows AS row
MERGE (c:Country {iso2: row.iso2})
SET c.iso3 = row.iso3, c.name = row.name, c.official_name = row.official_name
"""


def write_countries(graph: Graph, rows: Iterable[Mapping[str, Any]]) -> WriteCounts:
    return graph.write_rows(WRITE_COUNTRIES, rows)


def count_countries(graph: Graph) -> int:
    return int(graph.read("MATCH (c:Country) RETURN count(c) AS n")[0]["n"])
