"""Writes and reads of e-commerce operators' orders: the only Cypher for orders, accounts and parcels.

One batch of orders is written in ONE transaction, a constant `UNWIND $rows …` statement per kind, so a
batch lands whole or not at all and replaying it changes nothing (what `--resume` relies on), exactly as
`graph.declarations` does. Model (schemas/model/*.yaml): `(:Order {id: operator:number})` holds the
current version; every version is an `(:OrderVersion)` reached by `HAS_ORDER_VERSION`; accounts,
parcels, hashed contacts and addresses are shared nodes, so two orders of one buyer, one reshipping
address or one phone hash meet in the graph. Phones and e-mails exist here only as HMAC hashes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, LiteralString

from ecgraph.graph.connection import Graph, WriteCounts

__all__ = [
    "OrderBatch",
    "count_orders",
    "declaration_orders",
    "declarations_by_tracking",
    "ecommerce_alerts",
    "existing_order_versions",
    "link_candidates",
    "order_accounts_for_resolution",
    "order_items_to_classify",
    "parcels_to_link",
    "purge_orders",
    "write_account_links",
    "write_item_candidates",
    "write_order_batch",
    "write_parcel_links",
]

EXISTING = """
UNWIND $keys AS k
OPTIONAL MATCH (o:Order {id: k.order})
OPTIONAL MATCH (v:OrderVersion {id: k.id})
RETURN k.id AS id, o.sequence AS current_sequence, v.hash AS version_hash
"""

UNLINK_REPLACED = """
UNWIND $ids AS id
MATCH (o:Order {id: id})
OPTIONAL MATCH (o)-[r:SOLD_BY|BOUGHT_BY|SHIPS_TO|SHIPPED_IN]->()
DELETE r
WITH DISTINCT o
OPTIONAL MATCH (o)-[:HAS_ORDER_ITEM]->(i:OrderItem)
DETACH DELETE i
"""

# One flat `UNWIND` per node or relationship kind (no FOREACH, no read after write in one statement), so
# the planner needs no Eager step and each statement is a plain index seek per row. Nodes are MERGEd on
# their unique keys (schemas/graph/80_ecommerce.cypher, 20_declarations.cypher: Account.id, Contact.hash,
# Address.id, Country.iso2, Order.id, Parcel.tracking_number); relationships of an order are CREATEd:
# the loader only sends an order that is new or whose links UNLINK_REPLACED removed in the same
# transaction (CREATE skips MERGE's scan of busy nodes such as a big seller or a country).
WRITE_ACCOUNTS = """
UNWIND $rows AS row
MERGE (a:Account {id: row.id})
SET a.operator = row.operator, a.account_id = row.account_id, a.name = row.name, a.name_norm = row.name_norm,
    a.country = row.country, a.kind = row.kind, a.purged_at = null
"""

WRITE_CONTACTS = """
UNWIND $rows AS row
MERGE (h:Contact {hash: row.hash}) ON CREATE SET h.kind = row.kind
"""

WRITE_ADDRESSES = """
UNWIND $rows AS row
MERGE (x:Address {id: row.id}) ON CREATE SET x.raw = row.raw, x.norm = row.norm, x.country = row.country
"""

WRITE_ACCOUNT_CONTACTS = """
UNWIND $rows AS row
MATCH (a:Account {id: row.account}), (h:Contact {hash: row.hash})
MERGE (a)-[:HAS_CONTACT]->(h)
"""

WRITE_ACCOUNT_ADDRESSES = """
UNWIND $rows AS row
MATCH (a:Account {id: row.account}), (x:Address {id: row.address})
MERGE (a)-[:LOCATED_AT]->(x)
"""

WRITE_ADDRESS_COUNTRIES = """
UNWIND $rows AS row
MATCH (x:Address {id: row.address})
MERGE (c:Country {iso2: row.country})
MERGE (x)-[:IN_COUNTRY]->(c)
"""

WRITE_ORDERS = """
UNWIND $rows AS row
MERGE (o:Order {id: row.id})
SET o += row.props, o.placed_at = datetime(row.placed_at), o.date = date(datetime(row.placed_at)),
    o.loaded_at = datetime(), o.purged_at = null
"""

WRITE_ORDER_LINKS = """
UNWIND $rows AS row
MATCH (o:Order {id: row.id}), (s:Account {id: row.seller}), (b:Account {id: row.buyer}), (x:Address {id: row.ship_to})
CREATE (o)-[:HAS_ORDER_VERSION]->(v:OrderVersion)
SET v = row.version, v.loaded_at = datetime()
CREATE (o)-[:SOLD_BY]->(s), (o)-[:BOUGHT_BY]->(b), (o)-[:SHIPS_TO {name: row.ship_to_name}]->(x)
"""

WRITE_ITEMS = """
UNWIND $rows AS row
MATCH (o:Order {id: row.order_id})
CREATE (o)-[:HAS_ORDER_ITEM]->(i:OrderItem)
SET i = row
"""

WRITE_PARCELS = """
UNWIND $rows AS row
MATCH (o:Order {id: row.order})
MERGE (p:Parcel {tracking_number: row.tracking_number})
SET p.carrier = row.carrier, p.weight_kg = row.weight_kg, p.operator = row.operator, p.items = row.items
CREATE (o)-[:SHIPPED_IN]->(p)
"""

WRITE_HISTORY = """
UNWIND $rows AS row
MATCH (o:Order {id: row.order})
MERGE (v:OrderVersion {id: row.version.id})
ON CREATE SET v.loaded_at = datetime()
SET v += row.version
MERGE (o)-[:HAS_ORDER_VERSION]->(v)
"""


@dataclass
class OrderBatch:
    """Rows for one transaction, flat and de-duplicated by `ingest.ecommerce.map`."""

    replaced: list[str] = field(default_factory=list)  # order ids whose older version is being replaced
    accounts: list[dict[str, Any]] = field(default_factory=list)  # {id, operator, account_id, name, …, kind}
    contacts: list[dict[str, Any]] = field(default_factory=list)  # {hash, kind}, each hash once
    addresses: list[dict[str, Any]] = field(default_factory=list)  # {id, raw, norm, country}, each id once
    account_contacts: list[dict[str, Any]] = field(default_factory=list)  # {account, hash}
    account_addresses: list[dict[str, Any]] = field(default_factory=list)  # {account, address}
    address_countries: list[dict[str, Any]] = field(default_factory=list)  # {address, country} of ship-to addresses
    orders: list[dict[str, Any]] = field(default_factory=list)  # current versions, one per order id
    items: list[dict[str, Any]] = field(default_factory=list)  # OrderItem properties (order_id names the order)
    parcels: list[dict[str, Any]] = field(default_factory=list)  # {order, tracking_number, carrier, …}
    history: list[dict[str, Any]] = field(default_factory=list)  # {order, version}


def existing_order_versions(graph: Graph, keys: Sequence[Mapping[str, str]]) -> dict[str, tuple[int | None, str | None]]:
    """For each {order, id}: (current sequence of that order, hash of this exact version) or Nones."""
    return {r["id"]: (r["current_sequence"], r["version_hash"]) for r in graph.read(EXISTING, keys=list(keys))}


def write_order_batch(graph: Graph, batch: OrderBatch) -> WriteCounts:
    """The whole batch in one transaction, nodes before the relationships that MATCH them."""
    plan: list[tuple[LiteralString, list[Any]]] = [
        (UNLINK_REPLACED, batch.replaced), (WRITE_ACCOUNTS, batch.accounts), (WRITE_CONTACTS, batch.contacts),
        (WRITE_ADDRESSES, batch.addresses), (WRITE_ACCOUNT_CONTACTS, batch.account_contacts),
        (WRITE_ACCOUNT_ADDRESSES, batch.account_addresses), (WRITE_ADDRESS_COUNTRIES, batch.address_countries),
        (WRITE_ORDERS, batch.orders), (WRITE_ORDER_LINKS, batch.orders), (WRITE_ITEMS, batch.items),
        (WRITE_PARCELS, batch.parcels), (WRITE_HISTORY, batch.history)]
    statements: list[tuple[LiteralString, Mapping[str, Any]]] = [
        (query, {"ids" if query is UNLINK_REPLACED else "rows": rows}) for query, rows in plan if rows]
    return graph.write_many(statements) if statements else WriteCounts()


def count_orders(graph: Graph) -> dict[str, int]:
    row = graph.read(
        "CALL () { MATCH (o:Order) RETURN count(o) AS orders } "
        "CALL () { MATCH (v:OrderVersion) RETURN count(v) AS versions } "
        "CALL () { MATCH (a:Account) RETURN count(a) AS accounts } "
        "CALL () { MATCH (p:Parcel) RETURN count(p) AS parcels } "
        "CALL () { MATCH (c:Contact) RETURN count(c) AS contacts } "
        "CALL () { MATCH (:Parcel)-[r:DECLARED_AS]->() RETURN count(r) AS linked } "
        "RETURN orders, versions, accounts, parcels, contacts, linked")[0]
    return {k: int(v) for k, v in row.items()}


# Retention (APPI): order details older than the cut-off go; the order node, its parcels' links to
# declarations (customs' own records) and the accounts' contact-hash links stay.
PURGE_ORDERS = """
MATCH (o:Order) WHERE o.placed_at < datetime($cutoff) AND o.purged_at IS NULL
OPTIONAL MATCH (o)-[:HAS_ORDER_ITEM]->(i:OrderItem)
DETACH DELETE i
WITH DISTINCT o
OPTIONAL MATCH (o)-[s:SHIPS_TO]->()
DELETE s
WITH DISTINCT o
OPTIONAL MATCH (o)-[:HAS_ORDER_VERSION]->(v:OrderVersion)
SET v.record = null
WITH DISTINCT o
SET o.price = null, o.price_jpy = null, o.payment_method = null, o.item_count = null, o.purged_at = datetime()
RETURN count(o) AS orders
"""

PURGE_ACCOUNTS = """
MATCH (a:Account) WHERE a.purged_at IS NULL AND EXISTS { (a)<-[:SOLD_BY|BOUGHT_BY]-(:Order) }
  AND NOT EXISTS { (a)<-[:SOLD_BY|BOUGHT_BY]-(o:Order) WHERE o.purged_at IS NULL }
OPTIONAL MATCH (a)-[r:LOCATED_AT|RESOLVED_TO|ACCOUNT_MATCHES]->()
DELETE r
WITH DISTINCT a
SET a.name = null, a.name_norm = null, a.purged_at = datetime()
RETURN count(a) AS accounts
"""


def purge_orders(graph: Graph, cutoff_iso: str) -> dict[str, int]:
    """Purge details of orders placed before `cutoff_iso`, then of accounts left with only purged orders."""
    orders = graph.write_returning(PURGE_ORDERS, cutoff=cutoff_iso)[0]["orders"]
    accounts = graph.write_returning(PURGE_ACCOUNTS)[0]["accounts"]
    return {"orders": int(orders), "accounts": int(accounts)}


# -- linking (rules/ecommerce reads these and writes the links back) ---------------------------------
PARCELS_TO_LINK = """
MATCH (o:Order)-[:SHIPPED_IN]->(p:Parcel)
WHERE o.status <> 'cancelled' AND ($relink OR NOT EXISTS { (p)-[:DECLARED_AS]->() })
MATCH (o)-[st:SHIPS_TO]->(x:Address)
MATCH (o)-[:BOUGHT_BY]->(b:Account)
OPTIONAL MATCH (o)-[:HAS_ORDER_ITEM]->(i:OrderItem)
RETURN p.tracking_number AS tracking_number, o.id AS order, toString(o.date) AS date, x.country AS country,
       x.raw AS address, coalesce(st.name, b.name) AS recipient, b.name AS buyer, collect(i.title) AS titles
"""

LINK_CANDIDATES = """
MATCH (d:Declaration) WHERE d.declaration_type = 'ECM' AND d.date >= date($start) AND d.date <= date($end)
  AND NOT EXISTS { (:Parcel)-[:DECLARED_AS]->(d) }
OPTIONAL MATCH (d)-[:CONSIGNEE]->(c:Party)
OPTIONAL MATCH (c)-[:LOCATED_AT]->(a:Address)
OPTIONAL MATCH (d)-[:HAS_ITEM]->(i:GoodsItem)
RETURN d.number AS number, toString(d.date) AS date, d.destination AS country, d.tracking_number AS tracking_number,
       c.name AS consignee, a.raw AS address, collect(i.description) AS descriptions
"""

BY_TRACKING = """
UNWIND $numbers AS t
MATCH (d:Declaration {tracking_number: t})
RETURN t AS tracking_number, d.number AS number
"""

WRITE_PARCEL_LINKS = """
UNWIND $rows AS row
MATCH (p:Parcel {tracking_number: row.tracking_number}), (d:Declaration {number: row.number})
OPTIONAL MATCH (p)-[old:DECLARED_AS]->(other) WHERE other <> d
DELETE old
MERGE (p)-[r:DECLARED_AS]->(d)
// a newly linked declaration has new evidence: `ecgraph screen` (mode new) screens it again
ON CREATE SET d.screened_at = null
SET r.method = row.method, r.score = row.score, r.explanation = row.explanation, r.linked_at = datetime()
"""


def parcels_to_link(graph: Graph, relink: bool = False) -> list[dict[str, Any]]:
    return graph.read(PARCELS_TO_LINK, relink=relink)


def declarations_by_tracking(graph: Graph, numbers: list[str]) -> dict[str, str]:
    return {r["tracking_number"]: r["number"] for r in graph.read(BY_TRACKING, numbers=numbers)}


def link_candidates(graph: Graph, start: str, end: str) -> list[dict[str, Any]]:
    """Unlinked ECM declarations dated in [start, end], with the evidence the fallback scores."""
    return graph.read(LINK_CANDIDATES, start=start, end=end)


def write_parcel_links(graph: Graph, rows: Sequence[Mapping[str, Any]]) -> WriteCounts:
    return graph.write_rows(WRITE_PARCEL_LINKS, rows)


ACCOUNTS_FOR_RESOLUTION = """
MATCH (o:Order)-[role:SOLD_BY|BOUGHT_BY]->(a:Account) WHERE a.name IS NOT NULL
OPTIONAL MATCH (o)-[:SHIPPED_IN]->(:Parcel)-[:DECLARED_AS]->(d:Declaration)
OPTIONAL MATCH (d)-[dr:CONSIGNEE|EXPORTER]->(p:Party)
  WHERE (type(role) = 'BOUGHT_BY' AND type(dr) = 'CONSIGNEE') OR (type(role) = 'SOLD_BY' AND type(dr) = 'EXPORTER')
OPTIONAL MATCH (a)-[:LOCATED_AT]->(:Address)<-[:LOCATED_AT]-(q:Party)
WITH a, collect(DISTINCT p) + collect(DISTINCT q) AS parties
RETURN a.id AS id, a.name AS name, a.country AS country, a.kind AS kind,
       [x IN parties WHERE x IS NOT NULL | {key: x.key, name: x.name, names: x.names, country: x.country}] AS parties
"""

WRITE_ACCOUNT_LINKS = """
UNWIND $rows AS row
MATCH (a:Account {id: row.account})
OPTIONAL MATCH (a)-[old:RESOLVED_TO|ACCOUNT_MATCHES]->()
DELETE old
WITH DISTINCT a, row
FOREACH (p IN row.parties | MERGE (x:Party {key: p.key})
  MERGE (a)-[r:RESOLVED_TO]->(x) SET r.score = p.score, r.method = p.method, r.explanation = p.explanation)
FOREACH (e IN row.entries | MERGE (x:ListEntry {id: e.id})
  MERGE (a)-[r:ACCOUNT_MATCHES]->(x) SET r.score = e.score, r.explanation = e.explanation,
    r.matcher_version = row.matcher_version)
"""


def order_accounts_for_resolution(graph: Graph) -> list[dict[str, Any]]:
    """Accounts with the parties they could be: the linked declarations' consignee (buyers) or exporter
    (sellers), and parties at one of the account's addresses."""
    return graph.read(ACCOUNTS_FOR_RESOLUTION)


def write_account_links(graph: Graph, rows: Sequence[Mapping[str, Any]]) -> WriteCounts:
    """rows: {account, parties: [{key, score, method, explanation}], entries: [{id, score, explanation}],
    matcher_version}; replaces the account's earlier links."""
    return graph.write_rows(WRITE_ACCOUNT_LINKS, rows, batch_size=500)


ITEMS_TO_CLASSIFY = """
MATCH (o:Order)-[:HAS_ORDER_ITEM]->(i:OrderItem)
WHERE $all OR NOT EXISTS { (i)-[:CANDIDATE_CONTROL|CANDIDATE_HS]->() }
RETURN i.id AS id, i.title AS title, i.brand AS brand, i.model AS model
"""

WRITE_ITEM_CANDIDATES = """
UNWIND $rows AS row
MATCH (i:OrderItem {id: row.item})
OPTIONAL MATCH (i)-[old:CANDIDATE_CONTROL|CANDIDATE_HS]->()
DELETE old
WITH DISTINCT i, row
FOREACH (c IN row.controls | MERGE (e:ControlEntry {id: c.entry})
  MERGE (i)-[r:CANDIDATE_CONTROL]->(e) SET r.score = c.score, r.rank = c.rank, r.reasons = c.reasons,
    r.classifier_version = row.classifier_version)
FOREACH (h IN row.hs | MERGE (x:HSCode {code: h.code})
  MERGE (i)-[r:CANDIDATE_HS]->(x) SET r.score = h.score, r.via = h.via)
"""


def order_items_to_classify(graph: Graph, all_items: bool = False) -> list[dict[str, Any]]:
    return graph.read(ITEMS_TO_CLASSIFY, all=all_items)


def write_item_candidates(graph: Graph, rows: Sequence[Mapping[str, Any]]) -> WriteCounts:
    return graph.write_rows(WRITE_ITEM_CANDIDATES, rows, batch_size=500)


# -- analyst -------------------------------------------------------------------------------------
DECLARATION_ORDERS = """
MATCH (d:Declaration {number: $number})<-[l:DECLARED_AS]-(p:Parcel)<-[:SHIPPED_IN]-(o:Order)
OPTIONAL MATCH (o)-[:SOLD_BY]->(s:Account)
OPTIONAL MATCH (o)-[:BOUGHT_BY]->(b:Account)
OPTIONAL MATCH (o)-[st:SHIPS_TO]->(x:Address)
OPTIONAL MATCH (o)-[:HAS_ORDER_ITEM]->(i:OrderItem)
WITH d, l, p, o, s, b, st, x, i ORDER BY i.seq
RETURN o.id AS order, o.number AS order_number, o.operator AS operator, o.sequence AS sequence, o.status AS status,
       toString(o.placed_at) AS placed_at, o.price AS price, o.currency AS currency, o.price_jpy AS price_jpy,
       o.payment_method AS payment_method, s.name AS seller, s.country AS seller_country, b.name AS buyer,
       b.country AS buyer_country, x.raw AS ship_to, x.country AS ship_to_country,
       o.ship_to_country_text AS ship_to_country_text,
       p.tracking_number AS tracking_number, p.carrier AS carrier, p.weight_kg AS weight_kg,
       l.method AS link_method, l.score AS link_score, l.explanation AS link_explanation,
       [t IN collect(i) | t {.seq, .title, .category, .quantity, .unit_price}] AS items,
       COUNT { (b)-[:HAS_CONTACT]->(:Contact)<-[:HAS_CONTACT]-(other:Account) WHERE other <> b } AS buyer_contact_shared
"""

ECOMMERCE_ALERTS = """
MATCH (a:Alert)-[:ON]->(d:Declaration)<-[:DECLARED_AS]-(p:Parcel)<-[:SHIPPED_IN]-(o:Order)
WHERE a.rule_id STARTS WITH 'EC-' AND a.status IN ['open', 'in_review', 'escalated']
OPTIONAL MATCH (o)-[:BOUGHT_BY]->(b:Account)
RETURN a.id AS id, a.rule_id AS rule_id, a.severity AS severity, d.number AS declaration, o.number AS order,
       b.id AS account, p.tracking_number AS parcel, a.explanation AS explanation
ORDER BY a.severity, a.rule_id, d.number LIMIT $limit
"""


def declaration_orders(graph: Graph, number: str) -> list[dict[str, Any]]:
    """The orders, accounts and parcels behind one (ECM) declaration."""
    return graph.read(DECLARATION_ORDERS, number=number)


def ecommerce_alerts(graph: Graph, limit: int = 20) -> list[dict[str, Any]]:
    return graph.read(ECOMMERCE_ALERTS, limit=limit)
