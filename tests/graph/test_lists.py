"""graph/lists.py on the real Neo4j: versions switch last, deltas are readable, status counts are right.

Rows are written directly here (no parser), so these tests pin the Cypher contract ingest relies on.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from ecgraph.graph import Graph
from ecgraph.graph.lists import (
    VersionRows,
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
                      "content_hash": name.lower(), "field_hashes": [f"name:{name.lower()}"],
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
