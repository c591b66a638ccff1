"""The graph model (`schemas/model/*.yaml`) is code: it loads and validates, and every Cypher statement
ecgraph ships names only the labels, relationship types and properties the model declares."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from ecgraph.schemas import SchemaError
from ecgraph.schemas.graph_model import build_graph_model, load_graph_model, typed_rows_source
from tests.schemas.cypher_scan import REPO, shipped_statements


def test_the_shipped_model_loads_and_every_edge_joins_declared_labels() -> None:
    model = load_graph_model()
    assert {"Declaration", "Party", "ListEntry", "Alert", "ScreeningRun", "Lock"} <= set(model.nodes)
    assert {"MATCHES", "CONSIGNEE", "EVIDENCE", "ON"} <= set(model.relationships)


def test_a_broken_model_file_is_refused_with_its_file_and_key() -> None:
    with pytest.raises(SchemaError, match=r"party\.yaml:properties\.name\.type"):
        build_graph_model({"party.yaml": "label: Party\ndescription: x\nproperties:\n  name: {type: text, description: y}\n"})
    with pytest.raises(SchemaError, match=r"owns\.yaml:edge"):
        build_graph_model({"owns.yaml": "label: OWNS\ndescription: x\nedge: {source: Party, target: Nobody, label: owns}\n"})
    with pytest.raises(SchemaError, match=r"alert\.yaml:required"):
        build_graph_model({"alert.yaml": "label: Alert\ndescription: x\nrequired: [id]\n"})
    with pytest.raises(SchemaError, match=r"shows\.yaml:line 2"):
        build_graph_model({"shows.yaml": "label: SHOWS\ndescription: {a: in [0, 1]}\n"})


def test_every_label_and_relationship_type_in_shipped_cypher_is_declared() -> None:
    model = load_graph_model()
    labels, types = model.node_labels(), set(model.relationships)
    undeclared = sorted(
        {f"{s.where}: :{label}" for s in shipped_statements() for label in s.labels if label not in labels}
        | {f"{s.where}: [:{rel}]" for s in shipped_statements() for rel in s.rel_types if rel not in types}
    )
    assert not undeclared, "declare these in schemas/model/ (one YAML file each):\n" + "\n".join(undeclared)


def test_every_property_shipped_cypher_reads_or_writes_is_declared_on_its_label() -> None:
    model = load_graph_model()
    undeclared = sorted(
        f"{s.where}: {'/'.join(sorted(owners))}.{key}"
        for s in shipped_statements()
        for kind, owners, key in s.properties
        if not model.declares(owners, key, edge=kind == "edge")
    )
    assert not undeclared, "declare these properties in schemas/model/:\n" + "\n".join(undeclared)


def test_the_scan_reads_what_it_claims_to() -> None:
    """The scan is a parser: it must find a known label, type and property, or the tests above prove nothing."""
    statements = shipped_statements()
    assert len(statements) > 100
    assert any("Alert" in s.labels for s in statements)
    assert any("MATCHES" in s.rel_types for s in statements)
    assert any(key == "score" and "MATCHES" in owners for s in statements for _, owners, key in s.properties)


def test_model_files_named_in_the_graph_schema_exist() -> None:
    shipped = {entry.name for entry in resources.files("ecgraph.schemas.model").iterdir()}
    for path in sorted((REPO / "schemas" / "graph").glob("*.cypher")):
        header = path.read_text(encoding="utf-8").split("\n\n")[0]
        for names in re.findall(r"schemas/model/\{([^}]*)\}\.yaml", header):
            for name in names.split(","):
                assert f"{name.strip()}.yaml" in shipped, f"{path.name} names schemas/model/{name.strip()}.yaml"
        for name in re.findall(r"(?<![{,*])\b([a-z_]+)\.yaml", header):
            assert f"{name}.yaml" in shipped, f"{path.name} names {name}.yaml"


def test_typed_rows_are_generated_from_the_model() -> None:
    """schemas/rows.py is the model's TypedDicts; regenerate it when the model changes."""
    committed = (REPO / "schemas" / "rows.py").read_text(encoding="utf-8")
    assert committed == typed_rows_source(load_graph_model()), (
        "schemas/rows.py is stale: python -m ecgraph.schemas.graph_model > schemas/rows.py")
