"""A small custom watch list of real listed names, loaded through the real list loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecgraph.graph import Graph
from ecgraph.ingest.lists import load_custom_list

# Names as the lists print them (CSL / UK OFSI / EU), with their original-script aliases.
WATCH = [
    {"id": "w1", "name": "ROSOBORONEXPORT", "aliases": ["Рособоронэкспорт", "ROSOBORONEKSPORT OAO"],
     "country": "RU", "type": "organization"},
    {"id": "w2", "name": "AUTEL ROBOTICS CO., LTD.", "aliases": ["道通机器人有限公司"], "country": "CN",
     "type": "organization"},
    {"id": "w3", "name": "ABRAMOV Alexander Grigorievich", "aliases": ["АБРАМОВ Александр Григорьевич"],
     "country": "RU", "type": "person"},
    {"id": "w4", "name": "Beijing University of Aeronautics and Astronautics", "aliases": ["BUAA", "Beihang University"],
     "country": "CN", "type": "organization", "identifiers": [{"type": "registration", "value": "12100000400001"}]},
]


@pytest.fixture
def watch_list(graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Graph:
    """The graph with `custom:watch` loaded; the index cache goes to a temporary folder."""
    monkeypatch.setenv("ECGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ECGRAPH_INDEX_DIR", str(tmp_path / "cache"))
    path = tmp_path / "watch.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in WATCH), encoding="utf-8")
    load_custom_list(graph, "watch", path, data_dir=tmp_path / "data")
    return graph
