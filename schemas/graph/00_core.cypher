// Core nodes shared by every part of the graph. One statement per `;`, each idempotent.
// The model these constraints serve is documented in schemas/model/*.yaml.
CREATE CONSTRAINT ecgraph_schema_id IF NOT EXISTS FOR (n:EcgraphSchema) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_iso2 IF NOT EXISTS FOR (n:Country) REQUIRE n.iso2 IS UNIQUE;
CREATE CONSTRAINT address_id IF NOT EXISTS FOR (n:Address) REQUIRE n.id IS UNIQUE;
