"""The demo generator: deterministic by seed, always valid, red flags planted at known rates and recorded."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from ecgraph.demo.catalogue import load_catalogue
from ecgraph.demo.declarations import RATES, generate
from ecgraph.ingest.declarations import SourceRecord, content_hash, read_csv, read_jsonl, validate_declaration

N = 2000


def read_records(source: Iterable[SourceRecord]) -> list[dict[str, Any]]:
    """The declarations a reader yields, each of which must have been read."""
    records = []
    for r in source:
        assert r.record is not None, (r.line, r.reasons)
        records.append(r.record)
    return records


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> tuple[Path, dict[str, Any], list[dict[str, Any]]]:
    out = tmp_path_factory.mktemp("demo") / "d.jsonl"
    generate(N, 11, out, data_dir=shared_data)
    truth = json.loads(out.with_name("d.jsonl.truth.json").read_text(encoding="utf-8"))
    records = read_records(read_jsonl(out))
    return out, truth, records


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path, shared_data: Path) -> None:
    for name, seed in (("a.jsonl", 5), ("b.jsonl", 5), ("c.jsonl", 6)):
        generate(300, seed, tmp_path / name, data_dir=shared_data)
    a, b, c = ((tmp_path / n).read_bytes() for n in ("a.jsonl", "b.jsonl", "c.jsonl"))
    assert a == b and a != c
    assert (tmp_path / "a.jsonl.truth.json").read_bytes() == (tmp_path / "b.jsonl.truth.json").read_bytes()
    assert (tmp_path / "a.jsonl.bods.json").read_bytes() == (tmp_path / "b.jsonl.bods.json").read_bytes()


def test_every_generated_record_is_valid(demo: tuple[Path, dict[str, Any], list[dict[str, Any]]]) -> None:
    _, truth, records = demo
    assert len({r["declaration_number"] for r in records}) == N
    assert len(records) == truth["records"] == N + len(truth["amendments"])
    for record in records:
        assert validate_declaration(record) == [], record["declaration_number"]


def test_flags_are_planted_near_their_rates(demo: tuple[Path, dict[str, Any], list[dict[str, Any]]]) -> None:
    _, truth, _ = demo
    for flag, rate in RATES.items():
        planted = truth["planted"][flag]
        if flag == "RF08_SPLIT_SHIPMENT":  # the rate starts a group of 3-5 declarations
            assert 2 * rate * N <= planted <= 8 * rate * N, (flag, planted)
        elif flag == "CL04_CHPL_TO_HUB":  # also every other planted pattern that sends CHPL goods to a hub
            assert planted >= 0.5 * rate * N, (flag, planted)
        else:
            assert 0.4 * rate * N <= planted <= 1.8 * rate * N, (flag, planted)


def test_chpl_goods_to_hubs_occur_exactly_where_the_truth_says(
    demo: tuple[Path, dict[str, Any], list[dict[str, Any]]], shared_data: Path
) -> None:
    _, truth, records = demo
    catalogue = load_catalogue(shared_data)
    hubs = set(truth["reference"]["diversion_hubs"])
    found = {r["declaration_number"] for r in records if r["version"] == 1 and r["destination_country"] in hubs
             and any(i["hs_code"][:6] in catalogue.chpl for i in r["items"])}
    assert found == set(truth["flags"]["CL04_CHPL_TO_HUB"])


def test_listed_parties_are_real_list_entries_with_recorded_perturbations(
    demo: tuple[Path, dict[str, Any], list[dict[str, Any]]], shared_data: Path
) -> None:
    _, truth, records = demo
    by_number = {r["declaration_number"]: r for r in records if r["version"] == 1}
    listed = {(e.source, e.source_id): e for e in load_catalogue(shared_data).listed}
    kinds = set()
    for plant in truth["listed_parties"]:
        entity = listed[(plant["list_source"], plant["list_source_id"])]
        assert entity.name == plant["list_name"]
        written = by_number[plant["number"]][plant["role"]]["name"]
        assert written == plant["name"]
        assert (written == entity.name) is (plant["perturbation"] == "exact"), plant
        kinds.add(plant["perturbation"])
    assert kinds == {"exact", "typo", "legal_form", "transliteration", "spacing_case"}


def test_split_groups_stay_under_the_threshold_but_exceed_it_together(
    demo: tuple[Path, dict[str, Any], list[dict[str, Any]]],
) -> None:
    _, truth, _ = demo
    assert truth["split_groups"]
    for group in truth["split_groups"]:
        assert 3 <= len(group["numbers"]) <= 5
        assert all(v < group["threshold_jpy"] for v in group["values_jpy"])
        assert sum(group["values_jpy"]) > group["threshold_jpy"]


def test_vague_descriptions_are_the_planted_ones(demo: tuple[Path, dict[str, Any], list[dict[str, Any]]], shared_data: Path) -> None:
    _, truth, records = demo
    vague = set(load_catalogue(shared_data).terms["VAGUE_DESCRIPTION"])
    found = {r["declaration_number"] for r in records if r["version"] == 1
             and any(i["description"] in vague for i in r["items"])}
    assert found == set(truth["flags"]["RF07_VAGUE_DESCRIPTION"])


def test_amendments_follow_their_original_and_change_the_consignee(
    demo: tuple[Path, dict[str, Any], list[dict[str, Any]]],
) -> None:
    _, truth, records = demo
    position = {(r["declaration_number"], r["version"]): n for n, r in enumerate(records)}
    for amendment in truth["amendments"]:
        number = amendment["number"]
        assert position[(number, 1)] < position[(number, 2)]
        old, new = records[position[(number, 1)]], records[position[(number, 2)]]
        assert [old["consignee"]["name"], new["consignee"]["name"]] == amendment["changed"]["consignee"]


def test_ownership_chains_include_an_aggregate_of_minority_listed_owners(
    demo: tuple[Path, dict[str, Any], list[dict[str, Any]]],
) -> None:
    out, truth, _ = demo
    statements = json.loads(out.with_name("d.jsonl.bods.json").read_text(encoding="utf-8"))
    kinds = {c["kind"]: c for c in truth["ownership"]}
    assert set(kinds) == {"direct", "aggregate", "chain", "minority"}
    aggregate = kinds["aggregate"]
    shares = [pct for _, _, pct in aggregate["edges"]]
    assert max(shares) < 50 <= sum(shares) and aggregate["expected"] == "blocked"
    assert kinds["minority"]["expected"] == "minority"
    ownership = [s for s in statements if s["statementType"] == "ownershipOrControlStatement"
                 and any(i["type"] == "shareholding" for i in s["interests"])]
    entity_ids = {s["statementID"] for s in statements if s["statementType"] == "entityStatement"}
    assert ownership and all(s["subject"]["describedByEntityStatement"] in entity_ids for s in ownership)
    assert sum(len(c["edges"]) for c in truth["ownership"]) == len(ownership)


def test_networks_link_consignees_to_listed_companies_by_director_or_registration(
    demo: tuple[Path, dict[str, Any], list[dict[str, Any]]],
) -> None:
    out, truth, records = demo
    statements = json.loads(out.with_name("d.jsonl.bods.json").read_text(encoding="utf-8"))
    by_id = {s["statementID"]: s for s in statements}
    assert {n["kind"] for n in truth["networks"]} == {"shared_director", "shared_registration"}
    consignees = {(r["declaration_number"], r["consignee"]["name"]) for r in records}
    for index, network in enumerate(truth["networks"]):
        assert all((number, network["target"]) in consignees for number in network["declarations"])
        target, listed = by_id[f"demo-network-{index}-target"], by_id[f"demo-network-{index}-listed"]
        assert listed["name"] == network["listed"]["name"]
        if network["kind"] == "shared_director":
            seats = [s for s in statements if s["statementType"] == "ownershipOrControlStatement"
                     and s["interestedParty"].get("describedByPersonStatement") == f"demo-network-{index}-director"]
            assert {s["subject"]["describedByEntityStatement"] for s in seats} == {target["statementID"],
                                                                                   listed["statementID"]}
            assert all(i["type"] == "boardMember" for s in seats for i in s["interests"])
        else:
            numbers = [{i["id"] for i in s["identifiers"] if i["scheme"] == "demo-registry"} for s in (target, listed)]
            assert numbers[0] != numbers[1]  # punctuated differently...
            assert {n.replace("-", "") for n in numbers[0]} == numbers[1]  # ...the same number


def test_csv_layout_holds_the_same_declarations(tmp_path: Path, shared_data: Path) -> None:
    generate(200, 3, tmp_path / "d.jsonl", data_dir=shared_data)
    generate(200, 3, tmp_path / "d.csv", fmt="csv", data_dir=shared_data)
    from_jsonl = [content_hash(r) for r in read_records(read_jsonl(tmp_path / "d.jsonl"))]
    from_csv = [content_hash(r) for r in read_records(read_csv(tmp_path / "d.csv"))]
    assert from_jsonl == from_csv
