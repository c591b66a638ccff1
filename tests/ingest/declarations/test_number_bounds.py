"""Numbers within range (issue 16): one oversized number costs its own record, never the batch. Every
numeric field has a bound the graph can store; the content hash never fails on a big number."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from ecgraph.graph import Graph
from ecgraph.graph.declarations import count_declarations
from ecgraph.ingest.declarations import validate_declaration
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.declarations.map import content_hash
from ecgraph.schemas import load_json_schema
from tests.ingest.declarations.factory import declaration


def numbered(n: int) -> dict[str, object]:
    return declaration(declaration_number=f"5000000{n:04d}", invoice_number=f"INV-{n}")


@pytest.mark.parametrize(("field", "value"), [
    ("quantity", 10**30), ("quantity", 1e19), ("value", 1e308), ("net_weight_kg", 1e300), ("value_jpy", 2e15),
])
def test_an_item_number_beyond_its_bound_is_a_reason_naming_the_field(field: str, value: float) -> None:
    record = numbered(1)
    record["items"][0][field] = value  # type: ignore[index]
    reasons = validate_declaration(record)
    assert any(r.startswith(f"items/0/{field}:") for r in reasons), reasons


def test_non_finite_and_beyond_int64_numbers_are_refused_wherever_they_are() -> None:
    record = numbered(1)
    record["items"][0]["value"] = float("nan")  # type: ignore[index]
    record["items"][1]["quantity"] = float("inf")  # type: ignore[index]
    record["version"] = 2**70
    reasons = "\n".join(validate_declaration(record))
    assert "items/0/value: nan is not a finite number" in reasons
    assert "items/1/quantity" in reasons and "version" in reasons


def test_every_numeric_field_of_the_record_schemas_is_bounded() -> None:
    def numeric(node: object, path: str) -> list[tuple[str, dict[str, object]]]:
        found: list[tuple[str, dict[str, object]]] = []
        if isinstance(node, dict):
            kinds = node.get("type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if "number" in kinds or "integer" in kinds:
                found.append((path, node))
            for key, inner in node.items():
                found.extend(numeric(inner, f"{path}/{key}"))
        elif isinstance(node, list):
            for index, inner in enumerate(node):
                found.extend(numeric(inner, f"{path}/{index}"))
        return found

    for name in ("export_declaration", "label_reading", "list_entry", "rule_pack"):
        for path, spec in numeric(load_json_schema(name), name):
            assert "maximum" in spec or "exclusiveMaximum" in spec, path
            assert float(spec.get("maximum", spec.get("exclusiveMaximum", 0))) < 2**63, path  # type: ignore[arg-type]


def test_the_content_hash_never_fails_on_a_big_number() -> None:
    record = numbered(1)
    for big in (10**30, 1e308, -(10**40), float("inf"), float("nan"), 2**64):
        record["items"][0]["quantity"] = big  # type: ignore[index]
        assert len(content_hash(record)) == 24
    assert content_hash({"q": 255}) == content_hash({"q": 255.0})  # JSON Lines and CSV still agree


@pytest.mark.neo4j
def test_out_of_range_records_are_rejected_with_line_and_field_and_the_rest_land(graph: Graph, tmp_path: Path) -> None:
    lines = [json.dumps(numbered(n)) for n in range(1, 9)]
    lines[2] = lines[2].replace('"quantity": 255', '"quantity": 1000000000000000000000000000000')  # 10**30
    lines[5] = lines[5].replace('"value": 577.93', '"value": 1e308')
    source = tmp_path / "decl.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_file(graph, source, state_dir=tmp_path / "state")
    assert result.counts["loaded"] == 6 and result.counts["rejected"] == 2
    assert count_declarations(graph)["declarations"] == 6
    rejects = [json.loads(line) for line in Path(result.rejects_path).read_text(encoding="utf-8").splitlines()]
    assert [(r["line"], r["declaration_number"]) for r in rejects] == [(3, "50000000003"), (6, "50000000006")]
    assert rejects[0]["reasons"][0].startswith("items/0/quantity:")
    assert rejects[1]["reasons"][0].startswith("items/1/value:")
    # the rejects hold parties' names and addresses: the owner's alone, whatever the umask
    assert stat.S_IMODE(Path(result.rejects_path).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "state" / "rejects").stat().st_mode) == 0o700
