"""CA-06 (small-value exception void or split under its cap), CL-03 (HS code inconsistent with the
description) and CL-01 on the HS → ETCO correlation, on the real Neo4j with the bundled controls
(issue #22). Each alert names the clause step, the ETCO entry or the prediction and its confidence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ecgraph.ingest.controls.load import load_all_controls
from tests.conftest import fresh_graph_env
from tests.rules.engine.small_world import (
    alerts_by_declaration,
    cli_json,
    export_declaration,
    load_declarations,
)

LASER = ("901320000", "Fibre lasers 3 kW continuous wave", 880000.0)  # ETCO 10(8) by the HS correlation


def dated(declaration: dict[str, Any], day: str, **fields: Any) -> dict[str, Any]:
    declaration["declaration_date"] = day
    declaration.update(fields)
    return declaration


DECLARATIONS = [
    # CA-06 step 2: three laser shipments of 880,000 JPY within a month to one consignee, sum over the cap
    *[dated(export_declaration(f"6100000000{n}", "Siam Cutting Co., Ltd.", "TH", "Chonburi, TH", LASER), day)
      for n, day in enumerate(("2026-10-01", "2026-10-08", "2026-10-15"))],
    # the same lane spread over three months: no split
    *[dated(export_declaration(f"6200000000{n}", "Klang Optics Sdn Bhd", "MY", "Klang, MY", LASER), day)
      for n, day in enumerate(("2026-06-01", "2026-08-01", "2026-10-01"))],
    # CA-06 step 1: the exception claimed (written as text) for a declaration over the cap
    export_declaration("61000000009", "Bangkok Photonics Co., Ltd.", "TH", "Bangkok, TH",
                       ("901320000", "Fibre laser 6 kW", 2400000.0)) | {"small_value_exception": "yes"},
    # CL-03: integrated circuits declared as toys; a part number tells the code too
    export_declaration("61000000010", "Tsuen Wan Gifts Co.", "HK", "Tsuen Wan, HK",
                       ("950300000", "FPGA integrated circuits XC7K325T-2FFG900I", 1500000.0)),
    export_declaration("61000000011", "Tsuen Wan Gifts Co.", "HK", "Tsuen Wan, HK",
                       ("950300000", "Plastic building block toys for children", 150000.0)),   # CL-03 negative
    # CL-01: carbon fibre, no licence; the same with a licence is quiet
    export_declaration("61000000012", "Bharat Composites Pvt Ltd", "IN", "Bengaluru, IN",
                       ("681511000", "Carbon fibre tow 12K", 2700000.0)),
    export_declaration("61000000013", "Bharat Composites Pvt Ltd", "IN", "Bengaluru, IN",
                       ("681511000", "Carbon fibre tow 12K", 2700000.0)) | {"licence_number": "METI-2026-00123"},
]


@pytest.fixture(scope="module")
def alerts(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    tmp_path = tmp_path_factory.mktemp("small_value")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        load_all_controls(graph)
        load_declarations(graph, tmp_path, DECLARATIONS)
        cli_json("screen", "--all")
        yield {f"{rule} {number}": alert for rule in ("CA-06", "CL-03", "CL-01")
               for number, alert in alerts_by_declaration(rule).items()}


def test_ca06_an_order_split_under_the_small_value_cap_is_reported(alerts: dict[str, dict[str, Any]]) -> None:
    for n in range(3):
        alert = alerts[f"CA-06 6100000000{n}"]
        assert alert["severity"] == "MEDIUM" and alert["rule_version"] == 2
        assert "10(8)" in alert["explanation"] and "1,000,000 JPY" in alert["explanation"]
        assert "2,640,000 JPY" in alert["explanation"] and "indicative" in alert["explanation"]
    assert not any(key.startswith("CA-06 620000000") for key in alerts)


def test_ca06_a_claim_read_from_text_over_the_cap_is_high(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["CA-06 61000000009"]
    assert alert["severity"] == "HIGH" and "over the cap" in alert["explanation"]


def test_cl03_ics_declared_as_toys_are_high_with_the_prediction_confidence(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["CL-03 61000000010"]
    assert alert["severity"] == "HIGH" and alert["rule_version"] == 2
    assert "854239" in alert["explanation"] and "confidence" in alert["explanation"]
    assert "CHPL" in alert["explanation"] and "not a classification" in alert["explanation"]
    assert "CL-03 61000000011" not in alerts


def test_cl01_carbon_fibre_without_a_licence_names_the_etco_entry(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["CL-01 61000000012"]
    assert "jp_etco 5(18)" in alert["explanation"] and "not a classification" in alert["explanation"]
    assert "CL-01 61000000013" not in alerts
