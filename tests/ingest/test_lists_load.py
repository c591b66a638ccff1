"""Loading versions of a list: idempotent reloads, deltas, delisting, bad files and bad records.

Runs the real pipeline (archive → parse → diff → Neo4j) on the tiny `zz_demo_list` source from
tests/ingest/demo_list.py; each later version is an edited copy of the first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ecgraph.graph import Graph, Settings
from ecgraph.graph.lists import canonical_dump, current_version, version_delta
from ecgraph.ingest.lists import load_custom_list, load_list, reparse_version
from ecgraph.schemas.errors import SourceError
from tests.ingest.demo_list import DEMO_CSV, DemoList, edited, register_demo, write_demo
from tests.ingest.http_fixture import FixtureServer, serve

LIST = "zz_demo_list"
DAY1, DAY2 = date(2026, 3, 1), date(2026, 3, 2)


@pytest.fixture(autouse=True)
def demo_source(monkeypatch: pytest.MonkeyPatch) -> None:
    register_demo(monkeypatch)


def entries(graph: Graph) -> dict[str, dict[str, object]]:
    rows = graph.read("MATCH (e:ListEntry {list: $list}) RETURN e.id AS id, properties(e) AS p", list=LIST)
    return {row["id"]: row["p"] for row in rows}


def test_a_first_load_writes_entries_with_their_countries_addresses_ids_and_links(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    report = load_list(graph, LIST, file=write_demo(tmp_path / "v1"), data_dir=settings.data_dir)
    assert (report.status, report.entries, report.added, report.changed, report.removed) == ("loaded", 5, 5, 0, 0)
    assert report.version and report.version.startswith("sha256:")
    stored = entries(graph)
    assert set(stored) == {f"{LIST}:{n}" for n in "12345"}
    assert stored[f"{LIST}:2"]["names"] == ["IVANOV, Petr Sergeevich", "IVANOV Pyotr"]
    assert "names_norm" not in stored[f"{LIST}:2"], "nothing reads a normalised copy of the names"
    assert stored[f"{LIST}:1"]["status"] == "active"
    links = graph.read("MATCH (a:ListEntry)-[r:LINKED_TO]->(b:ListEntry) RETURN a.id AS a, b.id AS b, r.kind AS k")
    assert sorted((r["a"], r["b"]) for r in links) == [(f"{LIST}:2", f"{LIST}:1"), (f"{LIST}:4", f"{LIST}:3")]
    facts = graph.read(
        """
        MATCH (e:ListEntry {id: $id})
        RETURN [(e)-[r:HAS_COUNTRY]->(c) | c.iso2 + '/' + r.role] AS countries,
               [(e)-[:HAS_IDENTIFIER]->(i) | i.type + ':' + i.value] AS ids
        """, id=f"{LIST}:2")[0]
    assert facts == {"countries": ["RU/nationality"], "ids": ["passport:P123456"]}
    address = graph.read("MATCH (:ListEntry {id: $id})-[:LOCATED_AT]->(a)-[:IN_COUNTRY]->(c) "
                         "RETURN a.full AS full, c.iso2 AS iso2", id=f"{LIST}:1")
    assert address == [{"full": "Office 12, Dubai", "iso2": "AE"}]
    assert current_version(graph, LIST)["entries"] == 5  # type: ignore[index]


def test_loading_the_same_version_twice_changes_nothing(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    path = write_demo(tmp_path / "v1")
    first = load_list(graph, LIST, file=path, data_dir=settings.data_dir)
    again = load_list(graph, LIST, file=path, data_dir=settings.data_dir)
    assert first.writes > 0
    assert (again.status, again.writes, again.version) == ("unchanged", 0, first.version)
    assert graph.read("MATCH (v:ListVersion) RETURN count(v) AS n")[0]["n"] == 1


def test_an_update_then_the_same_bytes_again_leave_the_graph_exactly_as_it_was(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    load_list(graph, LIST, file=write_demo(tmp_path / "v1"), data_dir=settings.data_dir, today=DAY1)
    v2 = write_demo(tmp_path / "v2", edited(DEMO_CSV, drop="3,", add="6,NEW HORIZON ELECTRONICS,organization,HK,,,,"))
    update = load_list(graph, LIST, file=v2, data_dir=settings.data_dir, today=DAY2)
    assert (update.added, update.removed, update.unchanged) == (1, 1, 4)
    after_update = canonical_dump(graph)
    again = load_list(graph, LIST, file=v2, data_dir=settings.data_dir, today=DAY2)
    assert (again.status, again.writes) == ("unchanged", 0)
    assert canonical_dump(graph) == after_update


def test_a_new_version_records_added_changed_with_fields_and_removed(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    load_list(graph, LIST, file=write_demo(tmp_path / "v1"), data_dir=settings.data_dir, today=DAY1)
    v2 = edited(DEMO_CSV, drop="3,", add="6,NEW HORIZON ELECTRONICS,organization,HK,,,,",
                replace=("SHENZHEN BRIGHT COMPONENTS CO", "SHENZHEN BRIGHT COMPONENTS CO LTD"))
    v2 = v2.replace("Sergeevich\",person,RU", "Sergeevich\",person,BY")
    report = load_list(graph, LIST, file=write_demo(tmp_path / "v2", v2), data_dir=settings.data_dir, today=DAY2)
    assert (report.added, report.changed, report.removed, report.unchanged) == (1, 2, 1, 2)

    delta = version_delta(graph, LIST)
    assert delta is not None and delta["version"]["version"] == report.version
    changes = {c["id"].split(":")[-1]: (c["change"], c["fields"]) for c in delta["changes"]}
    assert changes == {
        "6": ("added", []),
        "2": ("changed", ["countries"]),
        "5": ("changed", ["name"]),
        "3": ("removed", []),
    }
    # removed = delisted with the date, never deleted; its links and history stay
    gone = entries(graph)[f"{LIST}:3"]
    assert gone["status"] == "delisted" and gone["delisted_on"].to_native() == DAY2  # type: ignore[attr-defined]
    assert graph.read("MATCH (:ListEntry {id: $id})<-[:LINKED_TO]-(x) RETURN x.id AS x", id=f"{LIST}:3") == [
        {"x": f"{LIST}:4"}]
    assert graph.read("MATCH (:ListEntry {id: $id})-[:HAS_COUNTRY]->(c) RETURN c.iso2 AS c", id=f"{LIST}:2") == [
        {"c": "BY"}], "the changed entry's country edges are rebuilt"
    # the first version's delta is still there, and the versions are chained
    first = version_delta(graph, LIST, version=version_delta(graph, LIST)["version"]["version"])  # type: ignore[index]
    assert first is not None
    chain = graph.read("MATCH (:List {id: $l})-[:CURRENT_VERSION]->(v)-[:FOLLOWS]->(p) RETURN p.added AS a", l=LIST)
    assert chain == [{"a": 5}]


def test_a_graph_an_older_ecgraph_wrote_updates_to_the_same_graph_and_loses_its_unread_properties(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    v1, v2 = write_demo(tmp_path / "v1"), write_demo(tmp_path / "v2", edited(
        DEMO_CSV, drop="3,", replace=("SHENZHEN BRIGHT COMPONENTS CO", "SHENZHEN BRIGHT COMPONENTS LTD")))
    load_list(graph, LIST, file=v1, data_dir=settings.data_dir, today=DAY1)
    load_list(graph, LIST, file=v2, data_dir=settings.data_dir, today=DAY2)
    written_now = canonical_dump(graph)
    graph.write("MATCH (n) DETACH DELETE n")
    load_list(graph, LIST, file=v1, data_dir=settings.data_dir, today=DAY1)
    # what ecgraph wrote on every entry until session 13 (field_hashes) and 14 (names_norm)
    graph.write("MATCH (e:ListEntry) SET e.names_norm = [toLower(e.name)], e.field_hashes = ['name=0123abcd']")
    update = load_list(graph, LIST, file=v2, data_dir=settings.data_dir, today=DAY2)
    assert (update.changed, update.removed, update.unchanged) == (1, 1, 3)
    assert canonical_dump(graph) == written_now, "the same graph as one the current writer loaded throughout"
    assert graph.read("MATCH (e:ListEntry) WHERE e.names_norm IS NOT NULL OR e.field_hashes IS NOT NULL "
                      "RETURN e.id AS id") == [], "unchanged and delisted entries lose them too"


def test_a_delisted_entry_that_comes_back_is_added_again(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    load_list(graph, LIST, file=write_demo(tmp_path / "v1"), data_dir=settings.data_dir)
    load_list(graph, LIST, file=write_demo(tmp_path / "v2", edited(DEMO_CSV, drop="3,")), data_dir=settings.data_dir)
    back = load_list(graph, LIST, file=write_demo(tmp_path / "v3"), data_dir=settings.data_dir)
    assert (back.added, back.changed, back.removed) == (1, 0, 0)
    assert back.version and back.version.endswith(back.sha256[:8])  # type: ignore[index]
    entry = entries(graph)[f"{LIST}:3"]
    assert entry["status"] == "active" and entry.get("delisted_on") is None


def test_a_link_to_an_entry_missing_until_now_is_drawn_when_it_arrives(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    first = load_list(graph, LIST, file=write_demo(tmp_path / "v1", edited(DEMO_CSV, drop="3,")),
                      data_dir=settings.data_dir)
    assert any("link target" in w for w in first.warnings), "4 links to 3, which this version lacks"
    second = load_list(graph, LIST, file=write_demo(tmp_path / "v2"), data_dir=settings.data_dir)
    assert (second.added, second.unchanged) == (1, 4)
    assert graph.read("MATCH (a:ListEntry)-[:LINKED_TO]->(:ListEntry {id: $id}) RETURN a.id AS a",
                      id=f"{LIST}:3") == [{"a": f"{LIST}:4"}]


def test_a_malformed_file_names_file_and_line_and_the_previous_version_stays(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    good = load_list(graph, LIST, file=write_demo(tmp_path / "v1"), data_dir=settings.data_dir)
    broken = write_demo(tmp_path / "bad", DEMO_CSV.replace("4,OCEAN PEARL,vessel,KP,,,,3", "4,OCEAN PEARL,vessel"))
    with pytest.raises(SourceError) as info:
        load_list(graph, LIST, file=broken, data_dir=settings.data_dir)
    assert str(broken) in str(info.value) and "line 5" in str(info.value)
    assert current_version(graph, LIST)["version"] == good.version  # type: ignore[index]
    assert len(entries(graph)) == 5 and graph.read("MATCH (v:ListVersion) RETURN count(v) AS n")[0]["n"] == 1


def test_a_truncated_file_is_refused_by_the_expected_count(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    good = load_list(graph, LIST, file=write_demo(tmp_path / "v1"), data_dir=settings.data_dir)
    cut = write_demo(tmp_path / "cut", "\n".join(DEMO_CSV.splitlines()[:2]) + "\n")
    with pytest.raises(SourceError, match="looks truncated"):
        load_list(graph, LIST, file=cut, data_dir=settings.data_dir)
    assert current_version(graph, LIST)["version"] == good.version  # type: ignore[index]
    assert all(e["status"] == "active" for e in entries(graph).values())


def test_a_bad_record_goes_to_the_rejects_file_and_the_rest_loads(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    text = edited(DEMO_CSV, add="8,,organization,IR,,,,")
    report = load_list(graph, LIST, file=write_demo(tmp_path / "v1", text), data_dir=settings.data_dir)
    assert (report.entries, report.rejects) == (5, 1)
    assert report.rejects_file and Path(report.rejects_file).parent == settings.data_dir / "rejects"
    [line] = Path(report.rejects_file).read_text().splitlines()
    reject = json.loads(line)
    assert reject["line"] == 7 and reject["reasons"] == ["the name is empty"] and reject["raw"]["id"] == "8"
    assert current_version(graph, LIST)["rejects"] == 1  # type: ignore[index]


def test_every_loaded_version_is_archived_and_can_be_parsed_again(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    path = write_demo(tmp_path / "v1")
    report = load_list(graph, LIST, file=path, data_dir=settings.data_dir)
    path.unlink()  # the user's copy is gone; the archive is not
    refs = current_version(graph, LIST)["files"]  # type: ignore[index]
    assert refs == report.files
    again = reparse_version(settings.data_dir, LIST, refs)
    assert sorted(e.source_id for e in again.entries) == ["1", "2", "3", "4", "5"]


@pytest.fixture
def demo_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FixtureServer]:
    write_demo(tmp_path / "www")
    with serve(tmp_path / "www") as server:
        monkeypatch.setattr(DemoList, "data_url", server.url("normal/demo.csv"))
        yield server


def test_live_loads_use_a_conditional_get_and_a_304_writes_nothing(
    graph: Graph, settings: Settings, demo_server: FixtureServer
) -> None:
    first = load_list(graph, LIST, live=True, data_dir=settings.data_dir)
    assert (first.status, first.origin, first.added) == ("loaded", "live", 5)
    stored = current_version(graph, LIST)
    assert stored is not None and stored["urls"] == [f"list={demo_server.url('normal/demo.csv')}"]
    again = load_list(graph, LIST, live=True, data_dir=settings.data_dir)
    assert (again.status, again.writes) == ("not_modified", 0)
    assert demo_server.requests[-1][2]["If-None-Match"] == stored["etags"][0].split("=", 1)[1]


def test_a_truncated_download_keeps_the_previous_version(
    graph: Graph, settings: Settings, demo_server: FixtureServer
) -> None:
    good = load_list(graph, LIST, live=True, data_dir=settings.data_dir)
    with pytest.raises(SourceError, match="zz_demo_list"):
        load_list(graph, LIST, url=demo_server.url("truncated/demo.csv"), data_dir=settings.data_dir)
    assert current_version(graph, LIST)["version"] == good.version  # type: ignore[index]


def test_a_custom_watch_list_loads_from_csv_and_jsonl_with_the_same_versioning(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    csv_file = tmp_path / "watch.csv"
    csv_file.write_text(
        "id,name,aliases,country,type,identifiers\n"
        "w1,ACME PRECISION MACHINING,ACME PM;ACME,China,company,registration:91440300MA5F\n"
        "w2,\"NOVIKOV, Anton\",,RU,person,passport:7512 345678\n"
        "w3,MYSTERY CORP,,Atlantis,organization,\n",
        encoding="utf-8",
    )
    report = load_custom_list(graph, "analyst1", csv_file, data_dir=settings.data_dir)
    # issue #21: a country no one can read is kept as text and reported, never a reason to drop the row
    assert (report.list, report.entries, report.rejects) == ("custom:analyst1", 3, 0)
    assert any("'Atlantis'" in warning for warning in report.warnings)
    stored = graph.read("MATCH (e:ListEntry {list: 'custom:analyst1'}) RETURN e.id AS id, e.names AS names "
                        "ORDER BY id")
    assert stored[0] == {"id": "custom:analyst1:w1", "names": ["ACME PRECISION MACHINING", "ACME PM", "ACME"]}

    jsonl = tmp_path / "watch.jsonl"
    jsonl.write_text(
        json.dumps({"id": "w1", "name": "ACME PRECISION MACHINING", "aliases": ["ACME PM", "ACME"],
                    "country": "CN", "type": "organization",
                    "identifiers": [{"type": "registration", "value": "91440300MA5F"}]}) + "\n",
        encoding="utf-8",
    )
    second = load_custom_list(graph, "analyst1", jsonl, data_dir=settings.data_dir)
    assert (second.added, second.changed, second.removed, second.unchanged) == (0, 0, 2, 1)
    with pytest.raises(SourceError, match="not allowed"):
        load_custom_list(graph, "bad name!", jsonl, data_dir=settings.data_dir)
