"""Catalogue clauses pinned on the real Neo4j with the bundled lists and controls: RF-01, RF-04, RF-11
(line of business from the declared history), CT-02 (designated
entity reached through a third country; end user in Russia), CT-03 (Hong Kong as China), CA-03 / CA-04
informed by military names and end uses, CA-05 (intermediary consignee to Group A), CL-01 (16(1) prefixes
are no list correlation), CL-02 codes and markings, MU-01 and MU-03, RF-02, RF-03 on tokens, RF-06 at the
right grain, RF-08 raised for CHPL goods to a hub. Each alert must say which term, code, grain or clause
fired it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ecgraph.cli.demo import CUMULATIVE_FILES
from ecgraph.graph import load_settings
from ecgraph.ingest.controls.load import load_all_controls
from ecgraph.ingest.lists import load_list
from ecgraph.ingest.snapshot import snapshot_dir
from tests.conftest import fresh_graph_env
from tests.rules.engine.small_world import (
    alerts_by_declaration,
    cli_json,
    export_declaration,
    load_declarations,
)

IC = ("854231000", "Processors and controllers, electronic integrated circuits", 900000.0)  # CHPL tier 1
LATHE = ("845811000", "CNC horizontal lathe", 9000000.0)  # 16(1)


def with_end_user(declaration: dict[str, Any], name: str, country: str) -> dict[str, Any]:
    declaration["end_user"] = {"name": name, "country": country, "address": f"1 Lenina Street, {country}"}
    return declaration


def laptops(number: str, value: float, hs: str = "847130000", kg: float = 2.0) -> dict[str, Any]:
    d = export_declaration(number, f"Retail Buyer {number[-3:]} GmbH", "DE", item=(hs, "Laptop computers", value))
    d["items"][0]["net_weight_kg"] = kg
    return d


DECLARATIONS = [
    export_declaration("50000000001", "Admiralty Shipyard JSC", "KZ", "Almaty, KZ"),                  # CT-02 step 2
    with_end_user(export_declaration("50000000002", "Steppe Machinery LLP", "KZ", "Astana, KZ", IC),
                  "Volga Instrument Plant", "RU"),                                                      # CT-02 step 1 via end user
    export_declaration("50000000003", "Kaili Industrial HK Limited", "HK", "Kowloon Bay, Hong Kong"),  # CT-03 HK as CN
    export_declaration("50000000004", "Army Unit 7781 Procurement", "LY", "Tripoli, LY",
                       ("848180000", "Industrial valves", 400000.0)),                                   # CA-03 MU-01 name
    export_declaration("50000000005", "Hanoi Precision Works", "VN", "Hanoi, VN",
                       ("845811000", "CNC lathe for missile casing production", 9000000.0)),           # CA-04 MU-03 use
    export_declaration("50000000006", "Hanoi Guitar Makers", "VN", "Hanoi, VN",
                       ("920290000", "Acoustic guitar, spruce top", 90000.0)),                         # CL-02 trap
    export_declaration("50000000007", "Saigon Components", "VN", "HCMC, VN",
                       ("854239000", "Microcircuits MIL-STD-883, ITAR controlled", 500000.0)),         # CL-02 markings
    export_declaration("50000000008", "Saigon Components", "VN", "HCMC, VN",
                       ("841370000", "Pump model 2B999 with seals", 500000.0)),                        # CL-02 look-alike
    export_declaration("50000000009", "Saigon Components", "VN", "HCMC, VN",
                       ("854239000", "集積回路 輸出令別表第1の7項(1)該当品", 500000.0)),                 # CL-02 ETCO code
    export_declaration("50000000010", "Fresh Fruit Trading", "SG", "Singapore",
                       ("080450000", "Fresh guava fruit", 50000.0)),                                   # MU-03 trap
    export_declaration("50000000011", "Silk Road Cargo LLC", "AE", "Dubai, AE", IC),                  # RF-02 HIGH
    export_declaration("50000000012", "Cargolux Italia SpA", "AE", "Dubai, AE", IC),                  # RF-02 trap
    export_declaration("50000000013", "Palm Electronics", "AE", "Villa 12, Palm Jumeirah, Dubai", IC),  # RF-03
    export_declaration("50000000014", "Tabasco Electronics", "MX", "Calle Villahermosa 12, Tabasco", IC),  # RF-03 trap
    export_declaration("50000000017", "Pacific Freight Forwarding Inc", "US", "Long Beach, CA", IC),  # CA-05
    export_declaration("50000000018", "Navy Pier Seafood Co.", "US", "600 E Grand Ave, Chicago",
                       ("030617000", "Frozen shrimps", 800000.0)),                                       # MU-01 trap
    export_declaration("50000000019", "Stuttgart Werkzeugbau GmbH", "DE", "Stuttgart, DE", LATHE),     # CL-01 trap
    *[laptops(f"5100000{n:04d}", 150000.0 + 1000 * (n % 7)) for n in range(32)],
    laptops("50000000015", 15000000.0),                                                                 # RF-06 HS6
    *[laptops(f"5200000{n:04d}", 200000.0 + 1000 * (n % 5), hs="847150000") for n in range(5)],
    laptops("50000000016", 90000000.0, hs="847150000"),                                                 # RF-06 falls back
]
for n, day in enumerate(("2026-06-01", "2026-08-01", "2026-10-01")):                              # RF-11 profile
    fabric = ("540752000", "Woven fabrics of polyester filament yarn, dyed", 300000.0)
    textile = export_declaration(f"5400000000{n}", "Tashkent Textile House", "UZ", "Chilonzor 5, Tashkent",
                                 IC if n == 2 else fabric)
    textile["declaration_date"] = day
    DECLARATIONS.append(textile)
for n, day in enumerate(("2026-10-01", "2026-10-05", "2026-10-09")):                               # RF-08 split to a hub
    split = export_declaration(f"5300000000{n}", "Gulf Chips FZE", "AE", "Jebel Ali, AE",
                               ("854231000", "Microcontrollers", 150000.0))
    split["declaration_date"] = day
    DECLARATIONS.append(split)


@pytest.fixture(scope="module")
def alerts(neo4j_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    tmp_path = tmp_path_factory.mktemp("clauses")
    with fresh_graph_env(neo4j_server, tmp_path) as graph:
        settings = load_settings()
        load_all_controls(graph)
        for source, cumulative in CUMULATIVE_FILES.items():  # the cumulative lists, as the demo loads them
            load_list(graph, source, data_dir=settings.data_dir, file=snapshot_dir() / cumulative)
        load_declarations(graph, tmp_path, DECLARATIONS)
        cli_json("screen", "--all")
        found: dict[str, dict[str, Any]] = {}
        for rule in ("PS-01", "CT-02", "CT-03", "CA-05", "CL-01", "MU-01", "RF-01", "RF-04", "RF-11", "CA-03", "CA-04", "CL-02", "MU-03", "RF-02", "RF-03", "RF-06", "RF-08"):
            for number, alert in alerts_by_declaration(rule).items():
                found[f"{rule} {number}"] = alert
        yield found


def test_ct02_a_designated_entity_reached_through_a_third_country_is_critical(alerts: dict[str, dict[str, Any]]) -> None:
    assert "CT-02 50000000001" in alerts, {k: v["explanation"] for k, v in alerts.items() if k.endswith("50000000001")}
    alert = alerts["CT-02 50000000001"]
    assert alert["severity"] == "CRITICAL" and alert["rule_version"] == 2
    assert "reached through third country KZ" in alert["explanation"] and "CT-02 step 2" in alert["explanation"]


def test_ct02_goods_for_an_end_user_in_russia_declared_to_a_third_country(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["CT-02 50000000002"]
    assert alert["severity"] == "CRITICAL" and "for end user Volga Instrument Plant in RU" in alert["explanation"]


def test_ct03_hong_kong_is_read_as_china(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["CT-03 50000000003"]
    assert alert["severity"] == "CRITICAL" and "HK (treated as CN)" in alert["explanation"]


def test_ca03_a_military_name_to_an_embargoed_destination_is_high(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["CA-03 50000000004"]
    assert alert["severity"] == "HIGH" and "MU-01 score" in alert["explanation"] and "'army'" in alert["explanation"]


def test_ca04_a_stated_military_end_use_of_16_1_goods_is_high(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["CA-04 50000000005"]
    assert alert["severity"] == "HIGH" and "'missile'" in alert["explanation"] and "MU-03" in alert["explanation"]


def test_cl02_markings_codes_and_look_alikes(alerts: dict[str, dict[str, Any]]) -> None:
    assert "CL-02 50000000006" not in alerts  # a guitar carries no ITAR marking
    assert alerts["CL-02 50000000007"]["severity"] in ("MEDIUM", "HIGH") and "'ITAR'" in alerts["CL-02 50000000007"]["explanation"]
    look_alike = alerts["CL-02 50000000008"]
    assert look_alike["severity"] == "LOW" and "looks like a control code" in look_alike["explanation"]
    etco = alerts["CL-02 50000000009"]
    assert etco["severity"] == "HIGH" and "control code 7(1) (jp_etco)" in etco["explanation"]


def test_mu03_a_fruit_is_no_drone(alerts: dict[str, dict[str, Any]]) -> None:
    assert "MU-03 50000000010" not in alerts and "MU-03 50000000005" in alerts


def test_rf02_an_intermediary_with_chpl_goods_to_a_hub_and_a_company_name_trap(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["RF-02 50000000011"]
    assert alert["severity"] == "HIGH" and "'cargo'" in alert["explanation"] and "CHPL tier 1" in alert["explanation"]
    assert "RF-02 50000000012" not in alerts


def test_rf03_a_villa_is_residential_a_place_name_is_not(alerts: dict[str, dict[str, Any]]) -> None:
    assert alerts["RF-03 50000000013"]["severity"] == "MEDIUM" and "'villa'" in alerts["RF-03 50000000013"]["explanation"]
    assert "RF-03 50000000014" not in alerts


def test_rf06_compares_within_hs6_and_names_the_grain(alerts: dict[str, dict[str, Any]]) -> None:
    assert "grain HS6 subheading 847130" in alerts["RF-06 50000000015"]["explanation"]
    fallback = alerts["RF-06 50000000016"]["explanation"]
    assert "grain HS4 heading 8471" in fallback and "fell back from HS6" in fallback
    assert not any(k.startswith("RF-06 5100000") for k in alerts)  # ordinary prices stay quiet


def test_rf08_split_chpl_shipments_to_a_hub_are_raised(alerts: dict[str, dict[str, Any]]) -> None:
    split = [a for k, a in alerts.items() if k.startswith("RF-08 530000000")]
    assert split and all(a["severity"] == "HIGH" and "raised to HIGH" in a["explanation"] for a in split)


def test_ca05_an_intermediary_consignee_for_chpl_goods_to_group_a(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["CA-05 50000000017"]
    assert alert["severity"] == "MEDIUM" and "is an intermediary ('forwarding'" in alert["explanation"]


def test_cl01_a_16_1_lathe_to_group_a_is_no_list_correlation(alerts: dict[str, dict[str, Any]]) -> None:
    assert "CL-01 50000000019" not in alerts


def test_mu01_names_on_tokens_with_place_name_context(alerts: dict[str, dict[str, Any]]) -> None:
    army = alerts["MU-01 50000000004"]
    assert army["severity"] == "MEDIUM" and "MIL_ORG 'army'" in army["explanation"]
    pier = alerts.get("MU-01 50000000018")
    assert pier is None or pier["severity"] == "LOW"  # "Navy Pier" is a place: halved, never MEDIUM


def test_rf01_a_first_seen_consignee_of_chpl_goods_outside_group_a(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["RF-01 50000000002"]
    assert alert["rule_version"] == 2 and "first seen" in alert["explanation"] and "CHPL tier 1" in alert["explanation"]


def test_rf04_an_end_user_in_a_country_of_concern_behind_another_destination(alerts: dict[str, dict[str, Any]]) -> None:
    assert "is in RU" in alerts["RF-04 50000000002"]["explanation"]


def test_rf11_chpl_goods_to_a_textile_consignee(alerts: dict[str, dict[str, Any]]) -> None:
    alert = alerts["RF-11 54000000002"]
    assert "only HS chapters 54" in alert["explanation"] and "CHPL tier 1" in alert["explanation"]
    assert "RF-11 54000000001" not in alerts  # fabric to a fabric buyer fits
