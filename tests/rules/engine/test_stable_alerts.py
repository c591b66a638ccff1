"""Alerts do not move with store order (issue #19): a party with two addresses gets the same alerts, with the
same explanations, whichever address was written first. Store order changes with unrelated writes, so a
rule that read "the party's first address" raised or closed alerts between two runs over the same data.
RF-03 asks whether any address of the party is residential; PS-02 whether any shares a listed address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecgraph.graph import load_settings
from ecgraph.ingest.controls.load import load_all_controls
from ecgraph.ingest.lists import load_custom_list
from tests.conftest import fresh_graph_env
from tests.rules.engine.small_world import (
    alerts_by_declaration,
    cli_json,
    export_declaration,
    load_declarations,
)

LISTED = "Room 1502, 15/F, Golden Plaza Tower, 88 Nathan Road, Kowloon, Hong Kong, China"
AT_THE_LISTED_UNIT = export_declaration("42000000001", "Harbour Link Trading Ltd", "HK",
                                        "Room 1502, 15/F, Golden Plaza Tower, 88 Nathan Rd, Kowloon, Hong Kong")
AT_A_VILLA = export_declaration("42000000002", "Harbour Link Trading Ltd", "HK", "Villa 12, Repulse Bay Road, Hong Kong")
RULES = ("PS-02", "RF-03")


def screened(server: dict[str, str], folder: Path, first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """Alerts of RULES after loading `first`, then `second` (each in its own load, so in that store order)."""
    with fresh_graph_env(server, folder) as graph:
        load_all_controls(graph)  # the indicator terms RF-03 reads
        for name, declaration in (("first", first), ("second", second)):
            (folder / name).mkdir()
            load_declarations(graph, folder / name, [declaration])
        watch = folder / "watch.csv"
        watch.write_text(f'name,country,address\nNine Dragons Procurement Ltd,China,"{LISTED}"\n', encoding="utf-8")
        load_custom_list(graph, "watch", watch, data_dir=load_settings().data_dir)
        cli_json("screen", "--all")
        return {f"{rule} {number}": {k: alert[k] for k in ("severity", "score", "explanation")}
                for rule in RULES for number, alert in alerts_by_declaration(rule).items()}


@pytest.fixture(scope="module")
def both_orders(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    unit_first = screened(neo4j_server, tmp_path_factory.mktemp("unit_first"), AT_THE_LISTED_UNIT, AT_A_VILLA)
    villa_first = screened(neo4j_server, tmp_path_factory.mktemp("villa_first"), AT_A_VILLA, AT_THE_LISTED_UNIT)
    yield unit_first, villa_first


def test_the_same_alerts_and_explanations_whichever_address_came_first(
        both_orders: tuple[dict[str, Any], dict[str, Any]]) -> None:
    unit_first, villa_first = both_orders
    assert unit_first == villa_first


def test_every_address_of_the_party_is_asked(both_orders: tuple[dict[str, Any], dict[str, Any]]) -> None:
    alerts, _ = both_orders
    for number in ("42000000001", "42000000002"):  # one party, so both declarations carry both addresses
        assert "'Villa 12, Repulse Bay Road, Hong Kong': residential address" in alerts[f"RF-03 {number}"]["explanation"]
        assert "same address (golden plaza tower, unit 1502)" in alerts[f"PS-02 {number}"]["explanation"]
