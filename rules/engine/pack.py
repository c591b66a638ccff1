"""Load the rule packs (`rules/packs/*.yaml`), validated against `schemas/records/rule_pack.schema.json`.

A broken rule is refused at load with the file, the line and the reason, found by walking the YAML
node tree along the JSON Schema error's path.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ecgraph.rules.engine.model import Rule
from ecgraph.schemas import load_json_schema
from ecgraph.schemas.errors import SchemaError

__all__ = ["builtin_pack_paths", "load_pack", "load_rules", "mass_registration_min"]


def builtin_pack_paths() -> list[Path]:
    folder = resources.files("ecgraph.rules.packs")
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".yaml"))


def _line_of(node: yaml.Node, path: Iterable[Any]) -> int:
    """1-based line of the YAML node at `path` (the deepest node that exists)."""
    current = node
    for step in path:
        if isinstance(current, yaml.MappingNode):
            found = next((v for k, v in current.value if k.value == step), None)
        elif isinstance(current, yaml.SequenceNode) and isinstance(step, int) and step < len(current.value):
            found = current.value[step]
        else:
            found = None
        if found is None:
            break
        current = found
    return int(current.start_mark.line) + 1


def load_pack(path: Path) -> list[Rule]:
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        raise SchemaError(f"not valid YAML: {getattr(exc, 'problem', exc)}", file=str(path), key=where) from exc
    if node is None:
        raise SchemaError("the rule pack is empty", file=str(path))
    validator = jsonschema.Draft202012Validator(load_json_schema("rule_pack"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = errors[0]
        where = "/".join(map(str, error.absolute_path)) or "(top)"
        line = _line_of(node, error.absolute_path)
        raise SchemaError(f"{where}: {error.message}", file=str(path), key=f"line {line}")
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["rules"]):
        line = _line_of(node, ["rules", index])
        if raw["id"] in seen:
            raise SchemaError(f"rule {raw['id']} appears twice", file=str(path), key=f"line {line}")
        seen.add(raw["id"])
        logic = raw["logic"]
        rules.append(
            Rule(
                id=raw["id"], name=raw["name"], version=raw["version"], rationale=" ".join(raw["rationale"].split()),
                source=tuple(raw["source"]), severity=raw["severity"], requires=tuple(raw["requires"]),
                params=dict(raw.get("params") or {}), cypher=logic.get("cypher"), predicate=logic.get("predicate"),
                pack=data["pack"], file=str(path), line=line, enabled=raw.get("enabled", True),
                chunk=logic.get("chunk"), reads=tuple(raw.get("reads") or ()),
            )
        )
    return rules


def load_rules(paths: Iterable[Path] | None = None) -> list[Rule]:
    """Every rule of the given packs (default: the packs shipped in rules/packs/); ids are unique across packs."""
    rules: list[Rule] = []
    owners: dict[str, str] = {}
    for path in paths if paths is not None else builtin_pack_paths():
        for rule in load_pack(path):
            if rule.id in owners:
                raise SchemaError(f"rule {rule.id} is also defined in {owners[rule.id]}", file=rule.file,
                                  key=f"line {rule.line}")
            owners[rule.id] = rule.file
            rules.append(rule)
    return rules


def mass_registration_min(rules: Iterable[Rule]) -> int:
    """How many parties may share an address or identifier before no rule links them through it (the
    largest `mass_registration_min` of the rules, 20 when none sets one): how far a list change reaches."""
    return max((int(rule.params["mass_registration_min"]) for rule in rules if "mass_registration_min" in rule.params),
               default=20)
