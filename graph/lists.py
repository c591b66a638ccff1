"""Every Cypher statement about sanctions / end-user lists: versions, entries, deltas, status.

The model (schemas/model/*.yaml documents each node and edge):

    (:ListEntry)-[:OF_LIST]->(:List)<-[:OF_LIST]-(:ListVersion)      one List per source id or custom:NAME
    (:List)-[:CURRENT_VERSION]->(:ListVersion)-[:FOLLOWS]->(:ListVersion)
    (:ListEntry)-[:IN_VERSION {change: added|changed|unchanged, fields}]->(:ListVersion)
    (:ListEntry)-[:REMOVED_IN]->(:ListVersion)                        removed = delisted, never deleted
    (:ListEntry)-[:LOCATED_AT]->(:Address)-[:IN_COUNTRY]->(:Country)
    (:ListEntry)-[:HAS_COUNTRY {role}]->(:Country)
    (:ListEntry)-[:HAS_IDENTIFIER {country, note}]->(:Identifier {type, value})
    (:ListEntry)-[:LINKED_TO {kind, note, share_pct}]->(:ListEntry)   links the source itself states

Callers (ingest/lists.py) compute the delta in Python from one read of `entry_states` and hand
plain rows to `write_version`, which writes in UNWIND batches (a small version in one transaction) and
switches the list's current version last, so a list only ever points at a complete version.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, LiteralString

from ecgraph.graph.connection import Graph, WriteCounts, batched
from ecgraph.schemas import graph_schema_statements

__all__ = [
    "VersionRows",
    "canonical_dump",
    "current_version",
    "entry_records",
    "entry_states",
    "list_status",
    "list_versions",
    "name_index_filled_after",
    "retire_list",
    "stored_records",
    "version_delta",
    "version_exists",
    "write_version",
]

BATCH = 5000  # rows per transaction: fewer commits; a batch of entries is a few MB of parameters

# A list's write queries are planned once per server, not once per list:
# - each batch query reads its rows as `$batch.rows`, a list inside a map, not as a list parameter `$rows`:
#   measured on one server, `UNWIND $rows` queries were planned anew whenever a batch's row count differed
#   much from the last one (Neo4j keys cached plans on list parameters' sizes), and CREATE_ENTRIES' plan
#   costs 0.3-0.7 server CPU-s to make: more than writing a small list's rows. A map's size is not in the key.
# - `replan=skip`: each query finds its nodes by a unique id (or merges on one), the same plan on an empty
#   graph as on a full one, but Neo4j replans a query when its labels' counts have moved enough since, which
#   a list load's own writes always do. (A schema change still clears the plan cache.)
# Server CPU of a small list's first load, the same lists in the same order on one server each: us_bis_mieu
# (13 entries) 0.77 CPU-s as before, 0.42 with both, 0.72 with the map alone; jp_mofa_russia_specified (2
# entries) 1.35, 0.33, 0.72; replan=skip alone (other order) 1.45.
_PLAN_ONCE: LiteralString = "CYPHER replan=skip"

BEGIN_VERSION: LiteralString = _PLAN_ONCE + """
MERGE (l:List {id: $list})
SET l += $list_props
MERGE (v:ListVersion {id: $version_id})
SET v += $version_props, v.status = 'loading'
MERGE (v)-[:OF_LIST]->(l)
"""

UPSERT_ENTRIES: LiteralString = _PLAN_ONCE + """
MATCH (l:List {id: $list})
MATCH (v:ListVersion {id: $version_id})
UNWIND $batch.rows AS row
MERGE (e:ListEntry {id: row.id})
ON CREATE SET e.first_seen_version = $version
SET e += row.props, e.status = 'active', e.delisted_on = null, e.last_seen_version = $version, e:$($labels)
MERGE (e)-[:OF_LIST]->(l)
MERGE (e)-[r:IN_VERSION]->(v)
SET r.change = row.change, r.fields = row.fields
"""

# Entries the graph never held (most of a first load): created outright, no MERGE. The second label is the
# publisher's jurisdiction (`list_labels`), so Neo4j Browser's style sheet colours entries by list family; it is
# a parameter (Cypher's dynamic labels), so every list runs the same query text and the server plans and
# compiles it once, not once per family.
CREATE_ENTRIES: LiteralString = _PLAN_ONCE + """
MATCH (l:List {id: $list})
MATCH (v:ListVersion {id: $version_id})
UNWIND $batch.rows AS row
CREATE (e:$($labels))
SET e += row.props, e.id = row.id, e.first_seen_version = $version, e.status = 'active',
    e.last_seen_version = $version
CREATE (e)-[:OF_LIST]->(l)
CREATE (e)-[:IN_VERSION {change: row.change, fields: row.fields}]->(v)
"""

# The detail edges (countries, identifiers, addresses) of the version's new and changed entries, one flat row
# per edge, after the entries and the nodes they point to exist. An entry's detail edges are either new or were
# just cleared (`CLEAR_DETAILS`), so they are CREATEd from rows deduplicated in Python, not merged. Flat rows
# instead of three subqueries per entry over nested lists: one query shape for new and changed entries alike.
# Measured, the 14 bundled lists loaded four times each way on one warm server: 1.8 server CPU-s less of ~14,
# GC about half; `benchmarks.lists_load`'s first loads showed no change beyond its run-to-run noise. The
# canonical dump is identical (343,280 lines, sha256 5d61c7b85ad5c3ce).
CREATE_COUNTRY_EDGES: LiteralString = _PLAN_ONCE + """
UNWIND $batch.rows AS row
MATCH (e:ListEntry {id: row.entry})
MATCH (k:Country {iso2: row.iso2})
CREATE (e)-[:HAS_COUNTRY {role: row.role}]->(k)
"""

CREATE_IDENTIFIER_EDGES: LiteralString = _PLAN_ONCE + """
UNWIND $batch.rows AS row
MATCH (e:ListEntry {id: row.entry})
MATCH (n:Identifier {id: row.id})
CREATE (e)-[:HAS_IDENTIFIER {country: row.country, note: row.note}]->(n)
"""

CREATE_ADDRESS_EDGES: LiteralString = _PLAN_ONCE + """
UNWIND $batch.rows AS row
MATCH (e:ListEntry {id: row.entry})
MATCH (a:Address {id: row.id})
CREATE (e)-[:LOCATED_AT]->(a)
"""

# The family label of a list's entries, by the list's country (from code only, never from input).
FAMILY_LABELS = {"JP": "JapaneseList", "US": "USList", "UN": "UNList", "EU": "EUList", "GB": "UKList"}
OTHER_FAMILY = "OtherList"


def list_labels(country: str | None) -> list[str]:
    """`ListEntry` and the family label of a list from `country` (JP, US, UN, EU, GB; anything else Other)."""
    return ["ListEntry", FAMILY_LABELS.get(country or "", OTHER_FAMILY)]


CLEAR_DETAILS: LiteralString = _PLAN_ONCE + """
UNWIND $batch.rows AS id
MATCH (e:ListEntry {id: id})-[r:LOCATED_AT|HAS_COUNTRY|HAS_IDENTIFIER|LINKED_TO]->()
DELETE r
"""

# The nodes detail edges point to, one row per distinct node. Addresses and identifiers are shared
# between entries and lists, so they are merged; the first row of a node sets its properties.
WRITE_COUNTRIES: LiteralString = _PLAN_ONCE + """
UNWIND $batch.rows AS iso2
MERGE (:Country {iso2: iso2})
"""

WRITE_ADDRESSES: LiteralString = _PLAN_ONCE + """
UNWIND $batch.rows AS row
MERGE (a:Address {id: row.id})
ON CREATE SET a.full = row.full, a.street = row.street, a.city = row.city, a.region = row.region,
              a.postal_code = row.postal_code, a.country = row.country
WITH a, row WHERE row.country IS NOT NULL
MATCH (c:Country {iso2: row.country})
MERGE (a)-[:IN_COUNTRY]->(c)
"""

WRITE_IDENTIFIERS: LiteralString = _PLAN_ONCE + """
UNWIND $batch.rows AS row
MERGE (i:Identifier {id: row.id})
ON CREATE SET i.type = row.type, i.value = row.value, i.value_norm = row.value_norm
"""

# after every entry of the version exists; a link's source entry is new, or its links were just cleared
WRITE_LINKS: LiteralString = _PLAN_ONCE + """
UNWIND $batch.rows AS row
MATCH (e:ListEntry {id: row.entry})
MATCH (t:ListEntry {id: row.target})
CREATE (e)-[:LINKED_TO {kind: row.kind, note: row.note, share_pct: row.share_pct}]->(t)
"""

# the version is new (a crashed load's version is never reused), so its edges are created, not merged
MARK_UNCHANGED: LiteralString = _PLAN_ONCE + """
MATCH (v:ListVersion {id: $version_id})
UNWIND $batch.rows AS id
MATCH (e:ListEntry {id: id})
SET e.last_seen_version = $version
CREATE (e)-[:IN_VERSION {change: 'unchanged'}]->(v)
"""

# Properties older ecgraph versions wrote on entries and nothing reads any more (`field_hashes` until session
# 13, `names_norm` until session 14): removed from a list's entries by its next new version, so an old graph
# ends up holding only what schemas/model/ declares (`ecgraph schema --check`).
DROP_LEGACY: LiteralString = _PLAN_ONCE + """
UNWIND $batch.rows AS id
MATCH (e:ListEntry {id: id})
REMOVE e.field_hashes, e.names_norm
"""

MARK_REMOVED: LiteralString = _PLAN_ONCE + """
MATCH (v:ListVersion {id: $version_id})
UNWIND $batch.rows AS id
MATCH (e:ListEntry {id: id})
SET e.status = 'delisted', e.delisted_on = $delisted_on
MERGE (e)-[:REMOVED_IN]->(v)
"""

FINISH_VERSION: LiteralString = _PLAN_ONCE + """
MATCH (l:List {id: $list})
MATCH (v:ListVersion {id: $version_id})
OPTIONAL MATCH (l)-[old:CURRENT_VERSION]->(prev:ListVersion)
FOREACH (_ IN CASE WHEN prev IS NOT NULL AND prev <> v THEN [1] ELSE [] END | MERGE (v)-[:FOLLOWS]->(prev))
DELETE old
MERGE (l)-[:CURRENT_VERSION]->(v)
SET v += $counts, v.status = 'complete',
    l.current_version = v.version, l.current_version_id = v.id, l.fetched_at = v.fetched_at,
    l.loaded_at = v.loaded_at, l.retired_on = null
"""

# A retired list gets one last, empty version: every active entry is REMOVED_IN it (delisted, never
# deleted), so its history (versions, deltas, past matches) stays readable and a later load revives it.
RETIRE_LIST = """
MATCH (l:List {id: $list})-[old:CURRENT_VERSION]->(prev:ListVersion)
WHERE l.retired_on IS NULL
MERGE (v:ListVersion {id: $version_id})
SET v += $version_props, v.status = 'complete'
MERGE (v)-[:OF_LIST]->(l)
MERGE (v)-[:FOLLOWS]->(prev)
DELETE old
MERGE (l)-[:CURRENT_VERSION]->(v)
SET l.current_version = v.version, l.current_version_id = v.id, l.loaded_at = v.loaded_at,
    l.retired_on = $retired_on
WITH l, v
OPTIONAL MATCH (e:ListEntry {status: 'active'})-[:OF_LIST]->(l)
WITH v, collect(e) AS active
FOREACH (e IN active | SET e.status = 'delisted', e.delisted_on = $retired_on MERGE (e)-[:REMOVED_IN]->(v))
SET v.removed = size(active), v.added = 0, v.changed = 0, v.unchanged = 0, v.entries = 0
RETURN size(active) AS removed
"""


# The full-text index on entry names (schemas/graph/70_analyst.cypher, read by graph/analyst.py). Neo4j updates
# it in every commit that writes entries: measured on a new server's first load of the 14 bundled lists
# (46,254 entries, two servers side by side), 79.0 server CPU-s with it against 68.1 without, while filling it
# once afterwards from the finished entries took 5.6.
NAME_INDEX = "list_entry_name_text"
_ANY_ENTRY: LiteralString = "MATCH (e:ListEntry) RETURN e.id AS id LIMIT 1"
_DROP_NAME_INDEX: LiteralString = "DROP INDEX list_entry_name_text IF EXISTS"
_AWAIT_NAME_INDEX: LiteralString = "CALL db.awaitIndex('list_entry_name_text', $seconds)"


@contextmanager
def name_index_filled_after(graph: Graph, seconds: int = 600) -> Iterator[bool]:
    """Run loads into a graph that holds no list entry yet with the entry-name full-text index dropped, then
    create it again and wait until Neo4j has filled it from the loaded entries (yields whether it did so).

    On a graph that already holds entries nothing changes (yields False): an analyst may be searching it.
    The index is created again however the block ends (its schema statement, IF NOT EXISTS), also when it
    was kept, so a load killed inside the block leaves a graph the next list load repairs."""
    dropped = not graph.read_values(_ANY_ENTRY)
    if dropped:
        graph.write(_DROP_NAME_INDEX)
    try:
        yield dropped
    finally:
        statement: LiteralString = _name_index_statement()
        graph.write(statement)
        graph.read_values(_AWAIT_NAME_INDEX, seconds=seconds)


def _name_index_statement() -> LiteralString:
    """The index's CREATE statement, from the schema files (shipped with ecgraph, never user input)."""
    found: list[LiteralString] = [s for _, s in graph_schema_statements() if f"INDEX {NAME_INDEX} " in s]
    assert len(found) == 1, f"schemas/graph/ defines {NAME_INDEX} {len(found)} times"
    return found[0]


@dataclass
class VersionRows:
    """Everything one new version writes, as plain rows (built by ingest, written here)."""

    list_id: str
    version: str  # the label (publisher date or content hash)
    version_id: str  # `<list>@<version>`, unique
    list_props: dict[str, Any]
    version_props: dict[str, Any]
    upserts: list[dict[str, Any]] = field(default_factory=list)  # {id, change, fields, props}: held before
    created: list[dict[str, Any]] = field(default_factory=list)  # the same rows, for ids the graph never held
    changed_ids: list[str] = field(default_factory=list)  # their detail edges are rebuilt
    unchanged_ids: list[str] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)
    legacy_ids: list[str] = field(default_factory=list)  # entries still holding a property `DROP_LEGACY` removes
    addresses: list[dict[str, Any]] = field(default_factory=list)
    countries: list[dict[str, Any]] = field(default_factory=list)
    identifiers: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    delisted_on: date | None = None
    counts: dict[str, int] = field(default_factory=dict)


def write_version(graph: Graph, rows: VersionRows) -> WriteCounts:
    """Write one new version; the list's CURRENT_VERSION moves to it only after everything else landed.

    A version of at most `BATCH` rows in all (most lists, and most updates' changes) is one transaction:
    one commit and one round trip instead of one per step. A bigger one commits `BATCH` rows at a time."""
    keys = {"list": rows.list_id, "version_id": rows.version_id, "version": rows.version}
    labelled = {**keys, "labels": list_labels(rows.list_props.get("country"))}
    begin = (BEGIN_VERSION, {"list": rows.list_id, "version_id": rows.version_id, "list_props": rows.list_props,
                             "version_props": rows.version_props})
    finish = (FINISH_VERSION, {"list": rows.list_id, "version_id": rows.version_id, "counts": rows.counts})
    details = _DetailRows.of(rows)
    steps: Sequence[tuple[LiteralString, Sequence[Any], Mapping[str, Any]]] = [step for step in (
        (CLEAR_DETAILS, rows.changed_ids, {}),
        (WRITE_COUNTRIES, details.country_nodes, {}),
        (WRITE_ADDRESSES, details.address_nodes, {}),
        (WRITE_IDENTIFIERS, details.identifier_nodes, {}),
        (CREATE_ENTRIES, rows.created, labelled),
        (UPSERT_ENTRIES, rows.upserts, labelled),
        (CREATE_COUNTRY_EDGES, details.country_edges, {}),
        (CREATE_IDENTIFIER_EDGES, details.identifier_edges, {}),
        (CREATE_ADDRESS_EDGES, details.address_edges, {}),
        (WRITE_LINKS, details.links, {}),
        (MARK_UNCHANGED, rows.unchanged_ids, keys),
        (MARK_REMOVED, rows.removed_ids, {**keys, "delisted_on": rows.delisted_on}),
        (DROP_LEGACY, rows.legacy_ids, {}),
    ) if step[1]]
    if sum(len(batch_rows) for _, batch_rows, _ in steps) <= BATCH:
        return graph.write_many([begin, *((query, {"batch": {"rows": batch_rows}, **params})
                                          for query, batch_rows, params in steps), finish])
    total = graph.write(begin[0], **begin[1])
    for query, batch_rows, params in steps:
        for chunk in batched(batch_rows, BATCH):  # a transaction each
            total.add(graph.write(query, batch={"rows": chunk}, **params))
    total.add(graph.write(finish[0], **finish[1]))
    return total


@dataclass
class _DetailRows:
    """The flat detail rows of a version: the distinct nodes, and the (deduplicated) edges of its new and
    changed entries, one row per edge keyed by the entry's id.

    An entry holds one edge per address, per (country, role) and per identifier (its last row's
    country and note), and one LINKED_TO per (target, kind) with its last row's note and share: what
    merging the rows one by one gave."""

    country_nodes: list[str] = field(default_factory=list)
    address_nodes: list[dict[str, Any]] = field(default_factory=list)
    identifier_nodes: list[dict[str, Any]] = field(default_factory=list)
    country_edges: list[dict[str, Any]] = field(default_factory=list)
    identifier_edges: list[dict[str, Any]] = field(default_factory=list)
    address_edges: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, rows: VersionRows) -> _DetailRows:
        countries: dict[str, None] = {}
        addresses: dict[str, dict[str, Any]] = {}
        identifiers: dict[str, dict[str, Any]] = {}
        country_edges: dict[tuple[str, str, Any], dict[str, Any]] = {}
        address_edges: dict[tuple[str, str], dict[str, Any]] = {}
        identifier_edges: dict[tuple[str, str], dict[str, Any]] = {}
        for row in rows.countries:
            countries.setdefault(row["iso2"])
            country_edges[(row["entry"], row["iso2"], row["role"])] = {"entry": row["entry"], "iso2": row["iso2"],
                                                                        "role": row["role"]}
        for row in rows.addresses:
            if row["country"] is not None:
                countries.setdefault(row["country"])
            addresses.setdefault(row["id"], {k: v for k, v in row.items() if k != "entry"})
            address_edges[(row["entry"], row["id"])] = {"entry": row["entry"], "id": row["id"]}
        for row in rows.identifiers:
            identifiers.setdefault(row["id"], {k: row[k] for k in ("id", "type", "value", "value_norm")})
            identifier_edges[(row["entry"], row["id"])] = {"entry": row["entry"], "id": row["id"],
                                                           "country": row["country"], "note": row["note"]}
        links: dict[tuple[str, str, str], dict[str, Any]] = {}
        for row in rows.links:
            links[(row["entry"], row["target"], row["kind"])] = row
        return cls(country_nodes=list(countries), address_nodes=list(addresses.values()),
                   identifier_nodes=list(identifiers.values()), country_edges=list(country_edges.values()),
                   identifier_edges=list(identifier_edges.values()), address_edges=list(address_edges.values()),
                   links=list(links.values()))


def retire_list(graph: Graph, list_id: str, *, version: str, retired_on: date, loaded_at: Any) -> int | None:
    """Delist every active entry of a list in one new empty version `<list>@<version>`.

    Returns how many entries were delisted; None when the list is not loaded or already retired.

    One transaction: either the whole list is retired or nothing changed.
    """
    found = graph.write_returning(
        RETIRE_LIST, list=list_id, version_id=f"{list_id}@{version}", retired_on=retired_on,
        version_props={"list": list_id, "version": version, "origin": "retired", "loaded_at": loaded_at,
                       "retired": True, "files": []},
    )
    return int(found[0]["removed"]) if found else None


def current_version(graph: Graph, list_id: str) -> dict[str, Any] | None:
    """The list's current (complete) version as a property map, or None before the first load."""
    found = graph.read(
        "MATCH (:List {id: $list})-[:CURRENT_VERSION]->(v:ListVersion) RETURN properties(v) AS v", list=list_id
    )
    return found[0]["v"] if found else None


def version_exists(graph: Graph, version_id: str) -> bool:
    return bool(graph.read("MATCH (v:ListVersion {id: $id}) RETURN v.id AS id", id=version_id))


def entry_states(graph: Graph, list_id: str) -> dict[str, dict[str, Any]]:
    """id -> {content_hash, status, legacy} of every entry the list has ever had: one read. `legacy` is true
    when the entry still holds a property an older ecgraph wrote (`DROP_LEGACY`)."""
    rows = graph.read_values(
        """
        MATCH (e:ListEntry {list: $list})
        RETURN e.id AS id, e.content_hash AS content_hash, e.status AS status,
               e.field_hashes IS NOT NULL OR e.names_norm IS NOT NULL AS legacy
        """,
        list=list_id,
    )
    return {row.pop("id"): row for row in rows}


def stored_records(graph: Graph, ids: Sequence[str]) -> dict[str, str]:
    """id -> the stored `record` (JSON text) of these entries: what a changed entry's fields are compared with.
    Read `BATCH` ids at a time, so a version that changes every entry does not fetch every record in one reply."""
    found: dict[str, str] = {}
    for chunk in batched(ids, BATCH):
        rows = graph.read_values(
            "UNWIND $batch.ids AS id MATCH (e:ListEntry {id: id}) RETURN e.id AS id, e.record AS record",
            batch={"ids": chunk},
        )
        found.update((row["id"], row["record"]) for row in rows)
    return found


def list_status(graph: Graph) -> list[dict[str, Any]]:
    """One row per list: current version, fetch time, active and delisted counts, the last delta."""
    return graph.read(
        """
        MATCH (l:List)
        OPTIONAL MATCH (l)-[:CURRENT_VERSION]->(v:ListVersion)
        RETURN l.id AS list, l.title AS title, v.version AS version, v.fetched_at AS fetched_at,
               v.loaded_at AS loaded_at, v.sha256 AS sha256,
               COUNT { (e:ListEntry {status: 'active'})-[:OF_LIST]->(l) } AS entries,
               COUNT { (e:ListEntry {status: 'delisted'})-[:OF_LIST]->(l) } AS delisted,
               COUNT { (l)<-[:OF_LIST]-(:ListVersion) } AS versions,
               {added: v.added, changed: v.changed, removed: v.removed} AS last_delta,
               v.rejects AS rejects, l.retired_on AS retired_on
        ORDER BY list
        """
    )


def list_versions(graph: Graph, list_id: str) -> list[dict[str, Any]]:
    return graph.read(
        """
        MATCH (v:ListVersion)-[:OF_LIST]->(:List {id: $list})
        RETURN v.id AS id, v.version AS version, v.loaded_at AS loaded_at, v.status AS status,
               v.files AS files
        ORDER BY v.loaded_at
        """,
        list=list_id,
    )


def version_delta(graph: Graph, list_id: str, version: str | None = None) -> dict[str, Any] | None:
    """The added / changed (with field names) / removed entries of one version (default: current)."""
    found = graph.read(
        """
        MATCH (l:List {id: $list})
        OPTIONAL MATCH (l)-[:CURRENT_VERSION]->(cur:ListVersion)
        OPTIONAL MATCH (named:ListVersion {list: $list, version: $version})
        WITH coalesce(named, CASE WHEN $version IS NULL THEN cur END) AS v
        WHERE v IS NOT NULL
        RETURN properties(v) AS version,
               [(e:ListEntry)-[r:IN_VERSION]->(v) WHERE r.change <> 'unchanged' |
                {id: e.id, name: e.name, change: r.change, fields: r.fields}] AS changes,
               [(e:ListEntry)-[:REMOVED_IN]->(v) | {id: e.id, name: e.name, change: 'removed', fields: []}]
                 AS removed
        """,
        list=list_id, version=version,
    )
    if not found:
        return None
    row = found[0]
    changes = sorted(row["changes"], key=lambda c: (c["change"], c["id"])) + sorted(
        row["removed"], key=lambda c: c["id"])
    return {"version": row["version"], "changes": changes}


def entry_records(
    graph: Graph, lists: Sequence[str] | None = None, *, include_delisted: bool = False, page: int = 5000
) -> Iterator[str]:
    """The stored source records (JSON text) of list entries, read in pages of `page`, ordered by id."""
    skip = 0
    while True:
        rows = graph.read(
            """
            MATCH (e:ListEntry)
            WHERE ($lists IS NULL OR e.list IN $lists) AND ($all OR e.status = 'active')
            RETURN e.record AS record ORDER BY e.id SKIP $skip LIMIT $limit
            """,
            lists=list(lists) if lists else None, all=include_delisted, skip=skip, limit=page,
        )
        yield from (r["record"] for r in rows)
        if len(rows) < page:
            return
        skip += page


# The list part of the graph, for `canonical_dump`: these labels and every edge between two of them.
_DUMP_LABELS = ["List", "ListVersion", "ListEntry", "Address", "Country", "Identifier"]
# Properties that differ between two equal loads (clock, run id, data folder), left out of the dump.
_VOLATILE = frozenset({"loaded_at", "fetched_at", "run_id", "rejects_file"})


def canonical_dump(graph: Graph) -> list[str]:
    """The list part of the graph as sorted text lines, one per node and edge, with no internal ids.

    Two loads that wrote the same entries, versions, deltas and details give equal dumps (times and
    run ids aside): the check that a faster writer writes the same graph."""
    nodes = graph.read(
        """
        MATCH (n) WHERE any(label IN labels(n) WHERE label IN $labels)
        RETURN labels(n) AS labels, properties(n) AS props
        """,
        labels=_DUMP_LABELS,
    )
    edges = graph.read(
        """
        MATCH (a)-[r]->(b)
        WHERE any(label IN labels(a) WHERE label IN $labels) AND any(label IN labels(b) WHERE label IN $labels)
        RETURN labels(a) AS a_labels, coalesce(a.id, a.iso2) AS a, type(r) AS type, properties(r) AS props,
               labels(b) AS b_labels, coalesce(b.id, b.iso2) AS b
        """,
        labels=_DUMP_LABELS,
    )
    lines = [repr((sorted(n["labels"]), _stable(n["props"]))) for n in nodes]
    lines += [repr((sorted(e["a_labels"]), e["a"], e["type"], _stable(e["props"]), sorted(e["b_labels"]), e["b"]))
              for e in edges]
    return sorted(lines)


def _stable(props: Mapping[str, Any]) -> list[tuple[str, str]]:
    return sorted((key, repr(value)) for key, value in props.items() if key not in _VOLATILE)
