// Analyst look-ups (issue 6): `ecgraph party NAME` and `ecgraph path A B` find parties and list entries by
// name. Full-text (Lucene) indexes match words in any order and case, across scripts; graph/analyst.py
// escapes the analyst's text before it reaches Lucene. One statement per `;`, each idempotent.
CREATE FULLTEXT INDEX party_name_text IF NOT EXISTS FOR (n:Party) ON EACH [n.name, n.name_latin];
CREATE FULLTEXT INDEX list_entry_name_text IF NOT EXISTS FOR (n:ListEntry) ON EACH [n.name];
