"""`ecgraph ingest lists`, `ecgraph lists status|delta` and `ecgraph export ftm` through typer's CliRunner."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from tests.ingest.demo_list import DEMO_CSV, edited, register_demo, write_demo

runner = CliRunner()
LIST = "zz_demo_list"


@pytest.fixture(autouse=True)
def demo_source(monkeypatch: pytest.MonkeyPatch) -> None:
    register_demo(monkeypatch)


def flat(text: str) -> str:
    """Terminal output without rich's boxes and line wrapping, for `in` checks."""
    return " ".join(re.sub(r"[│╭╮╰╯─┃┏┓┗┛━┳┻╋┡┩┼└┘┴]", " ", text).split())


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("graph")
def test_ingest_then_status_and_delta_as_json(tmp_path: Path) -> None:
    code, out, err = invoke("ingest", "lists", LIST, "--file", str(write_demo(tmp_path / "v1")), "--json")
    assert code == 0, err
    [load] = json.loads(out)
    assert (load["list"], load["status"], load["added"]) == (LIST, "loaded", 5)

    v2 = edited(DEMO_CSV, drop="3,", replace=("OCEAN PEARL", "OCEAN PEARL II"))
    code, out, err = invoke("ingest", "lists", LIST, "--file", str(write_demo(tmp_path / "v2", v2)), "--json")
    assert code == 0, err

    code, out, err = invoke("lists", "status", "--json")
    assert code == 0, err
    [status] = json.loads(out)
    assert {"list", "version", "entries", "delisted", "fetched_at", "last_delta"} <= set(status)
    assert (status["list"], status["entries"], status["delisted"]) == (LIST, 4, 1)
    assert status["last_delta"] == {"added": 0, "changed": 1, "removed": 1}
    assert status["fetched_at"].startswith("20")

    code, out, err = invoke("lists", "delta", LIST, "--json")
    assert code == 0, err
    delta = json.loads(out)
    assert (delta["added"], delta["changed"], delta["removed"]) == (0, 1, 1)
    assert {(c["id"], c["change"], tuple(c["fields"])) for c in delta["changes"]} == {
        (f"{LIST}:4", "changed", ("name",)), (f"{LIST}:3", "removed", ())}

    code, out, _ = invoke("lists", "status")
    assert code == 0 and "+0 ~1 -1" in flat(out)


@pytest.mark.usefixtures("graph")
def test_a_bad_file_fails_with_exit_1_naming_file_and_line(tmp_path: Path) -> None:
    bad = write_demo(tmp_path, DEMO_CSV.replace("4,OCEAN PEARL,vessel,KP,,,,3", "4,OCEAN PEARL"))
    code, _, err = invoke("ingest", "lists", LIST, "--file", str(bad))
    assert code == 1
    assert f"error: zz_demo_list ({bad}, line 5): 2 columns instead of 8" in flat(err)


@pytest.mark.usefixtures("graph")
def test_a_custom_list_loads_and_exports_as_ftm(tmp_path: Path) -> None:
    watch = tmp_path / "watch.jsonl"
    watch.write_text(json.dumps({"id": "w1", "name": "ACME PRECISION MACHINING", "country": "CN",
                                 "type": "organization", "aliases": ["ACME PM"]}) + "\n", encoding="utf-8")
    code, out, err = invoke("ingest", "lists", "custom", "--name", "watch1", "--file", str(watch), "--json")
    assert code == 0, err
    assert json.loads(out)[0]["list"] == "custom:watch1"

    target = tmp_path / "out.ftm.jsonl"
    code, _, err = invoke("export", "ftm", "--lists", "custom:watch1", "--out", str(target))
    assert code == 0, err
    entities = [json.loads(line) for line in target.read_text().splitlines()]
    main = entities[0]
    assert main["schema"] == "Organization" and main["properties"]["name"] == ["ACME PRECISION MACHINING"]
    assert "ACME PM" in main["properties"]["alias"]


@pytest.mark.usefixtures("graph")
def test_retire_delists_a_whole_watch_list_and_keeps_its_history(tmp_path: Path) -> None:
    """Issue #21: `ecgraph lists retire custom:NAME`."""
    watch = tmp_path / "watch.csv"
    watch.write_text("name,country\nACME PRECISION MACHINING,China\nNOVIKOV Anton,Russia\n", encoding="utf-8")
    code, _, err = invoke("ingest", "lists", "custom", "--name", "old", "--file", str(watch), "--json")
    assert code == 0, err

    code, out, err = invoke("lists", "retire", "custom:old", "--json")
    assert code == 0, err
    assert json.loads(out) | {"retired_on": None} == {"list": "custom:old", "status": "retired", "delisted": 2,
                                                      "retired_on": None}
    code, out, _ = invoke("lists", "status", "--json")
    [row] = [r for r in json.loads(out) if r["list"] == "custom:old"]
    assert (row["entries"], row["delisted"], row["versions"]) == (0, 2, 2) and row["retired_on"]
    code, out, _ = invoke("lists", "delta", "custom:old", "--json")
    assert json.loads(out)["removed"] == 2

    code, out, _ = invoke("lists", "retire", "custom:old", "--json")
    assert code == 0 and json.loads(out)["status"] == "already_retired"
    code, out, err = invoke("ingest", "lists", "custom", "--name", "old", "--file", str(watch), "--json")
    assert code == 0, err
    code, out, _ = invoke("lists", "status", "--json")
    [row] = [r for r in json.loads(out) if r["list"] == "custom:old"]
    assert (row["entries"], row["retired_on"]) == (2, None)  # loading it again revives it


def test_retire_refuses_a_public_list_and_names_an_unknown_one() -> None:
    code, _, err = invoke("lists", "retire", "us_ofac_sdn")
    assert code == 2 and "not a custom watch list" in flat(err)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "lists", "--file", "x.csv"], "--file and --url load one source"),
        (["ingest", "lists", "us_ofac_sdm"], "Did you mean 'us_ofac_sdn'"),
        (["ingest", "lists", "custom", "--file", "x.csv"], "custom --name NAME --file FILE"),
        (["ingest", "lists", LIST, "--file", "x.csv", "--live"], "choose one of"),
    ],
)
def test_usage_errors_exit_2_with_what_to_do(args: list[str], message: str) -> None:
    code, _, err = invoke(*args)
    assert code == 2 and message in flat(err)
