"""Every setting has one home: the ENVIRONMENT table in graph/settings.py, documented in the README."""

from __future__ import annotations

import re

import pytest

from ecgraph.graph.settings import ENVIRONMENT, env_value
from tests.conftest import REPO

PACKAGE = ("graph", "ingest", "rules", "cli", "schemas")


def variables_the_code_reads() -> set[str]:
    names: set[str] = set()
    for folder in PACKAGE:
        for path in (REPO / folder).rglob("*.py"):
            names |= set(re.findall(r"\bECGRAPH_[A-Z0-9_]*[A-Z0-9]\b", path.read_text(encoding="utf-8")))
    return names


def test_every_variable_the_code_names_is_in_the_settings_table() -> None:
    missing = sorted(variables_the_code_reads() - set(ENVIRONMENT))
    assert not missing, f"add to graph/settings.py ENVIRONMENT: {missing}"


def test_every_variable_in_the_table_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    undocumented = sorted(name for name in ENVIRONMENT if name not in readme)
    assert not undocumented, f"document in README.md's configuration table: {undocumented}"


def test_env_value_reads_a_listed_variable_and_refuses_an_unlisted_one() -> None:
    assert env_value("ECGRAPH_WORKERS", {"ECGRAPH_WORKERS": " 3 "}) == "3"
    assert env_value("ECGRAPH_WORKERS", {"ECGRAPH_WORKERS": "  "}) is None
    with pytest.raises(KeyError, match="ENVIRONMENT table"):
        env_value("ECGRAPH_NO_SUCH_THING", {})
