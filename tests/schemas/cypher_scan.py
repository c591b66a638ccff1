"""Read every Cypher statement ecgraph ships and say which labels, types and properties it names.

Statements are the string constants of `graph/*.py` (the only code that speaks Cypher), the `logic.cypher`
of every rule pack and the `schemas/graph/*.cypher` files. A string counts as Cypher when it has a clause
keyword in capitals (MATCH, MERGE, CREATE …): docstrings that show a pattern are prose, not statements.

Properties are checked where the statement binds the variable to labels: `(a:Alert {id: …})`,
`[m:MATCHES]`, then `a.status`, `m.score`, `SET a.x = …`, `a {.*}` is left alone. Map keys inside a node
or relationship pattern count too. A variable bound to no label (`UNWIND $rows AS row`) is not checked.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]

CLAUSE = re.compile(r"\b(MATCH|MERGE|CREATE|UNWIND|RETURN|DETACH|REMOVE)\b")
NODE = re.compile(r"\(\s*(?P<var>[A-Za-z_]\w*)?\s*(?P<labels>(?::\s*[A-Za-z_]\w*\s*)+)(?P<map>\{[^{}]*\})?")
REL = re.compile(r"\[\s*(?P<var>[A-Za-z_]\w*)?\s*:\s*(?P<types>[A-Z_][A-Z0-9_]*(?:\s*\|\s*:?[A-Z_][A-Z0-9_]*)*)"
                 r"(?P<hops>\s*\*[\d.]*)?\s*(?P<map>\{[^{}]*\})?")
# `n:Label` in WHERE / SET / REMOVE, `a:Critical:High` chains included
LABEL_PREDICATE = re.compile(r"(?<![\w.$])(?P<var>[a-z_]\w*)(?P<labels>(?::[A-Z][A-Za-z]*)+)\b(?!\s*[({\[])")
PROPERTY = re.compile(r"(?<![\w.$])(?P<var>[a-z_]\w*)\.(?P<key>[a-z_]\w*)\b(?!\s*\()")
MAP_KEY = re.compile(r"(?:[{,]\s*)(?P<key>[a-z_]\w*)\s*:")
COMMENT = re.compile(r"//[^\n]*")
# a name also bound by AS, IN or a comprehension may stand for anything: its properties are not checked
REBOUND = re.compile(r"\b(?:AS\s+(?P<alias>[a-z_]\w*)|(?P<item>[a-z_]\w*)\s+IN\b)")
UNION = re.compile(r"\bUNION(?:\s+ALL)?\b")
STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


@dataclass
class Statement:
    where: str
    text: str
    labels: set[str] = field(default_factory=set)
    rel_types: set[str] = field(default_factory=set)
    # (kind, labels or types the variable is bound to, property key)
    properties: set[tuple[str, frozenset[str], str]] = field(default_factory=set)


def _strip(text: str) -> str:
    """Cypher without comments and string literals (a literal can hold anything, e.g. 'a:b')."""
    return STRING.sub("''", COMMENT.sub("", text))


def parse_statement(where: str, text: str) -> Statement:
    found = Statement(where, text)
    for part in _union_parts(_strip(text)):  # each side of a top-level UNION binds its own variables
        _scan_part(part, found)
    return found


def _union_parts(body: str) -> list[str]:
    """Split at UNIONs outside braces (a UNION inside `CALL { … }` belongs to its subquery)."""
    parts, start = [], 0
    for match in UNION.finditer(body):
        if body.count("{", 0, match.start()) == body.count("}", 0, match.start()):
            parts.append(body[start:match.start()])
            start = match.end()
    return [*parts, body[start:]]


def _scan_part(body: str, found: Statement) -> None:
    rebound = {m["alias"] or m["item"] for m in REBOUND.finditer(body)}
    nodes: dict[str, set[str]] = {}
    rels: dict[str, set[str]] = {}
    for match in NODE.finditer(body):
        labels = set(re.findall(r"[A-Za-z_]\w*", match["labels"]))
        found.labels |= labels
        if match["var"]:
            nodes.setdefault(match["var"], set()).update(labels)
        for key in MAP_KEY.findall(match["map"] or ""):
            found.properties.add(("node", frozenset(labels), key))
    for match in REL.finditer(body):
        types = set(re.findall(r"[A-Z_][A-Z0-9_]*", match["types"]))
        found.rel_types |= types
        if match["var"]:
            rels.setdefault(match["var"], set()).update(types)
        for key in MAP_KEY.findall(match["map"] or ""):
            found.properties.add(("edge", frozenset(types), key))
    for match in LABEL_PREDICATE.finditer(body):
        if match["var"] in rels:
            continue
        found.labels |= set(re.findall(r"[A-Z]\w*", match["labels"]))
    for match in PROPERTY.finditer(body):
        var, key = match["var"], match["key"]
        if var in rebound:
            continue
        if var in nodes and var not in rels:
            found.properties.add(("node", frozenset(nodes[var]), key))
        elif var in rels and var not in nodes:
            found.properties.add(("edge", frozenset(rels[var]), key))


def _python_strings(path: Path) -> Iterator[str]:
    """String constants, and module constants built from shared fragments (`Q = f"...{FRAGMENT}..."`) as
    the module holds them: the whole statement, not its pieces."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pieces: set[int] = set()
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.JoinedStr) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name):
            pieces.update(id(part) for part in ast.walk(statement.value))
            value = getattr(importlib.import_module(f"ecgraph.graph.{path.stem}"), statement.targets[0].id)
            if isinstance(value, str) and CLAUSE.search(value):
                yield value
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CLAUSE.search(node.value) \
                and id(node) not in pieces:
            yield node.value


def _pack_cypher(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "cypher" and isinstance(value, str):
                yield value
            else:
                yield from _pack_cypher(value)
    elif isinstance(data, list):
        for value in data:
            yield from _pack_cypher(value)


def shipped_statements() -> list[Statement]:
    """Every Cypher statement of graph/, rules/packs/ and schemas/graph/."""
    found: list[Statement] = []
    for path in sorted((REPO / "graph").glob("*.py")):
        found += [parse_statement(path.name, text) for text in _python_strings(path)]
    for path in sorted((REPO / "rules" / "packs").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [parse_statement(path.name, text) for text in _pack_cypher(data)]
    for path in sorted((REPO / "schemas" / "graph").glob("*.cypher")):
        found += [parse_statement(path.name, text) for text in path.read_text(encoding="utf-8").split(";")
                  if CLAUSE.search(text) or "CONSTRAINT" in text or "INDEX" in text]
    return found
