"""The layout the card fixes, and the one-way dependencies ARCHITECTURE.md draws, checked on the source."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "ingest", "rules", "cli", "schemas", "demo")
# importer -> subpackages it must never import
FORBIDDEN = {
    "graph": {"ingest", "rules", "cli", "demo"},
    "ingest": {"rules", "cli", "demo"},
    "rules": {"ingest", "cli", "demo"},
    "schemas": {"graph", "ingest", "rules", "cli", "demo"},
    # demo data is a tool that builds records for ingest/ to read, like any operator's file
    "demo": {"rules", "cli"},
}


def ecgraph_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "ecgraph" and len(parts) > 1:
                found.add(parts[1])
            elif parts[0] in PACKAGES:
                pytest.fail(f"{path.relative_to(REPO)} imports {name!r}: always import ecgraph.{name}")
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_dependencies_point_one_way(package: str) -> None:
    for path in (REPO / package).rglob("*.py"):
        bad = ecgraph_imports(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(REPO)} imports ecgraph.{sorted(bad)}"


def test_top_level_is_the_cards() -> None:
    for name in ("pyproject.toml", "README.md", "ARCHITECTURE.md", "Makefile", ".ci/run", "benchmarks", *PACKAGES, "tests"):
        assert (REPO / name).exists(), name


def test_every_subpackage_is_installed() -> None:
    """A folder with an __init__.py that pyproject does not list would vanish from a normal install."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    mapping = config["package-dir"]
    for package in PACKAGES:
        for init in (REPO / package).rglob("__init__.py"):
            rel = init.parent.relative_to(REPO).as_posix()
            dotted = "ecgraph." + rel.replace("/", ".")
            assert dotted in listed, f"{dotted} is missing from [tool.setuptools] packages"
            assert mapping.get(dotted) == rel, f"{dotted} is missing from [tool.setuptools.package-dir]"
