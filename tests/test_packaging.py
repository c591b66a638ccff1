"""A normal (non-editable) install ships every data file ecgraph reads at run time, under `ecgraph/`."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_schemas_rule_packs_sources_and_the_neo4j_pom(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(REPO)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("ecgraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    top_level = {name.split("/")[0] for name in names if not name.startswith("ecgraph-")}
    assert top_level == {"ecgraph"}, "nothing generic lands in site-packages"
    for folder, pattern in (("schemas/graph", ".cypher"), ("schemas/records", ".schema.json"),
                            ("schemas/model", ".yaml"), ("rules/packs", ".yaml"), ("ingest/sources", ".yaml"),
                            ("graph/browser", ".grass"), ("rules/classify", ".csv"), ("rules/resolution", ".csv")):
        shipped = {n for n in names if n.startswith(f"ecgraph/{folder}/") and n.endswith(pattern)}
        on_disk = {f"ecgraph/{folder}/{p.name}" for p in (REPO / folder).glob(f"*{pattern}")}
        assert on_disk and shipped == on_disk, (folder, on_disk - shipped)
    assert "ecgraph/graph/neo4j/pom.xml" in names
