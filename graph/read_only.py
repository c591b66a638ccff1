"""The analyst's own Cypher (`ecgraph cypher`), checked before it runs: reads of the graph, nothing else.

Neo4j Community has no roles, so the account ecgraph uses is an administrator, and a READ transaction
alone still lets `LOAD CSV` read host files and URLs, `SHOW SETTINGS`/`SHOW TRANSACTIONS` read the
server's state, `TERMINATE TRANSACTIONS` abort a screening run and built-in procedures clear caches.
Each statement therefore passes two checks before it runs:

1. a scan of its tokens (comments and string literals skipped, text NFKC-normalised so full-width or
   zero-width tricks do not hide a keyword) refuses more than one statement, `LOAD CSV`, `USING
   PERIODIC COMMIT`, `CALL { … } IN TRANSACTIONS`, `USE` and administration commands, with a message
   naming what was refused;
2. the server's own `EXPLAIN` is authoritative for what would run: the query type must be read-only
   ("r") and no operator of the plan may load data, run in separate transactions, run an
   administration or SHOW command other than indexes, constraints, procedures and functions, or call
   a procedure that is not on `READ_PROCEDURES`.

Only then does the query run, in a READ session and transaction (`graph.analyst.run_read_only`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from ecgraph.graph.analyst import ReadOnlyResult, run_read_only
from ecgraph.graph.connection import Graph
from ecgraph.schemas.errors import EcgraphError

__all__ = ["READ_PROCEDURES", "QueryRefused", "check_read_only", "run_checked"]

# Procedures an analyst may CALL: they read the graph's schema or its full-text indexes, nothing else.
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
})
# SHOW commands that describe the graph's schema rather than the server, its users or its sessions.
ALLOWED_SHOW_OPERATORS = frozenset({"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"})
ADMIN_VERBS = frozenset({"ALTER", "CREATE", "DEALLOCATE", "DENY", "DROP", "ENABLE", "GRANT", "REALLOCATE",
                         "RENAME", "REVOKE", "START", "STOP", "TERMINATE"})
SHOW_MODIFIERS = frozenset({"ALL", "BTREE", "BUILT", "DEFINED", "EXISTENCE", "FULLTEXT", "IN", "KEY", "LOOKUP",
                            "NODE", "POINT", "PROPERTY", "RANGE", "REL", "RELATIONSHIP", "TEXT", "UNIQUE",
                            "UNIQUENESS", "USER", "VECTOR"})
SHOW_ALLOWED = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "PROCEDURE", "PROCEDURES", "FUNCTION",
                          "FUNCTIONS"})
_TOKEN = re.compile(r"\w+|[^\w\s]")


class QueryRefused(EcgraphError):
    """A statement `ecgraph cypher` will not run; `what` names the refused construct."""

    def __init__(self, what: str, why: str) -> None:
        super().__init__(f"refused: {what} ({why}); ecgraph cypher is read-only")
        self.what = what


def _code_text(query: str) -> Iterator[str]:
    """The query's code with comments, string literals and `quoted names` blanked out (the plan check
    sees through backticks: `db`.`clearQueryCaches` is refused there by its real name)."""
    i, n = 0, len(query)
    while i < n:
        two = query[i:i + 2]
        if two == "//":
            end = query.find("\n", i)
            i = n if end < 0 else end
            yield " "
        elif two == "/*":
            end = query.find("*/", i + 2)
            i = n if end < 0 else end + 2
            yield " "
        elif query[i] in "'\"`":
            quote, j = query[i], i + 1
            while j < n and query[j] != quote:
                j += 2 if query[j] == "\\" and quote != "`" else 1
            i = j + 1
            yield " `name` " if quote == "`" else " '' "
        else:
            yield query[i]
            i += 1


def _tokens(query: str) -> list[str]:
    code = unicodedata.normalize("NFKC", "".join(_code_text(query)))
    code = "".join(ch for ch in code if unicodedata.category(ch) != "Cf")  # zero-width joiners and the like
    return [t.upper() for t in _TOKEN.findall(code)]


def _scan(query: str) -> None:
    tokens = _tokens(query)
    if ";" in tokens[:-1]:
        raise QueryRefused("more than one statement", "give one statement per call")
    pairs = set(pairwise(tokens))
    if ("PERIODIC", "COMMIT") in pairs:
        raise QueryRefused("USING PERIODIC COMMIT", "it commits in batches, which only imports need")
    if ("LOAD", "CSV") in pairs:
        raise QueryRefused("LOAD CSV", "it reads files and URLs outside the graph")
    for i, token in enumerate(tokens):
        if token == "}" and "IN" in tokens[i + 1:i + 2] and "TRANSACTIONS" in tokens[i + 2:i + 5]:
            raise QueryRefused("CALL { … } IN TRANSACTIONS", "it commits in separate transactions, which only "
                               "writes need")
        if token == "USE" and (i == 0 or tokens[i - 1] == "{"):
            raise QueryRefused("USE", "queries run on the ecgraph database only")
        if token == "TERMINATE" and tokens[i + 1:i + 2] == ["TRANSACTIONS"]:
            raise QueryRefused("TERMINATE TRANSACTIONS", "it aborts other sessions' work")
        if token == "SHOW" and (i == 0 or tokens[i - 1] not in (".", "`")):
            rest = [t for t in tokens[i + 1:i + 5] if t not in SHOW_MODIFIERS]
            if not rest or rest[0] not in SHOW_ALLOWED:
                what = " ".join(tokens[i:i + 2 + (tokens[i + 1:i + 2] == ["CURRENT"])])
                raise QueryRefused(what, "it reads the server's users, settings or sessions, not the graph; "
                                   "SHOW INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS are allowed")
    statement = [t for t in tokens if t not in ("EXPLAIN", "PROFILE", "CYPHER") and not t[0].isdigit()]
    if statement and statement[0] in ADMIN_VERBS:
        raise QueryRefused(f"{statement[0]} … (an administration or schema command)",
                           "it changes the server or its schema")


def _operators(plan: dict[str, Any] | None) -> Iterator[tuple[str, str]]:
    if not plan:
        return
    name, _, database = str(plan.get("operatorType", "")).partition("@")
    yield name, database
    details = plan.get("args", {}).get("Details", "")
    if name == "ProcedureCall":
        yield "ProcedureCall:" + str(details).split("(", 1)[0].strip(), database
    for child in plan.get("children", []):
        yield from _operators(child)


def _check_plan(query_type: str | None, plan: dict[str, Any] | None) -> None:
    for operator, database in _operators(plan):
        if operator.startswith("ProcedureCall:"):
            procedure = operator.split(":", 1)[1]
            if procedure not in READ_PROCEDURES:
                raise QueryRefused(f"CALL {procedure}", "not on the allow-list: db.labels, db.relationshipTypes, "
                                   "db.propertyKeys, db.schema.*, db.index.fulltext.query*")
        elif operator == "LoadCSV":
            raise QueryRefused("LOAD CSV", "it reads files and URLs outside the graph")
        elif operator.startswith("Transaction"):
            raise QueryRefused("CALL { … } IN TRANSACTIONS", "it commits in separate transactions")
        elif operator == "AdministrationCommand" or database == "system":
            raise QueryRefused("an administration command", "it reads or changes users, roles or databases")
        elif operator.startswith(("Show", "Terminate")) and operator not in ALLOWED_SHOW_OPERATORS:
            words = re.sub(r"(?<!^)(?=[A-Z])", " ", operator).upper()
            raise QueryRefused(words, "it reads or changes the server's state, not the graph")
    if query_type != "r":
        kind = {"rw": "a write", "w": "a write", "s": "a schema or server change"}.get(str(query_type), "not a read")
        raise QueryRefused(f"{kind} (query type {query_type!r})", "only reads are allowed")


def check_read_only(graph: Graph, query: str, params: dict[str, Any]) -> None:
    """Raise QueryRefused unless `query` is one read of the graph (see the module docstring)."""
    if not [t for t in _tokens(query) if t != ";"]:
        raise QueryRefused("an empty query", "give one Cypher statement")
    _scan(query)
    with graph.driver.session(database=graph.database, default_access_mode="READ") as session:
        # the analyst's text, planned but not run (EXPLAIN executes nothing)
        summary = session.run("EXPLAIN " + query, params).consume()
    _check_plan(summary.query_type, summary.plan)


def run_checked(graph: Graph, query: str, params: dict[str, Any], limit: int | None = None) -> ReadOnlyResult:
    """Check `query` (QueryRefused says why not), then run it in a READ transaction."""
    check_read_only(graph, query, params)
    return run_read_only(graph, query, params, limit=limit)
