"""PS-06 (BIS Affiliates Rule: a company 50 % owned by a BIS Military-Intelligence End User, reported as a
red flag while the rule is suspended) and MU-02 (a consignee owned through a DoD 1260H conglomerate), on
the real Neo4j with the real curated lists and a BODS ownership statement (issue #22: the conformance
table listed them without a spec test). Each alert names the owner, the percentage and the rule status."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from ecgraph.graph import load_settings
from ecgraph.ingest.lists import load_list
from tests.conftest import fresh_graph_env
from tests.rules.engine.small_world import (
    alerts_by_declaration,
    cli_json,
    export_declaration,
    load_declarations,
)

DECLARATIONS = [
    export_declaration("63000000001", "Harbin Lianhe Trading Co., Ltd.", "CN", "Harbin, CN"),
    export_declaration("63000000002", "Xian Skyway Components Co., Ltd.", "CN", "Xian, CN"),
    export_declaration("63000000003", "Dalian Minority Holdings Co., Ltd.", "CN", "Dalian, CN"),  # 20 %: nothing
]


def entity(sid: str, name: str) -> dict[str, Any]:
    return {"statementID": sid, "statementType": "entityStatement", "name": name,
            "incorporatedInJurisdiction": {"code": "CN"}, "statementDate": "2026-01-01"}


def owns(sid: str, owner: str, owned: str, pct: float) -> dict[str, Any]:
    return {"statementID": sid, "statementType": "ownershipOrControlStatement", "statementDate": "2026-01-01",
            "subject": {"describedByEntityStatement": owned}, "interestedParty": {"describedByEntityStatement": owner},
            "interests": [{"type": "shareholding", "share": {"exact": pct}}]}


BODS = [
    # real entries: BIS MIEU (us_bis_mieu.csv) and DoD 1260H (us_dod_chinese_milcorps_1260h.csv)
    entity("s-ibjsd", "Intelligence Bureau of the Joint Staff Department"),
    entity("s-avic", "Aviation Industry Corporation of China Ltd."),
    entity("s-harbin", "Harbin Lianhe Trading Co., Ltd."),
    entity("s-xian", "Xian Skyway Components Co., Ltd."),
    entity("s-dalian", "Dalian Minority Holdings Co., Ltd."),
    owns("s-o1", "s-ibjsd", "s-harbin", 60),
    owns("s-o2", "s-avic", "s-xian", 70),
    owns("s-o3", "s-avic", "s-dalian", 20),
]


@pytest.fixture(scope="module")
def alerts(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    tmp_path = tmp_path_factory.mktemp("affiliates")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        settings = load_settings()
        for source in ("us_bis_mieu", "us_dod_1260h"):
            load_list(graph, source, data_dir=settings.data_dir)
        load_declarations(graph, tmp_path, DECLARATIONS)
        bods = tmp_path / "ownership.bods.json"
        bods.write_text(json.dumps(BODS), encoding="utf-8")
        cli_json("ingest", "ownership", str(bods))
        cli_json("screen", "--all")
        yield {f"{rule} {number}": alert for rule in ("PS-06", "MU-02")
               for number, alert in alerts_by_declaration(rule).items()}


def test_ps06_an_affiliate_of_a_listed_end_user_is_a_red_flag_while_the_rule_is_suspended(
        alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["PS-06 63000000001"]
    assert alert["severity"] == "MEDIUM"
    assert "60 %" in alert["explanation"] and "Intelligence Bureau" in alert["explanation"]
    assert "suspended" in alert["explanation"]


def test_mu02_a_consignee_owned_through_a_1260h_conglomerate_is_high(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["MU-02 63000000002"]
    assert alert["severity"] == "HIGH" and "70 %" in alert["explanation"] and "Aviation Industry" in alert["explanation"]
    assert not any(key.endswith("63000000003") for key in alerts)
