"""After a list update, the declarations to screen again: those of parties whose matches changed, and of every
party the proximity rules could now link to a listed one — up to two hops through addresses, officers and
identifiers — but not through an address or identifier so many parties share that no rule links through it
(a registered agent's)."""

from __future__ import annotations

from ecgraph.graph import Graph
from ecgraph.graph.screening import declarations_touched_by_list_changes

WORLD = """
CREATE (listed:Party {key: 'listed', name: 'Newly Listed LLC'}),
       (neighbour:Party {key: 'neighbour', name: 'Same Floor Trading'}),
       (director:Party {key: 'director', name: 'A. Director', kind: 'person'}),
       (managed:Party {key: 'managed', name: 'Run By The Same Director KK'}),
       (twohops:Party {key: 'twohops', name: 'Next Door To Managed Ltd'}),
       (tax:Party {key: 'tax', name: 'Shares A Tax Number GmbH'}),
       (agentclient:Party {key: 'agentclient', name: 'Registered Agent Client Inc'}),
       (far:Party {key: 'far', name: 'Three Hops Away SA'}),
       (office:Address {id: 'office'}), (managedoffice:Address {id: 'managedoffice'}),
       (agent:Address {id: 'agent'}), (farplace:Address {id: 'farplace'}),
       (vat:Identifier {id: 'vat', type: 'vat', value: 'DE1'}),
       (listed)-[:LOCATED_AT]->(office)<-[:LOCATED_AT]-(neighbour),
       (director)-[:OFFICER_OF]->(listed), (director)-[:OFFICER_OF]->(managed),
       (managed)-[:LOCATED_AT]->(managedoffice)<-[:LOCATED_AT]-(twohops),
       (twohops)-[:LOCATED_AT]->(farplace)<-[:LOCATED_AT]-(far),
       (listed)-[:HAS_IDENTIFIER]->(vat)<-[:HAS_IDENTIFIER]-(tax),
       (listed)-[:LOCATED_AT]->(agent)<-[:LOCATED_AT]-(agentclient)
WITH *
UNWIND range(1, 25) AS n
CREATE (:Party {key: 'agent-client-' + toString(n)})-[:LOCATED_AT]->(agent)
WITH DISTINCT 1 AS one
MATCH (p:Party) WHERE NOT p.key STARTS WITH 'agent-client-'
CREATE (:Declaration {number: 'D-' + p.key})-[:CONSIGNEE]->(p)
"""


def test_a_list_change_reaches_the_parties_the_proximity_rules_link_and_no_further(graph: Graph) -> None:
    graph.write(WORLD)
    touched = declarations_touched_by_list_changes(graph, ["listed"], [], mass_registration_min=20)
    assert touched == ["D-director", "D-listed", "D-managed", "D-neighbour", "D-tax", "D-twohops"]
    # three hops (listed - director - managed - address - twohops - address - far) is past PS-05's two;
    # the registered agent's address (27 parties) links no one


def test_a_higher_exemption_lets_a_busier_address_link(graph: Graph) -> None:
    graph.write(WORLD)
    touched = declarations_touched_by_list_changes(graph, ["listed"], [], mass_registration_min=30)
    assert "D-agentclient" in touched and "D-far" not in touched
