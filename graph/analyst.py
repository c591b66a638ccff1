"""The analyst's read queries: a declaration explained, a party's whole story, how two things connect.

Everything here reads, but for the short display names Neo4j Browser shows as captions. `explain` and `party` gather in one round trip what an analyst
would otherwise click through in Neo4j Browser. `find_nodes` turns what an analyst types (a declaration
number, party key, list entry id, alert id, HS code, or a name) into nodes; names go through the
full-text indexes of schemas/graph/70_analyst.cypher with Lucene's special characters escaped.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any, LiteralString

from neo4j import ManagedTransaction, Query, RoutingControl
from neo4j.exceptions import ClientError
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time

from ecgraph.graph.connection import Graph
from ecgraph.schemas.errors import EcgraphError

__all__ = [
    "ALERT_EVIDENCE_QUERY",
    "DECLARATION_EVIDENCE_QUERY",
    "MAX_PATH_HOPS",
    "PATH_RELATIONSHIP_TYPES",
    "QueryTimedOut",
    "ReadOnlyResult",
    "alert_page",
    "await_name_indexes",
    "bounded_read",
    "browse_target",
    "declaration_overview",
    "find_nodes",
    "find_parties",
    "interruptible",
    "names_without_display",
    "party_overview",
    "query_timeout",
    "run_read_only",
    "shortest_path",
    "write_display_names",
]

# Relationship types that carry meaning between two entities. Hubs that would make every path
# trivial (countries, list and version nodes, country groups) are left out on purpose.
PATH_RELATIONSHIP_TYPES = (
    "DECLARANT", "EXPORTER", "CONSIGNEE", "END_USER", "NOTIFY_PARTY", "FORWARDER", "MATCHES", "SAME_AS",
    "IN_CLUSTER", "OWNS", "OFFICER_OF", "LOCATED_AT", "LINKED_TO", "HAS_ITEM", "CLASSIFIED_AS",
    "CORRELATES_WITH", "SUGGESTED_CONTROL", "OF", "SHOWS", "REFERS_TO", "CONTRADICTS", "ON",
)
MAX_PATH_HOPS = 8  # the bound is part of the query text (Cypher takes no parameter there)
DEFAULT_QUERY_TIMEOUT = 20.0  # seconds; ECGRAPH_QUERY_TIMEOUT overrides it


class QueryTimedOut(EcgraphError):
    """The server stopped an analyst's query at its transaction timeout (a runaway query, not a user's Ctrl-C)."""

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(f"{what} was stopped by the server after {seconds:g} s (transaction timeout); "
                         "ask a narrower question (fewer --max-hops) or raise --timeout / ECGRAPH_QUERY_TIMEOUT")
        self.seconds = seconds


def query_timeout() -> float:
    """The server-side transaction timeout of analyst look-ups, in seconds."""
    raw = os.environ.get("ECGRAPH_QUERY_TIMEOUT", "")
    try:
        return float(raw) if raw.strip() else DEFAULT_QUERY_TIMEOUT
    except ValueError:
        raise EcgraphError(f"ECGRAPH_QUERY_TIMEOUT={raw!r} is not a number of seconds (e.g. 20)") from None


@contextmanager
def interruptible(graph: Graph) -> Iterator[None]:
    """Let Ctrl-C end the server transaction at once instead of waiting for the query to finish.

    Left to itself, the driver answers KeyboardInterrupt by rolling the transaction back politely, which
    first waits for the running query's result: Ctrl-C seemed ignored. Here Ctrl-C closes the driver (its
    sockets), the server ends a transaction whose connection is gone, and KeyboardInterrupt goes on up.
    Only in the main thread and only where Ctrl-C is not ignored (a background job keeps ignoring it).
    """
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    interrupted = False

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        nonlocal interrupted
        interrupted = True
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a second Ctrl-C is the ordinary one
        graph.driver.close()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    except BaseException as exc:
        if interrupted and not isinstance(exc, KeyboardInterrupt):
            raise KeyboardInterrupt from None  # the driver's complaint about its closed socket, after Ctrl-C
        raise
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def bounded_read(graph: Graph, query: LiteralString, timeout: float | None = None, **params: Any) -> list[dict[str, Any]]:
    """A read whose transaction the server itself ends after `timeout` seconds (default: `query_timeout()`).

    The limit travels with the transaction (`neo4j.Query(timeout=)`), so a query that explodes is cut on
    the server even when nobody is watching; the caller gets `QueryTimedOut`, never a hang.
    """
    seconds = query_timeout() if timeout is None else timeout
    try:
        with interruptible(graph):
            records, _, _ = graph.driver.execute_query(
                Query(query, timeout=seconds), parameters_=params, database_=graph.database,
                routing_=RoutingControl.READ)
    except ClientError as exc:
        if "TransactionTimedOut" in (exc.code or "") or "Terminated" in (exc.code or ""):
            raise QueryTimedOut("the query", seconds) from exc
        raise
    return [record.data() for record in records]

DECLARATION = """
MATCH (d:Declaration {number: $number})
OPTIONAL MATCH (d)-[:DESTINED_TO]->(dest:Country)
RETURN d {.*} AS declaration, dest.iso2 AS destination
"""

DECLARATION_PARTIES = """
MATCH (d:Declaration {number: $number})-[role:DECLARANT|EXPORTER|CONSIGNEE|END_USER|NOTIFY_PARTY|FORWARDER]->(p:Party)
OPTIONAL MATCH (p)-[m:MATCHES]->(e:ListEntry)
WITH role, p, m, e ORDER BY m.score DESC
RETURN type(role) AS role, p.key AS key, p.name AS name, p.country AS country, p.corp_no AS corp_no,
       [x IN collect(CASE WHEN e IS NULL THEN null ELSE
          {entry: e.id, list: e.list, name: e.name, status: e.status, score: m.score,
           explanation: m.explanation} END) WHERE x IS NOT NULL] AS matches
ORDER BY CASE role WHEN 'EXPORTER' THEN 0 WHEN 'CONSIGNEE' THEN 1 WHEN 'END_USER' THEN 2 ELSE 3 END, key
"""

DECLARATION_ITEMS = """
MATCH (d:Declaration {number: $number})-[:HAS_ITEM]->(i:GoodsItem)
OPTIONAL MATCH (i)-[:CLASSIFIED_AS]->(h:HSCode)
OPTIONAL MATCH (h)-[c:CORRELATES_WITH]->(ce:ControlEntry)
WITH i, h, [x IN collect(CASE WHEN ce IS NULL THEN null ELSE
       {entry: ce.id, code: ce.code, list: ce.list, source: c.source, tier: c.tier} END) WHERE x IS NOT NULL]
       AS correlations
OPTIONAL MATCH (i)-[s:SUGGESTED_CONTROL]->(se:ControlEntry)
WITH i, h, correlations, s, se ORDER BY s.rank
RETURN i.seq AS seq, i.hs_code AS hs_code, i.description AS description, i.value AS value,
       i.quantity AS quantity, i.unit AS unit, h.code AS hs6, correlations,
       [x IN collect(CASE WHEN se IS NULL THEN null ELSE
          {entry: se.id, code: se.code, list: se.list, score: s.score, rank: s.rank} END) WHERE x IS NOT NULL]
       AS suggestions
ORDER BY i.seq
"""

DECLARATION_ALERTS = """
MATCH (a:Alert)-[:ON]->(:Declaration {number: $number})
RETURN a.id AS id, a.rule_id AS rule_id, a.rule_name AS rule_name, a.severity AS severity, a.score AS score,
       a.status AS status, a.explanation AS explanation, a.matched AS matched
ORDER BY CASE a.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END, a.rule_id
"""

DECLARATION_CAPTURES = """
MATCH (c:LabelCapture)-[:OF]->(:Declaration {number: $number})
OPTIONAL MATCH (c)-[x:CONTRADICTS]->(:Declaration {number: $number})
OPTIONAL MATCH (c)-[hi:HAS_IMAGE]->(img:Image)
WITH c, collect(DISTINCT {field: x.field, on_label: x.on_label}) AS contradictions,
     collect(DISTINCT img {.sha256, .path, .format, .width, .height, frame: hi.frame}) AS images
RETURN c.id AS id, c.captured_at AS captured_at, c.officer AS officer, c.location AS location,
       c.engine AS engine, c.confidence AS confidence, c.text AS text,
       [x IN contradictions WHERE x.field IS NOT NULL] AS contradictions,
       [i IN images WHERE i.sha256 IS NOT NULL] AS images
ORDER BY c.captured_at, c.id
"""

PARTY_BY_KEY = "MATCH (p:Party {key: $key}) RETURN p.key AS key, p.name AS name, p.country AS country, 1.0 AS score"

PARTY_BY_CORP_NO = """
MATCH (p:Party {corp_no: $text}) RETURN p.key AS key, p.name AS name, p.country AS country, 1.0 AS score
ORDER BY p.key LIMIT $limit
"""

PARTY_BY_NAME = """
CALL db.index.fulltext.queryNodes('party_name_text', $lucene) YIELD node, score
RETURN node.key AS key, node.name AS name, node.country AS country, score
ORDER BY score DESC, node.key LIMIT $limit
"""

PARTY_CONTAINS = """
MATCH (p:Party) WHERE toLower(p.name) CONTAINS toLower($text) OR toLower(p.key) CONTAINS toLower($text)
RETURN p.key AS key, p.name AS name, p.country AS country, 0.5 AS score
ORDER BY p.key LIMIT $limit
"""

PARTY = """
MATCH (p:Party {key: $key})
OPTIONAL MATCH (p)-[:LOCATED_AT]->(a:Address)
RETURN p {.*} AS party, [x IN collect(coalesce(a.raw, a.full)) WHERE x IS NOT NULL] AS addresses
"""

PARTY_DECLARATIONS = """
MATCH (d:Declaration)-[role:DECLARANT|EXPORTER|CONSIGNEE|END_USER|NOTIFY_PARTY|FORWARDER]->(:Party {key: $key})
RETURN d.number AS number, type(role) AS role, toString(d.date) AS date, d.destination AS destination,
       d.value AS value, d.risk_level AS risk_level
ORDER BY d.date DESC, d.number LIMIT $limit
"""

PARTY_MATCHES = """
MATCH (:Party {key: $key})-[m:MATCHES]->(e:ListEntry)
RETURN e.id AS entry, e.list AS list, e.name AS name, e.status AS status, m.score AS score,
       m.explanation AS explanation
ORDER BY m.score DESC, e.id
"""

PARTY_ALERTS = """
MATCH (p:Party {key: $key})
MATCH (a:Alert)-[:ON]->(d:Declaration)
WHERE (a)-[:EVIDENCE]->(p) OR (d)-[:DECLARANT|EXPORTER|CONSIGNEE|END_USER|NOTIFY_PARTY|FORWARDER]->(p)
RETURN DISTINCT a.id AS id, a.rule_id AS rule_id, a.severity AS severity, a.status AS status,
       a.declaration AS declaration, a.explanation AS explanation, a.matched AS matched,
       EXISTS { (a)-[:EVIDENCE]->(p) } AS direct
ORDER BY CASE a.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END, a.id
LIMIT $limit
"""

# Parties one step away through what they share: the same declaration, address, owner, or cluster.
PARTY_NEIGHBOURS = """
MATCH (p:Party {key: $key})
CALL (p) {
  MATCH (p)<-[r1]-(d:Declaration)-[r2]->(o:Party)
  WHERE type(r1) IN $roles AND type(r2) IN $roles AND o <> p
  RETURN o, 'declaration ' + d.number + ' (' + type(r2) + ')' AS via
  UNION
  MATCH (p)-[:LOCATED_AT]->(:Address)<-[:LOCATED_AT]-(o:Party) WHERE o <> p
  RETURN o, 'same address' AS via
  UNION
  MATCH (p)-[s:SAME_AS]-(o:Party)
  RETURN o, 'same as (score ' + toString(s.score) + ')' AS via
  UNION
  MATCH (p)-[:IN_CLUSTER]->(c:PartyCluster)<-[:IN_CLUSTER]-(o:Party) WHERE o <> p
  RETURN o, 'cluster ' + c.id AS via
}
RETURN o.key AS key, o.name AS name, o.country AS country, collect(DISTINCT via) AS via
ORDER BY size(via) DESC, o.key LIMIT $limit
"""

PARTY_OWNERSHIP = """
MATCH (p:Party {key: $key})
CALL (p) {
  MATCH (o:Party)-[r:OWNS]->(p) RETURN 'owned by' AS direction, o, r
  UNION
  MATCH (p)-[r:OWNS]->(o:Party) RETURN 'owns' AS direction, o, r
}
RETURN direction, o.key AS key, o.name AS name, o.country AS country, r.pct AS share,
       r.statement AS statement
ORDER BY direction, o.key
"""

# What an analyst may type for `path A B`, most specific first; a name is the last resort.
NODE_BY_KEY = """
CALL {
  MATCH (n:Declaration {number: $text}) RETURN n
  UNION MATCH (n:Party {key: $text}) RETURN n
  UNION MATCH (n:ListEntry {id: $text}) RETURN n
  UNION MATCH (n:Alert {id: $text}) RETURN n
  UNION MATCH (n:ControlEntry {id: $text}) RETURN n
  UNION MATCH (n:HSCode {code: $text}) RETURN n
  UNION MATCH (n:LabelCapture {id: $text}) RETURN n
  UNION MATCH (n:PartyCluster {id: $text}) RETURN n
}
RETURN elementId(n) AS element_id, labels(n) AS labels,
       coalesce(n.name, n.number, n.key, n.id, n.code) AS caption
LIMIT 5
"""

ENTRY_BY_NAME = """
CALL db.index.fulltext.queryNodes('list_entry_name_text', $lucene) YIELD node, score
RETURN elementId(node) AS element_id, labels(node) AS labels, node.name AS caption, score
ORDER BY score DESC LIMIT $limit
"""

PARTY_NODE_BY_NAME = """
CALL db.index.fulltext.queryNodes('party_name_text', $lucene) YIELD node, score
RETURN elementId(node) AS element_id, labels(node) AS labels, node.name AS caption, score
ORDER BY score DESC LIMIT $limit
"""

# shortestPath with its bound written into the pattern and no predicate on the path: the planner runs a
# bidirectional breadth-first search that stops at the bound. A `WHERE length(p) <= $n` instead makes
# Neo4j fall back to enumerating every path when none is short enough, which never ends on a real graph.
_SHORTEST_PATH = """
MATCH (a) WHERE elementId(a) = $a
MATCH (b) WHERE elementId(b) = $b
MATCH p = shortestPath((a)-[:DECLARANT|EXPORTER|CONSIGNEE|END_USER|NOTIFY_PARTY|FORWARDER|MATCHES|SAME_AS|
  IN_CLUSTER|OWNS|OFFICER_OF|LOCATED_AT|LINKED_TO|HAS_ITEM|CLASSIFIED_AS|CORRELATES_WITH|SUGGESTED_CONTROL|
  OF|SHOWS|REFERS_TO|CONTRADICTS|ON*..HOPS]-(b))
RETURN [n IN nodes(p) | {element_id: elementId(n), labels: labels(n),
         caption: coalesce(n.name, n.number, n.key, n.id, n.code, n.raw, n.full)}] AS nodes,
       [r IN relationships(p) | {type: type(r), start: elementId(startNode(r)), end: elementId(endNode(r)),
         score: r.score}] AS relationships
"""
# one constant query per bound, made here from integers only (never from input)
SHORTEST_PATH: dict[int, LiteralString] = {
    hops: _SHORTEST_PATH.replace("*..HOPS", f"*..{hops}") for hops in range(1, MAX_PATH_HOPS + 1)
}

# The full-text indexes of 70_analyst.cypher fill in the background after they are created on a loaded
# graph; a look-up waits for them rather than failing with "index is not online".
AWAIT_NAME_INDEXES = """
CALL db.awaitIndex('party_name_text', $seconds)
CALL db.awaitIndex('list_entry_name_text', $seconds)
"""

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')


def lucene_terms(text: str) -> str:
    """All words of `text` (escaped), each required; longer plain words also match with one typo."""
    terms = []
    for word in text.split():
        if word.upper() in ("AND", "OR", "NOT"):
            continue
        escaped = _LUCENE_SPECIAL.sub(r"\\\1", word)
        terms.append(f"({escaped} OR {escaped}~1)" if len(word) > 3 and word.isalnum() else escaped)
    return " AND ".join(terms)


def await_name_indexes(graph: Graph, seconds: int = 300) -> None:
    """Wait until the name indexes are online (at once when they already are)."""
    graph.read(AWAIT_NAME_INDEXES, seconds=seconds)


def declaration_overview(graph: Graph, number: str) -> dict[str, Any] | None:
    """A declaration with its parties (and their list matches), items (HS, control correlations,
    suggestions), label captures, alerts and risk; None when there is no such declaration."""
    rows = bounded_read(graph, DECLARATION, number=number)
    if not rows:
        return None
    declaration = {k: v for k, v in rows[0]["declaration"].items() if k not in ("record",)}
    return {
        "declaration": declaration,
        "destination": rows[0]["destination"],
        "risk": {"level": declaration.get("risk_level"), "score": declaration.get("risk_score"),
                 "explanation": declaration.get("risk_explanation")},
        "parties": bounded_read(graph, DECLARATION_PARTIES, number=number),
        "items": bounded_read(graph, DECLARATION_ITEMS, number=number),
        "captures": bounded_read(graph, DECLARATION_CAPTURES, number=number),
        "alerts": bounded_read(graph, DECLARATION_ALERTS, number=number),
    }


def find_parties(graph: Graph, text: str, limit: int = 10) -> list[dict[str, Any]]:
    """Parties for what the analyst typed: the exact key, a corporate number, else a name search."""
    exact: list[dict[str, Any]] = bounded_read(graph, PARTY_BY_KEY, key=text)
    if exact:
        return exact
    by_corp: list[dict[str, Any]] = bounded_read(graph, PARTY_BY_CORP_NO, text=text.strip(), limit=limit)
    if by_corp:
        return by_corp
    lucene = lucene_terms(text)
    found: list[dict[str, Any]] = bounded_read(graph, PARTY_BY_NAME, lucene=lucene, limit=limit) if lucene else []
    return found or list(bounded_read(graph, PARTY_CONTAINS, text=text.strip(), limit=limit))


def party_overview(graph: Graph, key: str, limit: int = 50) -> dict[str, Any] | None:
    """Everything known about one party: declarations, list matches, alerts, neighbours, ownership."""
    rows = bounded_read(graph, PARTY, key=key)
    if not rows:
        return None
    roles = list(PATH_RELATIONSHIP_TYPES[:6])
    return {
        "party": rows[0]["party"],
        "addresses": rows[0]["addresses"],
        "declarations": bounded_read(graph, PARTY_DECLARATIONS, key=key, limit=limit),
        "matches": bounded_read(graph, PARTY_MATCHES, key=key),
        "alerts": bounded_read(graph, PARTY_ALERTS, key=key, limit=limit),
        "neighbours": bounded_read(graph, PARTY_NEIGHBOURS, key=key, roles=roles, limit=limit),
        "ownership": bounded_read(graph, PARTY_OWNERSHIP, key=key),
    }


def find_nodes(graph: Graph, text: str, limit: int = 5) -> list[dict[str, Any]]:
    """Nodes for an identifier (number, key, id, code) or, failing that, a party or list-entry name."""
    exact: list[dict[str, Any]] = bounded_read(graph, NODE_BY_KEY, text=text)
    if exact:
        return exact
    lucene = lucene_terms(text)
    if not lucene:
        return []
    found = bounded_read(graph, PARTY_NODE_BY_NAME, lucene=lucene, limit=limit)
    found += bounded_read(graph, ENTRY_BY_NAME, lucene=lucene, limit=limit)
    return sorted(found, key=lambda row: -float(row["score"]))[:limit]


def shortest_path(graph: Graph, a: str, b: str, max_hops: int = 6,
                  timeout: float | None = None) -> dict[str, Any] | None:
    """The shortest path of at most `max_hops` meaningful relationships between two nodes (element ids);
    None when there is none. Raises QueryTimedOut when the server cuts the search at `timeout` seconds."""
    hops = max(1, min(int(max_hops), MAX_PATH_HOPS))
    try:
        rows = bounded_read(graph, SHORTEST_PATH[hops], timeout, a=a, b=b)
    except QueryTimedOut as exc:
        raise QueryTimedOut(f"the search for a path of at most {hops} steps", exc.seconds) from exc
    return rows[0] if rows else None


# A page of alerts and how many there are in all, for `alerts list`: the same filters and order as
# graph/alerts.py's LIST_ALERTS, with only the columns a listing shows unless the caller wants it all.
_ALERT_FILTER = """
MATCH (a:Alert)
WHERE ($statuses IS NULL OR a.status IN $statuses)
  AND ($severities IS NULL OR a.severity IN $severities)
  AND ($declaration IS NULL OR a.declaration = $declaration)
  AND ($rule_id IS NULL OR a.rule_id = $rule_id)
"""
ALERT_COUNT = _ALERT_FILTER + "RETURN count(a) AS total"
ALERT_PAGE = _ALERT_FILTER + """
RETURN CASE WHEN $full THEN a {.*} ELSE a {.id, .severity, .score, .rule_id, .declaration, .status, .explanation,
       .matched} END AS alert
ORDER BY CASE a.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END,
         a.score DESC, a.declaration, a.rule_id, a.id
SKIP $skip LIMIT $limit
"""


def alert_page(graph: Graph, *, skip: int, limit: int | None, full: bool = False,
               statuses: list[str] | None = None, severities: list[str] | None = None,
               declaration: str | None = None, rule_id: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """(how many alerts pass the filters, the `limit` of them after `skip`; every one when limit is None)."""
    filters: dict[str, Any] = {"statuses": statuses, "severities": severities, "declaration": declaration, "rule_id": rule_id}
    total = int(bounded_read(graph, ALERT_COUNT, **filters)[0]["total"])
    rows = bounded_read(graph, ALERT_PAGE, skip=skip, limit=total if limit is None else limit, full=full, **filters)
    return total, [row["alert"] for row in rows]


# Neo4j Browser draws a caption inside its node and cuts what does not fit ("HOERYO…"): parties, list
# entries and addresses carry a short `display_name` for the style sheet (graph/browser/ecgraph.grass), made from `name`
# by the CLI after each load; `display_of` remembers which name it was made from, so a renamed node gets
# a new one.
NAMES_WITHOUT_DISPLAY = """
MATCH (n) WHERE n:Party OR n:ListEntry OR n:Address
WITH n, coalesce(n.name, n.raw, n.full) AS name
WHERE name IS NOT NULL AND (n.display_name IS NULL OR n.display_of IS NULL OR n.display_of <> name)
RETURN elementId(n) AS element_id, name, n:Address AS address
LIMIT $limit
"""
WRITE_DISPLAY_NAMES = """
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.element_id
SET n.display_name = row.display_name, n.display_of = row.name
"""


def names_without_display(graph: Graph, limit: int = 5000) -> list[dict[str, Any]]:
    """Parties and list entries whose short caption is missing or made from an older name."""
    return graph.read(NAMES_WITHOUT_DISPLAY, limit=limit)


def write_display_names(graph: Graph, rows: list[dict[str, Any]]) -> int:
    """Store {element_id, name, display_name} rows; returns how many."""
    graph.write_rows(WRITE_DISPLAY_NAMES, [{k: row[k] for k in ("element_id", "name", "display_name")} for row in rows],
                     batch_size=5000)
    return len(rows)


# The evidence queries `ecgraph browse` puts into Neo4j Browser's editor, `$id` / `$number` replaced by a
# quoted literal of an id that exists in the graph (Browser's URL carries no parameters). Browser's
# "connect result nodes" draws the relationships between the evidence nodes as well.
ALERT_EVIDENCE_QUERY = """MATCH (a:Alert {id: $id})-[r:ON|EVIDENCE]->(n)
RETURN a, r, n"""

DECLARATION_EVIDENCE_QUERY = """MATCH (d:Declaration {number: $number})
OPTIONAL MATCH parties = (d)-[:DECLARANT|EXPORTER|CONSIGNEE|END_USER|NOTIFY_PARTY|FORWARDER]->(:Party)-[:MATCHES|OWNS*0..1]-()
OPTIONAL MATCH items = (d)-[:HAS_ITEM]->(:GoodsItem)-[:CLASSIFIED_AS|SUGGESTED_CONTROL]->()
OPTIONAL MATCH around = (d)<-[:ON|OF]-()
RETURN d, collect(DISTINCT parties) AS parties, collect(DISTINCT items) AS items, collect(DISTINCT around) AS around"""

BROWSE_TARGET = """
OPTIONAL MATCH (a:Alert {id: $text})
OPTIONAL MATCH (d:Declaration {number: $text})
RETURN a IS NOT NULL AS alert, d IS NOT NULL AS declaration
"""


def browse_target(graph: Graph, text: str) -> str | None:
    """'alert' or 'declaration' for an id that names one, else None."""
    row = graph.read(BROWSE_TARGET, text=text)[0]
    return "alert" if row["alert"] else "declaration" if row["declaration"] else None


@dataclass
class ReadOnlyResult:
    """The columns and rows (plain values) of an analyst's own query."""

    columns: list[str]
    rows: list[dict[str, Any]]


def plain(value: Any) -> Any:
    """Driver values as JSON-ready data: nodes and relationships as maps, temporal values as ISO text."""
    if isinstance(value, Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels),
                "properties": {k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"element_id": value.element_id, "type": value.type,
                "start": value.start_node.element_id if value.start_node is not None else None,
                "end": value.end_node.element_id if value.end_node is not None else None,
                "properties": {k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, (Date, DateTime, Time)):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _read_all(tx: ManagedTransaction, query: LiteralString, params: dict[str, Any]) -> ReadOnlyResult:
    result = tx.run(query, params)
    columns = list(result.keys())
    rows = [{key: plain(record[key]) for key in columns} for record in result]
    return ReadOnlyResult(columns=columns, rows=rows)


def run_read_only(graph: Graph, query: str, params: dict[str, Any], limit: int | None = None) -> ReadOnlyResult:
    """Run an analyst's own Cypher in a READ session and transaction: the server refuses any write.

    This is the one place where query text comes from a person rather than from ecgraph: it is never
    combined with anything, and the access mode, not a keyword filter, is what keeps it read-only.
    """
    with interruptible(graph), graph.driver.session(database=graph.database, default_access_mode="READ") as session:
        # the analyst's text, run as given (mypy treats LiteralString as str, so no cast is needed)
        result: ReadOnlyResult = session.execute_read(_read_all, query, params)
    if limit is not None:
        result.rows = result.rows[:limit]
    return result
