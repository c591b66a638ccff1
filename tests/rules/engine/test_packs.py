"""Rule packs are data: every shipped rule validates, names known inputs and predicates, and a broken
pack is refused with the file, the line and the reason."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

import pytest

from ecgraph.graph.rule_queries import INPUT_PROBES
from ecgraph.rules.engine import load_pack, load_rules
from ecgraph.rules.engine.predicates import PREDICATES
from ecgraph.schemas.errors import SchemaError

CATALOGUE_MINIMUM = {"PS-01", "PS-02", "PS-03", "PS-04", "PS-05", "CT-01", "CT-02", "CT-03", "CA-02", "CA-03",
                     "CA-04", "CA-05", "CL-01", "CL-02", "CL-04", "RF-01", "RF-02", "RF-06", "RF-07", "RF-08",
                     "MU-01", "LB-01"}


def test_shipped_packs_cover_the_catalogue() -> None:
    ids = {rule.id for rule in load_rules()}
    assert CATALOGUE_MINIMUM <= ids


def test_every_rule_names_known_inputs_and_predicates() -> None:
    for rule in load_rules():
        assert set(rule.requires) <= set(INPUT_PROBES), (rule.id, set(rule.requires) - set(INPUT_PROBES))
        assert set(rule.reads) <= set(INPUT_PROBES), (rule.id, set(rule.reads) - set(INPUT_PROBES))
        assert (rule.cypher is None) != (rule.predicate is None), rule.id
        if rule.predicate:
            assert rule.predicate in PREDICATES, rule.id
        assert rule.source and rule.rationale, rule.id


def test_a_rule_that_reads_list_data_says_so_so_a_list_update_reruns_it() -> None:
    """`screen --lists-changed` runs only the rules that require or read a list input: a rule whose query
    walks to list entries or matches, or whose predicate looks at a party's listings, must declare it."""
    query_reads = re.compile(r"ListEntry|:MATCHES")
    # the list parts of the facts and reads predicates get (graph/rule_inputs.py)
    predicate_reads = re.compile(r"\[\"listed\"\]|matched_entries|list_addresses|listed_identities|ownership_edges")
    for rule in load_rules():
        if rule.cypher is not None:
            reads = query_reads.search(rule.cypher)
        else:
            module = sys.modules[inspect.unwrap(PREDICATES[str(rule.predicate)]).__module__]
            reads = predicate_reads.search(inspect.getsource(module))
        assert bool(reads) <= rule.reads_lists, rule.id


def test_rule_cypher_is_parameterised_not_literal() -> None:
    """Country groups, lists and thresholds are parameters (data), never literals in the query."""
    for rule in load_rules():
        if rule.cypher:
            assert "$declarations" in rule.cypher, rule.id
            for group in ("JP_GROUP_A", "JP_TOTAL_EMBARGO", "COUNTRY_OF_CONCERN"):
                assert group not in rule.cypher, (rule.id, group)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_RULE = """\
pack: test_pack
version: "1"
description: a pack for tests
rules:
  - id: XX-01
    name: Something fires
    version: 1
    rationale: because the test says so
    source: ["test"]
    severity: HIGH
    requires: [declarations]
    logic:
      cypher: "MATCH (d:Declaration) WHERE d.number IN $declarations RETURN d.number AS declaration"
"""


def test_a_valid_pack_loads_with_its_line(tmp_path: Path) -> None:
    (rule,) = load_pack(write(tmp_path, GOOD_RULE))
    assert rule.key == "XX-01.v1"
    assert rule.line == 5


def test_a_bad_severity_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_RULE.replace("severity: HIGH", "severity: URGENT"))
    with pytest.raises(SchemaError) as err:
        load_pack(path)
    message = str(err.value)
    assert str(path) in message and "line 10" in message and "URGENT" in message


def test_a_missing_field_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_RULE.replace("    rationale: because the test says so\n", ""))
    with pytest.raises(SchemaError, match="rationale"):
        load_pack(path)


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_RULE.replace("    version: 1\n", "    version: [1\n"))
    with pytest.raises(SchemaError, match="line"):
        load_pack(path)


def test_duplicate_ids_across_packs_are_refused(tmp_path: Path) -> None:
    first = write(tmp_path, GOOD_RULE)
    second = tmp_path / "other.yaml"
    second.write_text(GOOD_RULE.replace("test_pack", "other_pack"), encoding="utf-8")
    with pytest.raises(SchemaError, match="also defined"):
        load_rules([first, second])
