// Sanctions and end-user lists: lists, their versions, entries and identifiers (graph/lists.py writes them).
// The model is documented in schemas/model/list*.yaml. One statement per `;`, each idempotent.
CREATE CONSTRAINT list_id IF NOT EXISTS FOR (n:List) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT list_version_id IF NOT EXISTS FOR (n:ListVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT list_entry_id IF NOT EXISTS FOR (n:ListEntry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT identifier_id IF NOT EXISTS FOR (n:Identifier) REQUIRE n.id IS UNIQUE;
// the delta reads every entry of one list; status and version lookups filter by these
CREATE INDEX list_entry_list IF NOT EXISTS FOR (n:ListEntry) ON (n.list);
CREATE INDEX list_entry_status IF NOT EXISTS FOR (n:ListEntry) ON (n.status);
CREATE INDEX list_version_list IF NOT EXISTS FOR (n:ListVersion) ON (n.list, n.version);
CREATE INDEX identifier_value IF NOT EXISTS FOR (n:Identifier) ON (n.value_norm);
