"""`ecgraph search` imports what a search needs and no more (issue 17): the package loads its names on use."""

from __future__ import annotations

import json
import subprocess
import sys

from ecgraph.rules import resolution
from ecgraph.rules.resolution import _SOURCES  # the table __getattr__ reads
from ecgraph.rules.resolution.distinctive import generic_readings_text, generic_words, read_generic_words
from tests.conftest import REPO


def _modules_after(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                          capture_output=True, text=True, check=True, cwd=REPO)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_every_public_name_is_in_the_lazy_table_and_resolves() -> None:
    assert set(_SOURCES) == set(resolution.__all__)
    for name in resolution.__all__:
        assert getattr(resolution, name) is getattr(sys.modules[f"{resolution.__name__}.{_SOURCES[name]}"], name)
    assert set(resolution.__all__) <= set(dir(resolution))


def test_importing_the_package_or_its_config_imports_no_matcher() -> None:
    loaded = _modules_after("from ecgraph.rules.resolution import MatchConfig")
    assert "ecgraph.rules.resolution.config" in loaded
    assert not {"ecgraph.rules.resolution.index", "ecgraph.rules.resolution.cluster", "networkx"} & loaded


def test_the_search_command_loads_no_clustering_country_table_or_kana_reader() -> None:
    loaded = _modules_after("import ecgraph.cli.search\n"
                            "from ecgraph.rules.resolution import query_for_names\n"
                            "from ecgraph.rules.resolution.distinctive import is_generic\n"
                            "query_for_names(['Bank Rossiya'], 'organization'); is_generic('technology')")
    assert "ecgraph.rules.resolution.index" in loaded
    assert not {"networkx", "followthemoney", "pykakasi", "ecgraph.rules.resolution.cluster"} & loaded


def test_the_stored_generic_word_readings_are_current() -> None:
    """generic_words.read.csv spares a search pykakasi's dictionaries; it must say what reading the list says.
    If this fails after editing generic_words.csv: `python -m ecgraph.rules.resolution.distinctive`."""
    path = REPO / "rules" / "resolution" / "generic_words.read.csv"
    assert path.read_text(encoding="utf-8") == generic_readings_text()
    text = (REPO / "rules" / "resolution" / "generic_words.csv").read_text(encoding="utf-8")
    assert generic_words() == read_generic_words(text)
