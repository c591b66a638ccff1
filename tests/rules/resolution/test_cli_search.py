"""`ecgraph search` (issue 9): one name or a whole file, against entries loaded into the test graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import Graph
from ecgraph.schemas.errors import SourceError

runner = CliRunner()


def test_search_one_name_returns_ranked_explained_candidates(watch_list: Graph) -> None:
    result = runner.invoke(app, ["search", "Rosoboroneksport", "--type", "org", "--country", "RU", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["id"] == "custom:watch:w1"
    assert rows[0]["list"] == "custom:watch" and rows[0]["source_id"] == "w1"
    assert rows[0]["score"] >= 0.86
    assert rows[0]["explanation"]["name"]["matched"] in ("ROSOBORONEXPORT", "ROSOBORONEKSPORT OAO", "Рособоронэкспорт")


def test_search_in_another_script_and_restricted_to_lists(watch_list: Graph) -> None:
    result = runner.invoke(app, ["search", "Рособоронэкспорт", "--json", "--lists", "custom:watch"])
    assert json.loads(result.output)[0]["id"] == "custom:watch:w1"
    result = runner.invoke(app, ["search", "Рособоронэкспорт", "--json", "--lists", "us_trade_csl"])
    assert json.loads(result.output) == []


def test_search_file_streams_one_json_line_per_input(watch_list: Graph, tmp_path: Path) -> None:
    names = tmp_path / "customers.csv"
    names.write_text("name,country,type\nAutel Robotics Co. Ltd,CN,org\nSony Group Corporation,JP,org\n"
                     ",,\nA. ABRAMOV,RU,person\nAcme,US,ship\n", encoding="utf-8")
    result = runner.invoke(app, ["search", "--file", str(names), "--threshold", "0.8"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["line"] for line in lines] == [2, 3, 4, 5, 6]
    assert lines[0]["matches"][0]["source_id"] == "w2"
    assert lines[1]["matches"] == []
    assert "no letters or digits" in lines[2]["error"]
    assert lines[3]["matches"][0]["source_id"] == "w3"
    assert "not one of org, person" in lines[4]["error"]


def test_plain_text_file_and_usage_errors(watch_list: Graph, tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Beihang University\n\nBUAA\n", encoding="utf-8")
    result = runner.invoke(app, ["search", "--file", str(names)])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [m["source_id"] for line in lines for m in line["matches"][:1]] == ["w4", "w4"]
    assert runner.invoke(app, ["search"]).exit_code == 2
    bad = runner.invoke(app, ["search", "\x00\x01"])
    assert bad.exit_code == 2 and "binary" in bad.output


def test_an_unusable_file_is_a_clear_error_naming_it(watch_list: Graph, tmp_path: Path) -> None:
    # (the console entry prints an EcgraphError's message and exits 1; CliRunner keeps the exception)
    missing = runner.invoke(app, ["search", "--file", str(tmp_path / "nowhere.txt")])
    assert isinstance(missing.exception, SourceError)
    assert "nowhere.txt" in str(missing.exception) and "no such file" in str(missing.exception)
    headless = tmp_path / "suppliers.csv"
    headless.write_text("company,country\nAutel Robotics,CN\n", encoding="utf-8")
    result = runner.invoke(app, ["search", "--file", str(headless)])
    assert isinstance(result.exception, SourceError)
    assert "suppliers.csv, line 1" in str(result.exception) and "`name` column" in str(result.exception)


def test_a_long_file_is_screened_on_worker_processes_and_keeps_its_order(
        watch_list: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = ["Autel Robotics Co. Ltd,CN,org", "Sony Group Corporation,JP,org", ",,", "A. ABRAMOV,RU,person",
            "Acme,US,ship"]
    names = tmp_path / "suppliers.csv"
    names.write_text("name,country,type\n" + "\n".join(rows * 120) + "\n", encoding="utf-8")
    monkeypatch.setenv("ECGRAPH_WORKERS", "2")
    result = runner.invoke(app, ["search", "--file", str(names), "--threshold", "0.8"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["line"] for line in lines] == list(range(2, 602))
    for start in range(0, 600, 5):  # every repetition reads like the first
        group = lines[start:start + 5]
        assert group[0]["matches"][0]["source_id"] == "w2"
        assert group[1]["matches"] == [] and "error" in group[2] and "error" in group[4]
        assert group[3]["matches"][0]["source_id"] == "w3"


def _country_feature(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in rows[0]["explanation"]["features"] if f["feature"] == "country"]


@pytest.mark.parametrize("written", ["RU", "Russia", "RUSSIAN FEDERATION", "Russian", "(1) Russia (2) Israel", "ロシア"])
def test_search_reads_the_country_as_written_never_a_disagreement(watch_list: Graph, written: str) -> None:
    """Issue #21: `NORTH KOREA ~ KP` was counted as a disagreement; the one reader gives ISO codes."""
    result = runner.invoke(app, ["search", "Rosoboroneksport", "--type", "org", "--country", written, "--json"])
    assert result.exit_code == 0, result.output
    [feature] = _country_feature(json.loads(result.stdout))
    assert feature["result"] == "agree", feature


def test_search_file_reads_country_columns_and_reports_what_it_cannot_read(watch_list: Graph, tmp_path: Path) -> None:
    names = tmp_path / "customers.csv"
    names.write_text('name,country,type\nRosoboroneksport,"Russia; Belarus",org\nRosoboroneksport,Atlantis,org\n',
                     encoding="utf-8")
    result = runner.invoke(app, ["search", "--file", str(names)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert _country_feature(first["matches"])[0]["result"] == "agree"
    assert second["country_unread"] == ["Atlantis"] and second["matches"][0]["id"] == "custom:watch:w1"
    assert _country_feature(second["matches"]) == []
