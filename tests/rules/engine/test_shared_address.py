"""PS-02 v2 on a small world (issue #21): same address, same building, same street, each explained;
a Hong Kong address the list files under CN agrees with the same address filed under HK."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecgraph.graph import load_settings
from ecgraph.ingest.custom_list import custom_source
from ecgraph.ingest.lists import load_custom_list
from ecgraph.ingest.source import ParseContext
from tests.conftest import fresh_graph_env
from tests.rules.engine.small_world import (
    alerts_by_declaration,
    cli_json,
    export_declaration,
    load_declarations,
)

LISTED = "Room 1502, 15/F, Golden Plaza Tower, 88 Nathan Road, Kowloon, Hong Kong, China"
DECLARATIONS = [
    export_declaration("41000000001", "Harbour Link Trading Ltd", "HK",
                       "Room 1502, 15/F, Golden Plaza Tower, 88 Nathan Rd, Kowloon, Hong Kong"),
    export_declaration("41000000002", "Pearl Delta Components Ltd", "HK",
                       "Flat 1201, 12/F, Golden Plaza Tower, 88 Nathan Road, Kowloon, Hong Kong"),
    export_declaration("41000000003", "Kowloon Bay Instruments Ltd", "HK", "120 Nathan Road, Kowloon, Hong Kong"),
    export_declaration("41000000004", "Central Plaza Optics Ltd", "HK", "18 Harbour Road, Wan Chai, Hong Kong"),
]


@pytest.fixture(scope="module")
def ps02(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    tmp_path = tmp_path_factory.mktemp("addresses")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        settings = load_settings()
        load_declarations(graph, tmp_path, DECLARATIONS)
        watch = tmp_path / "watch.csv"
        watch.write_text(f'name,country,address\nNine Dragons Procurement Ltd,China,"{LISTED}"\n', encoding="utf-8")
        load_custom_list(graph, "watch", watch, data_dir=settings.data_dir)
        cli_json("screen", "--all")
        yield alerts_by_declaration("PS-02")


def test_the_same_unit_filed_under_cn_and_hk_is_the_same_address(ps02: dict[str, dict[str, Any]]) -> None:
    alert = ps02["41000000001"]
    assert alert["severity"] == "MEDIUM"
    assert "same address (golden plaza tower, unit 1502)" in alert["explanation"]


def test_another_unit_of_the_tower_is_the_same_building(ps02: dict[str, dict[str, Any]]) -> None:
    alert = ps02["41000000002"]
    assert alert["severity"] == "MEDIUM"
    assert "same building (golden plaza tower), different units (1201 vs 1502)" in alert["explanation"]


def test_another_building_on_the_street_is_the_same_street_and_low(ps02: dict[str, dict[str, Any]]) -> None:
    alert = ps02["41000000003"]
    assert alert["severity"] == "LOW" and "same street (nathan road)" in alert["explanation"]


def test_another_street_is_not_flagged(ps02: dict[str, dict[str, Any]]) -> None:
    assert "41000000004" not in ps02


def test_a_watch_list_address_is_kept_with_its_country(tmp_path: Path) -> None:
    path = tmp_path / "watch.csv"
    path.write_text(f'name,country,address\nNine Dragons Procurement Ltd,China,"{LISTED}"\n', encoding="utf-8")
    [entry] = custom_source("watch").parse({"list": path}, ParseContext("custom:watch"))
    assert [(a.full, a.country) for a in entry.addresses] == [(LISTED, "CN")]
