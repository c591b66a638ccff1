// Control lists (ETCO, CHPL, EU / Wassenaar dual-use), the HS nomenclature, country groups, indicator
// terms and classification suggestions (graph/controls.py writes them). Model: schemas/model/control_*.yaml,
// hs_code.yaml, country_group.yaml, indicator_term.yaml and the edges between them (part_of.yaml, has_child.yaml, correlates_with.yaml …). One statement per `;`, each idempotent.
CREATE CONSTRAINT control_list_id IF NOT EXISTS FOR (n:ControlList) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT control_list_version_id IF NOT EXISTS FOR (n:ControlListVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT control_entry_id IF NOT EXISTS FOR (n:ControlEntry) REQUIRE n.id IS UNIQUE;
// same statement as in 20_declarations.cypher: both parts MERGE HSCode nodes on their code
CREATE CONSTRAINT hs_code_code IF NOT EXISTS FOR (n:HSCode) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT country_group_id IF NOT EXISTS FOR (n:CountryGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_term_id IF NOT EXISTS FOR (n:IndicatorTerm) REQUIRE n.id IS UNIQUE;
// `controls show CODE` and the version delta look entries up by code within a list and version
CREATE INDEX control_entry_code IF NOT EXISTS FOR (n:ControlEntry) ON (n.code);
CREATE INDEX control_entry_list_version IF NOT EXISTS FOR (n:ControlEntry) ON (n.list, n.version);
CREATE INDEX hs_code_level IF NOT EXISTS FOR (n:HSCode) ON (n.level);
