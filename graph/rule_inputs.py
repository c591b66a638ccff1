"""Reads that feed the engine's Python predicates (what Cypher expresses badly: ownership aggregation,
statistics, term matching). Plain rows out; the predicates in rules/engine/predicates do the thinking.
Every query here returns values only (element ids, never nodes), so rows are read with `read_values`, and the
large ones (a row per party or item of a batch) as lists of rows, a bounded slice of declarations at a time
(`collected_by_declaration`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, LiteralString

from ecgraph.graph.connection import Graph

__all__ = [
    "PartyAddresses",
    "collected_by_declaration",
    "control_codes",
    "declaration_facts",
    "declaration_goods",
    "declaration_party_names",
    "indicator_terms",
    "item_unit_values",
    "lane_history",
    "listed_identities",
    "ownership_edges",
    "unit_value_samples",
]

# Declarations per read of a `RETURN collect({…}) AS rows` query: the server holds one slice's rows at a time.
COLLECT_SLICE = 5_000


def collected_by_declaration(graph: Graph, query: LiteralString, declarations: list[str],
                             **params: Any) -> list[dict[str, Any]]:
    """The rows of a per-declaration query written as `RETURN collect({…}) AS rows`, read in slices of
    `COLLECT_SLICE` declarations (`Graph.read_collected`), in the order the slices give them."""
    rows: list[dict[str, Any]] = []
    for start in range(0, len(declarations), COLLECT_SLICE):
        rows.extend(graph.read_collected(query, declarations=declarations[start:start + COLLECT_SLICE], **params))
    return rows


OWNERSHIP_EDGES = """
MATCH (o)-[r:OWNS]->(t)
RETURN CASE WHEN o:Party THEN 'party:' + o.key ELSE 'entry:' + o.id END AS owner,
       CASE WHEN t:Party THEN 'party:' + t.key ELSE 'entry:' + t.id END AS owned,
       r.pct AS pct, r.source AS source, r.as_of AS as_of,
       coalesce(o.name, o.key) AS owner_name, coalesce(t.name, t.key) AS owned_name,
       elementId(r) AS rel_id, elementId(o) AS owner_eid, elementId(t) AS owned_eid
UNION ALL
MATCH (o:ListEntry)-[r:LINKED_TO]->(t:ListEntry) WHERE r.kind IN ['owner', 'owned_by']
// 'owner': the entry owns the target (FtM Ownership); 'owned_by': the target owns the entry (1260H parent)
WITH CASE WHEN r.kind = 'owner' THEN [o, t] ELSE [t, o] END AS pair, r
RETURN 'entry:' + pair[0].id AS owner, 'entry:' + pair[1].id AS owned, r.share_pct AS pct,
       'list:' + pair[0].source AS source, null AS as_of, pair[0].name AS owner_name, pair[1].name AS owned_name,
       elementId(r) AS rel_id, elementId(pair[0]) AS owner_eid, elementId(pair[1]) AS owned_eid
"""

# Every list entry of the given sources, and every party strongly matched to one: the seeds of a regime.
LISTED_IDENTITIES = """
MATCH (e:ListEntry) WHERE e.source IN $sources AND coalesce(e.status, 'active') = 'active'
  AND ($lists IS NULL OR $lists[e.source] IS NULL OR e.sub_list IN $lists[e.source])
OPTIONAL MATCH (p:Party)-[m:MATCHES]->(e) WHERE m.score >= $min_score
RETURN e.id AS entry, e.name AS entry_name, e.source AS source, e.sub_list AS sub_list, elementId(e) AS entry_eid,
       collect(CASE WHEN p IS NULL THEN null ELSE {key: p.key, score: m.score, eid: elementId(p),
                                                    rel: elementId(m)} END) AS parties
"""

DECLARATION_PARTIES = """
MATCH (d:Declaration)-[r]->(p:Party)
WHERE d.number IN $declarations AND type(r) IN $roles
RETURN collect({declaration: d.number, role: type(r), key: p.key, name: p.name, names: p.names,
                name_latin: p.name_latin, eid: elementId(p), rel_eid: elementId(r), declaration_eid: elementId(d)}) AS rows
"""

# A goods item `i`'s value and its value per kg and per unit (null without weight or quantity): one text for
# every query that judges or stores unit values (here and graph/value_stats.py), so samples and statistics
# are always the same numbers. Fixed Cypher from code, never input.
ITEM_VALUE = "coalesce(i.value_jpy, i.value)"
ITEM_PER_KG = f"CASE WHEN i.net_kg > 0 THEN {ITEM_VALUE} / i.net_kg END"
ITEM_PER_UNIT = f"CASE WHEN i.quantity > 0 THEN {ITEM_VALUE} / i.quantity END"

DECLARATION_GOODS = f"""
MATCH (d:Declaration)-[:HAS_ITEM]->(i:GoodsItem)
WHERE d.number IN $declarations
OPTIONAL MATCH (d)-[:DESTINED_TO]->(c:Country)
RETURN collect({{declaration: d.number, date: d.date, destination: c.iso2, item: i.id, hs_code: i.hs_code,
                description: i.description, value: {ITEM_VALUE}, net_kg: i.net_kg,
                quantity: i.quantity, item_eid: elementId(i), declaration_eid: elementId(d)}}) AS rows
"""

# Unit values in JPY (the statistical value) where the declaration states it, else in its own currency.
UNIT_VALUES = f"""
MATCH (i:GoodsItem)
WHERE substring(i.hs_code, 0, $digits) IN $prefixes AND i.net_kg > 0 AND {ITEM_VALUE} > 0
RETURN substring(i.hs_code, 0, $digits) AS prefix, {ITEM_PER_KG} AS per_kg
"""

# Every declaration on the lanes (exporter → consignee) that the given declarations travel: a lane none of
# them travels cannot raise an alert on them, so the exporters' other lanes are not read. Each exporter's
# declarations are expanded once and kept when their consignee is one of its lanes' (a few hundred
# exporters send a batch's declarations, to tens of thousands of consignees: expanding per lane walked a
# large exporter's declarations once per lane; 3.5x less server CPU at 50,000 declarations, same rows).
LANES = """
MATCH (b:Declaration)-[:EXPORTER]->(x:Party) WHERE b.number IN $declarations
MATCH (b)-[:CONSIGNEE]->(c:Party)
WITH x, collect(DISTINCT c) AS consignees
MATCH (x)<-[:EXPORTER]-(d:Declaration)-[:CONSIGNEE]->(c)
WHERE c IN consignees
MATCH (d)-[:HAS_ITEM]->(i:GoodsItem)
OPTIONAL MATCH (d)-[:DESTINED_TO]->(dest:Country)
WITH d, x, c, dest, collect(substring(i.hs_code, 0, 6)) AS hs6, sum(coalesce(i.value_jpy, i.value, 0)) AS items_value
RETURN d.number AS declaration, d.date AS date, x.key AS exporter, c.key AS consignee, dest.iso2 AS destination,
       d.small_value_exception AS exception_claimed,
       hs6, items_value AS value, coalesce(d.value_jpy, d.value, items_value) AS declared_value,
       elementId(d) AS declaration_eid
"""

TERMS = """
MATCH (t:IndicatorTerm)
RETURN t.term AS term, t.lang AS lang, t.category AS category, t.weight AS weight, t.match AS match, t.span AS span
"""


def ownership_edges(graph: Graph) -> list[dict[str, Any]]:
    return graph.read_values(OWNERSHIP_EDGES)


def listed_identities(graph: Graph, sources: list[str], min_score: float,
                      lists: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """Active entries of `sources` (narrowed to some sub-lists per source with `lists`) and the parties
    strongly matched to them."""
    return graph.read_values(LISTED_IDENTITIES, sources=sources, min_score=min_score, lists=lists)


def declaration_party_names(graph: Graph, declarations: list[str], roles: list[str]) -> list[dict[str, Any]]:
    return collected_by_declaration(graph, DECLARATION_PARTIES, declarations, roles=roles)


def declaration_goods(graph: Graph, declarations: list[str]) -> list[dict[str, Any]]:
    """Goods items by declaration and item id, not in store order (which moves with unrelated writes)."""
    rows = collected_by_declaration(graph, DECLARATION_GOODS, declarations)
    return sorted(rows, key=lambda r: (r["declaration"], str(r["item"] or ""), r["item_eid"]))


def unit_value_samples(graph: Graph, prefixes: list[str], digits: int) -> list[dict[str, Any]]:
    """Value per kg of every goods item whose HS code starts with one of `prefixes` (all `digits` long)."""
    return graph.read_values(UNIT_VALUES, prefixes=prefixes, digits=digits)


# ETCO list-control entries (items 1-15, not the 16 catch-all) that HS codes or prefixes correlate with.
LIST_ITEMS_OF_HS = """
MATCH (h:HSCode)-[x:CORRELATES_WITH]->(e:ControlEntry {list: 'jp_etco'})
WHERE h.code IN $codes AND coalesce(x.source, '') <> 'jp_catchall_16_1_hs' AND NOT e.code STARTS WITH '16'
RETURN h.code AS hs_code, collect(DISTINCT e.code) AS entries
"""


def list_items_of_hs(graph: Graph, codes: list[str]) -> dict[str, list[str]]:
    """HS code (4 or 6 digits) -> the ETCO item 1-15 entries it correlates with (indicative only)."""
    return {row["hs_code"]: sorted(row["entries"]) for row in graph.read_values(LIST_ITEMS_OF_HS, codes=codes)}


HS_FLAGS = """
MATCH (h:HSCode)-[x:CORRELATES_WITH]->(e:ControlEntry)
WHERE h.code IN [substring($code, 0, 4), substring($code, 0, 6)]
  AND (e.list = 'chpl' OR x.source = 'jp_catchall_16_1_hs')
  AND NOT any(ex IN coalesce(x.exclude, []) WHERE $code STARTS WITH ex)
RETURN collect(DISTINCT CASE WHEN e.list = 'chpl' THEN 'CHPL' ELSE 'item 16(1)' END) AS flags
"""


def hs_flags(graph: Graph, code: str) -> list[str]:
    """Whether an HS code is CHPL goods and/or item-16(1) goods: ['CHPL', 'item 16(1)'] or fewer."""
    rows = graph.read_values(HS_FLAGS, code=code)
    return sorted(rows[0]["flags"]) if rows else []


def lane_history(graph: Graph, declarations: list[str]) -> list[dict[str, Any]]:
    """A row per (declaration, exporter, consignee) on every lane the given declarations travel, by
    declaration, exporter and consignee (never in store order: rules order a lane by date, and ties
    would otherwise fall differently between two runs over the same data)."""
    rows = graph.read_values(LANES, declarations=declarations)
    return sorted(rows, key=lambda r: (str(r["declaration"]), str(r["exporter"]), str(r["consignee"])))


def indicator_terms(graph: Graph) -> list[dict[str, Any]]:
    return graph.read_values(TERMS)

PARTY_USES = """
MATCH (d:Declaration)-[role]->(p:Party)
WHERE d.number IN $declarations AND type(role) IN $roles AND EXISTS { (p)-[:LOCATED_AT]->(:Address) }
RETURN collect({declaration: d.number, role: type(role), key: p.key,
                declaration_eid: elementId(d), role_eid: elementId(role), party_eid: elementId(p)}) AS rows
"""

ADDRESSES_OF_PARTIES = """
UNWIND $keys AS key
MATCH (p:Party {key: key})-[la:LOCATED_AT]->(a:Address)
RETURN collect({key: p.key, name: p.name, address: a.raw, country: coalesce(a.country, p.country),
                companies: COUNT { (a)<-[:LOCATED_AT]-(:Party) },
                matched_entries: [(p)-[:MATCHES]->(e:ListEntry) | e.id],
                located_eid: elementId(la), address_eid: elementId(a)}) AS rows
"""

LIST_ADDRESSES = """
MATCH (e:ListEntry)-[la:LOCATED_AT]->(a:Address)
WHERE a.country IN $countries AND coalesce(e.status, 'active') = 'active'
RETURN collect({entry: e.id, name: e.name, source: e.source, address: a.full, country: a.country,
                entry_eid: elementId(e), located_eid: elementId(la), address_eid: elementId(a)}) AS rows
"""


@dataclass(frozen=True)
class PartyAddresses:
    """The declarations' parties (`uses`: declaration, role, party key and element ids) and each distinct
    party's addresses (`addresses`, by party key), read apart and joined only where a caller needs a pair.

    A party under one key at many addresses (a company with branches, namesakes a name key joins) recurs on
    many declarations: the joined rows of one 50,000-declaration batch of a 1M-declaration graph were 1.1M
    dicts, 2.5 GB in the Cypher worker, where the parties' addresses are a fraction of that."""

    uses: list[dict[str, Any]]
    addresses: dict[str, list[dict[str, Any]]]

    def pairs(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(use, address) for every address of every use's party, uses in the order read."""
        for use in self.uses:
            for address in self.addresses.get(use["key"], ()):
                yield use, address

    def kept(self, keep: Callable[[dict[str, Any]], bool]) -> PartyAddresses:
        """The same uses with only the addresses `keep` accepts."""
        return PartyAddresses(self.uses, {key: [a for a in rows if keep(a)] for key, rows in self.addresses.items()})


def party_addresses(graph: Graph, declarations: list[str], roles: list[str]) -> PartyAddresses:
    uses = collected_by_declaration(graph, PARTY_USES, declarations, roles=roles)
    keys = sorted({use["key"] for use in uses})
    addresses: dict[str, list[dict[str, Any]]] = {key: [] for key in keys}
    for start in range(0, len(keys), COLLECT_SLICE):
        for row in graph.read_collected(ADDRESSES_OF_PARTIES, keys=keys[start:start + COLLECT_SLICE]):
            addresses[row["key"]].append(row)
    return PartyAddresses(uses, addresses)


def list_addresses(graph: Graph, countries: list[str]) -> list[dict[str, Any]]:
    """Listed entries' addresses by entry and address, so ties between equally close addresses fall the
    same way on every run."""
    rows = graph.read_collected(LIST_ADDRESSES, countries=countries)
    return sorted(rows, key=lambda r: (str(r["entry"] or ""), r["address"] or "", r["address_eid"]))

VERSIONS = """
MATCH (d:Declaration)-[:HAS_VERSION]->(v:DeclarationVersion)
WHERE d.number IN $declarations
WITH d, v ORDER BY v.version
WITH d, collect(v) AS versions WHERE size(versions) > 1
RETURN d.number AS declaration, elementId(d) AS declaration_eid,
       [v IN versions | {version: v.version, record: v.record, loaded_at: toString(v.loaded_at),
                         eid: elementId(v)}] AS versions
"""


def declaration_versions(graph: Graph, declarations: list[str]) -> list[dict[str, Any]]:
    """Declarations with more than one version, each version's stored record (JSON text), oldest first."""
    return graph.read_values(VERSIONS, declarations=declarations)

GROUP_MEMBERS = """
MATCH (c:Country)-[:MEMBER_OF]->(g:CountryGroup) WHERE g.id IN $groups
RETURN DISTINCT c.iso2 AS iso2
"""


def group_members(graph: Graph, groups: list[str]) -> set[str]:
    return {row["iso2"] for row in graph.read_values(GROUP_MEMBERS, groups=groups)}

# What term and code rules read about a declaration: its goods (with the control-list flags a rule's
# severity needs), its parties by role (with country and address) and its destination's groups.
# Read in three set-based parts and joined here: the declarations with their items and party links, then
# each distinct party once (address, companies at it, list matches) and each distinct HS code once (16(1)
# and control-list correlations). A slice's exporter appears in thousands of its declarations and a few
# hundred HS codes cover its items, so per-row lookups repeated the same work many times over.
DECLARATION_FACTS = """
MATCH (d:Declaration) WHERE d.number IN $declarations
OPTIONAL MATCH (d)-[:DESTINED_TO]->(c:Country)
CALL (d) {
  OPTIONAL MATCH (d)-[:HAS_ITEM]->(i:GoodsItem)
  OPTIONAL MATCH (i)-[:CLASSIFIED_AS]->(:HSCode)-[:CORRELATES_WITH]->(t:ControlEntry {list: 'chpl'})
  WITH i, t WHERE i IS NOT NULL
  RETURN collect({item: i.id, seq: i.seq, hs_code: i.hs_code, description: i.description, eid: elementId(i),
                  chpl_tier: t.code}) AS items
}
CALL (d) {
  OPTIONAL MATCH (d)-[r]->(p:Party)
  WITH r, p WHERE p IS NOT NULL
  RETURN collect({role: type(r), rel_eid: elementId(r), eid: elementId(p)}) AS parties
}
RETURN collect({declaration: d.number, declaration_eid: elementId(d), licence: coalesce(d.licence_number, ''),
                destination: c.iso2, destination_groups: [(c)-[:MEMBER_OF]->(g:CountryGroup) | g.id],
                ecommerce: d.ecommerce, items: items, parties: parties}) AS rows
"""

FACT_PARTIES = """
UNWIND $parties AS eid
MATCH (p:Party) WHERE elementId(p) = eid
RETURN collect({key: p.key, name: p.name, name_latin: p.name_latin, names: p.names, country: p.country,
                eid: elementId(p),
                addresses: [(p)-[:LOCATED_AT]->(a:Address) | {id: a.id, raw: a.raw, eid: elementId(a),
                                                              companies: COUNT { (a)<-[:LOCATED_AT]-(:Party) }}],
                listed: [(p)-[m:MATCHES]->(e:ListEntry) WHERE coalesce(e.status, 'active') = 'active' |
                         {entry: e.id, name: e.name, source: e.source, sub_list: e.sub_list, programs: e.programs,
                          score: m.score, rel_eid: elementId(m), entry_eid: elementId(e)}]
                }) AS rows
"""

FACT_HS_CODES = """
UNWIND $codes AS code
CALL (code) {
  OPTIONAL MATCH (h:HSCode)-[x:CORRELATES_WITH]->(e:ControlEntry)
  WHERE h.code IN [substring(code, 0, 4), substring(code, 0, 6)]
    AND NOT any(ex IN coalesce(x.exclude, []) WHERE code STARTS WITH ex)
  RETURN collect(DISTINCT CASE WHEN x.source = 'jp_catchall_16_1_hs' THEN e.code END) AS catchall,
         collect(DISTINCT CASE WHEN e.list <> 'chpl' AND coalesce(x.source, '') <> 'jp_catchall_16_1_hs'
                          THEN e.list + ' ' + e.code END) AS correlated
}
RETURN collect({hs_code: code, catchall: catchall, correlated: correlated}) AS rows
"""

CONTROL_CODES = """
MATCH (e:ControlEntry) WHERE e.list <> 'chpl' AND e.code IS NOT NULL
RETURN DISTINCT e.list AS list, e.code AS code
"""


def _in_stable_order(party: dict[str, Any]) -> dict[str, Any]:
    """A party's addresses by text then id, its list matches strongest first then by list and entry."""
    party["addresses"] = sorted(party["addresses"], key=lambda a: (a["raw"] or "", str(a["id"] or ""), a["eid"]))
    party["listed"] = sorted(party["listed"], key=lambda m: (-(m["score"] or 0), str(m["source"] or ""),
                                                             str(m["entry"] or ""), m["rel_eid"]))
    return party


def declaration_facts(graph: Graph, declarations: list[str]) -> list[dict[str, Any]]:
    """One row per declaration: licence, destination and its groups, goods items with CHPL tier, 16(1)
    items and other control correlations, and parties by role with country and every address.

    Lists come in a stable order (items by seq, parties by role and key, addresses by text and id, list
    matches strongest first), never in store order: that moves when unrelated writes happen, and a rule
    reading "the first" of something would then change its alerts between two runs over the same data."""
    rows = []
    for start in range(0, len(declarations), COLLECT_SLICE):
        facts = graph.read_collected(DECLARATION_FACTS, declarations=declarations[start:start + COLLECT_SLICE])
        parties = {row["eid"]: _in_stable_order(row) for row in graph.read_collected(
            FACT_PARTIES, parties=sorted({p["eid"] for fact in facts for p in fact["parties"]}))}
        codes = {row["hs_code"]: row for row in graph.read_collected(
            FACT_HS_CODES, codes=sorted({i["hs_code"] for fact in facts for i in fact["items"] if i["hs_code"]}))}
        for fact in facts:
            for item in fact["items"]:
                known = codes.get(item["hs_code"])
                item["catchall"] = list(known["catchall"]) if known else []
                item["correlated"] = list(known["correlated"]) if known else []
            fact["items"].sort(key=lambda i: (i["seq"] if isinstance(i["seq"], int) else 0, str(i["item"] or ""), i["eid"]))
            fact["parties"] = sorted(({"role": p["role"], "rel_eid": p["rel_eid"], **parties[p["eid"]]} for p in fact["parties"]),
                                     key=lambda p: (p["role"], str(p["key"] or ""), p["rel_eid"]))
        rows.extend(facts)
    return rows


def control_codes(graph: Graph) -> list[dict[str, Any]]:
    """Every (list, code) of the loaded control lists (ETCO items, dual-use lists), not the CHPL tiers."""
    return graph.read_values(CONTROL_CODES)

# Unit values per kg and per unit, with each item's id so a sample never contains the item it judges.
ITEM_UNIT_VALUES = f"""
MATCH (i:GoodsItem)
WHERE substring(i.hs_code, 0, $digits) IN $prefixes AND {ITEM_VALUE} > 0
RETURN substring(i.hs_code, 0, $digits) AS prefix, i.id AS item,
       {ITEM_PER_KG} AS per_kg,
       {ITEM_PER_UNIT} AS per_unit
"""


def item_unit_values(graph: Graph, prefixes: list[str], digits: int) -> list[dict[str, Any]]:
    """Per-kg and per-unit value of every goods item whose HS code starts with one of `prefixes`."""
    return graph.read_values(ITEM_UNIT_VALUES, prefixes=prefixes, digits=digits)

# Every declaration sent to the given consignees (by party key): what each consignee has been sent.
CONSIGNEE_HISTORY = """
MATCH (c:Party) WHERE c.key IN $consignees
MATCH (h:Declaration)-[:CONSIGNEE]->(c)
MATCH (h)-[:HAS_ITEM]->(i:GoodsItem)
RETURN c.key AS consignee, c.name AS name, h.number AS declaration, h.date AS date,
       collect(DISTINCT substring(i.hs_code, 0, 2)) AS chapters
"""


def consignee_history(graph: Graph, consignees: list[str]) -> list[dict[str, Any]]:
    """(consignee, declaration, date, HS chapters) for every declaration sent to the given consignees."""
    return graph.read_values(CONSIGNEE_HISTORY, consignees=consignees)
