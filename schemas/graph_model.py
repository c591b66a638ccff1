"""The graph model as code: `schemas/model/*.yaml` loaded and validated, one file per label or type.

Parts of ecgraph talk to each other only through graph rows, so this model is their interface. It is
loaded the way followthemoney loads its schemata: every file is validated on load, and an error names the
file and the key. `tests/schemas/test_graph_model.py` holds every Cypher statement of the code to it, and
`ecgraph schema --check` holds a live database to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ecgraph.schemas.errors import SchemaError

__all__ = ["EdgeEnds", "ElementSpec", "GraphModel", "PropertySpec", "load_graph_model"]

PropertyType = Literal[
    "string", "integer", "float", "boolean", "date", "datetime", "duration",
    "list[string]", "list[integer]", "list[float]",
]


class PropertySpec(BaseModel):
    """One property: its Neo4j type and what it means."""

    model_config = ConfigDict(extra="forbid")
    type: PropertyType
    description: str


class EdgeEnds(BaseModel):
    """Where a relationship type runs: source and target labels (several where the type is shared)."""

    model_config = ConfigDict(extra="forbid")
    source: list[str]
    target: list[str]
    label: str = Field(description="the caption Browser shows on the relationship")

    @field_validator("source", "target", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        if isinstance(value, str):  # "Party" or "ControlEntry | HSCode"
            return [part.strip() for part in value.split("|")]
        return value


class ElementSpec(BaseModel):
    """A node label or a relationship type, as one YAML file declares it."""

    model_config = ConfigDict(extra="forbid")
    label: str
    description: str
    required: list[str] = []
    properties: dict[str, PropertySpec] = {}
    edge: EdgeEnds | None = None
    # Secondary labels a node may carry beside its own (ListEntry:JapaneseList, Alert:Critical …).
    also_labels: list[str] = []
    # "outside": a rule reads it, but ecgraph writes none yet (an input the graph may be given later).
    written_by: Literal["ecgraph", "outside"] = "ecgraph"
    # Properties an older ecgraph wrote and the current one only finds and removes (name -> since when, why):
    # declared, so that the removal and a graph not yet updated are not "undeclared", but never written.
    retired: dict[str, str] = {}

    @property
    def is_edge(self) -> bool:
        return self.edge is not None


class GraphModel(BaseModel):
    """Every node label and relationship type ecgraph writes or reads, with their properties."""

    nodes: dict[str, ElementSpec]
    relationships: dict[str, list[ElementSpec]]
    files: dict[str, str] = Field(default_factory=dict, description="label or type -> the YAML file(s)")

    def node_labels(self) -> set[str]:
        """Own labels and secondary labels."""
        return set(self.nodes) | {extra for spec in self.nodes.values() for extra in spec.also_labels}

    def owner_of(self, label: str) -> ElementSpec | None:
        """The node spec that declares `label`, as its own label or a secondary one."""
        if label in self.nodes:
            return self.nodes[label]
        return next((spec for spec in self.nodes.values() if label in spec.also_labels), None)

    def node_properties(self, label: str) -> set[str]:
        spec = self.owner_of(label)
        return set(spec.properties) if spec else set()

    def relationship_properties(self, rel_type: str) -> set[str]:
        return {key for spec in self.relationships.get(rel_type, []) for key in spec.properties}

    def declares(self, labels: Iterable[str], key: str, *, edge: bool = False) -> bool:
        """Is property `key` declared on one of these labels (or on this relationship type)?"""
        if edge:
            return any(key in self.relationship_properties(label) for label in labels)
        return any(key in self.node_properties(label) or key in self._retired(label) for label in labels)

    def _retired(self, label: str) -> set[str]:
        spec = self.owner_of(label)
        return set(spec.retired) if spec else set()


def _parse(file: str, text: str) -> ElementSpec:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        raise SchemaError(f"not valid YAML: {getattr(exc, 'problem', exc)}", file=file, key=where) from exc
    if not isinstance(raw, dict):
        raise SchemaError("a model file holds one mapping (label, description, properties …)", file=file)
    try:
        spec = ElementSpec.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise SchemaError(f"{first['msg']} ({len(exc.errors())} problem(s) in all)", file=file, key=key) from exc
    missing = [key for key in spec.required if key not in spec.properties]
    if missing:
        raise SchemaError(f"required properties are not declared: {', '.join(missing)}", file=file, key="required")
    return spec


def _check_names(file: str, spec: ElementSpec) -> None:
    if spec.is_edge and not spec.label.replace("_", "").isupper():
        raise SchemaError(f"relationship types are UPPER_SNAKE_CASE, not {spec.label!r}", file=file, key="label")
    if not spec.is_edge and not spec.label[:1].isupper():
        raise SchemaError(f"node labels are CamelCase, not {spec.label!r}", file=file, key="label")


def build_graph_model(texts: dict[str, str]) -> GraphModel:
    """Validate model files given as {file name: YAML text} and join them into one model."""
    nodes: dict[str, ElementSpec] = {}
    relationships: dict[str, list[ElementSpec]] = {}
    files: dict[str, str] = {}
    for file, text in sorted(texts.items()):
        spec = _parse(file, text)
        _check_names(file, spec)
        if spec.is_edge:
            relationships.setdefault(spec.label, []).append(spec)
            files[spec.label] = ", ".join(filter(None, (files.get(spec.label), file)))
        elif spec.label in nodes:
            raise SchemaError(f"label {spec.label} is declared twice (also in {files[spec.label]})", file=file)
        else:
            nodes[spec.label] = spec
            files[spec.label] = file
    model = GraphModel(nodes=nodes, relationships=relationships, files=files)
    known = model.node_labels()
    for rel_type, specs in relationships.items():
        for spec in specs:
            assert spec.edge is not None
            for end in (*spec.edge.source, *spec.edge.target):
                if end not in known:
                    raise SchemaError(f"edge end {end!r} is not a declared node label", file=files[rel_type], key="edge")
    return model


@cache
def load_graph_model() -> GraphModel:
    """The model shipped in `ecgraph.schemas.model` (works for normal and editable installs)."""
    folder = resources.files("ecgraph.schemas.model")
    texts = {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    }
    if not texts:
        raise SchemaError("no model files are shipped with ecgraph", file="schemas/model/")
    return build_graph_model(texts)


PYTHON_TYPES = {
    "string": "str", "integer": "int", "float": "float", "boolean": "bool",
    # the driver returns neo4j.time values; schemas/ stays free of the driver
    "date": "Any", "datetime": "Any", "duration": "Any",
    "list[string]": "list[str]", "list[integer]": "list[int]", "list[float]": "list[float]",
}
# The rows that cross the graph boundary whole (`n {.*}`), named as the code uses them.
TYPED_ROWS = {"AlertRow": "Alert", "AlertEventRow": "AlertEvent", "ScreeningRunRow": "ScreeningRun",
              "DeclarationRow": "Declaration", "PartyRow": "Party", "ListEntryRow": "ListEntry",
              "MatchRow": "MATCHES", "SuppressionRow": "Suppression"}


def typed_rows_source(model: GraphModel) -> str:
    """The text of `schemas/rows.py`: one TypedDict per row type, generated from the model.

    The functional TypedDict form, since some property names are Python keywords (AlertEvent.from)."""
    lines = ['"""Typed rows at the graph boundary, generated from schemas/model/ by', "",
             "    python -m ecgraph.schemas.graph_model > schemas/rows.py", "",
             'Do not edit by hand: change the model and regenerate (a test compares the two)."""', "",
             "from __future__ import annotations", "", "from typing import Any, Required, TypedDict", "",
             "__all__ = ["] + [f'    "{name}",' for name in sorted(TYPED_ROWS)] + ["]"]
    for row_name, label in TYPED_ROWS.items():
        spec = model.nodes.get(label) or model.relationships[label][0]
        summary = re.split(r"(?<=[.)])\s", " ".join(spec.description.split()), maxsplit=1)[0]
        lines += ["", f"# {label}: {summary}"[:110], f'{row_name} = TypedDict("{row_name}", {{']
        for key, prop in spec.properties.items():
            kind = PYTHON_TYPES[prop.type]
            lines.append(f'    "{key}": ' + (f"Required[{kind}]," if key in spec.required else f"{kind} | None,"))
        lines.append("}, total=False)")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(typed_rows_source(load_graph_model()), end="")
