"""`ecgraph cypher` as a read-only door (issue 16): a refused statement gets one line on stderr naming
what was refused and exit code 1, before anything runs; reads keep working."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.neo4j


def ecgraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ecgraph.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "ECGRAPH_DEBUG": "", "COLUMNS": "300"}, timeout=120, check=False)


@pytest.mark.parametrize(("query", "named"), [
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
    ("LOAD CSV FROM 'http://127.0.0.1:7474/' AS row RETURN row", "LOAD CSV"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE TRANSACTIONS"),
    ("SHOW USERS", "SHOW USERS"),
    ("CALL db.clearQueryCaches()", "CALL db.clearQueryCaches"),
])
def test_a_refused_statement_is_one_line_and_exit_1(neo4j_env: dict[str, str], query: str, named: str) -> None:
    result = ecgraph("cypher", query)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in result.stderr, result.stderr
    assert "root:" not in result.stderr  # no /etc/passwd content


def test_a_read_still_answers(neo4j_env: dict[str, str]) -> None:
    result = ecgraph("cypher", "RETURN $n AS n, 'LOAD CSV' AS text", "-p", "n:=3", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"n": 3, "text": "LOAD CSV"}]
