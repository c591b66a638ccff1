"""graph/lists.py on the real Neo4j: versions switch last, deltas are readable, status counts are right.

Rows are written directly here (no parser), so these tests pin the Cypher contract ingest relies on.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from ecgraph.graph import Graph, lists
from ecgraph.graph.lists import (
    VersionRows,
    canonical_dump,
    current_version,
    entry_records,
    entry_states,
    list_status,
    version_delta,
    write_version,
)
from ecgraph.schemas import graph_schema_statements


def rows(version: str, *, upserts: list[dict[str, object]], unchanged: list[str] | None = None,
         removed: list[str] | None = None, changed_ids: list[str] | None = None) -> VersionRows:
    counts = {"added": sum(1 for u in upserts if u["change"] == "added"),
              "changed": sum(1 for u in upserts if u["change"] == "changed"),
              "removed": len(removed or []), "unchanged": len(unchanged or [])}
    return VersionRows(
        list_id="zz_test", version=version, version_id=f"zz_test@{version}",
        list_props={"source": "zz_test", "title": "Test list", "kind": "public"},
        version_props={"list": "zz_test", "version": version, "sha256": version * 8,
                       "loaded_at": datetime(2026, 3, 1, tzinfo=UTC), "fetched_at": datetime(2026, 3, 1, tzinfo=UTC)},
        upserts=upserts, unchanged_ids=unchanged or [], removed_ids=removed or [], changed_ids=changed_ids or [],
        delisted_on=date(2026, 3, 2), counts={**counts, "entries": len(upserts) + len(unchanged or [])},
    )


def entry(eid: str, name: str, change: str = "added", fields: list[str] | None = None) -> dict[str, object]:
    return {"id": f"zz_test:{eid}", "change": change, "fields": fields or [],
            "props": {"source": "zz_test", "source_id": eid, "list": "zz_test", "name": name,
                      "content_hash": name.lower(),
                      "record": f'{{"name": "{name}"}}'}}


def test_the_list_schema_is_part_of_the_migration() -> None:
    statements = " ".join(s for f, s in graph_schema_statements() if f == "graph/10_lists.cypher")
    for label in ("List", "ListVersion", "ListEntry", "Identifier"):
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in statements


def test_a_version_becomes_current_only_when_written_and_status_counts_it(graph: Graph) -> None:
    write_version(graph, rows("a", upserts=[entry("1", "ALPHA"), entry("2", "BRAVO")]))
    assert current_version(graph, "zz_test")["status"] == "complete"  # type: ignore[index]
    write_version(graph, rows("b", upserts=[entry("3", "CHARLIE"), entry("2", "BRAVO LTD", "changed", ["name"])],
                              unchanged=[], removed=["zz_test:1"], changed_ids=["zz_test:2"]))
    [status] = list_status(graph)
    assert status["list"] == "zz_test" and status["version"] == "b"
    assert (status["entries"], status["delisted"], status["versions"]) == (2, 1, 2)
    assert status["last_delta"] == {"added": 1, "changed": 1, "removed": 1}
    assert isinstance(status["fetched_at"].to_native(), datetime)

    states = entry_states(graph, "zz_test")
    assert states["zz_test:1"]["status"] == "delisted"
    assert states["zz_test:2"]["content_hash"] == "bravo ltd"

    delta = version_delta(graph, "zz_test")
    assert delta is not None
    assert [(c["id"], c["change"], c["fields"]) for c in delta["changes"]] == [
        ("zz_test:3", "added", []), ("zz_test:2", "changed", ["name"]), ("zz_test:1", "removed", [])]
    first = version_delta(graph, "zz_test", "a")
    assert first is not None and {c["change"] for c in first["changes"]} == {"added"}
    assert version_delta(graph, "zz_test", "nope") is None and version_delta(graph, "zz_other") is None


def test_unchanged_entries_join_the_new_version_without_losing_history(graph: Graph) -> None:
    write_version(graph, rows("a", upserts=[entry("1", "ALPHA")]))
    counts = write_version(graph, rows("b", upserts=[], unchanged=["zz_test:1"]))
    assert counts.nodes_created == 1  # the ListVersion node only
    versions = graph.read("MATCH (:ListEntry {id: 'zz_test:1'})-[r:IN_VERSION]->(v) RETURN v.version AS v, "
                          "r.change AS c ORDER BY v")
    assert versions == [{"v": "a", "c": "added"}, {"v": "b", "c": "unchanged"}]
    assert graph.read("MATCH (:List {id: 'zz_test'})-[:CURRENT_VERSION]->(v)-[:FOLLOWS]->(p) "
                      "RETURN v.version AS v, p.version AS p") == [{"v": "b", "p": "a"}]


def test_entry_records_pages_through_active_entries_by_id(graph: Graph) -> None:
    write_version(graph, rows("a", upserts=[entry(str(n), f"N{n}") for n in range(7)]))
    write_version(graph, rows("b", upserts=[], unchanged=[f"zz_test:{n}" for n in range(6)], removed=["zz_test:6"]))
    assert len(list(entry_records(graph, ["zz_test"], page=2))) == 6
    assert len(list(entry_records(graph, None, include_delisted=True, page=3))) == 7
    assert list(entry_records(graph, ["other"])) == []


def _wipe(graph: Graph) -> None:
    graph.write_autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")


def test_entries_the_graph_never_held_are_created_exactly_as_an_upsert_writes_them(graph: Graph) -> None:
    first = rows("a", upserts=[entry("1", "ALPHA"), entry("2", "BRAVO")])
    first.list_props = {**first.list_props, "country": "US"}
    first.addresses = [{"entry": "zz_test:1", "id": "addr:1", "full": "Office 12, Dubai", "street": None,
                        "city": "Dubai", "region": None, "postal_code": None, "country": "AE"}]
    first.countries = [{"entry": "zz_test:2", "iso2": "RU", "role": "nationality"}]
    first.links = [{"entry": "zz_test:2", "target": "zz_test:1", "kind": "associate", "note": None,
                    "share_pct": None}]
    second = rows("b", upserts=[entry("3", "CHARLIE")], unchanged=["zz_test:1"], removed=["zz_test:2"])
    second.list_props = first.list_props
    write_version(graph, first)
    write_version(graph, second)
    merged = canonical_dump(graph)
    _wipe(graph)
    write_version(graph, replace(first, upserts=[], created=first.upserts))
    write_version(graph, replace(second, upserts=[], created=second.upserts))
    assert canonical_dump(graph) == merged
    labels = graph.read("MATCH (e:ListEntry) RETURN e.id AS id, labels(e) AS labels ORDER BY id")
    assert [sorted(r["labels"]) for r in labels] == [["ListEntry", "USList"]] * 3


def test_a_version_bigger_than_one_transaction_writes_the_same_graph_in_batches(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = rows("a", upserts=[entry(str(n), f"NAME {n}") for n in range(5)])
    first.countries = [{"entry": f"zz_test:{n}", "iso2": "RU", "role": "nationality"} for n in range(5)]
    second = rows("b", upserts=[entry("9", "NINE")], unchanged=[f"zz_test:{n}" for n in range(4)],
                  removed=["zz_test:4"])
    write_version(graph, replace(first, upserts=[], created=first.upserts))  # 10 rows: one transaction
    write_version(graph, second)
    in_one = canonical_dump(graph)
    _wipe(graph)
    monkeypatch.setattr(lists, "BATCH", 2)  # 10 rows: a transaction per step and 2 rows, the version last
    write_version(graph, replace(first, upserts=[], created=first.upserts))
    write_version(graph, second)
    assert canonical_dump(graph) == in_one
    assert current_version(graph, "zz_test")["version"] == "b"  # type: ignore[index]


def test_the_canonical_dump_leaves_out_only_clock_and_run_fields(graph: Graph) -> None:
    write_version(graph, rows("a", upserts=[entry("1", "ALPHA")]))
    before = canonical_dump(graph)
    graph.write("MATCH (v:ListVersion) SET v.loaded_at = datetime(), v.run_id = 'other'")
    assert canonical_dump(graph) == before
    graph.write("MATCH (e:ListEntry) SET e.name = 'ALPHA LTD'")
    assert canonical_dump(graph) != before


def test_repeated_detail_rows_give_one_edge_each_with_the_last_rows_values(graph: Graph) -> None:
    """Detail edges are created, not merged: a source repeating an address, country, identifier or
    link of an entry still gives one edge, as merging did (identifier and link carry the last row's
    values), whether the entry is new or changed."""
    def details(version: str, *, change: str) -> VersionRows:
        row = entry("1", "ALPHA" if change == "added" else "ALPHA LTD", change)
        version_rows = rows(version, upserts=[row, entry("2", "BRAVO", change)],
                            changed_ids=["zz_test:1", "zz_test:2"] if change == "changed" else None)
        address = {"entry": "zz_test:1", "id": "addr:1", "full": "Office 12, Dubai", "street": None, "city": "Dubai",
                   "region": None, "postal_code": None, "country": "AE"}
        version_rows.addresses = [address, {**address, "city": "DUBAI"}]
        version_rows.countries = [{"entry": "zz_test:1", "iso2": "RU", "role": "nationality"}] * 2
        version_rows.identifiers = [
            {"entry": "zz_test:1", "id": "passport:P1", "type": "passport", "value": "P-1", "value_norm": "P1",
             "country": None, "note": "first"},
            {"entry": "zz_test:1", "id": "passport:P1", "type": "passport", "value": "P 1", "value_norm": "P1",
             "country": "RU", "note": "second"}]
        version_rows.links = [{"entry": "zz_test:1", "target": "zz_test:2", "kind": "associate", "note": note,
                               "share_pct": None} for note in ("first", "second")]
        return version_rows

    for how in ("upserted", "created"):
        _wipe(graph)
        version_rows = details("a", change="added")
        if how == "created":
            version_rows = replace(version_rows, upserts=[], created=version_rows.upserts)
        write_version(graph, version_rows)
        assert _detail_edges(graph) == [
            ("HAS_COUNTRY", "RU", {"role": "nationality"}),
            ("HAS_IDENTIFIER", "passport:P1", {"country": "RU", "note": "second"}),
            ("LINKED_TO", "zz_test:2", {"kind": "associate", "note": "second"}),
            ("LOCATED_AT", "addr:1", {})], how
        [address] = graph.read("MATCH (a:Address)-[:IN_COUNTRY]->(c:Country) RETURN a.city AS city, c.iso2 AS iso2")
        assert address == {"city": "Dubai", "iso2": "AE"}  # the first row made the node
        [ident] = graph.read("MATCH (i:Identifier) RETURN i.value AS value")
        assert ident == {"value": "P-1"}
    edges = _detail_edges(graph)
    write_version(graph, details("b", change="changed"))  # a changed entry's details are cleared, then drawn again
    assert _detail_edges(graph) == edges


def _detail_edges(graph: Graph) -> list[tuple[str, str, dict[str, object]]]:
    found = graph.read("MATCH (:ListEntry {id: 'zz_test:1'})-[r]->(n) WHERE NOT type(r) IN ['OF_LIST', 'IN_VERSION'] "
                       "RETURN type(r) AS type, coalesce(n.id, n.iso2) AS target, properties(r) AS props "
                       "ORDER BY type, target")
    return [(r["type"], r["target"], r["props"]) for r in found]


def _name_index_states(graph: Graph) -> list[str]:
    return [row["state"] for row in graph.read("SHOW INDEXES YIELD name, state WHERE name = $name RETURN state",
                                               name=lists.NAME_INDEX)]


def _found_by_name(graph: Graph, word: str) -> list[str]:
    rows = graph.read("CALL db.index.fulltext.queryNodes($index, $word) YIELD node RETURN node.id AS id",
                      index=lists.NAME_INDEX, word=word)
    return [row["id"] for row in rows]


def test_a_first_load_fills_the_name_index_once_after_its_entries_are_written(graph: Graph) -> None:
    with lists.name_index_filled_after(graph) as dropped:
        assert dropped
        assert _name_index_states(graph) == []  # no commit of the load updates it
        write_version(graph, rows("v1", upserts=[entry("1", "Ivan Petrov"), entry("2", "Acme Trading")]))
    assert _name_index_states(graph) == ["ONLINE"]
    assert _found_by_name(graph, "petrov") == ["zz_test:1"]


def test_loads_into_a_graph_with_entries_keep_the_name_index_searchable(graph: Graph) -> None:
    write_version(graph, rows("v1", upserts=[entry("1", "Ivan Petrov")]))
    with lists.name_index_filled_after(graph) as dropped:
        assert not dropped
        assert _name_index_states(graph) == ["ONLINE"]
        write_version(graph, rows("v2", upserts=[entry("2", "Acme Trading")], unchanged=["zz_test:1"]))
        assert _found_by_name(graph, "acme") == ["zz_test:2"]


def test_a_failed_first_load_still_gets_its_name_index_back(graph: Graph) -> None:
    with pytest.raises(RuntimeError, match="the load failed"), lists.name_index_filled_after(graph):
        write_version(graph, rows("v1", upserts=[entry("1", "Ivan Petrov")]))
        raise RuntimeError("the load failed")
    assert _name_index_states(graph) == ["ONLINE"]
    assert _found_by_name(graph, "ivan") == ["zz_test:1"]
