"""Run OpenSanctions' nomenklatura on ecgraph's evaluation set (executed by .venv-bench's Python).

    .venv-bench/bin/python benchmarks/_resolution_nomenklatura.py EVAL.json perturbed|withheld

Entries and queries become FollowTheMoney entities (Person / Organization / LegalEntity with every
name); nomenklatura's DuckDB blocking index proposes candidates and logic-v2 scores them. Prints one
JSON line: {positives: [[target_score, best_other], …], negatives: […], qps, build_s}.
Imports nothing from ecgraph: this environment has nomenklatura, not ecgraph.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from followthemoney import Dataset, StatementEntity
from nomenklatura.blocker import Index
from nomenklatura.matching import LogicV2
from nomenklatura.resolver import Linker
from nomenklatura.store import MemoryStore

SCHEMA = {"person": "Person", "organization": "Organization"}


def make(dataset: Dataset, entity_id: str, entity_type: str, names: list[str]) -> StatementEntity:
    entity = StatementEntity(dataset, {"schema": SCHEMA.get(entity_type, "LegalEntity"), "id": entity_id})
    for name in names:
        if name:
            entity.add("name", name, cleaned=True)
    return entity


def main() -> None:
    logging.disable(logging.INFO)
    path, mode = Path(sys.argv[1]), sys.argv[2]
    data = json.loads(path.read_text())
    queries = data[mode]
    entries = data["withheld_entries"] if mode == "withheld" else data["entries"]  # names removed by ecgraph
    dataset = Dataset.make({"name": "lists", "title": "lists"})
    store = MemoryStore(dataset, Linker({}))
    started = time.perf_counter()
    with store.writer() as writer:
        for entry in entries:
            names = [n["value"] for n in entry["names"]]
            writer.add_entity(make(dataset, "e-" + entry["id"], entry["entity_type"], names))
    tmp = Path(tempfile.mkdtemp(prefix="nk-bench-"))
    index = Index(store.default_view(), tmp)
    index.build()
    build_s = time.perf_counter() - started
    qset = Dataset.make({"name": "queries", "title": "queries"})
    all_queries = [("p", i, q) for i, q in enumerate(queries)] + [
        ("n", i, q) for i, q in enumerate(data["negatives"])
    ]
    entities = {
        f"q-{kind}-{i}": make(qset, f"q-{kind}-{i}", q["entity_type"], [q["name"]])
        for kind, i, q in all_queries
    }
    config = LogicV2.default_config()
    view = store.default_view()
    started = time.perf_counter()
    scores: dict[str, list[float]] = {key: [0.0, 0.0] for key in entities}
    targets = {
        f"q-{kind}-{i}": ("e-" + q["target"]) if q.get("target") else None for kind, i, q in all_queries
    }
    for query_id, candidates in index.match_entities(entities.values()):
        query = entities[query_id.id]
        for candidate_id, _ in candidates:
            candidate = view.get_entity(candidate_id.id)
            if candidate is None:
                continue
            score = LogicV2.compare(query, candidate, config).score
            slot = 0 if candidate_id.id == targets[query_id.id] else 1
            scores[query_id.id][slot] = max(scores[query_id.id][slot], score)
    seconds = time.perf_counter() - started
    out: dict[str, Any] = {
        "positives": [scores[f"q-p-{i}"] for i in range(len(queries))],
        "negatives": [scores[f"q-n-{i}"] for i in range(len(data["negatives"]))],
        "qps": len(entities) / seconds,
        "build_s": build_s,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
